"""The rows of :func:`~discourse.frames.renderings.renderings` as a table: columns built once, nullable
integers from arrays, one sort.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["rendering_table"]

_INT_COLUMNS = ("source_start", "source_end", "target_start", "target_end", "source_seg_id", "target_seg_id")


def _int_column(values):
    """A nullable integer column (``Int64``) from a list of ints and Nones."""
    x = np.array(values, dtype=np.float64)
    missing = np.isnan(x)
    return pd.arrays.IntegerArray(np.where(missing, 0, x).astype(np.int64), missing)


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
    data = dict(zip(columns, (list(c) for c in zip(*rows))))
    for c in _INT_COLUMNS:
        data[c] = _int_column(data[c])
    data["align_id"] = np.array(data["align_id"], dtype=np.int64)
    start = np.where(data["source_start"].isna(), data["target_start"].to_numpy(np.float64, na_value=np.nan),
                     data["source_start"].to_numpy(np.float64, na_value=np.nan))
    lang_code = pd.factorize(np.array(data["target_lang"], dtype=object), sort=True)[0]
    order = np.lexsort((start, lang_code, np.array([frame_order[f] for f in data["frame"]], dtype=np.int64),
                        data["align_id"], np.array([doc_order[d] for d in data["doc_id"]], dtype=np.int64)))
    out = pd.DataFrame(data, columns=columns)
    return out.take(order).reset_index(drop=True)
