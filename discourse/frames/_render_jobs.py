"""The pairing of renderings in worker processes (issue 18): the units cut in pieces, the rows in order.

The units of one aligned corpus are paired independently of each other, so that
:func:`~discourse.frames.renderings.renderings` can give pieces of them to worker processes
and join their rows in the order one process makes them: the table is then the same,
row for row. Workers are forked (they inherit the corpus's hits, texts and associations;
only a piece's numbers are sent, and its rows come back); where processes are not forked
(macOS, Windows), or the work is small, one process pairs all units.

>>> run_pieces(lambda piece: piece * 2, [1, 2, 3], workers=1)
[2, 4, 6]
"""

from __future__ import annotations

from discourse._chunked import worker_count

__all__ = ["PAIR_MIN_CHARS", "pair_workers", "pieces_of", "run_pieces"]

#: Below this many characters of aligned text (source and targets), the default is one process:
#: about a second of pairing, which starting workers and sending their rows back would eat up.
PAIR_MIN_CHARS = 400_000

_WORKER: dict = {}  # in a worker process only: the function that pairs a piece


def pair_workers(n_jobs, *, chars: int) -> int:
    """The processes to pair units of `chars` characters with: :func:`~discourse._chunked.worker_count`
    with one up to :data:`PAIR_MIN_CHARS` (tokenizing costs less a character), and one where workers
    would not be forked.

    >>> pair_workers(None, chars=1000), pair_workers(2, chars=1000) in (1, 2)
    (1, True)
    """
    workers = worker_count(n_jobs, chars=chars, min_chars=PAIR_MIN_CHARS)
    if workers > 1:
        import multiprocessing  # deferred, as for tokenizing: only for a parallel run

        if multiprocessing.get_context().get_start_method() != "fork":
            return 1  # spawned workers would be sent the whole corpus's hits and texts
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


def run_pieces(pair, pieces, *, workers: int) -> list:
    """``[pair(piece) for piece in pieces]``, in `workers` forked processes when more than one.

    `pair` is inherited by the workers, not sent (a closure over the corpus is fine); each
    piece is sent to a worker and its result sent back, so both must pickle.
    """
    if workers <= 1 or len(pieces) <= 1:
        return [pair(piece) for piece in pieces]
    import multiprocessing  # deferred: only for a parallel run
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(pieces)), mp_context=multiprocessing.get_context("fork"),
                             initializer=_worker_starts, initargs=(pair,)) as pool:
        return list(pool.map(_run_piece, pieces))


def _worker_starts(pair) -> None:
    """Initializer of a forked worker: keep the function that pairs a piece."""
    _WORKER["pair"] = pair


def _run_piece(piece):
    """In a worker: the rows of one piece."""
    return _WORKER["pair"](piece)
