"""Sentence alignment inside one document: lengths and lexical anchors, omissions and merges expected.

:func:`align_sentences` links the sentences of a document in two languages as *beads*
(1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3, 3-1) by a banded dynamic programme over a cost that adds

* a length cost after Gale & Church (1993): with ``ls`` the source characters of a bead,
  ``x = lt / c`` its target characters over the document's length ratio ``c`` (Σ target /
  Σ source characters: ≈ 3 for zh → fr), ``δ = (x − ls) / √(s² · ((ls + x) / 2 + 1))`` and
  ``cost = (ν + 1) / 2 · log(1 + δ² / ν)``, ν = 3: a Student-t tail, where Gale–Church's normal
  one (``−log 2(1 − Φ(|δ|))``) punishes a free translation or a long title so hard that merging
  it with its neighbours looks cheaper (link F1 on clean zh–fr news 0.94 → 0.998);
* the bead's prior ``−log P(kind)`` (:data:`BEAD_KINDS`; 1-0 and 0-1 cost 1 more);
* lexical anchors (:mod:`discourse.anchors`: numbers, Latin names, acronyms, quoted titles,
  frame-lexicon terms, Hán-Việt readings for zh–vi, CC-CEDICT glosses for zh–en and zh–fr,
  CFDICT's French glosses for zh–fr by lemma, :mod:`discourse._dictionaries`),
  ``−M + 0.25 U``: ``M`` the weight of the keys both sides share (a key weighs by its kind
  over √ its document frequency), ``U`` that of the keys left unmatched;
* optionally, a penalty for a bead across paragraphs or linking unlike-numbered paragraphs.

A first pass gives confident 1-1 links; from them the length ratio and variance ``s²`` are
re-estimated (as Moore 2002 does) and word equivalents are learned by Dice association (as
hunalign does without a dictionary, Varga et al. 2005), then a second pass aligns with them.
The band follows the diagonal given by cumulative lengths (in the second pass, the first
pass's path) and is widened when the best path touches its edge, so the cost is linear in
document length. :func:`align_documents` learns the equivalents over a whole corpus instead.

References: W. A. Gale and K. W. Church (1993), "A program for aligning sentences in bilingual
corpora", *Computational Linguistics* 19(1); R. C. Moore (2002), "Fast and accurate sentence
alignment of bilingual corpora", AMTA; D. Varga et al. (2005), "Parallel corpora for medium
density languages", RANLP (hunalign).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from discourse._dictionaries import add_cfdict
from discourse._salign_anchors import KEY_WEIGHTS, anchor_stats, similarities
from discourse._salign_dp import forward
from discourse.anchors import (add_dictionary, add_equivalents, anchor_keys, content_words, equivalent_index,
                               learn_equivalents)
from discourse._forked import fork_workers, pieces_of, run_pieces
from discourse.errors import InputError
from discourse.languages import LANGS

__all__ = ["align_sentences", "align_documents", "document_beads", "ALIGN_MIN_CHARS", "BEAD_KINDS", "KEY_WEIGHTS"]

#: Below this many characters of sentences, :func:`document_beads` aligns in one process by
#: default (about a second of aligning, which starting workers and sending results back would eat up).
ALIGN_MIN_CHARS = 150_000
#: Bead kinds (source sentences, target sentences) and their prior probabilities.
BEAD_KINDS = {(1, 1): 0.80, (1, 0): 0.02, (0, 1): 0.02, (2, 1): 0.06, (1, 2): 0.06,
              (2, 2): 0.002, (1, 3): 0.015, (3, 1): 0.015}
OMIT_COST, UNMATCHED, PARAGRAPH_COST, SCORE_CENTRE = 1.0, 0.25, 3.0, 3.0
#: A bead with this many source sentences counts the anchors it shares as those of its weakest
#: source sentence times their number: an omitted sentence's partner (its anchors missing by
#: definition) is not folded into a 3-1 bead for free. Not for 2-1 (genuine merges with one short
#: member suffer: zh–fr F1 falls) nor 1-3 (a long Chinese sentence is often three French ones).
WEAKEST_FROM = 3
#: Anchor kinds whose keys count against a link even when the other side lacks them (numbers,
#: learned equivalents; Latin words of a Chinese text, which translations keep).
EXPECTED = ("n", "e")
LENGTH_DOF, DICTIONARY_PAIRS = 3, ({"zh", "en"}, {"zh", "fr"})   # Student-t ν; CC-CEDICT pairs
_BIG = 1e12
_COLUMNS = ["source_ids", "target_ids", "kind", "score", "low_confidence"]


def _check_sentences(value, name: str) -> list[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InputError(f"{name} must be a list of sentence strings, not {type(value).__name__}; "
                         "split the text into sentences first")
    for k, s in enumerate(value):
        if not isinstance(s, str):
            raise InputError(f"{name}[{k}] is {type(s).__name__}, not a string: give one string per sentence")
    return list(value)


def _check_paragraphs(value, sentences, name: str):
    if value is not None and (isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != len(sentences)):
        raise InputError(f"{name} must be a list of one paragraph number per sentence "
                         f"({len(sentences)} sentences)")
    if value is not None and not all(isinstance(p, (int, np.integer)) and not isinstance(p, bool) for p in value):
        raise InputError(f"{name} must hold integers (the paragraph number of each sentence)")
    return None if value is None else np.asarray(value, dtype=np.int64)


def _gather(matrix, rows, cols, lo, width):
    """matrix at DP row ``rows`` and target column ``cols`` (0 outside the band)."""
    rows = np.broadcast_to(np.maximum(rows, 0), cols.shape)
    idx = cols - lo[rows]
    ok = (idx >= 0) & (idx < width)
    return np.where(ok, matrix[rows, np.minimum(np.maximum(idx, 0), width - 1)], 0.0)  # (np.clip's overhead)


def _dp(ls, lt, stats, ratio, var, half, para_s, para_t, centre=None):
    """Best bead path in a band of ``2 · half + 1`` columns; (beads, touched the band's edge)."""
    n, m = len(ls), len(lt)
    cs, ct = np.concatenate([[0.0], np.cumsum(ls)]), np.concatenate([[0.0], np.cumsum(lt)])
    frac_s = cs / cs[-1] if cs[-1] > 0 else np.arange(n + 1) / max(n, 1)
    frac_t = ct / ct[-1] if ct[-1] > 0 else np.arange(m + 1) / max(m, 1)
    if centre is None:                                    # the diagonal given by cumulative lengths
        centre = np.minimum(np.searchsorted(frac_t, frac_s - 1e-12), m)
    width = min(2 * half + 1, m + 1)
    lo = np.clip(centre - half, 0, m + 1 - width).astype(np.int64)
    occurrences, tot_s, tot_t = stats
    matrices, memo = similarities(occurrences, lo, width, n, m), {}

    def gathered(which, a, b):  # matrices[which] at the cells a rows and b columns back (the kinds share them)
        key = (which, a, b)
        if key not in memo:
            memo[key] = _gather(matrices[which], rows - a, cols - b, lo, width)
        return memo[key]

    ks, kt = np.concatenate([[0.0], np.cumsum(tot_s)]), np.concatenate([[0.0], np.cumsum(tot_t)])
    rows = np.arange(n + 1)[:, None]
    cols = lo[:, None] + np.arange(width)[None, :]
    inside = cols <= m
    colc = np.minimum(cols, m)
    kinds, costs = [], []
    for (di, dj), prior in BEAD_KINDS.items():
        valid = inside & (rows >= di) & (colc >= dj)
        r0, c0 = np.maximum(rows - di, 0), np.maximum(colc - dj, 0)
        src_keys, tgt_keys = ks[rows] - ks[r0], kt[colc] - kt[c0]
        cost = np.full(valid.shape, -np.log(prior))
        if di and dj:
            x, l_s = (ct[colc] - ct[c0]) / ratio, cs[rows] - cs[r0]
            delta = (x - l_s) / np.sqrt(var * ((l_s + x) / 2 + 1))
            cost = cost + (LENGTH_DOF + 1) / 2 * np.log1p(delta * delta / LENGTH_DOF)
            shared = np.zeros(valid.shape)
            member_s = [np.zeros(valid.shape) for _ in range(di)]
            for a in range(di):
                for b in range(dj):
                    one = gathered(0, a, b)
                    shared += one
                    member_s[a] += one
                    if a < di - 1:
                        shared -= gathered(1, a + 1, b)
                    if b < dj - 1:
                        shared -= gathered(2, a, b + 1)
            shared = np.maximum(shared, 0.0)
            shared = np.minimum(shared, np.minimum(src_keys, tgt_keys))   # Σ min(A, B) ≤ either side
            if di >= WEAKEST_FROM:                    # a 3-1 bead explains its three sources' anchors
                shared = np.minimum(shared, di * np.minimum.reduce(member_s))
            cost = cost - shared + UNMATCHED * np.maximum(src_keys + tgt_keys - 2 * shared, 0)
            if para_s is not None and para_t is not None:
                ps_last, ps_first = para_s[np.maximum(rows - 1, 0)], para_s[np.maximum(rows - di, 0)]
                pt_last, pt_first = para_t[np.maximum(colc - 1, 0)], para_t[np.maximum(colc - dj, 0)]
                cost = cost + PARAGRAPH_COST * ((ps_last != ps_first) | (pt_last != pt_first) | (ps_last != pt_last))
        else:
            cost = cost + OMIT_COST
        kinds.append((di, dj))
        costs.append(np.where(valid, cost, _BIG))
    ins = kinds.index((0, 1))
    moves = [k for k in range(len(kinds)) if k != ins]
    dist, back = forward(np.stack([costs[k] for k in moves]), costs[ins], [kinds[k] for k in moves], lo, big=_BIG)
    kinds = [kinds[k] for k in moves] + [kinds[ins]]      # back's codes: the moves, then 0-1
    beads, r, k, touched = [], n, m - int(lo[n]), False
    if dist[r, k] >= _BIG / 2:                            # the band does not connect the ends
        return None, True
    while r > 0 or lo[r] + k > 0:
        j = int(lo[r] + k)
        touched |= (k == 0 and lo[r] > 0) or (k == width - 1 and j < m)
        di, dj = kinds[back[r, k]]
        pr, pj = r - di, j - dj
        pk = pj - int(lo[pr])
        beads.append((tuple(range(pr, r)), tuple(range(pj, j)), float(dist[r, k] - dist[pr, pk])))
        r, k = pr, pk
    return beads[::-1], touched


def _align(ls, lt, keys_s, keys_t, ratio, var, half, para_s, para_t, expected, path=None):
    """Beads of the best path; the band follows `path` (earlier beads) when given."""
    top, centre = max(len(ls), len(lt)) + 1, None
    stats = anchor_stats(keys_s, keys_t, expected)               # once, however often the band widens
    if path:
        centre = np.zeros(len(ls) + 1, dtype=np.int64)
        for source_ids, target_ids, _ in path:
            end = (target_ids[-1] + 1) if target_ids else None
            for r in source_ids:
                centre[r + 1] = end if end is not None else centre[r]
            if end is not None and source_ids:
                centre[source_ids[-1] + 1] = end
        centre = np.maximum.accumulate(centre)
    while True:
        beads, touched = _dp(ls, lt, stats, ratio, var, half, para_s, para_t, centre)
        if beads is not None and (not touched or 2 * half + 1 >= top):
            return beads
        half *= 2


def align_sentences(source, target, *, source_lang: str, target_lang: str, lexicon: Mapping | None = None,
                    source_paragraphs=None, target_paragraphs=None, learn: bool = True,
                    equivalents=None, dictionary: bool = True, band: int = 8,
                    threshold: float = 0.5) -> pd.DataFrame:
    """Align the sentences of one document with those of its translation.

    Parameters
    ----------
    source, target : list of str
        The document's sentences in each language, in order.
    source_lang, target_lang : {"zh", "vi", "fr", "en", "und"}
    lexicon : mapping, optional
        ``{frame: {lang: [terms]}}`` (the shape of a frame lexicon): a term of a frame in
        one sentence and a term of the same frame in the other is an anchor.
    source_paragraphs, target_paragraphs : list of int, optional
        Each sentence's paragraph number; when both are given, links between paragraphs of
        the same number are preferred (a bead across paragraphs, or linking unlike numbers,
        costs more but is still possible).
    learn : bool
        Learn word equivalents from the first pass's confident links (default True).
    equivalents : iterable of (str, str), optional
        Word equivalents known beforehand (source word, target word: tokenizer norms), e.g.
        learned over a whole corpus by :func:`align_documents`.
    dictionary : bool
        For zh–en and zh–fr, use CC-CEDICT's glosses (``data/cedict/``) as anchors, and for
        zh–fr CFDICT's (``data/cfdict/``).
    band : int
        Half-width of the band, in sentences, at the start (widened as needed).
    threshold : float
        Beads scoring below it are flagged ``low_confidence``.

    Returns
    -------
    DataFrame
        One row per bead, in document order: ``source_ids``, ``target_ids`` (tuples of 0-based
        sentence indices, either may be empty), ``kind`` ("1-1", "2-1", "1-0", …), ``score``
        (``1 / (1 + exp(cost − 3))`` of the bead's cost: a confidence in [0, 1], not a
        calibrated probability) and ``low_confidence`` (``score < threshold``).

    Examples
    --------
    >>> src = ["联邦调查局在2018年调查了卡瓦诺。", "参议员们表示满意。", "投票推迟了一周。"]
    >>> tgt = ["Le FBI a enquêté sur Kavanaugh en 2018.", "Les sénateurs se disent satisfaits, "
    ...        "et le vote a été reporté d'une semaine."]
    >>> beads = align_sentences(src, tgt, source_lang="zh", target_lang="fr")
    >>> beads[["source_ids", "target_ids", "kind"]].to_records(index=False).tolist()
    [((0,), (0,), '1-1'), ((1, 2), (1,), '2-1')]
    """
    prepared = _prepare(source, target, source_lang=source_lang, target_lang=target_lang, lexicon=lexicon,
                        source_paragraphs=source_paragraphs, target_paragraphs=target_paragraphs,
                        dictionary=dictionary, band=band)
    return _beads(prepared, equivalents=equivalents, learn=learn, band=band, threshold=threshold)


class _Prepared:
    """What every pass over one document shares, computed once: the sentences' lengths and paragraph
    numbers, their anchor keys before any equivalent, content words and dictionary keys."""

    __slots__ = ("ls", "lt", "para_s", "para_t", "keys_s", "keys_t", "words_s", "words_t", "extra_s", "extra_t",
                 "expected")


def _prepare(source, target, *, source_lang, target_lang, lexicon, source_paragraphs, target_paragraphs, dictionary,
             band) -> _Prepared | None:
    """The checked inputs of :func:`align_sentences` (None: no sentence on either side)."""
    src, tgt = _check_sentences(source, "source"), _check_sentences(target, "target")
    for name, lang in (("source_lang", source_lang), ("target_lang", target_lang)):
        if lang not in LANGS:
            raise InputError(f"{name}={lang!r} is not a known language; use one of {', '.join(LANGS)}")
    if isinstance(band, bool) or not isinstance(band, int) or band < 1:
        raise InputError(f"band must be a whole number of sentences ≥ 1, not {band!r}")
    if lexicon is not None and not (isinstance(lexicon, Mapping)
                                    and all(isinstance(v, Mapping) for v in lexicon.values())):
        raise InputError("lexicon must be a mapping {frame: {lang: [terms]}}")
    p = _Prepared()
    p.para_s = _check_paragraphs(source_paragraphs, src, "source_paragraphs")
    p.para_t = _check_paragraphs(target_paragraphs, tgt, "target_paragraphs")
    if not src and not tgt:
        return None
    p.ls = np.array([len(s.strip()) for s in src], dtype=float)
    p.lt = np.array([len(s.strip()) for s in tgt], dtype=float)
    p.keys_s = anchor_keys(src, lang=source_lang, other_lang=target_lang, lexicon=lexicon, other_sentences=tgt)
    p.keys_t = anchor_keys(tgt, lang=target_lang, other_lang=source_lang, lexicon=lexicon, other_sentences=src)
    p.expected = tuple(EXPECTED + ("l", "a") * (lang == "zh") for lang in (source_lang, target_lang))
    p.words_s, p.words_t = content_words(src, lang=source_lang), content_words(tgt, lang=target_lang)
    p.extra_s, p.extra_t = [Counter() for _ in src], [Counter() for _ in tgt]  # added after the equivalents
    if dictionary and {source_lang, target_lang} in DICTIONARY_PAIRS:
        add_dictionary(p.extra_s, p.words_s, lang=source_lang)
        add_dictionary(p.extra_t, p.words_t, lang=target_lang)
    if dictionary and {source_lang, target_lang} == {"zh", "fr"}:
        add_cfdict(p.extra_s, p.words_s, lang=source_lang)
        add_cfdict(p.extra_t, p.words_t, lang=target_lang)
    return p


def _beads(p: _Prepared | None, *, equivalents, learn: bool, band: int, threshold: float, index=None) -> pd.DataFrame:
    """:func:`align_sentences`'s beads of a prepared document (its keys copied: `p` is not changed);
    `index` is :func:`~discourse.anchors.equivalent_index` of `equivalents`, when made already."""
    if p is None:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(_COLUMNS, [object, object, str, float, bool])})
    ls, lt, para_s, para_t, expected = p.ls, p.lt, p.para_s, p.para_t, p.expected
    ratio = lt.sum() / ls.sum() if ls.sum() and lt.sum() else 1.0
    var = 6.8 * min(1.0, 1.0 / ratio)
    keys_s, keys_t = [Counter(bag) for bag in p.keys_s], [Counter(bag) for bag in p.keys_t]
    add_equivalents(keys_s, keys_t, p.words_s, p.words_t, equivalents or (), index=index)
    for keys, extra in ((keys_s, p.extra_s), (keys_t, p.extra_t)):
        for bag, more in zip(keys, extra):  # the dictionary keys, in the order they were found: d: and c: keys,
            dict.update(bag, more)  # none in `bag` already (anchor, e: keys): the counts Counter.update adds
    beads = _align(ls, lt, keys_s, keys_t, ratio, var, band, para_s, para_t, expected)
    confident = [(s[0], t[0]) for s, t, cost in beads if len(s) == 1 and len(t) == 1 and cost < SCORE_CENTRE - 1.4]
    if learn and len(confident) >= 3:
        i, j = np.array(confident).T
        ratio = lt[j].sum() / max(ls[i].sum(), 1.0)
        x = lt[j] / ratio
        var = float(np.clip(np.mean((x - ls[i]) ** 2 / ((x + ls[i]) / 2 + 1)), 0.3, 30.0)) if len(i) >= 5 else var
        learned = learn_equivalents(p.words_s, p.words_t, confident)
        add_equivalents(keys_s, keys_t, p.words_s, p.words_t, [q[:2] for q in learned])
        beads = _align(ls, lt, keys_s, keys_t, ratio, var, band, para_s, para_t, expected, path=beads)
    score = [float(1.0 / (1.0 + np.exp(min(cost - SCORE_CENTRE, 700.0)))) for _, _, cost in beads]
    return pd.DataFrame({
        "source_ids": [s for s, _, _ in beads],
        "target_ids": [t for _, t, _ in beads],
        "kind": [f"{len(s)}-{len(t)}" for s, t, _ in beads],
        "score": score,
        "low_confidence": [v < threshold for v in score],
    })


