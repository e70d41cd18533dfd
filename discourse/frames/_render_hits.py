"""The frame hits of aligned units as flat lists, grouped once for all units (for renderings, step 1).

:class:`UnitHits` sorts the hits of every aligned unit by (unit, language, frame, segment,
start), as the pairing reads them, and works out once, for all units at once, what the
pairing of one unit used to compute hit by hit: each hit's relative position in its unit
(``(segment number + start / segment length) / segments``), and where the groups of
adjacent hits begin — source groups (nothing but one character between two hits) and
target groups (at most 12 letters, spaces and apostrophes between them). A hit is then an
integer index into the lists ``seg, start, end, lit, match, pos``.

>>> import pandas as pd
>>> seg = pd.DataFrame({"doc_id": ["d"], "lang": ["fr"], "seg_id": [0], "align_id": [1],
...                     "text": ["la lutte et la bataille, puis le combat"]})
>>> hits = pd.DataFrame({"doc_id": "d", "lang": "fr", "seg_id": 0, "align_id": 1, "frame": "battle",
...                      "kind": "literal", "match": ["lutte", "bataille", "combat"],
...                      "start": [3, 15, 33], "end": [8, 23, 39]})
>>> h = UnitHits(seg, hits)
>>> [[h.match[i] for i in g] for g in h.groups(h.slice("d", 1, "fr", "battle"), target=True)]
[['lutte', 'bataille'], ['combat']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["TARGET_GAP", "UnitHits"]

#: What may stand between two target hits of one group.
TARGET_GAP = re.compile(r"(?:[^\W\d_]|[\s’'\-]){0,12}")


class UnitHits:
    """The hits of aligned units as flat lists, with their positions and groups (module docstring).

    Parameters
    ----------
    seg : DataFrame
        The aligned segments searched: ``doc_id, lang, seg_id, align_id, text``, in corpus order.
    hits : DataFrame
        :func:`discourse.frames.frame_hits` of those segments, with an ``align_id``.
    """

    def __init__(self, seg, hits):
        keys = ["doc_id", "align_id", "lang"]
        seg = seg.assign(_k=seg.groupby(keys, sort=False).cumcount(),
                         _n=seg.groupby(keys, sort=False)["seg_id"].transform("size"),
                         _len=seg["text"].str.len().clip(lower=1))
        hits = hits.reset_index(drop=True)
        # as the pairing read them: by segment id and start (stable), then by unit, language and frame
        order = np.lexsort((hits["start"].to_numpy(), hits["seg_id"].to_numpy()))
        hits = hits.iloc[order].reset_index(drop=True)
        unit = pd.MultiIndex.from_frame(hits[["doc_id", "align_id", "lang", "frame"]])
        codes, uniques = pd.factorize(unit)
        order = np.argsort(codes, kind="stable")
        hits = hits.iloc[order].reset_index(drop=True)
        codes = codes[order]
        where = hits[["doc_id", "lang", "seg_id"]].merge(
            seg[["doc_id", "lang", "seg_id", "_k", "_n", "_len"]], how="left", on=["doc_id", "lang", "seg_id"])
        start, end = hits["start"].to_numpy(np.int64), hits["end"].to_numpy(np.int64)
        k, n, length = (where[c].to_numpy(np.float64) for c in ("_k", "_n", "_len"))
        pos = (k + start / length) / n
        seg_id = hits["seg_id"].to_numpy(np.int64)
        bounds = np.r_[0, np.flatnonzero(np.diff(codes)) + 1, len(codes)]
        self.slices = {key: (int(lo), int(hi)) for key, lo, hi in zip(uniques, bounds[:-1], bounds[1:])}
        first = np.zeros(len(codes), dtype=bool)
        first[bounds[:-1][bounds[:-1] < len(codes)]] = True
        new_seg = first.copy()
        new_seg[1:] |= seg_id[1:] != seg_id[:-1]
        gap = np.r_[0, start[1:] - end[:-1]]
        self.source_break = new_seg | (gap > 1)
        target_break = new_seg | (gap > 12)
        texts = dict(zip(zip(seg["doc_id"].tolist(), seg["lang"].tolist(), seg["seg_id"].tolist()),
                         seg["text"].tolist()))
        doc = hits["doc_id"].tolist()
        lang = hits["lang"].tolist()
        for i in np.flatnonzero(~target_break & (gap > 0)).tolist():  # short gaps: the characters decide
            t = texts[(doc[i], lang[i], int(seg_id[i]))]
            if not TARGET_GAP.fullmatch(t[end[i - 1]:start[i]]):
                target_break[i] = True
        self.target_break = target_break
        self.seg, self.start, self.end = seg_id.tolist(), start.tolist(), end.tolist()
        self.lit = (hits["kind"].to_numpy() == "literal").tolist()
        self.match, self.pos = hits["match"].tolist(), pos.tolist()
        self._source_first = np.flatnonzero(self.source_break).tolist()
        self._target_first = np.flatnonzero(self.target_break).tolist()
        self._source_group = (np.cumsum(self.source_break) - 1).tolist()
        self._target_group = (np.cumsum(self.target_break) - 1).tolist()

    def slice(self, d, a, lang, frame):
        """The hits (indices) of one unit, language and frame, in order."""
        lo, hi = self.slices.get((d, a, lang, frame), (0, 0))
        return range(lo, hi)

    def groups(self, hits, *, target: bool) -> list[list[int]]:
        """The groups of adjacent hits among `hits` (a :meth:`slice`)."""
        if not len(hits):
            return []
        first, gid = (self._target_first, self._target_group) if target else (self._source_first, self._source_group)
        lo, hi = hits.start, hits.stop
        cuts = first[gid[lo]:gid[hi - 1] + 1] + [hi]
        return [list(range(a, b)) for a, b in zip(cuts, cuts[1:])]
