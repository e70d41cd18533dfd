"""Dispersion measures: how evenly a term is spread across the parts of a corpus.

Frequencies are given per corpus part (texts, files, sections). Functions
accept one term (a 1-D sequence of ``n`` part frequencies → a float) or many
terms at once (a 2-D array, rows = terms, columns = parts → an array).
Part sizes are token counts or proportions; they are normalised to sum to 1.

Scaling differs between the measures: Juilland's D is 1 for a perfectly even
distribution and 0 for a maximally concentrated one; Gries' DP (and DPnorm)
is 0 for a distribution exactly proportional to the part sizes and
approaches 1 for a maximally concentrated one.

References
----------
Carroll, J. B. (1970). An alternative to Juilland's usage coefficient for
lexical frequencies and a proposal for a standard frequency index.
*Computer Studies in the Humanities and Verbal Behaviour* 3(2), 61–65.

Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora.
*International Journal of Corpus Linguistics* 13(4), 403–437.

Juilland, A. & Chang-Rodríguez, E. (1964). *Frequency Dictionary of Spanish
Words*. The Hague: Mouton.

Lijffijt, J. & Gries, S. Th. (2012). Correction to Stefan Th. Gries'
"Dispersions and adjusted frequencies in corpora". *International Journal
of Corpus Linguistics* 17(1), 147–149.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from discourse.errors import InputError

__all__ = ["juilland_d", "gries_dp", "DPResult"]


def _freqs(freqs):
    v = np.asarray(freqs, dtype=float)
    if v.ndim not in (1, 2) or v.shape[-1] == 0:
        raise InputError("freqs must be a 1-D sequence of part frequencies or a 2-D "
                         "array (rows = terms, columns = parts)")
    if not np.all(np.isfinite(v)) or np.any(v < 0):
        raise InputError("freqs must be finite and non-negative")
    return v


def _proportions(sizes, n_parts):
    s = np.asarray(sizes, dtype=float)
    if s.ndim != 1 or s.shape[0] != n_parts:
        raise InputError(f"sizes must give one size per corpus part ({n_parts}), "
                         f"got shape {s.shape}")
    if not np.all(np.isfinite(s)) or np.any(s <= 0):
        raise InputError("part sizes must be finite and positive")
    return s / s.sum()


def juilland_d(freqs, *, sizes=None):
    r"""Juilland's D (Juilland & Chang-Rodríguez 1964).

    .. math::

        D = 1 - \frac{V}{\sqrt{n - 1}}, \qquad V = \frac{\sigma}{\bar x}

    where :math:`x_i` are the frequencies in the :math:`n` parts, and
    :math:`\sigma` is their *population* standard deviation (divisor
    :math:`n`), as in Juilland & Chang-Rodríguez, Carroll (1970) and Gries
    (2008).

    The original assumes equally large parts. With ``sizes`` the measure is
    computed on size-normalised frequencies :math:`x_i = v_i / s_i` (Gries
    2008's recommendation for parts of different size, as implemented e.g.
    in his dispersion scripts and in the R package *tlda*). Equal sizes give
    the original D.

    Parameters
    ----------
    freqs : array_like
        Frequencies per part, 1-D (one term) or 2-D (rows = terms).
    sizes : array_like, optional, keyword-only
        Part sizes (tokens or proportions), one per part.

    Returns
    -------
    float or numpy.ndarray
        D in [0, 1]; 1 = perfectly even. NaN for a term that never occurs or
        when there is only one part.

    Examples
    --------
    Carroll's (1970) example, five equal parts:

    >>> print(f"{juilland_d([0, 4, 3, 2, 1]):.4f}")
    0.6464

    Gries' (2008) example with unequal parts:

    >>> print(f"{juilland_d([1, 2, 3, 4, 5], sizes=[.18, .2, .2, .2, .22]):.4f}")
    0.7852
    """
    v = _freqs(freqs)
    n = v.shape[-1]
    if sizes is not None:
        v = v / _proportions(sizes, n)
    mean = v.mean(axis=-1)
    sd = v.std(axis=-1)  # population SD (ddof=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = 1.0 - (sd / mean) / np.sqrt(n - 1)
    # D lies in [0, 1] mathematically; clipping only removes rounding noise.
    d = np.where((mean > 0) & (n > 1), np.clip(d, 0.0, 1.0), np.nan)
    return d[()] if d.ndim else float(d)


class DPResult(NamedTuple):
    """Gries' DP and its normalised version, as returned by :func:`gries_dp`."""

    dp: float | np.ndarray
    dp_norm: float | np.ndarray


def gries_dp(freqs, sizes):
    r"""Gries' (2008) deviation of proportions DP, and DPnorm.

    .. math::

        DP = \frac12 \sum_{i=1}^{n} \left| \frac{v_i}{f} - s_i \right|,
        \qquad
        DP_{norm} = \frac{DP}{1 - \min_i s_i}

    with :math:`v_i` the frequency in part :math:`i`, :math:`f = \sum v_i`,
    and :math:`s_i` the part's share of the corpus. DPnorm is the
    normalisation of Lijffijt & Gries (2012), which divides by the largest
    value DP can take for the given part sizes, so that it ranges from 0 to 1.

    Parameters
    ----------
    freqs : array_like
        Frequencies per part, 1-D (one term) or 2-D (rows = terms).
    sizes : array_like
        Part sizes (tokens or proportions), one per part.

    Returns
    -------
    DPResult
        Named tuple ``(dp, dp_norm)`` of floats (1-D input) or arrays (2-D);
        NaN for a term that never occurs.

    Examples
    --------
    Gries' (2008) example:

    >>> res = gries_dp([1, 2, 3, 4, 5], [.18, .2, .2, .2, .22])
    >>> print(f"{res.dp:.2f} {res.dp_norm:.4f}")
    0.18 0.2195
    """
    v = _freqs(freqs)
    s = _proportions(sizes, v.shape[-1])
    f = v.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        dp = 0.5 * np.abs(v / f - s).sum(axis=-1)
    dp = np.where(f[..., 0] > 0, dp, np.nan)
    dp_norm = dp / (1.0 - s.min()) if s.shape[0] > 1 else np.full_like(dp, np.nan)
    if dp.ndim == 0:
        return DPResult(float(dp), float(dp_norm))
    return DPResult(dp, dp_norm)
