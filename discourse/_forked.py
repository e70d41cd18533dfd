"""Work cut in pieces for forked worker processes, the results in order (issue 18).

Independent parts of one job — the aligned units of renderings, the documents of a
sentence alignment — are cut into pieces; forked workers inherit the function that does a
piece (a closure over the corpus is fine: nothing of it is pickled), only each piece is
sent, and its result comes back. The results are joined in the order of the pieces, so the
output is the one a single process gives. Where processes are not forked (macOS, Windows),
or the work is small, one process does every piece.

>>> run_pieces(lambda piece: piece * 2, [1, 2, 3], workers=1)
[2, 4, 6]
"""

from __future__ import annotations

from discourse._chunked import worker_count

__all__ = ["fork_workers", "pieces_of", "run_pieces"]

_WORKER: dict = {}  # in a worker process only: the function that does a piece


def fork_workers(n_jobs, *, chars: int, min_chars: int) -> int:
    """The processes for work on `chars` characters: :func:`~discourse._chunked.worker_count`
    (one up to `min_chars` by default), and one where workers would not be forked (spawned
    ones would be sent the whole corpus).

    >>> fork_workers(None, chars=1000, min_chars=10_000), fork_workers(2, chars=1000, min_chars=10_000) in (1, 2)
    (1, True)
    """
    workers = worker_count(n_jobs, chars=chars, min_chars=min_chars)
    if workers > 1:
        import multiprocessing  # deferred, as for tokenizing: only for a parallel run

        if multiprocessing.get_context().get_start_method() != "fork":
            return 1
    return workers


def pieces_of(n: int, workers: int) -> list[tuple[int, int]]:
    """``range(n)`` cut in ``(lo, hi)`` pieces: one piece for one worker, else about four per worker.

    >>> pieces_of(10, 1), pieces_of(10, 2)[:3]
    ([(0, 10)], [(0, 1), (1, 2), (2, 3)])
    """
    if workers <= 1 or n <= 1:
        return [(0, n)] if n else []
    count = min(n, 4 * workers)
    cuts = [k * n // count for k in range(count + 1)]
    return [(lo, hi) for lo, hi in zip(cuts, cuts[1:]) if hi > lo]


def run_pieces(work, pieces, *, workers: int) -> list:
    """``[work(piece) for piece in pieces]``, in `workers` forked processes when more than one.

    `work` is inherited by the workers, not sent; each piece is sent to a worker and its
    result sent back, so both must pickle.
    """
    if workers <= 1 or len(pieces) <= 1:
        return [work(piece) for piece in pieces]
    import multiprocessing  # deferred: only for a parallel run
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(pieces)), mp_context=multiprocessing.get_context("fork"),
                             initializer=_worker_starts, initargs=(work,)) as pool:
        return list(pool.map(_run_piece, pieces))


def _worker_starts(work) -> None:
    """Initializer of a forked worker: keep the function that does a piece."""
    _WORKER["work"] = work


def _run_piece(piece):
    """In a worker: the result of one piece."""
    return _WORKER["work"](piece)
