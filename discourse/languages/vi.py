"""Vietnamese tokenizer: pyvi word segmentation, a domain dictionary, glued-word repair.

Vietnamese writes one syllable per space-separated unit; a word is one or more
syllables ("trách nhiệm"). The text is first cut into syllables and other pieces
(numbers, abbreviations, web addresses, marks), repairing syllables glued together by
text extraction ("mụctiêu" → "mục" + "tiêu"); pyvi's CRF model then says which
syllables form words, and the domain dictionary ``data/dictionaries/vi_domain.txt``
overrides it where a listed term occurs.

Norm forms are lowercase syllables joined by one space, with the tone mark of a final
"oa", "oe" or "uy" on its second vowel ("xoá", "khoẻ", "uỷ": the style of the seed
texts), so that "xóa"/"xoá", "ủy"/"uỷ", "hòa"/"hoà" count as one word.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import cached_property, lru_cache

from discourse._data import data_path
from discourse.languages._vi_crf import load_model
from discourse.languages.base import HAN, MARK_RUN, MARKS, WIDE_ALNUM, Columns, Token, Tokenizer, TypeIds, read_terms

__all__ = ["VietnameseTokenizer", "is_syllable", "split_glued", "normalize_syllable", "crf_features"]

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_TONE_RE = re.compile(f"[{_TONES}]")
# A tone mark on the first vowel of a final oa / oe / uy moves to the second (NFD text).
_OLD_TONE = re.compile(f"(o)([{_TONES}])([ae])$|(u)([{_TONES}])(y)$")

_ONSET = "ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|k(?=[ieêy])|c(?![ieêy])|[bdđghlmnprstvx]"
_NUCLEUS = "iê|yê|ia|ya|uô|ua|ươ|ưa|uơ|[aăâeêioôơuưy]"
_CODA = "ch|ng|nh|[cmnptiyou]"
_SYLLABLE = re.compile(f"(?:{_ONSET})?[ou]?(?:{_NUCLEUS})(?:{_CODA})?")

# Letters that occur in Vietnamese but not in French or English spelling.
VI_ONLY_LETTERS = frozenset(
    "áảãạăằắẳẵặấầẩẫậđẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộơờớởỡợúủũụưừứửữựýỳỷỹỵ"
)

# Pieces of text, in order of preference. Only "word" pieces are syllables.
_PIECES = "|".join([
    r"(?P<num>\d+(?:[.,]\d+)*)",                         # 2015  1.000  3,5
    r"(?P<abbr>(?:[^\W\d_]\.){2,})",                     # v.v.
    r"(?P<web>\w+://\S+|[A-Za-z0-9]+(?:\.[a-z0-9]+)+(?!\w))",  # China.org.cn, not "trọng.Đảng"
    rf"(?P<han>[{HAN}])",
    rf"(?P<word>[^\W\d_{HAN}](?:[^\W\d_{HAN}]|[{MARKS}])*)",
    r"(?P<other>\w+)",
    MARK_RUN,
])


@lru_cache(maxsize=None)
def _pieces_finditer():
    """``finditer`` of the compiled :data:`_PIECES` (compiled on first use: ~20 ms, not at import)."""
    return re.compile(_PIECES).finditer


@lru_cache(maxsize=1 << 16)
def is_syllable(letters: str) -> bool:
    """Return True if `letters` has the shape of a Vietnamese syllable (onset + rhyme).

    Tone marks and case are ignored. The check over-generates a little (it accepts some
    combinations the language does not use) but rejects glued words and most foreign words.

    Examples
    --------
    >>> is_syllable("Nguyễn"), is_syllable("khuỷu"), is_syllable("mụctiêu"), is_syllable("China")
    (True, True, False, False)
    """
    bare = unicodedata.normalize("NFC", _TONE_RE.sub("", unicodedata.normalize("NFD", letters.lower())))
    return _SYLLABLE.fullmatch(bare) is not None


def split_glued(letters: str) -> list[str]:
    """Split a run of letters into the fewest Vietnamese syllables, if it is glued.

    A run that is a syllable itself, that has no letter found only in Vietnamese (so
    foreign words stay alone), or that cannot be split into syllables is returned whole.
    Among the splits with fewest syllables, the one cutting most often before a capital
    letter that follows a small one wins.

    Examples
    --------
    >>> split_glued("đạođượcphân"), split_glued("QuốcvàQuốc"), split_glued("Paris")
    (['đạo', 'được', 'phân'], ['Quốc', 'và', 'Quốc'], ['Paris'])
    """
    n = len(letters)
    if is_syllable(letters) or not VI_ONLY_LETTERS.intersection(letters.lower()):
        return [letters]
    # best[i] = (syllables, -case cuts) of the best split of letters[:i], and its last cut
    best: list[tuple[int, int, int] | None] = [(0, 0, 0)] + [None] * n
    for i in range(1, n + 1):
        for j in range(max(0, i - 8), i):
            if best[j] is None or not is_syllable(letters[j:i]):
                continue
            case_cut = j > 0 and letters[j - 1].islower() and letters[j].isupper()
            cand = (best[j][0] + 1, best[j][1] - case_cut, j)
            if best[i] is None or cand[:2] < best[i][:2]:
                best[i] = cand
    if best[n] is None:
        return [letters]
    parts, i = [], n
    while i > 0:
        j = best[i][2]
        parts.append(letters[j:i])
        i = j
    return parts[::-1]


def normalize_syllable(syllable: str) -> str:
    """Lowercase a syllable and put the tone of a final oa/oe/uy on the second vowel.

    Examples
    --------
    >>> normalize_syllable("Xóa"), normalize_syllable("ủy"), normalize_syllable("hoàng")
    ('xoá', 'uỷ', 'hoàng')
    """
    decomposed = unicodedata.normalize("NFD", syllable.translate(WIDE_ALNUM).lower())
    moved = _OLD_TONE.sub(lambda m: m[1] + m[3] + m[2] if m[1] else m[4] + m[6] + m[5], decomposed)
    return unicodedata.normalize("NFC", moved)


@lru_cache(maxsize=1 << 16)
def _word_parts(letters: str) -> tuple[tuple[str, str, bool], ...]:
    """``(part, norm, is_syllable)`` for each part of a letter run split by :func:`split_glued`.

    Cached: a word recurs many times in a corpus, and its analysis depends on it alone.

    Examples
    --------
    >>> _word_parts("mụctiêu"), _word_parts("China")
    ((('mục', 'mục', True), ('tiêu', 'tiêu', True)), (('China', 'china', False),))
    """
    parts = []
    for part in split_glued(letters):
        ok = is_syllable(part)
        parts.append((part, normalize_syllable(part) if ok else part.translate(WIDE_ALNUM).lower(), ok))
    return tuple(parts)


@lru_cache(maxsize=1 << 16)
def _piece_parts(kind: str, surface: str) -> tuple[tuple[str, str, bool], ...]:
    """``(part, norm, is_syllable)`` for each part of a piece matched by ``_PIECES``: a
    letter run (kind ``word``) split by :func:`split_glued`, anything else whole."""
    if kind == "word":
        return _word_parts(surface)
    return ((surface, surface.translate(WIDE_ALNUM).lower(), False),)


_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group
_LASTGROUP = operator.attrgetter("lastgroup")
_FIRST, _SECOND, _THIRD = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(2)


def crf_features(syllables: list[str], bi_grams, tri_grams) -> list[dict]:
    """The features pyvi's CRF model expects, equal to ``ViTokenizer.sent2features(syllables, False)``.

    pyvi builds each syllable's features from scratch, lowercasing and testing each
    syllable and each bigram and trigram of its neighbourhood several times over; here each
    is computed once per position, then the dictionaries are assembled with the same keys
    and values in the same order. (``tests/test_languages.py`` checks the equality.)

    Parameters
    ----------
    syllables : list of str
        The pieces of one text, in order.
    bi_grams, tri_grams : set of str
        pyvi's lexicon (``ViTokenizer.bi_grams``, ``ViTokenizer.tri_grams``).

    Examples
    --------
    >>> f = crf_features(["Hà", "Nội"], {"hà nội"}, set())
    >>> f[0]["word.lower()"], f[0]["+1:word.bi_gram()"], f[1]["-1:word.istitle()"]
    ('hà', True, True)
    """
    n = len(syllables)
    lower = [s.lower() for s in syllables]
    upper = [s.isupper() for s in syllables]
    title = [s.istitle() for s in syllables]
    # bigram[i]: syllables i, i + 1; trigram[i]: syllables i, i + 1, i + 2 (pyvi's lookup)
    bigram = [" ".join(syllables[i : i + 2]).lower() in bi_grams for i in range(n - 1)]
    trigram = [" ".join(syllables[i : i + 3]).lower() in tri_grams for i in range(n - 2)]
    features = []
    for i, syllable in enumerate(syllables):
        f = {"bias": 1.0, "word.lower()": lower[i], "word.isupper()": upper[i], "word.istitle()": title[i],
             "word.isdigit()": syllable.isdigit()}
        if i > 0:
            f["-1:word.lower()"] = lower[i - 1]
            f["-1:word.istitle()"] = title[i - 1]
            f["-1:word.isupper()"] = upper[i - 1]
            f["-1:word.bi_gram()"] = bigram[i - 1]
            if i > 1:
                f["-2:word.tri_gram()"] = trigram[i - 2]
        if i < n - 1:
            f["+1:word.lower()"] = lower[i + 1]
            f["+1:word.istitle()"] = title[i + 1]
            f["+1:word.isupper()"] = upper[i + 1]
            f["+1:word.bi_gram()"] = bigram[i]
            if i < n - 2:
                f["+2:word.tri_gram()"] = trigram[i]
        features.append(f)
    return features


class VietnameseTokenizer(Tokenizer):
    """Vietnamese words: pyvi's segmentation with domain terms forced and glued words repaired.

    A multi-syllable token spans its syllables and the single spaces between them
    (``text[start:end] == "trách nhiệm"``); syllables separated by anything else (two
    spaces, a line break, a mark) never form one word. pyvi's model is used directly on
    the syllables (the features of ``ViTokenizer.sent2features``, the CRF tagger of
    ``ViTokenizer.model``, read by :mod:`discourse.languages._vi_crf` without importing
    pyvi), with the joining rules of ``ViTokenizer.tokenize``.

    Examples
    --------
    >>> tok = VietnameseTokenizer()
    >>> [n for _, _, n in tok.tokenize("Trận chiến công kiên thoát nghèo, xác định mụctiêu.")]
    ['trận chiến', 'công kiên', 'thoát nghèo', ',', 'xác định', 'mục tiêu', '.']
    >>> tok.repairs("xác định mụctiêu")
    [(9, 16, 'mụctiêu', 'mục tiêu')]
    """

    lang = "vi"
    data_files = (("dictionaries", "vi_domain.txt"),)
    libraries = ("pyvi",)

    def normalize(self, word: str) -> str:
        return " ".join(normalize_syllable(s) for s in word.split())

    @cached_property
    def _terms(self) -> dict[int, frozenset[tuple[str, ...]]]:
        """Domain terms as tuples of syllable norms, grouped by length (longest first)."""
        terms = read_terms(data_path(*self.data_files[0])) + list(self.user_terms)
        by_length: dict[int, set[tuple[str, ...]]] = {}
        for term in terms:
            key = tuple(self.normalize(term).split())
            by_length.setdefault(len(key), set()).add(key)
        return {n: frozenset(by_length[n]) for n in sorted(by_length, reverse=True) if n > 1}

    @cached_property
    def _term_firsts(self) -> frozenset[str]:
        """First syllables of the domain terms: a term can start only at one of them."""
        return frozenset(term[0] for terms in self._terms.values() for term in terms)

    @cached_property
    def _pyvi(self):
        return load_model()  # pyvi's CRF tagger and lexicon, on first use

    def _pieces(self, text: str) -> tuple[list[int], list[int], list[str], list[bool], list[bool], list[str]]:
        """The pieces of `text` as columns: start, end, norm, whether it is a syllable,
        whether it is glued to the previous piece (a repaired glued word), and its surface."""
        matches = list(_pieces_finditer()(text))
        kinds = list(map(_piece_parts, map(_LASTGROUP, matches), map(_GROUP, matches)))
        if not kinds or max(map(len, kinds)) == 1:  # no glued word: one piece per match
            parts = list(map(_FIRST, kinds))
            return (list(map(_START, matches)), list(map(_END, matches)), list(map(_SECOND, parts)),
                    list(map(_THIRD, parts)), [False] * len(parts), list(map(_FIRST, parts)))
        starts, ends, norms, syllables, glued, surfaces = [], [], [], [], [], []
        for m, parts in zip(matches, kinds):
            start = m.start()
            for k, (part, norm, ok) in enumerate(parts):
                starts.append(start)
                start += len(part)
                ends.append(start)
                norms.append(norm)
                syllables.append(ok)
                glued.append(k > 0)
                surfaces.append(part)
        return starts, ends, norms, syllables, glued, surfaces

    def repairs(self, text: str) -> list[tuple[int, int, str, str]]:
        out = []
        for m in _pieces_finditer()(text):
            parts = split_glued(m.group()) if m.lastgroup == "word" else []
            if len(parts) > 1:
                out.append((m.start(), m.end(), m.group(), " ".join(parts)))
        return out

    def tokenize(self, text: str) -> list[Token]:
        return self.tokenize_many([text])[0]

    def tokenize_many(self, texts) -> list[list[Token]]:
        return [list(zip(*self._segment(text))) for text in texts]

    def token_columns(self, texts: list[str], vocab: TypeIds | None = None) -> Columns:
        ids = TypeIds() if vocab is None else vocab  # norms are made by _segment
        counts, starts, ends, token_ids = [], [], [], []
        for text in texts:
            s, e, norms = self._segment(text)
            counts.append(len(s))
            starts += s
            ends += e
            token_ids += map(ids.__getitem__, norms)
        return counts, starts, ends, ids.types, token_ids

    def _segment(self, text: str) -> tuple[list[int], list[int], list[str]]:
        """Start, end and norm of each word of one text."""
        # Text by text: pyvi's feature dicts (a dozen entries per syllable) are freed as
        # soon as the text is labelled, instead of piling up for a whole batch (which costs
        # memory and makes every garbage collection walk them all).
        pieces = self._pieces(text)
        if not pieces[0]:
            return [], [], []
        vi = self._pyvi
        features = crf_features(pieces[5], vi.bi_grams, vi.tri_grams)
        return self._words(text, pieces, vi.tag(features))

    def _words(self, text: str, pieces, labels: list[str]) -> tuple[list[int], list[int], list[str]]:
        starts, ends, norms, syllable, glued, surfaces = pieces
        n = len(starts)
        # may piece i be in one word with piece i - 1?
        joinable = [False] + [
            syllable[i] and syllable[i - 1] and (glued[i] or ends[i - 1] + 1 == starts[i] and text[ends[i - 1]] == " ")
            for i in range(1, n)
        ]
        # pyvi's choice, with ViTokenizer.tokenize's rule: no capital joins a small letter
        upper = [s[0].isupper() for s in surfaces]
        first = [not joinable[i] or labels[i] != "I_W" or (upper[i] and not upper[i - 1]) for i in range(n)]
        for i, j in self._term_matches(norms, joinable):
            first[i:j] = [True] + [False] * (j - i - 1)
            if j < n:
                first[j] = True
        heads = [i for i in range(n) if first[i]]
        if len(heads) == n:  # every piece a word of its own
            return starts, ends, norms
        bounds = heads + [n]
        return ([starts[i] for i in heads], [ends[j - 1] for j in bounds[1:]],
                [norms[i] if j - i == 1 else " ".join(norms[i:j]) for i, j in zip(heads, bounds[1:])])

    def _term_matches(self, norms: list[str], joinable: list[bool]):
        """Yield the (first, last + 1) pieces of domain terms: longest leftmost, not overlapping."""
        i, n = 0, len(norms)
        firsts = self._term_firsts
        while i < n:
            if norms[i] not in firsts:  # no term starts here
                i += 1
                continue
            for length, terms in self._terms.items():
                j = i + length
                if j <= n and all(joinable[i + 1 : j]) and tuple(norms[i:j]) in terms:
                    yield i, j
                    i = j
                    break
            else:
                i += 1


TOKENIZER = VietnameseTokenizer


# ---------------------------------------------------------------- registration (languages/registry.py)
CODE = "vi"
NAME = "Vietnamese"
ALIASES: tuple[str, ...] = ('vie',)
COLOR = "#009E73"  # bluish green (Okabe–Ito)
USER_DICT = True  # the tokenizer takes a user dictionary
stem = None  # no stemmer: words are counted as they are


# ---------------------------------------------------------------- sentences (languages/sentences.py)
from discourse.languages import sentences as _sentences  # noqa: E402

#: Vietnamese sentence facts. Abbreviations written for this package (press and
#: administrative usage: TP. thành phố, TS. tiến sĩ, PGS. phó giáo sư, ThS. thạc sĩ …).
SENTENCE_RULES = _sentences.SentenceRules(
    spaced=".!?…",
    abbreviations=frozenset(
        "tp tx tt ts pgs gs ths bs ks ls ns nxb q p h tr th ct tw ubnd hđnd đ/c "
        "mr mrs dr st e.g i.e cf vs".split()
    ),
    final_abbreviations=frozenset("v.v vv etc inc ltd co corp".split()),
    starters=frozenset(
        "Tôi Chúng Anh Chị Em Ông Bà Nó Họ Đây Đó Những Các Một Này Nhưng Và Vì Nếu Khi "
        "Trong Theo Sau Trước Hiện Cũng Còn Thế Vậy Do Tại Với Để Ngoài Năm Ngày Hôm".split()
    ),
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Vietnamese sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``.

    Abbreviations (TP., TS., PGS., ThS., v.v.), decimals (3,5) and quotes do not cut;
    see :mod:`discourse.languages.sentences`.

    >>> text = "PGS. TS. Nguyễn Văn A đến TP. Hồ Chí Minh. Tăng 3,5 %, v.v. Ông nói: “Tốt!” Rồi đi."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['PGS. TS. Nguyễn Văn A đến TP. Hồ Chí Minh.', 'Tăng 3,5 %, v.v.', 'Ông nói: “Tốt!”', 'Rồi đi.']
    """
    return _sentences.split(text, start, end, rules=SENTENCE_RULES)
