r"""Tests of association on a 2×2 contingency table: G², χ², their p-value, and the signed
G² of aligned units.

Keyness notation (Rayson & Garside 2000; the UCREL log-likelihood calculator): ``a``, ``b``
are the frequencies of a word in a target and a reference corpus, ``c``, ``d`` the sizes
(tokens) of the two corpora. They form the table (columns = corpora)::

                    target    reference   total
    word              a           b        a+b
    other words      c-a         d-b     c+d-a-b
    total             c           d       N = c+d

Arguments may be scalars or arrays (broadcast together); the result is a NumPy float (0-d)
or array. Every G² of the package (keyness, collocations, equivalents) is :func:`g2`.

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61–74.

Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling.
*Proceedings of the Workshop on Comparing Corpora*, ACL 2000, 1–6.

Yates, F. (1934). Contingency tables involving small numbers and the χ² test.
*Supplement to the Journal of the Royal Statistical Society* 1(2), 217–235.
"""

from __future__ import annotations

import math

import numpy as np

from discourse.errors import InputError

__all__ = ["g2", "chi2", "p_value", "g2_units"]

_erfc = np.vectorize(math.erfc, otypes=[float])


def as_float(*xs):
    """The arguments as float arrays (shared by the formulas of :mod:`discourse.stats`).

    >>> [x.dtype.name for x in as_float(1, [2, 3])]
    ['float64', 'float64']
    """
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
    a, b, c, d = as_float(a, b, c, d)
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
    a, b, c, d = as_float(a, b, c, d)
    n = c + d
    margins = (a + b) * (n - a - b) * c * d
    with np.errstate(divide="ignore", invalid="ignore"):
        abs_dev = np.abs(a * d - b * c) / n  # |O - E|, the same for all cells
        if yates:
            abs_dev = np.maximum(abs_dev - 0.5, 0.0)
        stat = np.where(margins > 0, n**3 * abs_dev**2 / margins, 0.0)
    valid = (a >= 0) & (b >= 0) & (a <= c) & (b <= d) & (n > 0)
    return np.where(valid, stat, np.nan)[()]


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


def g2_units(f_nc, f_n, f_c, n):
    r"""Signed G² of co-occurrence in units (aligned paragraphs): positive when the two
    occur together more often than expected, negative when less.

    The table of ``n`` units counts units with both (``f_nc``), with the first only
    (:math:`f_n - f_{nc}`), with the second only (:math:`f_c - f_{nc}`) and with neither;
    its G² is :func:`g2` of that table (the 4-cell form, with its care for precision),
    with the sign of :math:`O_{11} - E_{11} = f_{nc} - f_n f_c / n`.

    Parameters
    ----------
    f_nc : array_like
        Units with both (``a`` in :mod:`discourse.equivalence`).
    f_n, f_c : array_like
        Units with the first, and with the second (``f_s``, ``f_t``).
    n : array_like
        Units compared.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Signed G²; 0 when the joint count is exactly the expected one.

    References
    ----------
    Dunning (1993); see the module docstring.

    Examples
    --------
    >>> round(float(g2_units(10, 10, 10, 100)), 2)
    65.02
    >>> float(g2_units(0, 10, 10, 100)) < 0
    True
    """
    f_nc, f_n, f_c, n = as_float(f_nc, f_n, f_c, n)
    # columns: units with / without the first; rows: units with / without the second
    return (np.sign(f_nc * n - f_n * f_c) * g2(f_nc, f_c - f_nc, f_n, n - f_n))[()]
