"""The hits of a lexicon as arrays: :func:`find_hits` (what :func:`~discourse.frames.frame_hits`
lists, before any table is made) and :func:`match_texts` (the text of each hit).

:func:`~discourse.frames.frame_profile` and :func:`~discourse.frames.translation_shifts`
count these arrays directly; only :func:`~discourse.frames.frame_hits` turns them into
a table of one row per hit.

>>> import discourse
>>> from discourse.frames import load_lexicon
>>> corpus = discourse.load_corpus()
>>> hits = find_hits(corpus, corpus.tokens(), load_lexicon())
>>> sorted(hits)[:4], len(hits["seg_row"]) == len(discourse.frames.frame_hits(corpus))
(['end', 'first', 'found', 'frame'], True)
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd

from discourse.errors import DiscourseWarning
from discourse.languages.lemmas import check_form
from discourse.lemma_tokens import union_hits, with_form
from discourse.query import unmatched

from ._codes import sequence_codes
from ._match import match_terms
from .lexicon import BUNDLED_LEXICONS, load_lexicon

__all__ = ["bundled_terms", "find_hits", "leftmost_longest", "match_codes", "match_texts", "warn_unmatched"]

_EMPTY = np.zeros(0, dtype=np.int64)


def find_hits(corpus, toks, lex, *, role=("title", "body"), form: str = "norm") -> dict:
    """Every hit of the lexicon ``lex`` in the segments of ``role`` (the terms' words
    matched as normalised forms, or with ``form="lemma"`` also by lemma, as
    :func:`~discourse.frames.frame_hits` says), one per lexicon entry
    of its term, overlaps of one frame reduced to the leftmost-longest, in corpus order
    (segment, first token, frame).

    Returns a dict: int64 arrays ``seg_row, frame`` (index into ``lex.names``), ``kind``
    (into :data:`~discourse.frames.KINDS`), ``term`` (into ``groups``), ``first, last``
    (token indices), ``start, end`` (character offsets); ``groups`` (the ``(lang, term)``
    searched, in the lexicon's order), ``found`` (what :func:`match_terms` found for
    them, in every role) and ``rows_ok`` (per segment, whether its role is searched).

    >>> import discourse
    >>> from discourse.frames import load_lexicon
    >>> corpus = discourse.load_corpus()
    >>> hits = find_hits(corpus, corpus.tokens(), load_lexicon({"b": {"fr": ["lutte"]}}))
    >>> hits["groups"], len(hits["frame"])
    ([('fr', 'lutte')], 1)
    """
    roles = [role] if isinstance(role, str) else list(role)
    rows_ok = corpus.mask(role=roles)
    plan = lex.plan()
    present = set(toks.lang_rows())
    searched = np.array([lang in present for lang, _ in plan["keys"]], dtype=bool)
    groups = [key for key, ok in zip(plan["keys"], searched.tolist()) if ok]  # (lang, term) in the lexicon's order
    found = match_terms(toks, groups)
    if check_form(form) == "lemma":  # by lemma, and a wildcard on the written forms too
        found = union_hits(found, match_terms(with_form(toks, "lemma"), groups))
    keep = rows_ok[found["seg_row"]]
    hits = {col: values[keep] for col, values in found.items()}
    # the entries of the searched terms, in the lexicon's order within a term
    renumber = np.cumsum(searched) - 1
    ok = searched[plan["entry_key"]] if len(searched) else np.zeros(0, dtype=bool)
    entry_group = renumber[plan["entry_key"][ok]]
    order = np.argsort(entry_group, kind="stable")
    entry_group = entry_group[order]
    entry_frame, entry_kind = plan["entry_frame"][ok][order], plan["entry_kind"][ok][order]
    per_group = np.bincount(entry_group, minlength=len(groups))
    entry_start = np.r_[0, np.cumsum(per_group)[:-1]] if len(groups) else _EMPTY
    # one row per (hit, entry of its term): hits of a term in corpus order, its entries in order
    hit_group = hits["term"]
    n_entries = per_group[hit_group] if len(hit_group) else _EMPTY
    hit = np.repeat(np.arange(len(hit_group)), n_entries)
    entry = np.repeat(entry_start[hit_group], n_entries) + (
        np.arange(len(hit)) - np.repeat(np.cumsum(n_entries) - n_entries, n_entries))
    frame, kind = entry_frame[entry], entry_kind[entry]
    row, first, last = hits["seg_row"][hit], hits["first"][hit], hits["last"][hit]
    # the entries' rows in the order of a search term by term (group, entry, hit) break ties
    # (the hits of a term are contiguous: an entry's rows follow all rows of the entries before it)
    group_hits = np.bincount(hit_group, minlength=len(groups))
    entry_rows = group_hits[entry_group]
    group_first_hit = np.cumsum(group_hits) - group_hits
    rank = (np.cumsum(entry_rows) - entry_rows)[entry] + hit - group_first_hit[hit_group[hit]]
    n, n_tok = len(hit), len(toks) + 1
    # sorted by frame, segment, first token, longest first, literal first, rank (keys combined in pairs)
    order = np.lexsort((kind * (n + 1) + rank, first * n_tok + (n_tok - last), frame * (len(corpus) + 1) + row))
    kept = order[leftmost_longest(frame[order], row[order], first[order], last[order])]
    kept = kept[np.lexsort((first[kept] * (frame.max(initial=0) + 1) + frame[kept], row[kept]))]
    hit = hit[kept]
    return {"seg_row": row[kept], "frame": frame[kept], "kind": kind[kept], "term": hits["term"][hit],
            "first": first[kept], "last": last[kept], "start": hits["start"][hit], "end": hits["end"][hit],
            "groups": groups, "found": found, "rows_ok": rows_ok}


def warn_unmatched(toks, lex, hits, *, warn: bool | None, stacklevel: int) -> None:
    """Warn (:class:`~discourse.errors.DiscourseWarning`) about each searched term that
    occurs in the text but cannot match there (:func:`discourse.query.unmatched`): with
    ``warn=None`` not about the terms of the bundled lexicons, with ``False`` about none.

    >>> import discourse
    >>> from discourse.frames import load_lexicon
    >>> corpus, lex = discourse.load_corpus(), load_lexicon()
    >>> warn_unmatched(corpus.tokens(), lex, find_hits(corpus, corpus.tokens(), lex), warn=None, stacklevel=2)
    """
    if warn is False:
        return
    skip = bundled_terms() if warn is None else frozenset()
    groups, found = hits["groups"], hits["found"]
    checked = [(g, key) for g, key in enumerate(groups) if key not in skip]
    if not checked:
        return
    terms = lex.terms
    frames_of: dict[tuple[str, str], list[str]] = {}
    for lang, term, frame in zip(*(terms[c].tolist() for c in ("lang", "term", "frame"))):
        frames_of.setdefault((lang, term), []).append(frame)
    bounds = np.searchsorted(found["term"], np.arange(len(groups) + 1))
    for g, (lang, term) in checked:
        own = {col: found[col][bounds[g]:bounds[g + 1]] for col in ("seg_row", "start", "end")}
        problem = unmatched(toks, term, lang, hits=own, what=f"lexicon term (frame {', '.join(frames_of[(lang, term)])})")
        if problem:
            warnings.warn(problem["message"], DiscourseWarning, stacklevel=stacklevel)


@functools.cache
def bundled_terms() -> frozenset:
    """``(lang, term)`` of every bundled lexicon: the frame functions do not warn about them
    by default (their known misses are the curators' choice; ``warn=True`` lists them).

    >>> ("zh", "*攻坚*") in bundled_terms()
    True
    """
    return frozenset((lang, term) for name in BUNDLED_LEXICONS
                     for lang, term in load_lexicon(name).terms[["lang", "term"]].itertuples(index=False))


def leftmost_longest(frame, row, first, last) -> np.ndarray:
    """Which hits (sorted by frame, segment, first, longest) a left-to-right scan keeps:
    a hit that starts before the end of the last kept one of its frame and segment is
    dropped. Hits that start after every earlier one ended are kept at once; in the
    groups with an overlap the kept hits are followed as a chain, all groups at once.

    >>> import numpy as np
    >>> z = np.zeros(3, dtype=np.int64)
    >>> leftmost_longest(z, z, np.array([0, 1, 3]), np.array([2, 3, 4])).tolist()
    [True, False, True]
    """
    n = len(frame)
    keep = np.ones(n, dtype=bool)
    if n < 2:
        return keep
    new_group = np.r_[True, (frame[1:] != frame[:-1]) | (row[1:] != row[:-1])]
    group = np.cumsum(new_group) - 1
    span = int(last.max()) + 1
    running = np.maximum.accumulate(group * span + last)  # the largest end so far, per group
    before = np.r_[-1, running[:-1]] - group * span
    clash = ~new_group & (first < before)
    if not clash.any():
        return keep
    # in the groups with an overlap, follow from each group's first hit the chain of kept
    # hits: after a hit, the first one of its group starting at or after its end
    scanned = np.isin(group, np.unique(group[clash]))
    keep[scanned] = False
    key = group * span + first  # ascends
    after = np.searchsorted(key, group * span + last)
    at = np.flatnonzero(new_group & scanned)
    while len(at):
        keep[at] = True
        nxt = after[at]
        inside = nxt < n
        inside[inside] = group[nxt[inside]] == group[at[inside]]
        at = nxt[inside]
    return keep


def match_texts(texts, rows, start, end) -> np.ndarray:
    """``texts[row][start:end]`` for every hit, as an object array (equal texts are one
    string object; see :func:`match_codes`).

    >>> import numpy as np
    >>> match_texts(["abc", "défi"], np.array([1, 0]), np.array([0, 1]), np.array([2, 3])).tolist()
    ['dé', 'bc']
    """
    code, distinct = match_codes(texts, rows, start, end)
    return distinct[code]


def match_codes(texts, rows, start, end) -> tuple[np.ndarray, np.ndarray]:
    """Per hit the index of its text ``texts[row][start:end]`` among the distinct texts
    found; and those texts (an object array, in order of first occurrence).

    The characters of every hit are gathered into one array (from the segments with
    hits, as UTF-32) and coded with :func:`~discourse.frames._codes.sequence_codes`;
    only the distinct texts are made strings (should two texts ever share a hash, every
    text is cut out one by one instead).

    >>> import numpy as np
    >>> code, distinct = match_codes(["abab"], np.array([0, 0, 0]), np.array([0, 2, 1]), np.array([2, 4, 3]))
    >>> code.tolist(), distinct.tolist()
    ([0, 0, 1], ['ab', 'ba'])
    """
    n = len(rows)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    has_hits = np.zeros(int(rows.max()) + 1, dtype=bool)
    has_hits[rows] = True
    used = np.flatnonzero(has_hits)
    parts = [texts[r] for r in used.tolist()]
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    chars = np.frombuffer("".join(parts).encode("utf-32-le"), dtype=np.uint32)
    at = np.zeros(len(has_hits), dtype=np.int64)
    at[used] = np.r_[0, np.cumsum(lengths)[:-1]]  # where each segment's characters begin
    begin = at[rows] + start
    size = end - start
    coded = sequence_codes(chars[np.repeat(begin - (np.cumsum(size) - size), size) + np.arange(int(size.sum()))],
                           size)
    if coded is None:  # two texts with one hash: cut them out one by one
        return _one_by_one(texts, rows, start, end)
    code, first = coded
    distinct = np.empty(len(first), dtype=object)
    distinct[:] = [texts[r][a:b] for r, a, b in zip(rows[first].tolist(), start[first].tolist(), end[first].tolist())]
    return code.astype(np.int64), distinct


def _one_by_one(texts, rows, start, end) -> tuple[np.ndarray, np.ndarray]:
    """What :func:`match_codes` gives, each text cut out in Python."""
    cut = [texts[r][a:b] for r, a, b in zip(rows.tolist(), start.tolist(), end.tolist())]
    code, distinct = pd.factorize(np.array(cut, dtype=object))
    out = np.empty(len(distinct), dtype=object)
    out[:] = list(distinct)
    return code.astype(np.int64), out
