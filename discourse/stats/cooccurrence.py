"""Association measures of co-occurrence: node–collocate pairs (window-based collocation),
and the Dice coefficient and logDice that equivalents share with them.

Notation (all arguments may be scalars or arrays, broadcast together):

========  ==============================================================
``f_nc``  co-occurrence frequency: collocate tokens inside the node's windows
``f_n``   frequency of the node in the corpus
``f_c``   frequency of the collocate in the corpus
``n``     corpus size in tokens
``span``  window size in tokens around one node occurrence (e.g. 4 left +
          4 right = 8)
========  ==============================================================

Expected co-occurrence frequency and the span
---------------------------------------------
Under independence a node occurrence offers ``span`` slots, each filled by
the collocate with probability ``f_c / n``, so

.. math::

    E = \\frac{f_n \\, f_c \\, \\mathrm{span}}{n}

(Evert 2008, "surface co-occurrence"). MI, t-score and log-likelihood all use
this *E*, so they stay comparable. With ``span=1`` (the default of the
vectorised functions) E is the textbook bigram value and MI is Church &
Hanks' (1990) formula as used by Sketch Engine and NLTK; a window without
the span adjustment inflates MI by :math:`\\log_2 \\mathrm{span}`. Tools
differ here, so state the span when you report MI.
:func:`discourse.collocations.collocation_table` requires ``span`` explicitly.

References
----------
Church, K. W. & Hanks, P. (1990). Word association norms, mutual
information, and lexicography. *Computational Linguistics* 16(1), 22–29.

Dice, L. R. (1945). Measures of the amount of ecologic association between species.
*Ecology* 26(3), 297–302.

Dunning, T. (1993). Accurate methods for the statistics of surprise and
coincidence. *Computational Linguistics* 19(1), 61–74.

Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (eds.),
*Corpus Linguistics. An International Handbook*, article 58. Berlin: de Gruyter.

Manning, C. D. & Schütze, H. (1999). *Foundations of Statistical Natural
Language Processing*, §5.3.1. Cambridge, MA: MIT Press.

Rychlý, P. (2008). A lexicographer-friendly association score. *Proceedings
of RASLAN 2008*, 6–9. Brno: Masaryk University.
"""

from __future__ import annotations

import numpy as np

from discourse.errors import InputError
from discourse.stats.association import as_float, g2

__all__ = ["expected_cooccurrence", "mi", "t_score", "log_likelihood", "dice", "log_dice"]


def check_span(span):
    """Raise :class:`~discourse.errors.InputError` unless ``span`` is positive.

    >>> check_span(8)
    """
    if np.any(np.asarray(span, dtype=float) <= 0):
        raise InputError(f"span must be positive, not {span!r}")


def expected_cooccurrence(f_n, f_c, n, *, span=1):
    r"""Expected co-occurrence frequency under independence.

    .. math::

        E = \frac{f_n \, f_c \, \mathrm{span}}{n}

    Parameters
    ----------
    f_n, f_c, n : array_like
        Node frequency, collocate frequency, corpus size.
    span : float, keyword-only
        Window size in tokens (1 = adjacent bigrams).

    Examples
    --------
    >>> print(f"{expected_cooccurrence(100, 50, 10_000, span=8):.1f}")
    4.0
    """
    check_span(span)
    f_n, f_c, n = (np.asarray(x, dtype=float) for x in (f_n, f_c, n))
    return (f_n * f_c * span / n)[()]


def mi(f_nc, f_n, f_c, n, *, span=1):
    r"""Pointwise mutual information (Church & Hanks 1990).

    .. math::

        \mathrm{MI} = \log_2 \frac{f_{nc}}{E} = \log_2 \frac{f_{nc}\, n}{f_n\, f_c\, \mathrm{span}}

    ``span=1`` gives the unadjusted formula of Church & Hanks, Sketch Engine
    and NLTK's ``BigramAssocMeasures.pmi``. See the module docstring on the
    span.

    Returns
    -------
    numpy.ndarray or numpy.float64
        MI in bits; ``-inf`` when ``f_nc = 0``.

    Examples
    --------
    Church & Hanks' (1990: 24) example, f(x,y) = 8, f(x) = 1105, f(y) = 44,
    N = 15 million:

    >>> print(f"{mi(8, 1105, 44, 15_000_000):.1f}")
    11.3
    """
    f_nc = np.asarray(f_nc, dtype=float)
    e = expected_cooccurrence(f_n, f_c, n, span=span)
    with np.errstate(divide="ignore"):
        return (np.log2(f_nc) - np.log2(e))[()]


