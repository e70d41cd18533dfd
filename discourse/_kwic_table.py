"""The table of a concordance (:meth:`discourse.Concordance.to_frame`), built in one step.

A rare word's table must cost little more than its search (a concordance is often asked
for many words in turn), so the table is made by one ``pandas.DataFrame`` call from
ready arrays: the segment columns taken from arrays made once per Tokens
(:func:`~discourse._kwic.segment_arrays`), the offsets copied (the table owns them: a
change to it never reaches the concordance), and the three context strings of every hit
cut by one list comprehension over slices of the original text, converted to pandas
strings together.

>>> import discourse
>>> toks = discourse.load_corpus().tokens()
>>> hits = {"seg_row": [12], "start": [95], "end": [98], "lo": [90], "hi": [103]}
>>> context_frame(toks, hits, langs=[])[["left", "match", "right"]].values.tolist()
[['》,立下“', '军令状', '”,实现了']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._kwic import segment_arrays

__all__ = ["context_frame", "COLUMNS"]

#: The columns of :meth:`discourse.Concordance.to_frame`, in order (parallel columns follow).
COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "start", "end", "left", "match", "right"]
_PARALLEL = ("text_", "equiv_")  # columns of a parallel concordance, before its renderings'


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
    texts = segments["text"][rows].tolist()
    lo, hi = (np.asarray(hits[c], dtype=np.int64).tolist() for c in ("lo", "hi"))
    starts, ends = start.tolist(), end.tolist()
    pieces = ([t[a:b] for t, a, b in zip(texts, lo, starts)] + [t[a:b] for t, a, b in zip(texts, starts, ends)]
              + [t[a:b] for t, a, b in zip(texts, ends, hi)])
    strings = pd.array(np.array(pieces, dtype=object), dtype=segments["doc_id"].dtype)  # one conversion for all
    columns = {col: segments[col].take(rows) for col in ("doc_id", "lang", "seg_id", "align_id")}
    columns.update(start=start, end=end, left=strings[:n], match=strings[n:2 * n], right=strings[2 * n:])
    if isinstance(hits, pd.DataFrame):
        extra = [c for prefix in _PARALLEL for c in hits.columns if c.startswith(prefix)]
        extra += [f"{prefix}{code}" for code in langs for prefix in ("rendering_", "status_")
                  if f"{prefix}{code}" in hits.columns]
        columns.update({col: hits[col].array.copy() for col in extra})
    return pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False)
