r"""Effect sizes of a frequency comparison: how much more (or less) frequent a word is in a
target corpus than in a reference corpus.

The counts ``a, b, c, d`` are those of :mod:`discourse.stats.association` (the word's
frequency in the target and the reference, and the two corpus sizes). Arguments may be
scalars or arrays (broadcast together); the result is a NumPy float (0-d) or array.

References
----------
Gabrielatos, C. & Marchi, A. (2012). Keyness: Appropriate metrics and practical issues.
CADS International Conference, Bologna, 13–14 Sept. 2012.

Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for Corpus
Approaches to Social Science (CASS), Lancaster University.

Katz, D., Baptista, J., Azen, S. P. & Pike, M. C. (1978). Obtaining confidence intervals
for the risk ratio in cohort studies. *Biometrics* 34(3), 469–474.

Kilgarriff, A. (2009). Simple maths for keywords. *Proceedings of Corpus Linguistics
2009*, Liverpool.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from discourse.errors import InputError
from discourse.stats.association import as_float

__all__ = ["log_ratio", "log_ratio_ci", "pct_diff", "simple_maths"]


def _relative_frequency_ratio(a, b, c, d, zero_adjust):
    a, b, c, d = as_float(a, b, c, d)
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
        Counts as in :mod:`discourse.stats.association`.
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
        Counts as in :mod:`discourse.stats.association`.
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
        Counts as in :mod:`discourse.stats.association`.
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
    a, b, c, d = as_float(a, b, c, d)
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
        Counts as in :mod:`discourse.stats.association`.
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
    a, b, c, d = as_float(a, b, c, d)
    fpm_t = a / c * per
    fpm_r = b / d * per
    return ((fpm_t + n) / (fpm_r + n))[()]
