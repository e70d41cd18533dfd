"""The frame hits of aligned units as flat tuples, grouped once for all units (for renderings, step 1).

:class:`UnitHits` takes the hits of :func:`~discourse.frames._hits.find_hits` (arrays, no
table), keeps those in aligned segments, sorts them by (unit, language, frame, segment,
start), as the pairing reads them, and works out once, for all units at once, what the
pairing of one unit used to compute hit by hit: each hit's relative position in its unit
(``(segment number + start / segment length) / segments``), and where the groups of
adjacent hits begin — source groups (nothing but one character between two hits) and
target groups (at most 12 letters, spaces and apostrophes between them). A hit is then an
integer index into the tuples ``seg, start, end, lit, match, pos``.

>>> import discourse
>>> from discourse.frames import load_lexicon
>>> from discourse.frames._hits import find_hits
>>> corpus, lex = discourse.load_corpus(), load_lexicon()
>>> h = UnitHits(corpus, find_hits(corpus, corpus.tokens(), lex), lex.names)
>>> [[h.match[i] for i in g] for g in h.groups(h.slice("003_90d6e10e09142168", 3, "fr", "battle"), target=True)][:2]
[['élimination de la pauvreté'], ['acte d’engagement', 'élimination de la pauvreté']]
>>> [[h.match[i] for i in g] for g in h.groups(h.slice("000_6faf780c4d1388a2", 2, "zh", "battle"), target=False)][2]
['打赢', '脱贫攻坚战']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from discourse.corpus import COUNTED_ROLES

from .lexicon import KINDS
from ._hits import match_texts

__all__ = ["TARGET_GAP", "UnitHits"]

#: What may stand between two target hits of one group.
TARGET_GAP = re.compile(r"(?:[^\W\d_]|[\s’'\-]){0,12}")


class UnitHits:
    """The hits of aligned units as flat tuples, with their positions and groups (module docstring).

    Parameters
    ----------
    units : Corpus
        The aligned units searched (paragraphs or sentences).
    found : dict
        :func:`~discourse.frames._hits.find_hits` of `units` (its ``seg_row, frame, kind, start, end``).
    names : list of str
        The lexicon's frame names (``found["frame"]`` indexes them).

    Attributes
    ----------
    rows : ndarray
        Per hit (in the order of the tuples), its segment's row in `units`.
    """

    def __init__(self, units, found, names):
        align = units.column("align_id")
        aligned = pd.notna(align) & units.mask(role=list(COUNTED_ROLES))
        row = found["seg_row"]
        keep = aligned[row]
        row, frame = row[keep], found["frame"][keep]
        start, end = found["start"][keep], found["end"][keep]
        # per segment: its unit (doc, align, lang), its number in the unit, the unit's segments
        doc_code, docs = pd.factorize(units.column("doc_id"))
        lang_code, langs = pd.factorize(units.column("lang"))
        align_id = np.where(aligned, pd.array(align, dtype="Int64").fillna(0).to_numpy(np.int64), 0)
        unit_key = (doc_code.astype(np.int64) * (int(align_id.max(initial=0)) + 1) + align_id) * len(langs) + lang_code
        unit_key = np.where(aligned, unit_key, -1)
        unit_code, _ = pd.factorize(unit_key)
        n_seg = np.bincount(unit_code, minlength=int(unit_code.max(initial=0)) + 1)
        # the number of each segment in its unit: segments in corpus order
        by_unit = np.argsort(unit_code, kind="stable")
        first_of = np.r_[0, np.cumsum(n_seg)[:-1]]
        k = np.empty(len(unit_code), dtype=np.int64)
        k[by_unit] = np.arange(len(unit_code)) - first_of[unit_code[by_unit]]
        texts = units.column("text")
        seg_len = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        seg_ids = units.column("seg_id").astype(np.int64)
        # as the pairing reads them: by unit and frame, then segment id and start (stable: corpus order)
        key = unit_code[row].astype(np.int64) * (len(names) + 1) + frame
        order = np.lexsort((start, seg_ids[row], key))
        row, frame, start, end, key = row[order], frame[order], start[order], end[order], key[order]
        kind = found["kind"][keep][order]
        pos = (k[row] + start / np.maximum(seg_len[row], 1)) / n_seg[unit_code[row]]
        seg_id = seg_ids[row]
        n = len(key)
        new = np.r_[True, key[1:] != key[:-1]] if n else np.zeros(0, dtype=bool)
        bounds = np.r_[np.flatnonzero(new), n]
        lo = bounds[:-1]
        doc_of, lang_of = docs[doc_code[row[lo]]].tolist(), langs[lang_code[row[lo]]].tolist()
        frame_of = [names[f] for f in frame[lo].tolist()]
        self.slices = {(d, a, la, f): (int(b), int(e)) for d, a, la, f, b, e in zip(
            doc_of, align_id[row[lo]].tolist(), lang_of, frame_of, lo.tolist(), bounds[1:].tolist())}
        new_seg = new.copy()
        new_seg[1:] |= seg_id[1:] != seg_id[:-1]
        gap = np.r_[0, start[1:] - end[:-1]] if n else np.zeros(0, dtype=np.int64)
        self.source_break = new_seg | (gap > 1)
        target_break = new_seg | (gap > 12)
        for i in np.flatnonzero(~target_break & (gap > 0)).tolist():  # short gaps: the characters decide
            if not TARGET_GAP.fullmatch(texts[row[i]][end[i - 1]:start[i]]):
                target_break[i] = True
        self.target_break = target_break
        self.rows = row
        # tuples, not lists: a tuple of numbers and strings leaves the garbage collector's
        # tracking after its first pass, so that the long pairing loop does not scan them again and again
        self.seg, self.start, self.end = tuple(seg_id.tolist()), tuple(start.tolist()), tuple(end.tolist())
        self.lit = tuple((kind == KINDS.index("literal")).tolist())
        self.match, self.pos = tuple(match_texts(texts, row, start, end).tolist()), tuple(pos.tolist())
        self._source_first = tuple(np.flatnonzero(self.source_break).tolist())
        self._target_first = tuple(np.flatnonzero(self.target_break).tolist())
        self._source_group = tuple((np.cumsum(self.source_break) - 1).tolist())
        self._target_group = tuple((np.cumsum(self.target_break) - 1).tolist())

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
        cuts = first[gid[lo]:gid[hi - 1] + 1] + (hi,)
        return [list(range(a, b)) for a, b in zip(cuts, cuts[1:])]
