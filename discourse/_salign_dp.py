"""The forward pass of the sentence aligner's banded dynamic programme (:mod:`discourse.sentence_align`).

Row ``r`` of the band holds the best cost of aligning the first ``r`` source sentences with
target sentences ``lo[r] … lo[r] + width − 1``. A move ``(di, dj)`` reaches cell ``(r, j)`` from
``(r − di, j − dj)``: in band coordinates a shifted slice of an earlier row. Rows depend on the
rows before them, so they are computed one after the other, but each row is a handful of numpy
operations: the candidates of every move are gathered at once through flat indices computed per
block of rows, and the within-row moves (``0-1``: a target sentence alone) by a running minimum.
"""

from __future__ import annotations

import numpy as np

__all__ = ["forward"]

_BLOCK = 256


def forward(move_costs, steps, moves, lo, *, big: float):
    """Best costs and back-pointers of the band.

    Parameters
    ----------
    move_costs : ndarray, shape (q, n + 1, width)
        Cost of ending move ``k`` at each band cell (``big`` where it cannot end there).
    steps : ndarray, shape (n + 1, width)
        Cost of the within-row move (one target sentence more) ending at each cell.
    moves : list of (int, int)
        The ``q`` moves ``(di, dj)``, ``di ≥ 1``, in `move_costs`' order.
    lo : ndarray of int, shape (n + 1,)
        First target column of each row's band.
    big : float
        Cost of an unreachable cell.

    Returns
    -------
    dist : ndarray, shape (n + 1, width)
        Best cost of each cell (``big`` if unreachable; ``dist[0, 0]`` is 0 when ``lo[0] == 0``).
    back : ndarray of int8, shape (n + 1, width)
        The move ending the best path at each cell: an index into `moves`, ``len(moves)`` for
        the within-row move, −1 for none (the origin, or unreachable).

    Examples
    --------
    >>> big = 1e12
    >>> move_costs = np.array([[[big, big], [big, 1.0]]])      # one 1-1 move, ending at (1, 1)
    >>> steps = np.array([[0.0, 5.0], [big, big]])              # (0, 0) → (0, 1) costs 5
    >>> dist, back = forward(move_costs, steps, [(1, 1)], np.array([0, 0]), big=big)
    >>> dist.tolist(), back.tolist()
    ([[0.0, 5.0], [1000000000000.0, 1.0]], [[-1, 1], [-1, 0]])
    """
    q, rows, width = move_costs.shape
    pad = np.full((rows, 3 * width), big)                # row r: dist[r] at [width, 2·width)
    flat = np.concatenate([pad.ravel(), [big, 0.0]])       # + a cell "none" (big) and the origin (0)
    pad = flat[:-2].reshape(rows, 3 * width)
    none, origin = flat.size - 2, flat.size - 1
    back = np.full((rows, width), -1, dtype=np.int8)
    codes = np.array([-1, *range(q)], dtype=np.int8)
    inside = len(moves)
    di = np.array([m[0] for m in moves], dtype=np.int64)
    dj = np.array([m[1] for m in moves], dtype=np.int64)
    step = steps.copy()
    step[:, 0] = 0.0
    cum_all = np.cumsum(step, axis=1)
    at = np.arange(width)
    for top in range(0, rows, _BLOCK):
        r = np.arange(top, min(top + _BLOCK, rows))[:, None]
        shift = lo[r] - lo[np.maximum(r - di, 0)] - dj                     # (rows, q)
        ok = (r >= di) & (shift >= -width) & (shift <= width)
        start = (r - di) * 3 * width + width + shift
        index = np.where(ok[:, :, None], start[:, :, None] + at, none)      # (rows, q, width)
        first = np.full((len(r), 1, width), none)
        if top == 0:
            first[0, 0, 0] = origin
        index = np.concatenate([first, index], axis=1)
        add = np.concatenate([np.zeros((len(r), 1, width)),
                              np.where(ok[:, :, None], move_costs[:, top:top + len(r)].transpose(1, 0, 2), 0.0)],
                             axis=1)
        for b in range(len(r)):
            row = top + b
            cands = flat[index[b]] + add[b]                                 # none, then each move
            which = cands.argmin(axis=0)                                    # the first best
            best, arg = cands[which, at], codes[which]
            cum = cum_all[row]
            scan = cum + np.minimum.accumulate(best - cum)
            arg[scan < best - 1e-9] = inside
            np.minimum(best, scan, out=pad[row, width: 2 * width])
            back[row] = arg
    return pad[:, width: 2 * width].copy(), back
