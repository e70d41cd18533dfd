"""Term equivalents from aligned units: which target-language words translate a term?

For a source term (say 自由), every aligned unit — a paragraph or title and its
translation — either contains it or not, and either contains a target candidate (say
*liberté*) or not. A candidate that occurs in the translations of exactly the units that
contain the term is its likely equivalent. Counting **units**, not tokens, is what makes
this work across languages whose words do not line up one to one (Gale & Church 1991;
Smadja et al. 1996).

Candidates are the target language's words and, by default, **two adjacent content
words** (*nations unies*; *liên hợp quốc* is already one Vietnamese word). Function
words (the language's stoplist: by default the package's function words) and
punctuation are not candidates unless ``stopwords=False``. French and English words are pooled by their Snowball stem (NLTK;
Porter 2001), so that *liberté* and *libertés* count as one candidate, shown in its most
frequent form. A candidate is its words as written, not the way the tokenizer happened
to cut them: the Vietnamese tokenizer reads « Hoa Kỳ ký hiệp ước » as *hoa kỳ* + … but
« Hoa Kỳ chế tạo máy bay » as *hoa* + *kỳ* + …, and both are the one candidate *hoa kỳ*
(its ``words`` is the fewest tokens it was cut into), counted once per unit.

**Competitive linking** (Melamed 2000): a candidate is left out when another source
word — its ``rival`` — is more strongly associated with it on at least as many shared
units. In the declaration of human rights, *protection* occurs with 保护 and with 享受
(« 享受法律的平等保护 »); it goes to 保护, and 享受 gets *enjoy*.

Association, over the 2 × 2 table of units (``a`` = units with term and candidate,
``f_s`` = units with the term, ``f_t`` = units with the candidate, ``N`` = aligned
units):

* ``dice`` = 2a / (f_s + f_t) (Dice 1945), 0–1;
* ``log_dice`` = 14 + log2(dice) (Rychlý 2008), at most 14; same ranking as Dice;
* ``g2`` — log-likelihood ratio (Dunning 1993), 2 Σ O ln(O / E) over the four cells,
  negative when the candidate occurs *less* often with the term than expected.

Dice ranks by how exactly the two sets of units coincide, so a very frequent word does
not outrank a rarer exact match; G2 favours frequent pairs. Of two candidates with the
same score, the one sharing more units with the term ranks first. Candidates equal in
both are **tied**: they share the lowest rank of their group (competition ranking:
1, 2, 2, 4) and are marked ``tied``; within a tie shorter candidates are listed first,
then in alphabetical order, which says nothing about them. A tie can go on past the
last row that ``top`` keeps.

**Support.** A candidate that shares a single unit with the term (``low_support``)
is no evidence of translation: every other word of that unit scores the same. A term
found in one aligned unit has only such candidates, all tied — 军令状 in the bundled
corpus is one: its French paragraph leaves the phrase out, and the table lists that
paragraph's words in alphabetical order. ``min_support=2`` leaves them out.

Measured on the Universal Declaration of Human Rights (``tests/test_equivalence.py``),
the top candidate is right for about half to two thirds of the 20 most frequent Chinese
content words: clear content words (自由, 教育, 法律, 联合国 …) come out right; words
without one consistent translation (享受, 享有, 人), a modal (应) and pronouns whose
translations are stopwords (人人 → *everyone*) do not. Treat the list as suggestions to
check against the ``support`` units, never as a dictionary.

References
----------
Dice, L. R. (1945). Measures of the amount of ecologic association between species.
*Ecology* 26(3), 297–302.

Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61–74.

Gale, W. A. & Church, K. W. (1991). Identifying word correspondences in parallel texts.
*Speech and Natural Language Workshop*, 152–157.

Melamed, I. D. (2000). Models of translational equivalence among words. *Computational
Linguistics* 26(2), 221–249.

Porter, M. F. (2001). Snowball: a language for stemming algorithms.
https://snowballstem.org/

Rychlý, P. (2008). A lexicographer-friendly association score. *Proceedings of RASLAN
2008*, 6–9.

Smadja, F., McKeown, K. R. & Hatzivassiloglou, V. (1996). Translating collocations for
bilingual lexicons: a statistical approach. *Computational Linguistics* 22(1), 1–38.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from .corpus import COUNTED_ROLES
from .errors import InputError
from .languages import registry
from .query import find
from .sentence_units import at_unit
from .stats.association import g2_units
from .stats.cooccurrence import dice, log_dice
from .stats.registry import measures
from .stats.tables import UNSET, renamed
from .token_options import stoplist_option

__all__ = ["equivalents", "dice", "log_dice", "g2_units", "EQUIVALENT_COLUMNS"]

EQUIVALENT_COLUMNS = ["term", "source_lang", "target_lang", "rank", "tied", "candidate", "words", "joint",
                      "low_support", "source_units", "target_units", "units", "dice", "log_dice", "g2", "rival",
                      "rival_score", "support"]
#: The ranking measures (all three are columns): :func:`discourse.stats.registry.measures` of "equivalents".
MEASURES = tuple(measures("equivalents"))
_MAX_GAP = 0  # function words allowed between the content words of an n-gram


def equivalents(corpus, term, *, source: str = "zh", target: str = "fr", measure: str = "dice", top: int = 10,
                n: int = 2, stopwords=None, competitive: bool = True, stem: bool = True,
                min_support: int = 1, ngrams=UNSET, unit: str = "paragraph") -> pd.DataFrame:
    """Candidate translations of a term, ranked by association over aligned units.

    Parameters
    ----------
    corpus : Corpus
        With aligned units (``align_id``) in both languages.
    term : str or list of str
        A query in the source language, in the syntax of :func:`discourse.query.find`
        (a word, a phrase, a wildcard pattern, or a list of them).
    source, target : str
        Language codes.
    measure : {"dice", "log_dice", "g2"}
        The ranking measure (all three are returned; see the module's docstring).
    top : int or None
        Number of candidates returned (all with ``None``).
    n : int
        Longest candidate, in adjacent content words (1 = single words; 2, the default:
        single words and pairs).
    stopwords : None, False or mapping
        The stoplist of the target language, whose words are not candidates: ``None``
        (default) the package's function words; ``False`` none (function words are
        candidates too); ``{"fr": file or words}`` yours. (Rivals are always content
        words of the source language, under its default stoplist.)
    competitive : bool
        Leave out a candidate whose ``rival`` (another source content word, sharing at
        least as many units with it) is more strongly associated with it. With
        ``False`` every candidate is listed, with its rival.
    stem : bool
        Pool French and English words by their Snowball stem.
    min_support : int
        Fewest aligned units a candidate must share with the term to be listed (1, the
        default, lists all; 2 leaves out the ``low_support`` ones).
    ngrams : int
        The former name of ``n`` (accepted with a :class:`FutureWarning`).
    unit : {"paragraph", "sentence"}
        The aligned unit counted: paragraphs (the segments, by default) or sentence
        units (``corpus.to_sentences()``): finer units, sharper associations.

    Returns
    -------
    DataFrame
        ``term, source_lang, target_lang``, ``rank`` (shared by tied candidates: the
        competition rank, 1, 2, 2, 4), ``tied`` (another candidate has the same score and
        ``joint``), ``candidate, words, joint`` (units with both), ``low_support``
        (``joint`` is 1: no evidence), ``source_units, target_units, units`` (aligned
        units compared),
        ``dice, log_dice, g2``, ``rival`` and ``rival_score`` (the other source content
        word with the highest ``measure`` for this candidate, and that score) and
        ``support``: the ``(doc_id, align_id)`` of the units with both, to read them in
        ``corpus.alignment()``. Empty when the term is in no aligned unit.
        ``attrs["stopwords"]``: the stoplist of the target language.

    Examples
    --------
    >>> import pandas as pd, discourse
    >>> corpus = discourse.Corpus(pd.DataFrame({
    ...     "doc_id": "d", "align_id": [1, 1, 2, 2, 3, 3], "lang": ["zh", "fr"] * 3,
    ...     "text": ["人人享有自由和平等。", "Chacun jouit de la liberté et de l'égalité.",
    ...              "法律保护自由。", "La loi protège les libertés.",
    ...              "法律面前平等。", "Tous sont égaux devant la loi."]}))
    >>> eq = equivalents(corpus, "自由", target="fr", top=3)
    >>> eq[["rank", "tied", "candidate", "joint", "source_units", "target_units", "dice"]].values.tolist()[0]
    [1, False, 'liberté', 2, 2, 2, 1.0]
    >>> eq["support"].iloc[0]
    (('d', 1), ('d', 2))

    A term in one unit: its candidates are all tied, and none is evidence.

    >>> one = equivalents(corpus, "保护", target="fr")
    >>> one[["rank", "tied", "low_support"]].drop_duplicates().values.tolist()
    [[1, True, True]]
    >>> len(equivalents(corpus, "保护", target="fr", min_support=2))
    0
    """
    longest = renamed(n, ngrams, new_name="n", old_name="ngrams", function="equivalents", default=2)
    stopwords = stoplist_option(stopwords)
    if measure not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise InputError(f"top must be a positive integer or None, not {top!r}")
    if isinstance(longest, bool) or not isinstance(longest, int) or longest < 1:
        raise InputError(f"n (the longest candidate, in words) must be a positive integer, not {longest!r}")
    if isinstance(min_support, bool) or not isinstance(min_support, int) or min_support < 1:
        raise InputError(f"min_support must be a positive integer, not {min_support!r}")
    corpus = at_unit(corpus, unit)
    column = corpus.column
    for lang in (source, target):
        if lang not in corpus.langs:
            raise InputError(f"the corpus has no text in {lang!r}; it has {', '.join(corpus.langs)}")
    # aligned units present in both languages; unit number of each segment row (-1: none)
    ok = np.isin(column("role"), list(COUNTED_ROLES)) & pd.notna(column("align_id"))  # not meta lines
    keys = list(zip(column("doc_id"), column("align_id")))
    langs = column("lang")
    both = {k for k, good in zip(keys, ok & (langs == source)) if good}
    both &= {k for k, good in zip(keys, ok & (langs == target)) if good}
    doc_order = {d: i for i, d in enumerate(corpus.doc_ids)}
    units = sorted(both, key=lambda k: (doc_order[k[0]], k[1]))
    number = {k: i for i, k in enumerate(units)}
    unit_of = np.array([number.get(k, -1) if good else -1 for k, good in zip(keys, ok)], dtype=np.int64)
    toks = corpus.tokens()
    hits = find(toks, term, lang=source)
    src = np.unique(unit_of[hits["seg_row"].to_numpy()]) if len(hits) else np.zeros(0, dtype=np.int64)
    src = src[src >= 0]
    stoplists = toks.stoplist_labels(stopwords, langs=[target])
    if len(src) == 0:
        empty = pd.DataFrame(columns=EQUIVALENT_COLUMNS)
        empty.attrs["stopwords"] = stoplists
        return empty
    n, f_s = len(units), len(src)
    specs = measures("equivalents")

    def score(a, f_s, f_t):  # the ranking measure, of a candidate and a source word
        return specs[measure](f_nc=a, f_n=f_s, f_c=f_t, n=n)

    table = _candidates(toks, unit_of, langs == target, longest=longest, stopwords=stopwords, stem=stem,
                        target=target)
    in_src = np.isin(table["unit"].to_numpy(), src)
    stats = pd.DataFrame({"target_units": table.groupby("key").size()})
    stats["joint"] = table[in_src].groupby("key").size()
    stats = stats.dropna(subset=["joint"]).astype("int64")
    stats = stats[stats["joint"] >= min_support]
    for name, spec in specs.items():
        stats[name] = spec(f_nc=stats["joint"], f_n=f_s, f_c=stats["target_units"], n=n)
    stats["words"] = table.drop_duplicates("key").set_index("key")["words"].reindex(stats.index)
    stats = stats.sort_values([measure, "joint", "words"], ascending=[False, False, True], kind="stable")
    # rivals: the best other source word for each of the leading candidates
    lead = stats.head(max(200, 20 * (top or 0))) if top is not None else stats
    own = np.unique(np.concatenate([toks.type_id[a:b] for a, b in zip(hits["first"], hits["last"])]))
    rival, rival_score = _rivals(toks, unit_of, langs == source, table, lead, exclude=own, score=score)
    stats = lead.assign(rival=rival, rival_score=rival_score)
    if competitive:
        stats = stats[~(stats["rival_score"] > stats[measure])]
    rank, tied = _ranks(stats[measure].to_numpy(dtype=float), stats["joint"].to_numpy())
    stats = stats.assign(rank=rank, tied=tied, low_support=stats["joint"] < 2)
    if top is not None:
        stats = stats.head(top)
    found = table[in_src & table["key"].isin(stats.index)]
    support = found.groupby("key")["unit"].agg(lambda u: tuple((units[i][0], int(units[i][1])) for i in sorted(set(u))))
    names = found.groupby("key")["text"].agg(lambda t: t.value_counts().index[0])
    out = stats.assign(term=term if isinstance(term, str) else " | ".join(term), source_lang=source,
                       target_lang=target, candidate=names.reindex(stats.index), support=support.reindex(stats.index),
                       source_units=f_s, units=n)
    out = out[EQUIVALENT_COLUMNS].reset_index(drop=True)
    out.attrs["stopwords"] = stoplists
    return out


def _ranks(score: np.ndarray, joint: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Competition ranks (1, 2, 2, 4) of rows sorted by score and then ``joint``, both
    descending: rows equal in both share the rank of the first of them; and whether a
    row shares its rank. Scores equal to 9 decimals are equal (the same Dice from
    different counts, 2·1/(3+1) and 2·2/(3+5), may differ in the last bits).

    >>> rank, tied = _ranks(np.array([1.0, 0.5, 0.5, 0.5, 0.2]), np.array([2, 2, 2, 1, 1]))
    >>> rank.tolist(), tied.tolist()
    ([1, 2, 2, 4, 5], [False, True, True, False, False])
    """
    if len(score) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    level = np.round(score, 9)
    new = np.r_[True, (level[1:] != level[:-1]) | (joint[1:] != joint[:-1])]
    group = np.cumsum(new) - 1
    rank = np.flatnonzero(new)[group] + 1
    return rank.astype(np.int64), np.bincount(group)[group] > 1


