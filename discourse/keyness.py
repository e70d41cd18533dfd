"""Keyness statistics for comparing a target corpus with a reference corpus.

Every measure is a vectorised NumPy function of four counts, following the
notation of the UCREL log-likelihood calculator and of Rayson & Garside (2000):

=====  ==========================================================
``a``  frequency of the word in the target corpus
``b``  frequency of the word in the reference corpus
``c``  size (tokens) of the target corpus
``d``  size (tokens) of the reference corpus
=====  ==========================================================

They form the 2×2 contingency table (columns = corpora)::

                    target    reference   total
    word              a           b        a+b
    other words      c-a         d-b     c+d-a-b
    total             c           d       N = c+d

Arguments may be scalars or arrays (broadcast together); the result is a
NumPy float (0-d) or array. :func:`keyness` builds a tidy table for whole
frequency lists.

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and
coincidence. *Computational Linguistics* 19(1), 61–74.

Gabrielatos, C. & Marchi, A. (2012). Keyness: Appropriate metrics and
practical issues. CADS International Conference, Bologna, 13–14 Sept. 2012.

Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for
Corpus Approaches to Social Science (CASS), Lancaster University.

Katz, D., Baptista, J., Azen, S. P. & Pike, M. C. (1978). Obtaining
confidence intervals for the risk ratio in cohort studies. *Biometrics*
34(3), 469–474.

Kilgarriff, A. (2009). Simple maths for keywords. *Proceedings of Corpus
Linguistics 2009*, Liverpool.

Rayson, P. & Garside, R. (2000). Comparing corpora using frequency
profiling. *Proceedings of the Workshop on Comparing Corpora*, ACL 2000, 1–6.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import NormalDist

import numpy as np
import pandas as pd

from discourse.errors import InputError

__all__ = [
    "g2",
    "chi2",
    "log_ratio",
    "log_ratio_ci",
    "pct_diff",
    "simple_maths",
    "p_value",
    "keyness",
    "keywords",
    "KEYNESS_COLUMNS",
]

#: Column order of the table returned by :func:`keyness`.
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

_erfc = np.vectorize(math.erfc, otypes=[float])


def _as_float(*xs):
    return [np.asarray(x, dtype=float) for x in xs]


def _o_log_o_over_e(o, e, e_minus_o):
    """``O * ln(O / E)`` for one cell, 0 when O = 0, without cancellation.

    ``E - O`` is known exactly from ``ad - bc`` (see :func:`g2`). When E is close
    to O the log is taken as ``-log1p((E - O) / O)``, which keeps its digits where
    ``ln(O / E)`` would lose them; otherwise ``ln(O / E)`` is itself accurate.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        r = e_minus_o / o
        log_ratio = np.where(np.abs(r) <= 0.5, -np.log1p(r), np.log(o / e))
        term = o * log_ratio
    return np.where(o > 0, term, 0.0)


