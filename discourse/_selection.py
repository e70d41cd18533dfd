"""The one selection mechanism of the package, behind :meth:`discourse.Corpus.mask` and
:meth:`discourse.Corpus.segment_frame` (``Corpus.filter``, the ``target=`` and
``reference=`` selections of keywords, ``discourse.counting.select`` and the command
line use it): which segments meet conditions ``column=value`` on the segments and
documents tables of a corpus.

A value is one value or a list; a string may list values separated by commas (unless a
text is written so) and ``lo-hi`` or ``lo..hi`` is an inclusive range of numbers. Numeric
columns compare as numbers; in a column of text a value matches the text written the
same, and a number or range no text is written as compares with the texts that read as
numbers (years stored as text).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._util import as_list
from .errors import InputError

__all__ = ["matches", "segment_mask", "segment_frame", "column_names"]

_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:\.\.|-)\s*(-?\d+(?:\.\d+)?)\s*$")


def matches(column: pd.Series, col: str, value) -> np.ndarray:
    """Which rows of ``column`` (the column ``col`` of the segments or the documents) meet
    the condition ``col=value`` of :meth:`discourse.Corpus.mask`.

    >>> years = pd.Series(["2014", "2016", "n.d."])
    >>> matches(years, "year", "2015-2020").tolist(), matches(years, "year", "n.d.,2014").tolist()
    ([False, True, False], [True, False, True])
    """
    numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
    if numeric:
        values = [v.strip() for v in value.split(",")] if isinstance(value, str) else as_list(value)
        nums = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        hit = np.zeros(len(column), dtype=bool)
        for v in values:
            span = _RANGE.match(v) if isinstance(v, str) else None
            if span:
                hit |= (nums >= float(span[1])) & (nums <= float(span[2]))
                continue
            try:
                hit |= nums == float(v)
            except (TypeError, ValueError):
                raise InputError(f"column {col!r} holds numbers; {v!r} is not a number or a range "
                                 "such as 2015-2020") from None
        return hit
    codes, distinct, texts = _text_codes(column)
    if isinstance(value, str):  # "a,b" lists values, unless a text is written so
        values = [value] if (texts == value).any() else [v.strip() for v in value.split(",")]
    else:
        values = as_list(value)
    wanted = [str(v) for v in values]
    hit = np.isin(texts, wanted)
    for v, found in zip(values, np.isin(wanted, texts)):
        if not found and isinstance(v, (str, int, float, np.number)) and not isinstance(v, bool):
            hit |= _as_numbers(distinct, v)  # years stored as text: "2016" in 2015-2020
    return hit[codes]


def _text_codes(column: pd.Series) -> tuple[np.ndarray, pd.Series, np.ndarray]:
    """The column as its distinct values: per row the index of its value, those values,
    and their texts (``str(value)``); each distinct value is made text once (a role or
    language column of a million rows has a handful). A column with missing values or
    anything but texts is taken row by row (``1``, ``1.0`` and ``True`` are one value to
    a factorisation, three texts)."""
    values = column.to_numpy()
    if values.dtype == object and len(values) and not column.isna().any():
        codes, uniques = pd.factorize(values)
        if all(type(u) is str for u in uniques):  # (1, 1.0 and True would be one value)
            return codes, pd.Series(uniques, dtype=object), np.array(uniques, dtype=object)
    return np.arange(len(values)), column, column.astype(str).to_numpy()


def _as_numbers(column: pd.Series, value) -> np.ndarray:
    """Which texts of ``column`` read as a number equal to ``value`` or in its range
    ``lo-hi`` / ``lo..hi``; all False when ``value`` is neither."""
    span = _RANGE.match(value) if isinstance(value, str) else None
    if span is None:
        try:
            lo = hi = float(value)
        except (TypeError, ValueError):
            return np.zeros(len(column), dtype=bool)
    else:
        lo, hi = float(span[1]), float(span[2])
    nums = pd.to_numeric(column.astype(object).where(column.notna()), errors="coerce")
    nums = nums.to_numpy(dtype=float, na_value=np.nan)
    return (nums >= lo) & (nums <= hi)


def column_names(segments: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """The columns one may group or select by: segment columns (not text or offsets),
    then document metadata."""
    known = [c for c in segments.columns if c not in ("text", "path", "start", "end", "line", "align_score")]
    return known + [c for c in documents.columns if c not in known]


def segment_mask(segments: pd.DataFrame, documents: pd.DataFrame, conditions: dict, *,
                 strict: bool = False) -> np.ndarray:
    """Boolean per segment: it (or its document) meets every condition (see :func:`matches`);
    with ``strict=True`` a condition no segment meets is an error."""
    keep = np.ones(len(segments), dtype=bool)
    for col, value in conditions.items():
        if col in segments.columns:
            column, hit = segments[col], matches(segments[col], col, value)
        elif col in documents.columns:
            column = documents[col]
            hit = matches(column, col, value)[pd.Index(documents["doc_id"]).get_indexer(segments["doc_id"])]
        else:
            raise InputError(f"no metadata column {col!r} to select by; the corpus has "
                             f"{', '.join(map(str, column_names(segments, documents)))}")
        if strict and not hit.any():
            shown = pd.unique(column.dropna().astype(str))
            raise InputError(f"no text has {col}={value!r}; values of {col} include "
                             f"{', '.join(shown[:8])}{' …' if len(shown) > 8 else ''}")
        keep &= hit
    return keep


def segment_frame(segments: pd.DataFrame, documents: pd.DataFrame, columns: list) -> pd.DataFrame:
    """One row per segment with ``columns``, each a segment column or, failing that, a
    document metadata column (see :meth:`discourse.Corpus.segment_frame`)."""
    out = pd.DataFrame(index=segments.index)
    for col in columns:
        if col in segments.columns:
            out[col] = segments[col].to_numpy()
        elif col in documents.columns:
            by_doc = documents.drop_duplicates("doc_id").set_index("doc_id")[col]
            out[col] = segments["doc_id"].map(by_doc).to_numpy()
            values = out[col]
            if pd.api.types.is_float_dtype(values) and values.notna().any() and \
                    (values.dropna() == values.dropna().round()).all():
                out[col] = values.astype("Int64")  # years saved as 2020.0 (a column with gaps) are 2020
        else:
            raise InputError(f"no column {col!r} to group or select by; the corpus has "
                             f"{', '.join(map(str, column_names(segments, documents)))}")
    return out