def _rivals(toks, unit_of, is_source, table, lead, *, exclude, score):
    """For each candidate (row of ``lead``): the source content word, other than the
    term's own words, with the highest score among those sharing at least as many units
    with the candidate as the term does (so that a rare word cannot be a rival on one
    or two shared units), and that score."""
    rows = toks.seg_row
    use = (unit_of[rows] >= 0) & is_source[rows] & toks.mask(punct=False, stopwords=False) & _wordlike(toks)
    use &= ~np.isin(toks.type_id, exclude)
    words = pd.DataFrame({"unit": unit_of[rows[use]], "type": toks.type_id[use]}).drop_duplicates()
    f_src = words.groupby("type").size()
    cand = table.loc[table["key"].isin(lead.index), ["unit", "key"]]
    pairs = words.merge(cand, on="unit").groupby(["type", "key"]).size().rename("joint").reset_index()
    pairs = pairs.merge(lead[["joint", "target_units"]], left_on="key", right_index=True, suffixes=("", "_term"))
    pairs = pairs[pairs["joint"] >= pairs["joint_term"]]
    pairs["score"] = score(pairs["joint"], pairs["type"].map(f_src), pairs["target_units"])
    best = pairs.sort_values(["score", "type"], ascending=[False, True], kind="stable").drop_duplicates("key")
    best = best.set_index("key").reindex(lead.index)
    vocab = toks.vocab
    return [vocab[int(t)] if pd.notna(t) else "" for t in best["type"]], best["score"].to_numpy(dtype=float)


