"""Confidence intervals of a proportion: :func:`wilson_interval`.

>>> lo, hi = wilson_interval(2, 6)
>>> round(lo, 4), round(hi, 4)
(0.0968, 0.7)
"""

from __future__ import annotations

from statistics import NormalDist

from discourse.errors import InputError

__all__ = ["wilson_interval"]


def wilson_interval(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion k / n.

    With p̂ = k/n and z the standard normal quantile of (1 + level)/2::

        centre = (p̂ + z²/2n) / (1 + z²/n)
        half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)

    Unlike the Wald interval it stays inside [0, 1] and is usable for small n and for
    k = 0 or k = n (Brown, Cai & DasGupta 2001 recommend it for n < 40). ``n = 0`` gives
    ``(nan, nan)``.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *JASA* 22(158), 209–212.
    Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
    comparison of seven methods. *Statistics in Medicine* 17, 857–872 (Table I, method 3:
    81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605).

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(81, 263)]
    [0.2553, 0.3662]
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    if not (isinstance(k, int) or float(k).is_integer()) or not (isinstance(n, int) or float(n).is_integer()):
        raise InputError(f"k and n are counts (whole numbers); got k={k!r}, n={n!r}")
    k, n = int(k), int(n)
    if n < 0 or k < 0 or k > n:
        raise InputError(f"need 0 <= k <= n; got k={k}, n={n}")
    if not 0 < level < 1:
        raise InputError(f"level is a probability between 0 and 1, e.g. 0.95; got {level!r}")
    if n == 0:
        return (float("nan"), float("nan"))
    z = NormalDist().inv_cdf((1 + level) / 2)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5
    return (max(0.0, centre - half), min(1.0, centre + half))
