"""The table of a concordance (:meth:`discourse.Concordance.to_frame`), built in one step.

A rare word's table must cost little more than its search (a concordance is often asked
for many words in turn), so the table is made by one ``pandas.DataFrame`` call from
ready arrays: the segment columns taken from arrays made once per Tokens
(:func:`~discourse._kwic.segment_arrays`), the offsets copied (the table owns them: a
change to it never reaches the concordance), and the three context strings of every hit
cut by one list comprehension over slices of one string, all the segments' texts joined
(:func:`joined_text`, made once per Tokens), converted to pandas strings together.

>>> import discourse
>>> toks = discourse.load_corpus().tokens()
>>> hits = {"seg_row": [12], "start": [95], "end": [98], "lo": [90], "hi": [103]}
>>> context_frame(toks, hits, langs=[])[["left", "match", "right"]].values.tolist()
[['》,立下“', '军令状', '”,实现了']]
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd

from ._kwic import segment_arrays

__all__ = ["context_frame", "context_lines", "joined_text", "COLUMNS"]

#: The columns of :meth:`discourse.Concordance.to_frame`, in order (parallel columns follow).
COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "start", "end", "left", "match", "right"]
_PARALLEL = ("text_", "equiv_")  # columns of a parallel concordance, before its renderings'


def joined_text(toks) -> tuple[str, np.ndarray]:
    """All segment texts joined into one string, and the offset of each segment in it
    (made once per Tokens): a context is one slice of it, wherever its segment is.

    >>> import discourse
    >>> toks = discourse.load_corpus().tokens()
    >>> text, offsets = joined_text(toks)
    >>> text[offsets[12] + 95:offsets[12] + 98]
    '军令状'
    """
    def join():
        return "".join(toks.corpus.column("text")), np.r_[0, np.cumsum(toks.segment_lengths())[:-1]].astype(np.int64)

    return toks.memo(("kwic_joined_text",), join)


def context_lines(toks, hits) -> list[tuple[str, str, str]]:
    """Each hit's ``(left, match, right)`` strings, those of :func:`context_frame`, without a table.

    >>> import discourse
    >>> toks = discourse.load_corpus().tokens()
    >>> context_lines(toks, {"seg_row": [12], "start": [95], "end": [98], "lo": [90], "hi": [103]})
    [('》,立下“', '军令状', '”,实现了')]
    """
    if len(hits["seg_row"]) <= 16:  # a rare word's few hits: Python ints, no numpy call per column
        text, offsets = joined_text(toks)
        return [(text[at + a:at + b], text[at + b:at + c], text[at + c:at + d]) for at, a, b, c, d in
                zip(map(offsets.item, _ints(hits["seg_row"])), *(_ints(hits[c]) for c in ("lo", "start", "end", "hi")))]
    text, lo, start, end, hi = _joined_bounds(toks, hits)
    return [(text[a:b], text[b:c], text[c:d]) for a, b, c, d in zip(lo, start, end, hi)]


def _ints(values) -> list[int]:
    """A hit column as a list of Python ints (it is one already, or an array or Series)."""
    return values if isinstance(values, list) else values.tolist()


def _joined_bounds(toks, hits) -> tuple[str, memoryview, memoryview, memoryview, memoryview]:
    """The joined text (:func:`joined_text`) and each hit's ``lo, start, end, hi`` as offsets
    in it: memoryviews of int64 arrays, which give Python ints one at a time as a loop reads
    them, each freed for the next (``.tolist()`` would make all four lists of ints first:
    a fifth more time for a frequent word's lines, the allocator's, not the slicing's)."""
    text, offsets = joined_text(toks)
    at = offsets[np.asarray(hits["seg_row"], dtype=np.int64)]
    lo, start, end, hi = (memoryview(np.asarray(hits[c], dtype=np.int64) + at) for c in ("lo", "start", "end", "hi"))
    return text, lo, start, end, hi


def context_frame(toks, hits, *, langs) -> pd.DataFrame:
    """The table of some hits: :data:`COLUMNS`, then the parallel columns of a hit table
    (``text_<lang>``, ``equiv_<lang>``, and ``rendering_<lang>, status_<lang>`` for the
    other languages ``langs``).

    ``hits`` is a hit table or a mapping of its columns to arrays (``seg_row, start, end``
    and the context bounds ``lo, hi``); ``toks`` the tokens of the concordance's corpus.
    """
    segments = segment_arrays(toks)
    rows = np.asarray(hits["seg_row"], dtype=np.int64)
    n = len(rows)
    start, end = (np.array(hits[c], dtype=np.int64) for c in ("start", "end"))  # copies: the table's own
    text, lo, at_start, at_end, hi = _joined_bounds(toks, hits)
    # the left strings, the matches, the right strings, the doc_id and lang: one conversion to pandas strings
    pieces = np.concatenate([np.array([text[a:b] for a, b in zip(chain(lo, at_start, at_end),
                                                                 chain(at_start, at_end, hi))], dtype=object)]
                            + [segments[col].take(rows) for col in ("doc_id", "lang")])
    strings = pd.arrays.StringArray(pieces, dtype=segments["string_dtype"])
    columns = {"doc_id": strings[3 * n:4 * n], "lang": strings[4 * n:]}
    columns.update({col: segments[col].take(rows) for col in ("seg_id", "align_id")})
    columns.update(start=start, end=end, left=strings[:n], match=strings[n:2 * n], right=strings[2 * n:3 * n])
    if isinstance(hits, pd.DataFrame):
        extra = [c for prefix in _PARALLEL for c in hits.columns if c.startswith(prefix)]
        extra += [f"{prefix}{code}" for code in langs for prefix in ("rendering_", "status_")
                  if f"{prefix}{code}" in hits.columns]
        columns.update({col: hits[col].array.copy() for col in extra})
    return pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False)