def _wordlike(toks) -> np.ndarray:
    """Per token: its form has a letter (numbers and symbols are never candidates)."""
    letters = np.fromiter((any(c.isalpha() for c in v) for v in toks.vocab), dtype=bool, count=len(toks.vocab))
    return letters[toks.type_id]


def _stems(toks, type_ids, lang) -> np.ndarray:
    """Per type: its Snowball stem for ``type_ids`` of a language that has a stemmer
    (ours, the stems of NLTK's ``SnowballStemmer``), else its normalised form."""
    out = np.asarray(toks.vocab, dtype=object)
    stem = registry.stemmer(lang)
    if stem is not None:
        out = out.copy()
        out[type_ids] = [stem(toks.vocab[t]) for t in type_ids]
    return out.astype(str)


def _candidates(toks, unit_of, is_target, *, longest, stopwords, stem, target) -> pd.DataFrame:
    """Distinct (unit, candidate) pairs of the target language: ``unit``, ``key`` (the
    candidate's forms or stems), ``words`` and ``text`` (the span it covers, NFC, lower).

    The key of an n-gram joins its words' forms as the text joins them — with a space
    where the text has white space between them, with nothing where they touch — so a
    string is one key however the tokenizer cut it: the Vietnamese word *hoa kỳ* (form
    "hoa kỳ") and the two words *hoa* + *kỳ*, or the Chinese 脱贫攻坚 and 脱贫 + 攻坚."""
    seg_row = toks.seg_row
    unit = unit_of[seg_row]
    use = (unit >= 0) & is_target[seg_row]
    forms = _stems(toks, np.unique(toks.type_id[use]), target if stem else None)
    punct = toks.is_punct[toks.type_id]
    is_stop = toks.stop_mask(stopwords)
    content = use & ~punct & _wordlike(toks) & (True if is_stop is None else ~is_stop)
    idx = np.flatnonzero(content)
    texts = toks.corpus.column("text")
    n_punct = np.r_[0, np.cumsum(punct)]  # punctuation tokens before each index
    # chains of content words: the next content word in the same segment, with at most
    # _MAX_GAP function words (none by default) and no punctuation in between
    nxt = np.r_[idx[1:], 0]
    linked = np.r_[seg_row[idx[1:]] == seg_row[idx[:-1]], False] & (nxt - idx - 1 <= _MAX_GAP)
    linked &= n_punct[nxt] - n_punct[np.minimum(idx + 1, len(toks))] == 0
    # what joins a content word to the next in a key: " " if the text between them has
    # white space, else "" (words that touch, as in Chinese)
    joiner = np.full(len(idx), "", dtype="<U1")
    gaps = np.flatnonzero(linked)
    gaps = gaps[toks.start[idx[gaps + 1]] > toks.end[idx[gaps]]]
    joiner[gaps[[any(map(str.isspace, texts[r][s:e])) for r, s, e in
                 zip(seg_row[idx[gaps]], toks.end[idx[gaps]], toks.start[idx[gaps + 1]])]]] = " "
    frames = []
    for n in range(1, longest + 1):
        starts = np.arange(max(len(idx) - n + 1, 0))
        ok = np.ones(len(starts), dtype=bool)
        for k in range(n - 1):
            ok &= linked[starts + k]
        starts = starts[ok]
        first, last = idx[starts], idx[starts + n - 1]
        key = forms[toks.type_id[first]]
        for k in range(1, n):
            key = np.char.add(np.char.add(key, joiner[starts + k - 1]), forms[toks.type_id[idx[starts + k]]])
        spans = [unicodedata.normalize("NFC", " ".join(texts[r][s:e].lower().split()))
                 for r, s, e in zip(seg_row[first], toks.start[first], toks.end[last])]
        frames.append(pd.DataFrame({"unit": unit[first], "key": key, "words": n, "text": spans}))
    return pd.concat(frames, ignore_index=True).drop_duplicates(["unit", "key"]).reset_index(drop=True)