def t_score(f_nc, f_n, f_c, n, *, span=1):
    r"""t-score of a co-occurrence (Church et al. 1991; Manning & Schütze 1999).

    .. math::

        t = \frac{O - E}{\sqrt{O}}, \qquad O = f_{nc}

    with *E* from :func:`expected_cooccurrence`.

    Returns
    -------
    numpy.ndarray or numpy.float64
        ``-inf`` when ``f_nc = 0`` (the limit as O → 0 with E > 0).

    Examples
    --------
    Manning & Schütze's (1999: 165) *new companies* example:

    >>> print(f"{t_score(8, 15_828, 4_675, 14_307_668):.4f}")
    0.9999
    """
    o = np.asarray(f_nc, dtype=float)
    e = expected_cooccurrence(f_n, f_c, n, span=span)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (o - e) / np.sqrt(o)
    return np.where(o > 0, t, -np.inf)[()]


def log_likelihood(f_nc, f_n, f_c, n, *, span=1):
    r"""Log-likelihood G² of the node–collocate contingency table (Dunning 1993).

    The 4-cell G² of :func:`discourse.stats.association.g2` on the table

    ==============  =====================  =========================
    \               in node windows        elsewhere
    collocate       :math:`f_{nc}`         :math:`f_c - f_{nc}`
    other tokens    :math:`R_1 - f_{nc}`   …
    total           :math:`R_1 = \mathrm{span}\, f_n`  :math:`n - R_1`
    ==============  =====================  =========================

    so that its expected top-left cell is the *E* of
    :func:`expected_cooccurrence`. With ``span=1`` this is the standard
    bigram table (NLTK's ``likelihood_ratio``).

    Returns
    -------
    numpy.ndarray or numpy.float64
        G² ≥ 0 (unsigned: MI < 0 tells you O < E). NaN for impossible tables,
        e.g. ``f_nc > f_c``.

    Examples
    --------
    >>> print(f"{log_likelihood(10, 100, 100, 100_000):.2f}")
    74.33
    """
    check_span(span)
    f_nc, f_n, f_c, n = (np.asarray(x, dtype=float) for x in (f_nc, f_n, f_c, n))
    r1 = f_n * span
    return g2(f_nc, f_c - f_nc, r1, n - r1)


def dice(f_nc, f_n, f_c):
    r"""Dice coefficient (Dice 1945).

    .. math::

        \mathrm{Dice} = \frac{2 f_{nc}}{f_n + f_c}

    between 0 and 1 (1: the two always occur together). :mod:`discourse.equivalence`
    reads ``f_nc`` as the aligned units with both words (``a``), ``f_n`` and ``f_c`` as the
    units with each (``f_s``, ``f_t``).

    Examples
    --------
    >>> float(dice(4, 5, 5))
    0.8
    """
    f_nc, f_n, f_c = as_float(f_nc, f_n, f_c)
    return (2.0 * f_nc / (f_n + f_c))[()]


def log_dice(f_nc, f_n, f_c):
    r"""logDice (Rychlý 2008), the one of collocations and of equivalents.

    .. math::

        \mathrm{logDice} = 14 + \log_2 \frac{2 f_{nc}}{f_n + f_c} = 14 + \log_2 \mathrm{Dice}

    Independent of corpus size and of the span; the theoretical maximum is
    14 (every occurrence of each word is in the pair); same ranking as :func:`dice`.

    Returns
    -------
    numpy.ndarray or numpy.float64
        ``-inf`` when ``f_nc = 0``.

    Examples
    --------
    >>> print(f"{log_dice(10, 100, 100):.3f}")  # 14 + log2(0.1)
    10.678
    >>> float(log_dice(5, 5, 5))
    14.0
    """
    with np.errstate(divide="ignore"):
        return (14.0 + np.log2(dice(f_nc, f_n, f_c)))[()]
