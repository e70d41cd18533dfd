"""Small helpers every module may use; they import nothing from the package."""

from __future__ import annotations

import numpy as np

__all__ = ["string_ranks"]


def string_ranks(values, *, width: int = 32) -> np.ndarray:
    """Position of each string in a stable sort of ``values`` (code point order, as
    Python compares strings): an integer sort key.

    The strings are sorted on their first ``width`` characters as a fixed-width NumPy
    array (several times faster than sorting Python objects); only runs of equal
    prefixes holding a longer string (or a NUL, which NumPy drops at the end of a
    fixed-width string) are then re-sorted as Python strings.

    >>> string_ranks(["b", "a", "ab"]).tolist()
    [2, 0, 1]
    """
    strings = np.asarray(values, dtype=object)
    prefix = strings.astype(f"U{width}")  # truncates
    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    inexact = np.char.str_len(prefix) != lengths
    order = np.argsort(prefix, kind="stable")
    if inexact.any():
        sorted_prefix = prefix[order]
        run_start = np.flatnonzero(np.r_[True, sorted_prefix[1:] != sorted_prefix[:-1]])
        run_end = np.r_[run_start[1:], len(order)]
        run_of = np.searchsorted(run_start, np.flatnonzero(inexact[order]), side="right") - 1
        for lo, hi in zip(run_start[np.unique(run_of)], run_end[np.unique(run_of)]):
            if hi - lo > 1:
                members = order[lo:hi]
                order[lo:hi] = members[sorted(range(hi - lo), key=lambda i: strings[members[i]])]
    ranks = np.empty(len(strings), dtype=np.int64)
    ranks[order] = np.arange(len(strings))
    return ranks
