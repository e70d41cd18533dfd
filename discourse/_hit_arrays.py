"""A query's hits as arrays, ``{column: int64 array}`` with the columns :data:`HIT_COLUMNS`
(``seg_row, first, last, start, end``): put in corpus order (:func:`sorted_hits`) and made
a DataFrame when a table is asked for (:func:`int_frame`); used by :mod:`discourse.query`.

>>> hits = sorted_hits([{"seg_row": np.array([1, 0]), "first": np.array([9, 2]), "last": np.array([10, 3]),
...                      "start": np.array([0, 5]), "end": np.array([4, 8])}])
>>> hits["seg_row"].tolist(), hits["start"].tolist()
([0, 1], [5, 0])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["HIT_COLUMNS", "int_frame", "sorted_hits", "strictly_increasing"]

HIT_COLUMNS = ["seg_row", "first", "last", "start", "end"]


def sorted_hits(parts: list) -> dict[str, np.ndarray]:
    """The hits of all parts (mappings of columns ``HIT_COLUMNS``) in corpus order (``seg_row,
    start, end``), each span once (the first found), as int64 arrays: one ``numpy.lexsort``."""
    parts = [part for part in parts if len(part["seg_row"])] or parts[:1]
    if not parts:
        return {col: np.zeros(0, dtype=np.int64) for col in HIT_COLUMNS}
    if len(parts) == 1:  # no copy
        columns = {col: parts[0][col].astype(np.int64, copy=False) for col in HIT_COLUMNS}
    else:
        columns = {col: np.concatenate([np.asarray(part[col], dtype=np.int64) for part in parts])
                   for col in HIT_COLUMNS}
    row, start, end = columns["seg_row"], columns["start"], columns["end"]
    if strictly_increasing(row, start, end):  # one word's hits: already in order, each once
        return columns
    order = np.lexsort((end, start, row))  # stable: the first found comes first
    r, s, e = row[order], start[order], end[order]
    repeated = (r[1:] == r[:-1]) & (s[1:] == s[:-1]) & (e[1:] == e[:-1])
    order = order[np.r_[True, ~repeated]]
    return {col: values[order] for col, values in columns.items()}


def int_frame(columns: dict) -> pd.DataFrame:
    """A DataFrame of int64 columns held in one block (no copy when pandas makes it, and
    none later to consolidate): quicker than ``pd.DataFrame(columns)`` for large hits."""
    n = len(next(iter(columns.values()))) if columns else 0
    block = np.empty((len(columns), n), dtype=np.int64)
    for i, values in enumerate(columns.values()):
        block[i] = values
    return pd.DataFrame(block.T, columns=list(columns), copy=False)


def strictly_increasing(*keys: np.ndarray) -> bool:
    """Whether the rows of the key columns are in strictly increasing lexicographic order."""
    if len(keys[0]) < 2:
        return True
    if len(keys[0]) <= 16:  # a rare word's few hits: quicker as tuples than as a dozen numpy calls
        rows = list(zip(*(key.tolist() for key in keys)))
        return all(a < b for a, b in zip(rows, rows[1:]))
    after = np.zeros(len(keys[0]) - 1, dtype=bool)
    tied = np.ones_like(after)
    for key in keys:
        after |= tied & (key[1:] > key[:-1])
        tied &= key[1:] == key[:-1]
    return bool(after.all())
