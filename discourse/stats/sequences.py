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

__all__ = ["sequence_lambda"]


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