def g2(a, b, c, d, *, form="4cell"):
    r"""Log-likelihood (G²) of a word's frequency in two corpora.

    .. math::

        G^2 = 2 \sum_i O_i \ln\frac{O_i}{E_i}, \qquad 0 \ln 0 = 0

    with expected values :math:`E = \text{row total} \times
    \text{column total} / N` for each cell of the 2×2 table in the module
    docstring.

    ``form="4cell"`` (default)
        Sum over all four cells, i.e. the likelihood-ratio statistic of the
        2×2 table (Dunning 1993). This is what AntConc and WordSmith report,
        and the statistic of ``scipy.stats.chi2_contingency(table,
        correction=False, lambda_="log-likelihood")`` (computed here more
        accurately, see Notes). It is the default because it is the
        proper G² of the table, the statistic whose null distribution is
        χ² with 1 df.
    ``form="2cell"``
        Sum over the word's two cells only, with :math:`E_1 = c(a+b)/N` and
        :math:`E_2 = d(a+b)/N`: the form of the UCREL/Lancaster
        log-likelihood calculator (Rayson & Garside 2000). Offered for
        reproducing published UCREL values; it is slightly smaller than the
        4-cell value (the two non-word cells contribute a little).

    Parameters
    ----------
    a, b : array_like
        Frequency of the word in the target and in the reference corpus.
    c, d : array_like
        Token totals of the target and the reference corpus.
    form : {"4cell", "2cell"}, keyword-only
        Which sum to compute (see above).

    Returns
    -------
    numpy.ndarray or numpy.float64
        G² ≥ 0. It is unsigned: compare ``a/c`` with ``b/d`` for the
        direction. NaN for impossible tables (negative cells, ``a > c``,
        ``b > d``) or ``c + d = 0``.

    Notes
    -----
    Every cell of a 2×2 table has :math:`|O - E| = |ad - bc| / N`. Where
    O and E are close, :math:`\ln(O/E)` is evaluated as ``log1p`` of this
    exactly computed difference, so the statistic keeps full double
    precision even for corpora of billions of tokens (a direct sum of
    :math:`O \ln(O/E)` can lose several digits there).

    References
    ----------
    Dunning (1993); Rayson & Garside (2000) — see the module docstring.

    Examples
    --------
    The UCREL calculator's worked example: 52 in 50,000 tokens against
    57 in 75,000 tokens.

    >>> print(f"{g2(52, 57, 50_000, 75_000, form='2cell'):.2f}")
    2.65
    >>> print(f"{g2(52, 57, 50_000, 75_000):.3f}")
    2.654
    """
    if form not in ("4cell", "2cell"):
        raise InputError(f"form must be '4cell' or '2cell', not {form!r}")
    a, b, c, d = _as_float(a, b, c, d)
    n = c + d
    row1, row2 = a + b, n - a - b
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (a * d - b * c) / n  # = O11 - E11 = E12 - O12 = E21 - O21 = O22 - E22
        e11, e12, e21, e22 = row1 * c / n, row1 * d / n, row2 * c / n, row2 * d / n
    total = _o_log_o_over_e(a, e11, -delta) + _o_log_o_over_e(b, e12, delta)
    if form == "4cell":
        total = (total + _o_log_o_over_e(c - a, e21, delta)
                 + _o_log_o_over_e(d - b, e22, -delta))
    valid = (a >= 0) & (b >= 0) & (a <= c) & (b <= d) & (n > 0)
    return np.where(valid, 2.0 * np.maximum(total, 0.0), np.nan)[()]


def chi2(a, b, c, d, *, yates=False):
    r"""Pearson's chi-square of the 2×2 table, optionally with Yates' correction.

    .. math::

        \chi^2 = \frac{N\,(ad - bc)^2}{(a+b)(c+d-a-b)\,c\,d}

    With ``yates=True`` every :math:`|O - E|` (which is :math:`|ad-bc|/N`
    for all four cells) is reduced by 0.5, but not below zero:

    .. math::

        \chi^2_Y = \frac{N^3 \max(0,\ |ad - bc|/N - 1/2)^2}{(a+b)(c+d-a-b)\,c\,d}

    This is the same convention as ``scipy.stats.chi2_contingency`` (Yates
    1934; see e.g. Agresti 2013, *Categorical Data Analysis*, 3rd ed.).

    Parameters
    ----------
    a, b, c, d : array_like
        Counts as in the module docstring.
    yates : bool, keyword-only
        Apply Yates' continuity correction.

    Returns
    -------
    numpy.ndarray or numpy.float64
        χ² ≥ 0; 0 when a margin is empty (the word occurs nowhere, or
        occurs everywhere); NaN for impossible tables.

    Examples
    --------
    >>> print(f"{chi2(52, 57, 50_000, 75_000):.3f}")
    2.700
    >>> print(f"{chi2(52, 57, 50_000, 75_000, yates=True):.3f}")
    2.388
    """
    a, b, c, d = _as_float(a, b, c, d)
    n = c + d
    margins = (a + b) * (n - a - b) * c * d
    with np.errstate(divide="ignore", invalid="ignore"):
        abs_dev = np.abs(a * d - b * c) / n  # |O - E|, the same for all cells
        if yates:
            abs_dev = np.maximum(abs_dev - 0.5, 0.0)
        stat = np.where(margins > 0, n**3 * abs_dev**2 / margins, 0.0)
    valid = (a >= 0) & (b >= 0) & (a <= c) & (b <= d) & (n > 0)
    return np.where(valid, stat, np.nan)[()]


def _relative_frequency_ratio(a, b, c, d, zero_adjust):
    a, b, c, d = _as_float(a, b, c, d)
    both_zero = (a == 0) & (b == 0)
    a_adj = np.where(a == 0, zero_adjust, a)
    b_adj = np.where(b == 0, zero_adjust, b)
    return a_adj, b_adj, c, d, both_zero


