r"""The λ of a word sequence: the log odds ratio of its contingency table (quanteda's
``textstat_collocations``, Blaheta & Johnson 2001), with its standard error and z.

For a sequence of two words :math:`w_1 w_2`, count over the positions of all two-word
sequences: :math:`n_{11}` the times :math:`w_1` is followed by :math:`w_2`, :math:`n_{12}`
by another word, :math:`n_{21}` another word followed by :math:`w_2`, :math:`n_{22}` the
rest. With the smoothing :math:`s` (0.5, quanteda's default) added to every cell,

.. math::

    \lambda = \log\frac{(n_{11}+s)(n_{22}+s)}{(n_{12}+s)(n_{21}+s)}, \qquad
    \mathrm{SE} = \sqrt{\textstyle\sum_{ij} 1/(n_{ij}+s)}, \qquad z = \lambda / \mathrm{SE}

(natural logarithm). λ > 0: the words follow each other more often than independence
predicts; z is Wald's statistic of that association.

For a sequence of :math:`K` words (:func:`interaction_lambda`), each position of a
:math:`K`-word sequence is classed by which of its words equal the target's, word for word:
a pattern :math:`c = (j_1, \dots, j_K)`, :math:`j_k = 1` when the :math:`k`-th words agree.
The :math:`M = 2^K` counts :math:`n_i` of the patterns (plus :math:`s`) form a :math:`2^K`
table, and λ is the :math:`K`-way interaction parameter of the saturated log-linear model
fitted to it:

.. math::

    \lambda = \sum_{i=1}^{M} (-1)^{K - b_i} \log n_i, \qquad
    \mathrm{SE} = \sqrt{\textstyle\sum_{i=1}^{M} 1/n_i}, \qquad z = \lambda / \mathrm{SE}

with :math:`b_i` the number of agreeing words of pattern :math:`i`: the signs alternate
from :math:`+\log n_{1\dots1}` (the sequence itself). For :math:`K = 2` this is the log odds
ratio above. The formula and its sign convention are those of quanteda.textstats'
``textstat_collocations`` documentation (section Details) and of its C++ code
(``src/collocations.cpp``: ``lambda_all2``, ``sigma_all2``; the pattern of a position is
``match_bit2``, bit :math:`k-1` set when word :math:`k` agrees), whose tests check it against
the last coefficient of ``glm(count ~ W1*W2*W3, family = poisson)``.

References
----------
Blaheta, D. & Johnson, M. (2001). Unsupervised learning of multi-word verbs. *Proceedings
of the ACL/EACL 2001 Workshop on the Computational Extraction, Analysis and Exploitation
of Collocations*, 54–60.

Benoit, K. et al. (2018). quanteda: An R package for the quantitative analysis of textual
data. *Journal of Open Source Software* 3(30), 774 (``textstat_collocations``).

Examples
--------
>>> lam, se, z = sequence_lambda(10, 20, 30, 940)
>>> round(float(lam), 4), round(float(se), 4), round(float(z), 4)
(2.7596, 0.4217, 6.5434)
"""

from __future__ import annotations

import numpy as np

from discourse.errors import InputError

__all__ = ["sequence_lambda", "interaction_lambda"]


def sequence_lambda(n11, n12, n21, n22, *, smoothing=0.5):
    """λ (log odds ratio), its standard error and z of 2 × 2 tables (arrays or numbers).

    Parameters
    ----------
    n11, n12, n21, n22 : float or array_like
        The cells (see the module docstring): non-negative counts.
    smoothing : float, keyword-only
        Added to every cell (quanteda's default 0.5); must be positive.

    Returns
    -------
    tuple of numpy.ndarray
        ``(lambda, se, z)``.

    Examples
    --------
    >>> lam, se, z = sequence_lambda([3, 0], [1, 4], [2, 4], [94, 92])
    >>> [round(float(x), 3) for x in lam], [round(float(x), 3) for x in z]
    ([4.48, 0.826], [3.837, 0.527])
    """
    if not smoothing > 0:
        raise InputError(f"smoothing must be positive (quanteda uses 0.5), not {smoothing!r}")
    cells = [np.asarray(c, dtype=float) + smoothing for c in (n11, n12, n21, n22)]
    if any((c < smoothing).any() for c in cells):
        raise InputError("the cells of a contingency table are non-negative counts")
    a, b, c, d = cells
    lam = np.log(a) + np.log(d) - np.log(b) - np.log(c)
    se = np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return lam, se, lam / se


def interaction_lambda(cells, *, smoothing=0.5):
    """λ (the K-way interaction of the saturated log-linear model), its standard error and z
    of :math:`2^K` tables of agreement patterns (see the module docstring).

    Parameters
    ----------
    cells : array_like
        Shape ``(..., 2**K)``: ``cells[..., b]`` counts the positions whose pattern is ``b``,
        bit ``k - 1`` of ``b`` set when word ``k`` agrees (quanteda's order: ``cells[..., 2**K - 1]``
        is the sequence itself, ``cells[..., 0]`` the positions agreeing nowhere).
        Non-negative counts.
    smoothing : float, keyword-only
        Added to every cell (quanteda's default 0.5); must be positive.

    Returns
    -------
    tuple of numpy.ndarray
        ``(lambda, se, z)``, one value per table.

    Examples
    --------
    A three-word sequence seen 8 times among 1000 positions, its words never two by two
    without the third; the cells in bit order (none, word 1, word 2, words 1-2, word 3,
    words 1-3, words 2-3, all three):

    >>> lam, se, z = interaction_lambda([980, 5, 3, 0, 4, 0, 0, 8])
    >>> round(float(lam), 4), round(float(se), 4), round(float(z), 4)
    (1.793, 2.6093, 0.6872)

    For two words it is the log odds ratio of :func:`sequence_lambda`:

    >>> [round(float(x), 6) for x in interaction_lambda([940, 20, 30, 10])]
    [2.759635, 0.421745, 6.543376]
    """
    if not smoothing > 0:
        raise InputError(f"smoothing must be positive (quanteda uses 0.5), not {smoothing!r}")
    cells = np.asarray(cells, dtype=float)
    size = cells.shape[-1].bit_length() - 1 if cells.ndim else 0
    if size < 1 or cells.shape[-1] != 2**size:
        raise InputError(f"a table of agreement patterns has 2**K cells (4, 8 …), not {cells.shape[-1:]}")
    if (cells < 0).any():
        raise InputError("the cells of a contingency table are non-negative counts")
    cells = cells + smoothing
    agreeing = np.array([bin(b).count("1") for b in range(2**size)])
    signs = np.where((size - agreeing) % 2 == 0, 1.0, -1.0)
    lam = (np.log(cells) * signs).sum(axis=-1)
    se = np.sqrt((1 / cells).sum(axis=-1))
    return lam, se, lam / se
