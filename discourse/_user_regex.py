"""A user's regular expression, run with a bound on its time.

Python's :mod:`re` may take exponential time on a pattern with a repetition inside a
repetition (``(a+)+b``) or alternatives that match the same text (``(x|x)*y``): 38 s on
one 30-character token, and minutes on a paragraph. A pattern given by the user
(``regex=True``, ``--regex``) is therefore run by the `regex
<https://pypi.org/project/regex/>`_ engine (compatible with :mod:`re`, and quick on many
such patterns) with its ``timeout``: the search of one text — one token's form, or all
the matches in one segment's text — may take :data:`TIMEOUT` seconds, and
:data:`PER_CHARACTER` more per character of that text (a linear pattern's time grows with
the text, a catastrophic one's explodes on a few dozen characters). A pattern stopped is an :class:`~discourse.errors.InputError` naming the pattern, the text it was
stopped on and how to rewrite it.

>>> pattern = UserPattern(r"(a+)+b")
>>> pattern.fullmatch("a" * 30) is None  # no match, found at once
True
>>> [m.span() for m in UserPattern("b+", ignore_case=True).finditer("aBba")]
[(1, 3)]
"""

from __future__ import annotations

from .errors import InputError

__all__ = ["UserPattern", "TIMEOUT", "PER_CHARACTER"]

#: Seconds a user's pattern may take on one text (one token's form, or one segment's text
#: for all its matches), besides :data:`PER_CHARACTER`, before it is stopped as catastrophic.
TIMEOUT = 5.0
#: Seconds more it may take per character of that text (2 µs: 40 s more on a 20 MB
#: paragraph; a linear pattern takes about a tenth of it).
PER_CHARACTER = 2e-6


class UserPattern:
    """A user's regular expression compiled by the ``regex`` engine (a syntax error is an
    :class:`~discourse.errors.InputError`), whose ``fullmatch`` and ``finditer`` stop after
    ``timeout`` seconds (default :data:`TIMEOUT`) and :data:`PER_CHARACTER` per character of
    the text, with an InputError saying why."""

    def __init__(self, pattern: str, *, ignore_case: bool = False, timeout: float | None = None):
        import regex as engine  # deferred: 30 ms to import, and only a user's pattern needs it

        self.pattern = pattern
        self.timeout = TIMEOUT if timeout is None else float(timeout)
        try:
            self._rx = engine.compile(pattern, engine.IGNORECASE if ignore_case else 0)
        except engine.error as err:
            raise InputError(f"the regular expression {pattern!r} is not valid: {err}") from None

    def fullmatch(self, text: str):
        """The match of the whole of ``text``, or None."""
        try:
            return self._rx.fullmatch(text, timeout=self._limit(text))
        except TimeoutError:
            raise self._stopped(text) from None

    def finditer(self, text: str):
        """The matches in ``text``, as :func:`re.finditer` (a list, the search done)."""
        try:
            return list(self._rx.finditer(text, timeout=self._limit(text)))
        except TimeoutError:
            raise self._stopped(text) from None

    def _limit(self, text: str) -> float:
        return self.timeout + PER_CHARACTER * len(text)

    def _stopped(self, text: str) -> InputError:
        shown = text if len(text) <= 40 else text[:39] + "…"
        return InputError(
            f"the regular expression {self.pattern!r} was stopped after {self._limit(text):.3g} s on one text "
            f"({shown!r}, {len(text)} characters): a repetition inside a repetition, such as (a+)+, or "
            "alternatives that match the same text, such as (x|x)*, make the engine try exponentially many "
            "ways to match. Write the pattern so that each character can be matched one way only "
            "(a+b rather than (a+)+b, x*y rather than (x|x)*y).")