def align_documents(documents: Mapping, *, source_lang: str, target_lang: str, min_dice: float = 0.5,
                    lexicon: Mapping | None = None, dictionary: bool = True, band: int = 8,
                    threshold: float = 0.5) -> pd.DataFrame:
    """Align the sentences of many documents, with word equivalents learned over all of them.

    A first pass aligns each document alone (:func:`align_sentences` with ``learn=False``);
    Dice associations over all the confident 1-1 links of the corpus (a pair seen at least
    twice, Dice ≥ `min_dice`) then serve as ``equivalents`` in a second pass — hunalign's
    dictionary-less mode (Varga et al. 2005) over the corpus rather than one document.
    What both passes share (a document's anchor keys, content words, dictionary keys) is
    computed once per document.

    Parameters
    ----------
    documents : mapping
        ``{doc_id: (source_sentences, target_sentences)}``, or with each sentence's paragraph
        number: ``{doc_id: (source_sentences, target_sentences, source_paragraphs,
        target_paragraphs)}`` (see :func:`align_sentences`).
    source_lang, target_lang : str
    min_dice : float
    lexicon, dictionary, band, threshold
        As in :func:`align_sentences`.

    Returns
    -------
    DataFrame
        :func:`align_sentences`'s columns after a first column ``doc_id``.

    Examples
    --------
    >>> docs = {"a": (["卡瓦诺法官发言。", "投票推迟。"], ["Le juge Kavanaugh parle.", "Le vote est reporté."]),
    ...         "b": (["卡瓦诺法官否认。"], ["Le juge Kavanaugh dément."])}
    >>> align_documents(docs, source_lang="zh", target_lang="fr")[["doc_id", "kind"]].values.tolist()
    [['a', '1-1'], ['a', '1-1'], ['b', '1-1']]
    """
    beads = document_beads(documents, source_lang=source_lang, target_lang=target_lang, min_dice=min_dice,
                           lexicon=lexicon, dictionary=dictionary, band=band, threshold=threshold)
    frames = [found.assign(doc_id=doc_id)[["doc_id", *_COLUMNS]] for doc_id, found in beads.items()]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["doc_id", *_COLUMNS])


