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
(['end', 'first', 'frame', 'found'], True)
"""

from __future__ import annotations

import numpy as np

from ._match import match_terms

__all__ = ["find_hits", "leftmost_longest", "match_texts"]

_EMPTY = np.zeros(0, dtype=np.int64)
_WIDE = 64  # hits longer than this many characters are cut out one by one


def find_hits(corpus, toks, lex, *, role=("title", "body")) -> dict:
    """Every hit of the lexicon ``lex`` in the segments of ``role``, one per lexicon entry
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
    ([('fr', 'lutte')], 3)
    """
    roles = [role] if isinstance(role, str) else list(role)
    rows_ok = corpus.mask(role=roles)
    plan = lex.plan()
    present = set(toks.lang_rows())
    searched = np.array([lang in present for lang, _ in plan["keys"]], dtype=bool)
    groups = [key for key, ok in zip(plan["keys"], searched.tolist()) if ok]  # (lang, term) in the lexicon's order
    found = match_terms(toks, groups)
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
    concat = np.lexsort((hit, entry))
    rank = np.empty_like(concat)
    rank[concat] = np.arange(len(concat))
    order = np.lexsort((rank, kind, -last, first, row, frame))
    kept = order[leftmost_longest(frame[order], row[order], first[order], last[order])]
    kept = kept[np.lexsort((frame[kept], first[kept], row[kept]))]
    hit = hit[kept]
    return {"seg_row": row[kept], "frame": frame[kept], "kind": kind[kept], "term": hits["term"][hit],
            "first": first[kept], "last": last[kept], "start": hits["start"][hit], "end": hits["end"][hit],
            "groups": groups, "found": found, "rows_ok": rows_ok}


def leftmost_longest(frame, row, first, last) -> np.ndarray:
    """Which hits (sorted by frame, segment, first, longest) a left-to-right scan keeps:
    a hit that starts before the end of the last kept one of its frame and segment is
    dropped. Hits that start after every earlier one ended are kept at once; only the
    groups with an overlap are scanned.

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
    bounds = np.r_[np.flatnonzero(new_group), n]
    for g in np.unique(group[clash]).tolist():
        lo, hi = int(bounds[g]), int(bounds[g + 1])
        end = -1
        for i, (a, b) in enumerate(zip(first[lo:hi].tolist(), last[lo:hi].tolist()), start=lo):
            if a >= end:
                end = b
            else:
                keep[i] = False
    return keep


def match_texts(texts, rows, start, end) -> np.ndarray:
    """``texts[row][start:end]`` for every hit, as an object array: the characters of the
    segments with hits are gathered into one array and cut out together.

    >>> import numpy as np
    >>> match_texts(["abc", "défi"], np.array([1, 0]), np.array([0, 1]), np.array([2, 3])).tolist()
    ['dé', 'bc']
    """
    n = len(rows)
    out = np.empty(n, dtype=object)
    if not n:
        return out
    used, local = np.unique(rows, return_inverse=True)
    parts = [texts[r] for r in used.tolist()]
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    chars = np.frombuffer("".join(parts).encode("utf-32-le"), dtype=np.uint32)
    base = (np.r_[0, np.cumsum(lengths)[:-1]])[local.reshape(-1)] + start
    size = end - start
    one_by_one = size > _WIDE
    if len(chars):  # a text ending in NUL would lose it in a fixed-width string: cut those out apart
        one_by_one |= (size > 0) & (chars[np.clip(base + size - 1, 0, len(chars) - 1)] == 0)
    quick = np.flatnonzero(~one_by_one)
    if len(quick):
        width = max(int(size[quick].max()), 1)
        at = base[quick, None] + np.arange(width)
        inside = np.arange(width) < size[quick, None]
        block = np.where(inside, chars[np.where(inside, at, 0)] if len(chars) else 0, 0).astype(np.uint32)
        out[quick] = np.ascontiguousarray(block).view(f"<U{width}").reshape(-1).astype(object)
    for i in np.flatnonzero(one_by_one).tolist():
        out[i] = texts[int(rows[i])][int(start[i]):int(end[i])]
    return out
