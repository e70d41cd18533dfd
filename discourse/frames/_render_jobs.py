"""The pairing of renderings in worker processes (issue 18): the units cut in pieces, the rows in order.

The units of one aligned corpus are paired independently of each other, so that
:func:`~discourse.frames.renderings.renderings` gives pieces of them to forked worker
processes (:mod:`discourse._forked`: they inherit the corpus's hits, texts and associations;
only a piece's numbers are sent, and its rows come back) and joins their rows in the order one
process makes them: the table is then the same, row for row.

>>> pair_workers(None, chars=1000)
1
"""

from __future__ import annotations

from discourse._forked import fork_workers, pieces_of, run_pieces

__all__ = ["PAIR_MIN_CHARS", "pair_workers", "pieces_of", "run_pieces"]

#: Below this many characters of aligned text (source and targets), the default is one process:
#: about a second of pairing, which starting workers and sending their rows back would eat up.
PAIR_MIN_CHARS = 400_000


def pair_workers(n_jobs, *, chars: int) -> int:
    """The processes to pair units of `chars` characters with (:func:`~discourse._forked.fork_workers`,
    one up to :data:`PAIR_MIN_CHARS`: tokenizing costs less a character).

    >>> pair_workers(None, chars=1000), pair_workers(2, chars=1000) in (1, 2)
    (1, True)
    """
    return fork_workers(n_jobs, chars=chars, min_chars=PAIR_MIN_CHARS)
