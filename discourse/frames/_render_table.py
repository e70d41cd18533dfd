"""The rows of :func:`~discourse.frames.renderings.renderings` as a table: columns built once, nullable
integers from arrays, one sort.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["rendering_table"]

_INT_COLUMNS = ("source_start", "source_end", "target_start", "target_end", "source_seg_id", "target_seg_id")


def rendering_table(rows, columns, doc_order, frame_order) -> pd.DataFrame:
    """The rows (tuples, in the order of `columns`) as a table, sorted by document, unit, frame,
    target language and source (else target) offset; `doc_order` and `frame_order` map a
    document and a frame to its rank.

    >>> cols = ["doc_id", "align_id", "frame", "target_lang", "source_start", "source_end", "target_start",
    ...         "target_end", "source_seg_id", "target_seg_id"]
    >>> rows = [("d", 1, "b", "fr", None, None, 9, 12, None, 3), ("d", 1, "b", "fr", 4, 6, 1, 3, 0, 3)]
    >>> rendering_table(rows, cols, {"d": 0}, {"b": 0})["target_start"].tolist()
    [1, 9]
    """
    if not rows:
        return pd.DataFrame(rows, columns=columns).astype({"align_id": "int64", **{c: "Int64" for c in _INT_COLUMNS}})
    cols = list(zip(*rows))
    data = dict(zip(columns, cols))
    ints = {c: np.array(data[c], dtype=np.float64) for c in _INT_COLUMNS}
    align = np.array(data["align_id"], dtype=np.int64)
    start = np.where(np.isnan(ints["source_start"]), ints["target_start"], ints["source_start"])
    lang_code = pd.factorize(np.array(data["target_lang"], dtype=object), sort=True)[0]
    order = np.lexsort((start, lang_code, np.array([frame_order[f] for f in data["frame"]], dtype=np.int64),
                        align, np.array([doc_order[d] for d in data["doc_id"]], dtype=np.int64)))
    # the rows put in order before the table is made (no take of the whole table)
    ordered = {}
    for c in columns:
        if c in ints:
            x = ints[c][order]
            missing = np.isnan(x)
            ordered[c] = pd.arrays.IntegerArray(np.where(missing, 0, x).astype(np.int64), missing)
        elif c == "align_id":
            ordered[c] = align[order]
        else:
            values = data[c]
            ordered[c] = [values[k] for k in order.tolist()]
    return pd.DataFrame(ordered, columns=columns)