def document_beads(documents: Mapping, *, source_lang: str, target_lang: str, min_dice: float = 0.5,
                   lexicon: Mapping | None = None, dictionary: bool = True, band: int = 8,
                   threshold: float = 0.5, n_jobs: int | None = None) -> dict:
    """:func:`align_documents` as ``{doc_id: beads}`` (each :func:`align_sentences`'s table).

    The documents are aligned in forked worker processes (:mod:`discourse._forked`) when
    `n_jobs` says so, or by default (``$DISCOURSE_JOBS``, else one process up to
    :data:`ALIGN_MIN_CHARS` characters and the free cores above): each pass over pieces of
    the documents, the equivalents learned in between over all of them, in order. The beads
    are those of one process.

    >>> beads = document_beads({"a": (["卡瓦诺法官发言。"], ["Le juge Kavanaugh parle."], [1], [1])},
    ...                        source_lang="zh", target_lang="fr")
    >>> beads["a"]["kind"].tolist()
    ['1-1']
    """
    if not isinstance(documents, Mapping):
        raise InputError("documents must be a mapping {doc_id: (source_sentences, target_sentences)}")
    docs = list(documents.items())

    def first_pass(piece):  # per document: its prepared inputs and the first pass's confident 1-1 links
        out = []
        for doc_id, pair in docs[piece[0]:piece[1]]:
            if not (isinstance(pair, Sequence) and not isinstance(pair, str) and len(pair) in (2, 4)):
                raise InputError(f"document {doc_id!r}: give a pair (source_sentences, target_sentences), or those "
                                 "and their paragraph numbers")
            paragraphs = pair[2:] if len(pair) == 4 else (None, None)
            p = _prepare(pair[0], pair[1], source_lang=source_lang, target_lang=target_lang, lexicon=lexicon,
                         source_paragraphs=paragraphs[0], target_paragraphs=paragraphs[1], dictionary=dictionary,
                         band=band)
            first = None if p is None else _beads(p, equivalents=None, learn=False, band=band, threshold=threshold)
            out.append((doc_id, p, [] if p is None else [(s[0], t[0]) for s, t, score in zip(
                first["source_ids"], first["target_ids"], first["score"]) if len(s) == len(t) == 1 and score >= 0.8]))
        return out

    chars = sum(len(x) for _, pair in docs if isinstance(pair, Sequence) for side in pair[:2]
                if isinstance(side, Sequence) for x in side if isinstance(x, str))  # (first_pass checks them)
    workers = fork_workers(n_jobs, chars=chars, min_chars=ALIGN_MIN_CHARS)
    prepared, words_s, words_t, links = {}, [], [], []
    for part in run_pieces(first_pass, pieces_of(len(docs), workers), workers=workers):
        for doc_id, p, own in part:
            prepared[doc_id] = p
            if p is not None:
                links += [(s + len(words_s), t + len(words_t)) for s, t in own]
                words_s += p.words_s
                words_t += p.words_t
    pairs = [p[:2] for p in learn_equivalents(words_s, words_t, links, min_dice=min_dice)]
    index = equivalent_index(pairs)  # once for all the documents
    done = list(prepared.items())

    def second_pass(piece):
        return [_beads(p, equivalents=pairs, learn=True, band=band, threshold=threshold, index=index)
                for _, p in done[piece[0]:piece[1]]]

    beads = [b for part in run_pieces(second_pass, pieces_of(len(done), workers), workers=workers) for b in part]
    return {doc_id: b for (doc_id, _), b in zip(done, beads)}
