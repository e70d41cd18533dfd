"""Lexical anchors for sentence alignment: what two sentences in two languages share.

Each sentence becomes a bag of *anchor keys* (a :class:`collections.Counter`); a key that
both a source and a target sentence hold is evidence that they translate each other:

* ``n:`` numbers, Arabic digits with their separators dropped (``1,000``, ``1 000`` and
  ``1.000`` are all ``n:1000``; full-width digits as ASCII);
* ``l:`` Latin-script names and acronyms (a word with a capital or a digit: ``FBI``,
  ``COVID-19``, ``Kavanaugh``), lower-cased; ``a:`` an acronym's sorted letters, so that
  ``PCC`` meets ``CPC``;
* ``q:`` quoted titles (《…》, « … », “…”, "…"), counted;
* ``f:`` frames of a lexicon ``{frame: {lang: [terms]}}`` whose terms occur;
* ``h:`` / ``H:`` Sino-Vietnamese syllables and syllable pairs (zh–vi only): a Chinese
  character's Hán-Việt reading (``data/hanviet/``, from Unihan ``kVietnamese``) and a
  Vietnamese syllable, lower-cased, tones kept (国务院 → ``H:quốc vụ``, ``H:vụ viện``);
* ``d:`` dictionary glosses (zh–en, zh–fr): the first five letters of the English words CC-CEDICT
  gives for a Chinese word (``data/cedict/``) and of an English or (unaccented) French word
  (:func:`add_dictionary`);
* ``e:`` equivalents learned from the document itself (:func:`learn_equivalents`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np

from discourse._data import data_path
from discourse.languages import get_tokenizer, is_punct

__all__ = ["key_lists", "hanviet_table", "cedict_table", "anchor_keys", "content_words", "learn_equivalents", "add_equivalents", "equivalent_index",
           "add_dictionary"]

_WIDE = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})
_WIDE_DIGIT = re.compile("[\uff10-\uff19]")
_NUMBER = re.compile(r"\d+(?:(?:[,.]|[ \u00a0\u202f])\d{3})*(?:[.,]\d+)?")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ][0-9A-Za-zÀ-ÖØ-öø-ɏ\-]*")
_TITLES = re.compile(r"《[^》]*》|«[^»]*»|“[^”]*”|\"[^\"]*\"")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SYLLABLE = re.compile(r"[^\W\d_]+")


def key_lists(*path: str) -> dict[str, tuple[str, ...]]:
    """A shipped table of ``key<TAB>value value …`` lines (``#`` lines are its header) as
    key → values: the Hán-Việt readings and the dictionaries' glosses.

    >>> key_lists("cedict", "zh_en.tsv")["法官"]
    ('judge',)
    """
    table = {}
    with data_path(*path).open(encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and "\t" in line:
                key, values = line.rstrip("\n").split("\t")
                table[key] = tuple(values.split())
    return table


@cache
def hanviet_table() -> dict[str, tuple[str, ...]]:
    """Han character → its Hán-Việt readings (``data/hanviet/hanviet.tsv``, Unihan 15.0).

    Examples
    --------
    >>> table = hanviet_table()
    >>> table["国"], table["务"], table["院"]
    (('quốc',), ('vụ',), ('viện',))
    """
    return key_lists("hanviet", "hanviet.tsv")


@cache
def cedict_table() -> dict[str, tuple[str, ...]]:
    """Simplified Chinese word → English gloss words (``data/cedict/zh_en.tsv``, CC-CEDICT).

    Examples
    --------
    >>> cedict_table()["法官"], cedict_table()["调查"][:3]
    (('judge',), ('investigation', 'inquiry', 'investigate'))
    """
    return key_lists("cedict", "zh_en.tsv")


def add_dictionary(keys, words, *, lang: str) -> None:
    """Add ``d:`` keys (CC-CEDICT, zh–en): an English word's first 5 letters, and on the zh side
    those of each gloss word of each Chinese word (so *investigate* meets *investigation*).

    `keys` (the caller's own anchor bags) are changed in place; `words` are the sentences'
    content words (:func:`content_words`).

    Examples
    --------
    >>> zh, en = [Counter()], [Counter()]
    >>> add_dictionary(zh, [{"法官"}], lang="zh"); add_dictionary(en, [{"judges"}], lang="en")
    >>> zh, en
    ([Counter({'d:judge': 1})], [Counter({'d:judge': 1})])
    """
    table, by_word = (cedict_table() if lang == "zh" else None), {}
    for bag, have in zip(keys, words):
        for w in [w for w in have if w not in by_word]:  # each word's keys computed once
            if table is None:
                by_word[w] = ("d:" + _plain(w)[:5],) if w.isalpha() else ()
            else:
                by_word[w] = tuple(sorted({"d:" + g[:5] for g in table.get(w, ())}))
        bag.update(sorted({k for w in have for k in by_word[w]}))  # sorted: a bag's order sets the sums' order


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _latin_keys(text: str, *, every_word: bool) -> list[str]:
    keys = []
    for word in _LATIN.findall(text):
        word = word.strip("-")
        rest = word[1:]
        if len(word) < 2 or (not every_word and word.isalpha() and word.islower()):   # the common case, fast
            continue
        if not (every_word or word[0].isupper() or rest != rest.lower() or not rest.isalpha()):
            continue
        keys.append("l:" + word.lower())
        if word.isupper() and 2 <= len(word) <= 6:
            keys.append("a:" + "".join(sorted(word.lower())))
    return keys


def _syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(unicodedata.normalize("NFC", text).lower())


def anchor_keys(sentences: Sequence[str], *, lang: str, other_lang: str, lexicon: Mapping | None = None,
                other_sentences: Sequence[str] = ()) -> list[Counter]:
    """The anchor keys of each sentence (see the module docstring).

    Parameters
    ----------
    sentences : sequence of str
    lang, other_lang : str
        The sentences' language and the language they are aligned with (zh–vi adds the
        Hán-Việt keys).
    lexicon : mapping, optional
        ``{frame: {lang: [terms]}}``; ``*`` in a term is ignored (terms match as substrings).
    other_sentences : sequence of str
        The other side's sentences: for zh with vi, a character's reading is the first of
        its readings that the Vietnamese text uses.

    Returns
    -------
    list of Counter

    Examples
    --------
    >>> keys = anchor_keys(["国务院在2020年批准了1,000个GDP项目。"], lang="zh", other_lang="vi",
    ...                    other_sentences=["Quốc vụ viện đã duyệt 1.000 dự án GDP năm 2020."])
    >>> sorted(k for k in keys[0] if k[0] in "nlH")
    ['H:quốc vụ', 'H:vụ viện', 'l:gdp', 'n:1000', 'n:2020']
    """
    terms = []
    for frame, by_lang in (lexicon or {}).items():
        terms += [(frame, t.replace("*", "").lower()) for t in by_lang.get(lang, ()) if t.replace("*", "").strip()]
    hanviet = hanviet_table() if {lang, other_lang} == {"zh", "vi"} else None
    vocabulary = {s for text in other_sentences for s in _syllables(text)} if hanviet and lang == "zh" else set()
    out = []
    for text in sentences:
        plain = text.translate(_WIDE) if _WIDE_DIGIT.search(text) else text
        keys = ["n:" + re.sub(r"\D", "", n) for n in _NUMBER.findall(plain)]
        keys += _latin_keys(plain, every_word=lang == "zh")
        keys += ["q:"] * len(_TITLES.findall(plain))
        lowered = plain.lower()
        keys += ["f:" + frame for frame, term in terms if term in lowered]
        if hanviet and lang == "zh":
            readings = []
            for char in plain:
                options = hanviet.get(char, ()) if _HAN.match(char) else ()
                readings.append(next((r for r in options if r in vocabulary), None))
            keys += ["h:" + r for r in readings if r]
            keys += [f"H:{a} {b}" for a, b in zip(readings, readings[1:]) if a and b]
        elif hanviet:
            syllables = _syllables(plain)
            keys += ["h:" + s for s in syllables]
            keys += [f"H:{a} {b}" for a, b in zip(syllables, syllables[1:])]
        out.append(Counter(keys))
    return out


def content_words(sentences: Sequence[str], *, lang: str) -> list[set[str]]:
    """Each sentence's content words: its tokenizer's norms less stopwords, punctuation, numbers.

    Examples
    --------
    >>> [sorted(words) for words in content_words(["The FBI opened 2 files."], lang="en")]
    [['fbi', 'files', 'opened']]
    """
    tok = get_tokenizer(lang)
    stop, keep = tok.stopwords, {}
    out = []
    for tokens in tok.tokenize_many(list(sentences)):
        norms = {t[2] for t in tokens}
        for norm in [norm for norm in norms if norm not in keep]:
            keep[norm] = norm not in stop and not is_punct(norm) and not any(c.isdigit() for c in norm)
        out.append({norm for norm in norms if keep[norm]})
    return out


def learn_equivalents(source_words: Sequence[set], target_words: Sequence[set], links, *,
                      min_count: int = 2, min_dice: float = 0.7) -> list[tuple[str, str, float]]:
    """Word pairs associated over confident links: Dice = 2·c(s, t) / (c(s) + c(t)).

    As hunalign does without a dictionary (Varga et al. 2005): counts are over the linked
    sentence pairs only; a pair is kept when it co-occurs at least `min_count` times and its
    Dice coefficient is at least `min_dice`.

    Parameters
    ----------
    source_words, target_words : sequence of set of str
        Content words per sentence (:func:`content_words`).
    links : iterable of (int, int)
        Confident (source, target) sentence pairs.

    Returns
    -------
    list of (source_word, target_word, dice), strongest first.

    Examples
    --------
    >>> src = [{"卡瓦诺", "法官"}, {"卡瓦诺", "投票"}, {"参议员"}]
    >>> tgt = [{"kavanaugh", "juge"}, {"kavanaugh", "vote"}, {"sénateur"}]
    >>> learn_equivalents(src, tgt, [(0, 0), (1, 1), (2, 2)])
    [('卡瓦诺', 'kavanaugh', 1.0)]
    """
    links = list(links)
    if not links:
        return []
    vocab_s, vocab_t = {}, {}
    ids_s = [[vocab_s.setdefault(w, len(vocab_s)) for w in source_words[i]] for i, _ in links]
    ids_t = [[vocab_t.setdefault(w, len(vocab_t)) for w in target_words[j]] for _, j in links]
    n_s = np.array([len(x) for x in ids_s], dtype=np.int64)
    n_t = np.array([len(x) for x in ids_t], dtype=np.int64)
    flat_s = np.fromiter((w for x in ids_s for w in x), dtype=np.int64, count=int(n_s.sum()))
    flat_t = np.fromiter((w for x in ids_t for w in x), dtype=np.int64, count=int(n_t.sum()))
    c_s, c_t = np.bincount(flat_s, minlength=len(vocab_s)), np.bincount(flat_t, minlength=len(vocab_t))
    per_link = n_s * n_t                                   # every (source word, target word) of a link
    link = np.repeat(np.arange(len(links)), per_link)
    rank = np.arange(int(per_link.sum())) - np.repeat(np.cumsum(per_link) - per_link, per_link)
    start_s, start_t = np.cumsum(n_s) - n_s, np.cumsum(n_t) - n_t
    pair_s = flat_s[start_s[link] + rank // np.maximum(n_t[link], 1)]
    pair_t = flat_t[start_t[link] + rank % np.maximum(n_t[link], 1)]
    codes, n = np.unique(pair_s * max(len(vocab_t), 1) + pair_t, return_counts=True)
    s_id, t_id = codes // max(len(vocab_t), 1), codes % max(len(vocab_t), 1)
    dice = 2 * n / (c_s[s_id] + c_t[t_id])
    keep = (n >= min_count) & (dice >= min_dice - 1e-6)   # exact rounding below, on the few kept
    words_s, words_t = list(vocab_s), list(vocab_t)
    pairs = [(words_s[a], words_t[b], round(2 * int(k) / int(c_s[a] + c_t[b]), 6))
             for a, b, k in zip(s_id[keep].tolist(), t_id[keep].tolist(), n[keep].tolist())]
    return sorted((p for p in pairs if p[2] >= min_dice), key=lambda p: (-p[2], p[0], p[1]))


def equivalent_index(pairs) -> tuple[dict, dict]:
    """Per side, each word of the (source word, target word) ``pairs`` with the ``e:`` keys it brings
    (what :func:`add_equivalents` adds; made once when many documents use the same pairs).

    >>> equivalent_index([("法官", "juge"), ("法官", "juges")])[0]
    {'法官': ['e:法官|juge', 'e:法官|juges']}
    """
    out = ({}, {})
    for pair in pairs:
        key = f"e:{pair[0]}|{pair[1]}"
        out[0].setdefault(pair[0], []).append(key)
        out[1].setdefault(pair[1], []).append(key)
    return out


def add_equivalents(keys_s, keys_t, words_s, words_t, pairs, *, index=None) -> None:
    """Add an ``e:`` key for each (source word, target word) pair to the sentences holding them.

    `keys_s`, `keys_t` are the anchor bags (changed in place: they are the caller's own);
    `words_s`, `words_t` the sentences' content words (:func:`content_words`); `index`, if
    given, is :func:`equivalent_index` of `pairs` (then `pairs` is not read).

    Examples
    --------
    >>> keys_s, keys_t = [Counter()], [Counter(), Counter()]
    >>> add_equivalents(keys_s, keys_t, [{"法官"}], [{"juge"}, {"vote"}], [("法官", "juge")])
    >>> keys_s, keys_t
    ([Counter({'e:法官|juge': 1})], [Counter({'e:法官|juge': 1}), Counter()])
    """
    index = equivalent_index(pairs) if index is None else index
    for keys, words, by_word in ((keys_s, words_s, index[0]), (keys_t, words_t, index[1])):
        if not by_word:
            continue
        for bag, have in zip(keys, words):
            for word in sorted(have & by_word.keys()):      # sorted: not the hash seed's set order
                bag.update(by_word[word])