def log_ratio(a, b, c, d, *, zero_adjust=0.5):
    r"""Hardie's (2014) Log Ratio: binary log of the ratio of relative frequencies.

    .. math::

        \mathrm{LR} = \log_2 \frac{a / c}{b / d}

    A zero frequency (in either corpus) is replaced by ``zero_adjust``
    (Hardie: 0.5) so that words absent from one corpus get a finite value.
    Each unit is a doubling: LR = 1 means twice as frequent in the target,
    LR = −1 half as frequent.

    Parameters
    ----------
    a, b, c, d : array_like
        Counts as in the module docstring.
    zero_adjust : float, keyword-only
        Value substituted for a count of 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Log Ratio; NaN when the word occurs in neither corpus.

    Examples
    --------
    >>> print(f"{log_ratio(52, 57, 50_000, 75_000):.4f}")
    0.4525
    >>> print(f"{log_ratio(10, 0, 1_000_000, 1_000_000):.4f}")  # log2(10 / 0.5)
    4.3219
    """
    a, b, c, d, both_zero = _relative_frequency_ratio(a, b, c, d, zero_adjust)
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = np.log2((a / c) / (b / d))
    return np.where(both_zero, np.nan, lr)[()]


def log_ratio_ci(a, b, c, d, *, level=0.95, zero_adjust=0.5):
    r"""Confidence interval of Hardie's Log Ratio.

    The Wald interval for the log of a ratio of two proportions (the
    relative risk, Katz et al. 1978), converted to base 2:

    .. math::

        \mathrm{SE}(\ln \mathrm{RR}) = \sqrt{\frac1a - \frac1c + \frac1b - \frac1d},
        \qquad
        \mathrm{LR} \pm \frac{z_{(1+\mathrm{level})/2}\ \mathrm{SE}}{\ln 2}

    using the same zero-adjusted counts as :func:`log_ratio`. This is the
    interval behind CQPweb's "conservative" Log Ratio (the bound closer to
    zero). For corpus-sized ``c`` and ``d`` the terms :math:`1/c + 1/d` are
    negligible and the interval coincides with the Poisson rate-ratio
    interval :math:`\sqrt{1/a + 1/b}`. For small counts the normal
    approximation is rough; the bounds are approximate.

    For a Bonferroni-corrected interval over *m* words, pass
    ``level = 1 - (1 - level) / m``.

    Parameters
    ----------
    a, b, c, d : array_like
        Counts as in the module docstring.
    level : float, keyword-only
        Confidence level, strictly between 0 and 1.
    zero_adjust : float, keyword-only
        Value substituted for a count of 0 (as in :func:`log_ratio`).

    Returns
    -------
    (low, high) : tuple of numpy.ndarray or numpy.float64
        Bounds in log2 units; NaN when the word occurs in neither corpus.

    Examples
    --------
    >>> low, high = log_ratio_ci(52, 57, 50_000, 75_000)
    >>> print(f"{low:.3f} {high:.3f}")
    -0.089 0.995
    """
    if not 0 < level < 1:
        raise InputError(f"level must be between 0 and 1 (exclusive), not {level!r}")
    a, b, c, d, both_zero = _relative_frequency_ratio(a, b, c, d, zero_adjust)
    z = NormalDist().inv_cdf((1 + level) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = np.log((a / c) / (b / d))
        se = np.sqrt(np.maximum(1 / a - 1 / c + 1 / b - 1 / d, 0.0))
    low = np.where(both_zero, np.nan, (lr - z * se) / math.log(2))
    high = np.where(both_zero, np.nan, (lr + z * se) / math.log(2))
    return low[()], high[()]


def pct_diff(a, b, c, d, *, zero_reference=None):
    r"""%DIFF of Gabrielatos & Marchi (2012).

    .. math::

        \%\mathrm{DIFF} = \frac{(NF_t - NF_r) \times 100}{NF_r},
        \qquad NF_t = a / c,\ NF_r = b / d

    The base of the normalised frequencies (per token, per million, …)
    cancels out. The value is the percentage by which the word is more
    (positive) or less (negative, down to −100) frequent in the target.

    A reference frequency of 0 makes %DIFF undefined. By default the result
    is then ``+inf`` (or NaN when the target count is 0 too). Some studies
    instead substitute a very small number for the zero; pass
    ``zero_reference`` to substitute that *count* for ``b = 0`` and report
    the value you used.

    Parameters
    ----------
    a, b, c, d : array_like
        Counts as in the module docstring.
    zero_reference : float, optional, keyword-only
        Count substituted for a reference count of 0.

    Returns
    -------
    numpy.ndarray or numpy.float64

    Examples
    --------
    >>> print(f"{pct_diff(52, 57, 50_000, 75_000):.2f}")
    36.84
    >>> print(pct_diff(3, 0, 1000, 1000))
    inf
    """
    a, b, c, d = _as_float(a, b, c, d)
    if zero_reference is not None:
        b = np.where(b == 0, float(zero_reference), b)
    nf_t = a / c
    nf_r = b / d
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (nf_t - nf_r) * 100.0 / nf_r
    return out[()]


def simple_maths(a, b, c, d, *, n=1.0, per=1_000_000):
    r"""Kilgarriff's (2009) "simple maths" keyness score.

    .. math::

        \mathrm{SM} = \frac{fpm_t + n}{fpm_r + n},
        \qquad fpm_t = \frac{a}{c}\,\mathrm{per},\ fpm_r = \frac{b}{d}\,\mathrm{per}

    ``n`` (the "simple maths parameter") moves the focus from rare words
    (small ``n``) to common words (large ``n``); Kilgarriff's default is 1
    with frequencies per million.

    Parameters
    ----------
    a, b, c, d : array_like
        Counts as in the module docstring.
    n : float, keyword-only
        Smoothing constant added to both normalised frequencies.
    per : float, keyword-only
        Normalisation base (1,000,000 = per million words).

    Returns
    -------
    numpy.ndarray or numpy.float64
        Ratio > 1 for words more frequent in the target.

    Examples
    --------
    Kilgarriff's (2009) example: 35 in 112,289,776 vs 263 in 1,559,716,979.

    >>> print(f"{simple_maths(35, 263, 112_289_776, 1_559_716_979):.4f}")
    1.1224
    """
    a, b, c, d = _as_float(a, b, c, d)
    fpm_t = a / c * per
    fpm_r = b / d * per
    return ((fpm_t + n) / (fpm_r + n))[()]


def p_value(statistic, *, n_comparisons=1):
    r"""Upper-tail p-value of a χ² statistic with 1 degree of freedom.

    For one degree of freedom the χ² distribution is that of :math:`Z^2`
    with :math:`Z` standard normal, so the tail probability is exactly

    .. math::

        p = P(\chi^2_1 > x) = P(|Z| > \sqrt{x}) = \operatorname{erfc}\bigl(\sqrt{x/2}\bigr)

    (no SciPy needed). Use it with :func:`g2` or :func:`chi2`.

    Parameters
    ----------
    statistic : array_like
        G² or χ² values (≥ 0).
    n_comparisons : int, keyword-only
        Number of tests *m*. When m > 1 the Bonferroni correction
        :math:`\min(1, m\,p)` is applied.

    Returns
    -------
    numpy.ndarray or numpy.float64

    Examples
    --------
    >>> print(f"{p_value(3.841459):.4f}")
    0.0500
    >>> print(f"{p_value(0.5):.2f}")
    0.48
    >>> print(f"{p_value(3.841459, n_comparisons=10):.2f}")
    0.50
    """
    if n_comparisons < 1:
        raise InputError(f"n_comparisons must be at least 1, not {n_comparisons!r}")
    x = np.asarray(statistic, dtype=float)
    p = _erfc(np.sqrt(np.maximum(x, 0.0) / 2.0))
    p = np.where(np.isnan(x), np.nan, p)
    if n_comparisons > 1:
        p = np.minimum(p * n_comparisons, 1.0)
    return p[()]


# ---------------------------------------------------------------------------
# Tidy table
# ---------------------------------------------------------------------------

_TEST_STATISTICS = ("g2", "g2_2cell", "chi2", "chi2_yates")
_EFFECT_SIZES = ("log_ratio", "pct_diff", "simple_maths")


def _counts_series(counts, name, *, key="term"):
    """Counts given as a Series or dict indexed by ``key`` (term, collocate …), checked:
    one entry per key, finite non-negative numbers. Shared with :mod:`discourse.collocations`."""
    if isinstance(counts, Mapping):
        counts = pd.Series(dict(counts), dtype=float)
    if not isinstance(counts, pd.Series):
        raise InputError(f"{name} must be a pandas Series of counts indexed by {key} "
                         f"(or a dict {key} -> count), not {type(counts).__name__}")
    if counts.index.has_duplicates:
        dup = counts.index[counts.index.duplicated()][0]
        raise InputError(f"{name} lists the {key} {dup!r} more than once; "
                         "sum its counts first (e.g. counts.groupby(level=0).sum())")
    try:
        values = counts.astype(float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} must hold numeric counts ({exc})") from None
    if not np.all(np.isfinite(values.to_numpy())) or (values < 0).any():
        raise InputError(f"{name} must hold finite, non-negative counts")
    return values


def _integral(x):
    """Counts as int64 when they are whole numbers (the usual case), else float."""
    x = np.asarray(x, dtype=float)
    if np.all(np.isfinite(x)) and np.all(x == np.round(x)) and np.all(np.abs(x) < 2**53):
        return x.astype(np.int64)
    return x


def _corpus_total(total, counts, name):
    if total is None:
        total = float(counts.sum())
    total = float(total)
    if not total > 0:
        raise InputError(f"{name} must be positive (got {total:g}); "
                         "is the corpus empty?")
    biggest = float(counts.max()) if len(counts) else 0.0
    if biggest > total:
        raise InputError(f"{name} ({total:g}) is smaller than the count of a single "
                         f"term ({biggest:g}); give the corpus size in tokens")
    return total


def keyness(target, reference, *, target_total=None, reference_total=None,
            measure="g2", bonferroni=False, min_count=1, ci_level=0.95):
    """Keyness table of a target frequency list against a reference list.

    Parameters
    ----------
    target, reference : pandas.Series or dict
        Counts indexed by term. Terms missing from one list count as 0 there.
        The reference may be a published frequency list (give its corpus size
        as ``reference_total``).
    target_total, reference_total : float, optional, keyword-only
        Corpus sizes in tokens. Default: the sum of the counts, which is only
        right when the list covers every token of its corpus.
    measure : str, keyword-only
        Column used for ranking: one of ``"g2"`` (default), ``"g2_2cell"``,
        ``"chi2"``, ``"chi2_yates"``, ``"log_ratio"``, ``"pct_diff"``,
        ``"simple_maths"``.
    bonferroni : bool, keyword-only
        Multiply ``p_value`` by the number of rows in the table (the terms
        tested after ``min_count`` filtering), capped at 1.
    min_count : float, keyword-only
        Keep terms whose combined count ``target_count + reference_count`` is
        at least this.
    ci_level : float, keyword-only
        Confidence level of the Log Ratio interval.

    Returns
    -------
    pandas.DataFrame
        One row per term with the columns of :data:`KEYNESS_COLUMNS`:

        - ``g2``: 4-cell log-likelihood (:func:`g2`, Dunning/AntConc form);
          ``g2_2cell``: UCREL-calculator form.
        - ``chi2``, ``chi2_yates``: :func:`chi2` without / with Yates.
        - ``log_ratio`` with ``log_ratio_ci_low``/``_high`` (:func:`log_ratio`,
          :func:`log_ratio_ci`), ``pct_diff``, ``simple_maths`` (n = 1,
          per million).
        - ``p_value``: from ``g2`` with 1 df (:func:`p_value`),
          Bonferroni-adjusted if requested.
        - ``direction``: ``"positive"`` when the relative frequency is higher
          in the target, ``"negative"`` when lower, ``"none"`` when equal.

        Order: positive keywords first, then ``"none"``, then negative
        keywords. Within each group rows are ranked by the strength of
        ``measure``: test statistics descending; effect sizes descending for
        positive keywords and ascending (most negative first) for negative
        ones. Ties are broken by term. The index is a fresh RangeIndex.

    Examples
    --------
    >>> import pandas as pd
    >>> target = pd.Series({"war": 52, "peace": 5, "the": 3000})
    >>> reference = pd.Series({"war": 57, "peace": 40, "the": 4500})
    >>> table = keyness(target, reference, target_total=50_000,
    ...                 reference_total=75_000)
    >>> print(table[["term", "g2", "log_ratio", "direction"]].round(3).to_string(index=False))
     term     g2  log_ratio direction
      war  2.654      0.453  positive
      the  0.000      0.000      none
    peace 18.640     -2.415  negative
    """
    allowed = _TEST_STATISTICS + _EFFECT_SIZES
    if measure not in allowed:
        raise InputError(f"measure must be one of {', '.join(allowed)}; not {measure!r}")
    target = _counts_series(target, "target")
    reference = _counts_series(reference, "reference")
    c = _corpus_total(target_total, target, "target_total")
    d = _corpus_total(reference_total, reference, "reference_total")

    terms = target.index.union(reference.index, sort=False)
    a = target.reindex(terms, fill_value=0.0).to_numpy(dtype=float)
    b = reference.reindex(terms, fill_value=0.0).to_numpy(dtype=float)
    keep = (a + b) >= min_count
    terms, a, b = terms[keep], a[keep], b[keep]

    low, high = log_ratio_ci(a, b, c, d, level=ci_level)
    stat = g2(a, b, c, d)
    lhs, rhs = a * d, b * c  # compare a/c with b/d without dividing
    direction = np.where(lhs > rhs, "positive", np.where(lhs < rhs, "negative", "none"))
    table = pd.DataFrame({
        "term": terms,
        "target_count": _integral(a),
        "reference_count": _integral(b),
        "target_total": _integral(np.full(len(a), c)),
        "reference_total": _integral(np.full(len(b), d)),
        "g2": stat,
        "g2_2cell": g2(a, b, c, d, form="2cell"),
        "chi2": chi2(a, b, c, d),
        "chi2_yates": chi2(a, b, c, d, yates=True),
        "log_ratio": log_ratio(a, b, c, d),
        "log_ratio_ci_low": low,
        "log_ratio_ci_high": high,
        "pct_diff": pct_diff(a, b, c, d),
        "simple_maths": simple_maths(a, b, c, d),
        "p_value": p_value(stat, n_comparisons=max(len(terms), 1) if bonferroni else 1),
        "direction": direction,
    }, columns=list(KEYNESS_COLUMNS))

    group = table["direction"].map({"positive": 0, "none": 1, "negative": 2})
    value = table[measure].to_numpy(dtype=float)
    if measure in _EFFECT_SIZES:
        strength = np.where(table["direction"] == "negative", -value, value)
    else:
        strength = value
    order = pd.DataFrame({"group": group, "strength": -strength, "term": table["term"].astype(str)})
    order = order.sort_values(["group", "strength", "term"], kind="mergesort",
                              na_position="last")
    return table.loc[order.index].reset_index(drop=True)


# ---------------------------------------------------------------------------
# Keyness of corpora
# ---------------------------------------------------------------------------

def _one_language(langs) -> str:
    """The one language of a keyness target, or an error saying what to do."""
    langs = sorted(langs)
    if not langs:
        raise InputError("the target selection has no text in that language")
    if len(langs) > 1:
        raise InputError(f"the target has text in {', '.join(langs)}; keyness compares one "
                         "language: pass lang= (--lang)")
    return langs[0]


def keywords(corpus, reference=None, *, target=None, lang=None, n=1, punct=False,
             stopwords=None, reference_total=None, measure="g2", bonferroni=False,
             min_count=1, ci_level=0.95, sep=" ", role=None, max_p=None, top=None):
    """Keyness of a (part of a) corpus against a reference: corpus, part or frequency list.

    Counts words (or n-grams) of one language with :func:`discourse.frequencies`'
    conventions and passes them to :func:`keyness`: the default statistic is the
    **4-cell G²** (Dunning 1993; AntConc, WordSmith), with the 2-cell UCREL form, χ²
    with and without Yates, Log Ratio with its confidence interval, %DIFF and Simple
    Maths in the other columns.

    Parameters
    ----------
    corpus : Corpus or Tokens
        Where the target comes from.
    reference : optional
        What the target is compared with:

        - ``None`` (default): the rest of ``corpus`` in the target's language (every
          segment not selected by ``target``);
        - a selection within ``corpus`` (a ``"column=value"`` string, a list of them or
          a mapping, as for ``target``);
        - another Corpus (or its Tokens): its text in the target's language;
        - a frequency list: a pandas Series of counts indexed by term, or a DataFrame
          with ``term`` and ``count`` columns; give the size of its corpus as
          ``reference_total`` (default: the sum of the counts).
    target : str, list of str or mapping, optional
        Selects the target within ``corpus``: ``"doc_id=X"``, ``"year=2015-2020"``,
        ``{"year": 2020}`` … on any segment or document metadata column (numeric columns
        compare as numbers, and so do numbers stored as text, ``"2016"``; ``lo-hi`` is an
        inclusive range; commas separate values). Default: all of ``corpus``.
    lang : str, optional
        The language compared; required when the target has text in several
        languages (comparing a French text with its Chinese version is meaningless).
    n, punct, stopwords, sep :
        As in :func:`discourse.frequencies`: the words of the stoplist (by default the
        package's function words; ``stopwords=False``: none; ``{"fr": file or words}``:
        yours) are left out of the table. The corpus sizes (``target_total``,
        ``reference_total``) are token counts without punctuation, with stopwords (so
        leaving stopwords out of the table does not change any statistic). The words
        of the stoplist (and, without ``punct``, punctuation) are also left out of a
        frequency list given as reference.
    reference_total : float, optional
        Size in tokens of the corpus of a frequency list.
    measure, bonferroni, min_count, ci_level :
        As in :func:`keyness`.
    role : str or list of str, optional
        Segment roles counted in the target and in a reference corpus or selection
        (default: titles and body text, not the ``meta`` header lines; as in
        :func:`discourse.frequencies`).
    max_p : float, optional
        Keep only the rows with ``p_value <= max_p`` (0 < max_p ≤ 1), the
        Bonferroni-corrected p-value with ``bonferroni=True``. ``0.05`` is AntConc's
        default threshold (G² ≥ 3.84 with 1 df). Default: every row. The statistics
        do not change (the corpus sizes are the same); the filter only chooses rows.
    top : int, optional
        Keep the ``top`` strongest positive and the ``top`` strongest negative keywords
        (by ``measure``, after ``max_p``), and leave out the rows of ``direction``
        ``"none"``, which are keywords of neither side. Default: every row.

    Returns
    -------
    pandas.DataFrame
        ``lang`` and the columns of :data:`KEYNESS_COLUMNS` (``term, target_count,
        reference_count, target_total, reference_total, g2, g2_2cell, chi2, chi2_yates,
        log_ratio, log_ratio_ci_low, log_ratio_ci_high, pct_diff, simple_maths,
        p_value, direction``), positive keywords first (see :func:`keyness`).
        ``attrs["stopwords"]``: the stoplist of the language compared.

    Notes
    -----
    Log Ratio replaces a count of 0 by 0.5 (Hardie 2014). When the target is much
    smaller than the reference (a document against 70 years of reports), a word absent
    from the target but rare in the reference then gets a *positive* Log Ratio although
    it is a negative keyword (``direction``): such rows have a tiny G² and a p-value
    near 1. Read Log Ratio only for keywords that pass a significance filter
    (``p_value``), as CQPweb does.

    Examples
    --------
    The Chinese of one seed document against the Chinese of the other:

    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> table = keywords(corpus, target="doc_id=003_90d6e10e09142168", lang="zh")
    >>> table[["term", "target_count", "reference_count"]].head(2).values.tolist()
    [['精准扶贫', 4, 0], ['2020', 3, 0]]
    >>> int(table["target_total"].iloc[0]), int(table["reference_total"].iloc[0])
    (176, 195)

    The significant keywords only, at most two of each direction:

    >>> short = keywords(corpus, target="doc_id=003_90d6e10e09142168", lang="zh",
    ...                  max_p=0.05, top=2)
    >>> short[["term", "direction"]].values.tolist()
    [['精准扶贫', 'positive'], ['2020', 'positive'], ['扶贫开发', 'negative'], ['脱贫攻坚战', 'negative']]
    >>> bool((short["p_value"] <= 0.05).all())
    True
    """
    from .frequency import _count_table, _lang_mask, _select, _tokens_of
    from .tokens import stoplist_option

    if max_p is not None and (isinstance(max_p, bool) or not isinstance(max_p, (int, float, np.number))
                              or not 0 < max_p <= 1):
        raise InputError(f"max_p is a p-value threshold between 0 (excluded) and 1, such as 0.05; not {max_p!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise InputError(f"top is the number of keywords of each direction to keep, a whole number ≥ 1; "
                         f"not {top!r}")
    stopwords = stoplist_option(stopwords)
    toks = _tokens_of(corpus)
    seg = toks.corpus._segments
    target_mask = _select(toks.corpus, target) & _lang_mask(toks.corpus, lang, role=role)
    code = _one_language(pd.unique(seg.loc[target_mask, "lang"]))
    options = dict(n=n, punct=punct, sep=sep)

    def counts(tokens, mask, stoplist=stopwords):
        table, groups = _count_table(tokens, seg_mask=mask, stopwords=stoplist, **options)
        total = int(groups["total"].sum())
        return pd.Series(table["count"].to_numpy(), index=pd.Index(table["term"])), total

    a, c = counts(toks, target_mask)
    if reference_total is not None and not isinstance(reference, (pd.Series, pd.DataFrame)):
        raise InputError("reference_total is the size of a reference frequency list; "
                         "a reference corpus is counted")
    if reference is None:
        if target is None:
            raise InputError("the target is the whole corpus, so there is no rest to compare "
                             "with: select a target (target='doc_id=…') or give a reference")
        ref_mask = ~target_mask & _lang_mask(toks.corpus, code, role=role)
        if not ref_mask.any():
            raise InputError(f"the target is all the {code} text of the corpus; give a reference")
        b, d = counts(toks, ref_mask)
    elif isinstance(reference, (pd.Series, pd.DataFrame)):
        b = _frequency_list(reference, code, n=n, punct=punct, stopwords=_stopword_set(toks, code, stopwords),
                            sep=sep, tokenizer=toks.tokenizer(code))
        d = reference_total
    elif isinstance(reference, (str, list, tuple, Mapping)):
        ref_mask = _select(toks.corpus, reference) & _lang_mask(toks.corpus, code, role=role)
        if not ref_mask.any():
            raise InputError(f"the reference selection has no {code} text")
        b, d = counts(toks, ref_mask)
    else:
        ref_toks = _tokens_of(reference)
        ref_mask = _lang_mask(ref_toks.corpus, code, role=role, strict=False)
        if not ref_mask.any():
            raise InputError(f"the reference corpus has no {code} text")
        # the target's stoplist (a reference corpus read with another one would list
        # words the target leaves out)
        b, d = counts(ref_toks, ref_mask, False if stopwords is False else {code: _stopword_set(toks, code, stopwords)})
    table = keyness(a, b, target_total=c, reference_total=d, measure=measure,
                    bonferroni=bonferroni, min_count=min_count, ci_level=ci_level)
    table.insert(0, "lang", code)
    if max_p is not None:
        table = table[table["p_value"].to_numpy() <= max_p]
    if top is not None:  # the order is positive (strongest first), none, negative (strongest first)
        direction = table["direction"]
        table = pd.concat([table[direction == "positive"].head(top), table[direction == "negative"].head(top)])
    if max_p is not None or top is not None:
        table = table.reset_index(drop=True)
    table.attrs["stopwords"] = toks.stoplist_labels(stopwords, langs=[code])
    return table


def _stopword_set(toks, lang, stopwords) -> frozenset:
    """The stopwords of ``lang`` under a ``stopwords`` option (for a reference frequency list)."""
    from .languages import get_tokenizer

    if stopwords is False:
        return frozenset()
    if isinstance(stopwords, Mapping) and lang in stopwords:
        return get_tokenizer(lang, stopwords=stopwords[lang]).stopwords
    return toks.tokenizer(lang).stopwords


def _frequency_list(reference, lang, *, n, punct, stopwords, sep, tokenizer=None):
    """A reference frequency list as a Series of counts by term, in the tokenizer's
    normalised form (counts of forms that normalise alike are summed), without the terms
    the target leaves out (``stopwords``: the set of stopwords)."""
    from .languages import get_tokenizer, is_punct

    if isinstance(reference, pd.DataFrame):
        missing = {"term", "count"} - set(reference.columns)
        if missing:
            raise InputError("a reference frequency list needs the columns term and count; "
                             f"missing: {', '.join(sorted(missing))}")
        reference = pd.Series(reference["count"].to_numpy(), index=reference["term"].astype(str))
    counts = _counts_series(reference, "reference")
    tokenizer = get_tokenizer(lang) if tokenizer is None else tokenizer
    norms = [sep.join(tokenizer.normalize(w) for w in str(t).split(sep)) for t in counts.index]
    counts = counts.groupby(pd.Index(norms), sort=False).sum()  # Word, word -> word
    words = [str(t).split(sep) if n > 1 else [str(t)] for t in counts.index]
    keep = np.ones(len(counts), dtype=bool)
    if not punct:
        keep &= [not any(is_punct(w) for w in ws) for ws in words]
    if stopwords:
        keep &= [not (ws[0] in stopwords or ws[-1] in stopwords) for ws in words]
    return counts[keep]
