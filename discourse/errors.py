"""Errors a user can act on.

Every error that comes from bad input is a :class:`DiscourseError` (or a subclass): its
message names the file (and line, where there is one) and says what to do. The CLI prints
it without a traceback and exits with status 1.
"""

from __future__ import annotations

__all__ = ["DiscourseError", "DiscourseWarning", "InputError"]


class DiscourseError(Exception):
    """Base class of the errors the package raises on purpose."""


class InputError(DiscourseError, ValueError):
    """A file or argument the package cannot use.

    Parameters
    ----------
    message : str
        What is wrong and what to do about it.
    path : str or Path, optional
        The file concerned.
    line : int, optional
        1-based line number in that file.
    """

    def __init__(self, message: str, *, path=None, line: int | None = None):
        self.path = None if path is None else str(path)
        self.line = line
        self.reason = message
        where = ""
        if self.path is not None:
            where = self.path + (f", line {line}" if line is not None else "") + ": "
        super().__init__(where + message)


class DiscourseWarning(UserWarning):
    """Something was kept or skipped that the user should know about (e.g. a paragraph of
    unknown language kept as ``und``, an unreadable file in a folder skipped)."""
