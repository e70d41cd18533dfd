r"""Simple correspondence analysis of a two-way table of counts, by SVD.

For a table :math:`N` (:math:`I \times J`, total :math:`n`), with correspondence matrix
:math:`P = N / n`, row masses :math:`r = P\mathbf{1}` and column masses
:math:`c = P^\top\mathbf{1}`, the standardized residuals

.. math::

    S = D_r^{-1/2}\,(P - r c^\top)\,D_c^{-1/2} = U \Sigma V^\top

give the principal inertias :math:`\lambda_k = \sigma_k^2` (their sum is the total inertia
:math:`\chi^2 / n`), the row and column **standard** coordinates
:math:`\Phi = D_r^{-1/2} U`, :math:`\Gamma = D_c^{-1/2} V`, and the **principal**
coordinates :math:`F = \Phi\Sigma`, :math:`G = \Gamma\Sigma` (Greenacre 2007,
*Correspondence Analysis in Practice*, 2nd ed., Chapman & Hall/CRC, Theoretical
appendix A; Greenacre 1984, *Theory and Applications of Correspondence Analysis*). An
axis's sign is arbitrary; it is fixed here so that the first row's coordinate is negative
or zero, as R's ``ca`` package (0.71) prints Greenacre's smoking data.

>>> smoke = [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]]
>>> result = ca(smoke)
>>> [round(float(x), 6) for x in result.inertia]
[0.074759, 0.010017, 0.000414]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["ca", "CAResult"]


class CAResult(NamedTuple):
    """The parts of a correspondence analysis (:func:`ca`); ``K = min(I, J) - 1`` dimensions.

    Attributes
    ----------
    inertia : numpy.ndarray
        Principal inertias :math:`\\lambda_1 \\ge \\ldots \\ge \\lambda_K` (eigenvalues).
    row_masses, col_masses : numpy.ndarray
        :math:`r` and :math:`c`.
    row_coords, col_coords : numpy.ndarray
        Principal coordinates :math:`F` (I × K) and :math:`G` (J × K).
    row_standard, col_standard : numpy.ndarray
        Standard coordinates :math:`\\Phi` and :math:`\\Gamma`.
    """

    inertia: np.ndarray
    row_masses: np.ndarray
    col_masses: np.ndarray
    row_coords: np.ndarray
    col_coords: np.ndarray
    row_standard: np.ndarray
    col_standard: np.ndarray


def ca(counts) -> CAResult:
    r"""Correspondence analysis of a table of non-negative counts (see the module docstring).

    Parameters
    ----------
    counts : array-like, shape (I, J)
        Counts (or any non-negative numbers); every row and every column must have a
        positive total, and the table at least two rows and two columns.

    Returns
    -------
    CAResult
        ``K = min(I, J) - 1`` dimensions (a dimension of zero inertia is kept, with zero
        principal coordinates).

    Raises
    ------
    ValueError
        For a negative value, an empty row or column, or a table smaller than 2 × 2.

    Examples
    --------
    Greenacre's (1984) smoking data (staff groups × smoking), as R's ``ca`` prints it:

    >>> smoke = [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]]
    >>> result = ca(smoke)
    >>> round(float(result.inertia.sum()), 6), round(float(result.row_standard[0, 0]), 5)
    (0.08519, -0.24054)
    >>> np.allclose(result.row_coords, result.row_standard * np.sqrt(result.inertia))
    True
    """
    table = np.asarray(counts, dtype=float)
    if table.ndim != 2 or min(table.shape) < 2:
        raise ValueError(f"correspondence analysis needs a table of at least 2 × 2, not {table.shape}")
    if (table < 0).any() or not np.isfinite(table).all():
        raise ValueError("correspondence analysis needs non-negative counts")
    if (table.sum(axis=1) == 0).any() or (table.sum(axis=0) == 0).any():
        raise ValueError("correspondence analysis needs every row and column to have a positive total")
    p = table / table.sum()
    r, c = p.sum(axis=1), p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, sigma, vt = np.linalg.svd(s, full_matrices=False)
    k = min(table.shape) - 1
    u, sigma, v = u[:, :k], sigma[:k], vt[:k].T
    flip = np.where(u[0] > 0, -1.0, 1.0)  # R's ca: the first row's coordinate is ≤ 0 on each axis
    u, v = u * flip, v * flip
    row_std, col_std = u / np.sqrt(r)[:, None], v / np.sqrt(c)[:, None]
    return CAResult(inertia=sigma ** 2, row_masses=r, col_masses=c, row_coords=row_std * sigma,
                    col_coords=col_std * sigma, row_standard=row_std, col_standard=col_std)
