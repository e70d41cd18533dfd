"""Keyness for several groups at once (``keywords(…, by=COLUMN)``), all groups together.

One count of the corpus gives every group's frequency list, as one (group × term) matrix;
the reference of a group is the rest (the whole text minus the group: the complement) or
one named group. :func:`group_keyness` computes the statistics of all (group, term) rows
in one pass over arrays — the group's counts ``a`` and size ``c``, the reference's counts
``b`` and size ``d`` (the notation of Rayson & Garside 2000) — and sorts them once on
integer keys, where one :func:`discourse.keyness.keyness` table per group would sort each
group's whole vocabulary as strings. The figures and the rows are those of ``keywords``
run per group.

References
----------
Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling.
*Proceedings of the Workshop on Comparing Corpora*, ACL 2000, 1–6.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse._util import string_ranks
from discourse.counting import count_table
from discourse.errors import InputError
from discourse.keyness_table import DIRECTIONS, KEYNESS_COLUMNS, check_measure, keyness_columns, rank_keys, sort_order

__all__ = ["group_column", "group_keyness"]


def group_column(by) -> str:
    """The one column ``by`` names, checked.

    >>> group_column("year")
    'year'
    >>> group_column(["doc_id"])
    'doc_id'
    """
    if isinstance(by, (list, tuple)) and len(by) == 1:
        by = by[0]
    if not isinstance(by, str) or not by.strip():
        raise InputError(f"by names one column whose values are the groups (by='year', by='doc_id'), "
                         f"not {by!r}")
    if by == "lang":
        raise InputError("keyness compares one language: by='lang' would compare languages; "
                         "group by a document or segment column (doc_id, year …)")
    return by


def _same(value, wanted) -> bool:
    missing, wanted_missing = pd.isna(value), pd.isna(wanted)
    if missing or wanted_missing:  # a missing year is its own group, equal to no value (NA == x is NA)
        return bool(missing and wanted_missing)
    return value == wanted or str(value) == str(wanted)


def group_keyness(toks, seg_mask, by, *, lang, reference_group=None, measure="g2", bonferroni=False,
                  min_count=1, ci_level=0.95, max_p=None, top=None, **options):
    """The keyness table of every group of the ``by`` column among the segments of
    ``seg_mask`` against the rest (the other groups: the complement) or against
    ``reference_group``, built for all groups at once.

    The corpus is counted once into a (group × term) matrix; a group's reference counts are
    the whole text's minus its own (or the reference group's row); every statistic is
    computed over all the (group, term) rows together (:func:`discourse.keyness_table.keyness_columns`)
    and the rows are sorted once, on integer keys (group, direction, strength, the term's
    rank). A group's rows are those of :func:`discourse.keyness.keyness` on its counts —
    the terms with a count in the group or its reference and ``min_count`` together, the
    Bonferroni factor the number of such terms — and ``max_p`` and ``top`` choose rows per
    group as :func:`discourse.keywords` does. Groups follow corpus order; the reference
    group gets no rows; a group with no counted token is left out and listed in
    ``attrs["empty_groups"]``. ``options``: ``n, punct, sep, stopwords`` as in
    :func:`discourse.counting.count_table`.

    Returns
    -------
    pandas.DataFrame
        ``group, lang`` and the columns of :data:`discourse.keyness_table.KEYNESS_COLUMNS`.

    Examples
    --------
    >>> import discourse
    >>> from discourse.counting import lang_mask
    >>> corpus = discourse.load_corpus()
    >>> table = group_keyness(corpus.tokens(), lang_mask(corpus, "zh"), "doc_id", lang="zh", stopwords=None)
    >>> table.groupby("group", sort=False)[["target_total", "reference_total"]].first().values.tolist()
    [[195, 176], [176, 195]]
    >>> table.attrs["empty_groups"]
    []
    """
    check_measure(measure)
    table, labels = count_table(toks, by=[by], seg_mask=seg_mask, **options)
    term_code, terms = pd.factorize(table["term"], sort=False)
    n_terms = len(terms)
    totals = labels["total"].to_numpy(dtype=np.int64)
    values = labels[by]
    matrix = np.bincount(table["_group"].to_numpy() * n_terms + term_code,
                         weights=table["count"].to_numpy(dtype=float),
                         minlength=len(values) * n_terms).reshape(len(values), n_terms)
    ref = _reference(values, totals, reference_group, by)
    compared = [g for g in range(len(values)) if g != ref and totals[g] > 0]
    empty = [values.iloc[g] for g in range(len(values)) if g != ref and totals[g] == 0]
    compared = np.array(compared, dtype=np.int64)
    a = matrix[compared]
    c = totals[compared].astype(float)
    if ref is None:
        b = matrix.sum(axis=0) - a
        d = float(totals.sum()) - c
    else:
        b = np.broadcast_to(matrix[ref], a.shape)
        d = np.full(len(compared), float(totals[ref]))
    if len(compared) and (d == 0).any():
        value = values.iloc[compared[np.flatnonzero(d == 0)[0]]]
        raise InputError(f"the group {value!r} is all the text compared: there is no rest to compare "
                         "it with; give reference_group= or select more text")
    keep = ((a > 0) | (b > 0)) & (a + b >= min_count)
    row, term = np.nonzero(keep)  # by group, then term
    n_rows = keep.sum(axis=1)
    bounds = np.r_[0, np.cumsum(n_rows)]
    # each group's statistics with its sizes as scalars, as keyness computes them (bit for bit)
    parts = [keyness_columns(a[g, term[lo:hi]], b[g, term[lo:hi]], c[g], d[g], ci_level=ci_level,
                             n_comparisons=max(hi - lo, 1) if bonferroni else 1)
             for g, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:]))]
    columns = {name: np.concatenate([p[0][name] for p in parts]) if parts else np.zeros(0) for name in
               KEYNESS_COLUMNS[1:-1]}
    direction = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.int8)
    strength, direction_key = rank_keys(columns, direction, measure)
    order = sort_order(row * 3 + direction_key, strength, string_ranks(terms.astype(str))[term], n_last=n_terms)
    order = _kept(order, row, direction, columns["p_value"], max_p, top)
    group = pd.Series(values.iloc[compared].to_numpy(dtype=object)).infer_objects()
    text = pd.array([*DIRECTIONS.tolist(), str(lang)], dtype="str")  # taken, not made a million times
    out = pd.DataFrame({"group": group.take(row[order]).reset_index(drop=True),
                        "lang": text.take(np.full(len(order), len(DIRECTIONS))),
                        "term": pd.Index(terms).take(term[order]),
                        **{k: v[order] for k, v in columns.items()},
                        "direction": text.take(direction[order])})
    out.attrs.update(by=by, empty_groups=empty)
    return out


def _reference(values, totals, reference_group, by):
    """The row of ``reference_group`` among the group labels ``values`` (None: the complement)."""
    if reference_group is None:
        return None
    found = [g for g, value in enumerate(values.tolist()) if _same(value, reference_group)]
    if not found:
        shown = ", ".join(map(str, values.tolist()[:8])) + (" …" if len(values) > 8 else "")
        raise InputError(f"reference_group {reference_group!r} is not a value of {by!r} in the text "
                         f"compared; its values are {shown}")
    if totals[found[0]] == 0:
        raise InputError(f"the reference group {reference_group!r} has no token counted")
    return found[0]


def _kept(order, row, direction, p, max_p, top):
    """The sorted rows that ``max_p`` and ``top`` keep, per group (as ``keywords`` does for one)."""
    if max_p is not None:
        order = order[p[order] <= max_p]
    if top is not None:  # sorted: per group, positive (strongest first), none, negative
        key = row[order] * 3 + direction[order]
        start = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        rank = np.arange(len(order)) - np.repeat(start, np.diff(np.r_[start, len(order)]))
        order = order[(direction[order] != 1) & (rank < top)]
    return order
