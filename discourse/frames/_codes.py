"""Equal sequences told apart at once: :func:`sequence_codes`.

Many hits have the same text, many cells of a profile the same list of forms; making a
Python string for each is the cost of counting them. Here sequences of integers (the
characters of a text, the forms of a cell), laid end to end, are hashed together with
numpy, every sequence is checked element by element against the first one of its hash,
and each gets the code of its distinct sequence: only those need a string.

>>> import numpy as np
>>> code, first = sequence_codes(np.array([1, 2, 1, 2, 2, 1]), np.array([2, 2, 2]))
>>> code.tolist(), first.tolist()
([0, 0, 1], [0, 2])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["sequence_codes"]

_P = np.uint64(0x9E3779B97F4A7C15)  # the hash's multiplier (modulo 2**64)
_P_LEN = np.uint64(0xC2B2AE3D27D4EB4F)  # and the length's


def sequence_codes(flat: np.ndarray, size: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Codes of the sequences ``flat[:size[0]]``, ``flat[size[0]:size[0] + size[1]]`` …

    Parameters
    ----------
    flat : numpy.ndarray of int
        The sequences end to end (values below 2**63).
    size : numpy.ndarray of int
        The length of each sequence (0 for an empty one).

    Returns
    -------
    tuple of numpy.ndarray, or None
        ``code`` (int64, per sequence; equal sequences, equal codes; numbered by first
        occurrence) and ``first`` (where each code first occurs); ``None`` should two
        different sequences ever share a hash (then tell them apart another way).

    Examples
    --------
    >>> import numpy as np
    >>> sequence_codes(np.array([7, 7]), np.array([0, 1, 1, 0]))[0].tolist()
    [0, 1, 1, 0]
    """
    n = len(size)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    head = np.cumsum(size) - size
    offset = np.arange(len(flat)) - np.repeat(head, size)
    powers = np.full(max(int(size.max()), 1), _P, dtype=np.uint64)
    digest = size.astype(np.uint64) * _P_LEN  # the length is hashed too
    with np.errstate(over="ignore"):
        powers = np.cumprod(powers)
        nonempty = np.flatnonzero(size > 0)
        if len(nonempty):
            digest[nonempty] += np.add.reduceat(flat.astype(np.uint64) * powers[offset], head[nonempty])
    code = pd.factorize(digest.view(np.int64))[0].astype(np.int64)
    seen = np.maximum.accumulate(code)
    first = np.flatnonzero(np.r_[True, code[1:] > seen[:-1]])  # codes are numbered by first occurrence
    rep = first[code]
    if not ((size == size[rep]).all() and np.array_equal(flat, flat[np.repeat(head[rep], size) + offset])):
        return None
    return code, first
