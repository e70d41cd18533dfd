"""The counts behind keyness for several groups at once (``keywords(…, by=COLUMN)``).

One count of the corpus gives every group's frequency list; the reference of a group is
the rest (the sum of the other groups: the complement) or one named group. For each
group :func:`group_counts` yields the four inputs of :func:`discourse.keyness.keyness`:
the group's counts ``a`` and size ``c``, the reference's counts ``b`` and size ``d``
(the notation of Rayson & Garside 2000). Counting once instead of once per group is
what makes 72 yearly groups cheap; the figures are those of ``keywords`` run per group.

References
----------
Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling.
*Proceedings of the Workshop on Comparing Corpora*, ACL 2000, 1–6.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from discourse.counting import count_table
from discourse.errors import InputError

__all__ = ["GroupCounts", "group_column", "group_counts"]


class GroupCounts(NamedTuple):
    """The keyness inputs of one group: counts and sizes of the group and its reference."""

    group: object  # the group's value in the ``by`` column
    a: pd.Series  # counts in the group, indexed by term
    b: pd.Series  # counts in the reference, indexed by term
    c: int  # tokens in the group
    d: int  # tokens in the reference


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
    if pd.isna(value) and pd.isna(wanted):
        return True
    return value == wanted or str(value) == str(wanted)


def group_counts(toks, seg_mask, by, *, reference_group=None, empty=None, **options):
    """Yield a :class:`GroupCounts` for each group of the ``by`` column among the segments of
    ``seg_mask``, in corpus order.

    The reference is the complement (every other group of ``seg_mask``) or, with
    ``reference_group``, that group (compared with itself it is left out). A group with no
    counted token has no keyness; its value is appended to the list ``empty`` if given.
    ``options``: ``n, punct, sep, stopwords`` as in :func:`discourse.counting.count_table`.

    Examples
    --------
    >>> import discourse
    >>> from discourse.counting import lang_mask
    >>> corpus = discourse.load_corpus()
    >>> toks = corpus.tokens()
    >>> parts = list(group_counts(toks, lang_mask(corpus, "zh"), "doc_id", stopwords=None))
    >>> [(p.group, p.c, p.d) for p in parts]
    [('000_6faf780c4d1388a2', 195, 176), ('003_90d6e10e09142168', 176, 195)]
    """
    table, labels = count_table(toks, by=[by], seg_mask=seg_mask, **options)
    term_code, terms = pd.factorize(table["term"], sort=False)
    n_terms = len(terms)
    group = table["_group"].to_numpy()
    counts = table["count"].to_numpy(dtype=float)
    totals = labels["total"].to_numpy(dtype=np.int64)
    values = labels[by].tolist()
    whole = np.bincount(term_code, weights=counts, minlength=n_terms)
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(values) + 1))
    index = pd.Index(terms)

    def dense(g):
        rows = order[bounds[g]:bounds[g + 1]]
        out = np.zeros(n_terms)
        out[term_code[rows]] = counts[rows]
        return out

    ref = None
    if reference_group is not None:
        found = [g for g, value in enumerate(values) if _same(value, reference_group)]
        if not found:
            shown = ", ".join(map(str, values[:8])) + (" …" if len(values) > 8 else "")
            raise InputError(f"reference_group {reference_group!r} is not a value of {by!r} in the text "
                             f"compared; its values are {shown}")
        ref = found[0]
        if totals[ref] == 0:
            raise InputError(f"the reference group {reference_group!r} has no token counted")
        ref_counts = dense(ref)
    for g, value in enumerate(values):
        if g == ref:
            continue
        if totals[g] == 0:
            if empty is not None:
                empty.append(value)
            continue
        a = dense(g)
        if ref is None:
            b, d = whole - a, int(totals.sum() - totals[g])
        else:
            b, d = ref_counts, int(totals[ref])
        if d == 0:
            raise InputError(f"the group {value!r} is all the text compared: there is no rest to compare "
                             "it with; give reference_group= or select more text")
        keep_a, keep_b = a > 0, b > 0
        yield GroupCounts(value, pd.Series(a[keep_a], index=index[keep_a]),
                          pd.Series(b[keep_b], index=index[keep_b]), int(totals[g]), d)
