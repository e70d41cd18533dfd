"""The columns and the order of a keyness table, for one comparison or many at once.

:func:`discourse.keyness.keyness` (one target against one reference) and the keyness of
several groups (:mod:`discourse.keyness_groups`) build their tables here, so a group's
rows are those of ``keyness`` run on that group alone: :func:`keyness_columns` computes
every statistic of :data:`KEYNESS_COLUMNS` elementwise (the counts ``a, b`` and the sizes
``c, d`` may differ from row to row: one row per group × term), and :func:`rank_keys` gives
the sort keys of the order ``keyness`` documents (positive keywords first, then ``none``,
then negative, each by the strength of the measure, ties by term).
"""

from __future__ import annotations

import numpy as np

from discourse.errors import InputError
from discourse.stats.association import p_value
from discourse.stats.effect_size import log_ratio_ci
from discourse.stats.registry import measures
from discourse.stats.tables import integral

__all__ = ["KEYNESS_COLUMNS", "DIRECTIONS", "keyness_columns", "rank_keys", "sort_order", "check_measure"]

#: Column order of the table returned by :func:`discourse.keyness.keyness`.
KEYNESS_COLUMNS = (
    "term",
    "target_count",
    "reference_count",
    "target_total",
    "reference_total",
    "g2",
    "g2_2cell",
    "chi2",
    "chi2_yates",
    "log_ratio",
    "log_ratio_ci_low",
    "log_ratio_ci_high",
    "pct_diff",
    "simple_maths",
    "p_value",
    "direction",
)

#: The values of the ``direction`` column, by their code (the first sort key).
DIRECTIONS = np.array(["positive", "none", "negative"])


def check_measure(measure):
    """The keyness measures by name, after checking that ``measure`` is one of them.

    >>> list(check_measure("g2"))[:2]
    ['g2', 'g2_2cell']
    """
    specs = measures("keyness")
    if measure not in specs:
        raise InputError(f"measure must be one of {', '.join(specs)}; not {measure!r}")
    return specs


def keyness_columns(a, b, c, d, *, ci_level=0.95, n_comparisons=1):
    """Every column of a keyness table but ``term``, row by row, and the direction codes.

    Parameters
    ----------
    a, b : numpy.ndarray
        The term's count in the target and in the reference (floats), one per row.
    c, d : float or numpy.ndarray
        The target's and the reference's size in tokens: one for all rows or one per row.
    ci_level : float, keyword-only
        Confidence level of the Log Ratio interval.
    n_comparisons : int or numpy.ndarray, keyword-only
        The Bonferroni factor of each row's p-value (1: none), capped at 1 as
        :func:`discourse.stats.p_value` does.

    Returns
    -------
    columns : dict
        ``target_count`` … ``direction`` (:data:`KEYNESS_COLUMNS` without ``term``).
    direction : numpy.ndarray
        0 positive, 1 none, 2 negative (the index in :data:`DIRECTIONS`).

    Examples
    --------
    >>> import numpy as np
    >>> columns, direction = keyness_columns(np.array([52.0, 5.0]), np.array([57.0, 40.0]),
    ...                                      np.array([50_000.0, 50_000.0]), 75_000.0)
    >>> np.round(columns["g2"], 3).tolist(), columns["direction"].tolist(), direction.tolist()
    ([2.654, 18.64], ['positive', 'negative'], [0, 2])
    """
    specs = measures("keyness")
    n = len(a)
    low, high = log_ratio_ci(a, b, c, d, level=ci_level)
    values = {name: np.broadcast_to(spec(a=a, b=b, c=c, d=d), (n,)) for name, spec in specs.items()}
    lhs, rhs = a * d, b * c  # compare a/c with b/d without dividing
    direction = np.where(lhs > rhs, 0, np.where(lhs < rhs, 2, 1)).astype(np.int8)
    p = np.broadcast_to(p_value(values["g2"]), (n,))
    m = np.broadcast_to(np.asarray(n_comparisons, dtype=float), (n,))
    if (m > 1).any():  # as p_value(…, n_comparisons=m), row by row
        p = np.where(m > 1, np.minimum(p * m, 1.0), p)
    columns = {
        "target_count": integral(a),
        "reference_count": integral(b),
        "target_total": integral(np.broadcast_to(c, (n,))),
        "reference_total": integral(np.broadcast_to(d, (n,))),
        **values,
        "log_ratio_ci_low": np.broadcast_to(low, (n,)),
        "log_ratio_ci_high": np.broadcast_to(high, (n,)),
        "p_value": p,
        "direction": DIRECTIONS[direction],
    }
    return {name: columns[name] for name in KEYNESS_COLUMNS[1:]}, direction


def rank_keys(columns, direction, measure):
    """The sort keys of a keyness table, most significant last (as for :func:`numpy.lexsort`,
    which sorts NaN last): the direction code, then minus the strength of ``measure`` (test
    statistics as they are; signed effect sizes negated for negative keywords, so the
    strongest comes first on both sides). A term key (ties) goes before them.

    >>> import numpy as np
    >>> columns, direction = keyness_columns(np.array([1.0, 3.0, 0.0]), np.array([2.0, 0.0, 5.0]), 10.0, 10.0)
    >>> np.lexsort((np.arange(3), *rank_keys(columns, direction, "g2"))).tolist()
    [1, 2, 0]
    """
    spec = check_measure(measure)[measure]
    value = np.asarray(columns[measure], dtype=float)
    strength = np.where(direction == 2, -value, value) if spec.more == "higher" else value
    return -strength, direction


def sort_order(first, value, last, *, n_last):
    """The positions sorted by ``first`` (whole numbers ≥ 0), then ``value`` (floats, NaN
    last, -0.0 equal to 0.0), then ``last`` (whole numbers in ``[0, n_last)``): the order of
    ``numpy.lexsort((last, value, first))``, through one integer key when it fits in 62 bits
    (one sort instead of three: the floats become their rank among the distinct values).
    With ``last`` distinct within each ``first`` (a term's rank), the key is unique.

    >>> import numpy as np
    >>> sort_order(np.array([1, 0, 0, 0]), np.array([0.5, np.nan, -1.0, -1.0]), np.array([0, 1, 2, 0]),
    ...            n_last=3).tolist()
    [3, 2, 1, 0]
    """
    first = np.asarray(first, dtype=np.int64)
    distinct, code = np.unique(np.asarray(value, dtype=float), return_inverse=True)  # NaNs: one code, last
    n_first = int(first.max()) + 1 if len(first) else 1
    if n_first * max(len(distinct), 1) * max(n_last, 1) < 2**62:
        key = (first * len(distinct) + code.reshape(-1)) * n_last + np.asarray(last, dtype=np.int64)
        return np.argsort(key, kind="stable")
    return np.lexsort((last, value, first))
