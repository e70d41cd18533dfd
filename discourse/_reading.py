"""Reading a user's file, bounded: only a regular file, and only up to a size limit.

A FIFO opened for reading waits for a writer forever, and ``/dev/zero`` never ends:
:func:`read_bytes` opens without blocking, refuses anything that is not a regular file
(naming what it is) and reads at most :data:`MAX_BYTES`. It imports nothing from the
package but :mod:`discourse.errors`, so the readers of :mod:`discourse.io` and the
saved-corpus format (:mod:`discourse._saved`) share it.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_bytes(b"oui")
>>> read_bytes(folder / "a.txt")
b'oui'
>>> read_bytes(folder)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
discourse.errors.InputError: ...: is a folder, not a file; give a file (or read the folder with discourse.read)
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from .errors import InputError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "file_kind", "json_lines", "json_value", "read_bytes"]

#: The largest file read (1 GiB): a bigger one is refused with a message, before it is read.
MAX_BYTES = 1 << 30
#: The deepest nesting of arrays and objects read from a JSON line (Python's parser would
#: recurse until its stack runs out).
MAX_DEPTH = 200

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str | None:
    """What a ``st_mode`` is when it is not a regular file (``"a FIFO (named pipe)"`` …), else ``None``.

    >>> import stat
    >>> file_kind(stat.S_IFIFO), file_kind(stat.S_IFREG)
    ('a FIFO (named pipe)', None)
    """
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bytes(path, *, limit: int = MAX_BYTES, head: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (the first ``head`` bytes only, if given).

    Refused with an :class:`~discourse.errors.InputError` naming the file: a path that
    does not exist or cannot be read, a folder, FIFO, device or socket (never opened in a
    way that waits), and a file larger than ``limit`` bytes (checked before reading, and
    again while reading, for files whose size the system does not report).

    Examples
    --------
    >>> read_bytes("/dev/null")
    Traceback (most recent call last):
    ...
    discourse.errors.InputError: /dev/null: is a character device, not a regular file; give a text file
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError("does not exist; check the path", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file; give a file (or read the folder with discourse.read)",
                         path=path) from None
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err}); check the path and its permissions",
                         path=path) from None
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind == "a folder":
            raise InputError("is a folder, not a file; give a file (or read the folder with discourse.read)",
                             path=path)
        if kind is not None:
            raise InputError(f"is {kind}, not a regular file; give a text file", path=path)
        if head is None and info.st_size > limit:
            raise InputError(f"is larger than {_size(limit)} ({info.st_size:,} bytes); split it into smaller "
                             "files (one per document or language version)", path=path)
        want = limit + 1 if head is None else head
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(want)
        if head is None and len(data) > limit:
            raise InputError(f"is larger than {_size(limit)}; split it into smaller files (one per document or "
                             "language version)", path=path)
        return data
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err}); check the path and its permissions",
                         path=path) from None
    finally:
        os.close(fd)


def json_value(text: str, *, path, line: int, hint: str):
    """The value of one line of JSON, or an :class:`~discourse.errors.InputError` naming the
    file, line and column and ending with ``hint`` (what the line should be): for invalid
    JSON, and for arrays or objects nested deeper than :data:`MAX_DEPTH`.

    >>> json_value('{"a": [1]}', path="t.jsonl", line=1, hint="one object a line")
    {'a': [1]}
    >>> json_value("[" * 10_000, path="t.jsonl", line=3, hint="one object a line")
    Traceback (most recent call last):
    ...
    discourse.errors.InputError: t.jsonl, line 3: is nested deeper than 200 arrays or objects; one object a line
    """
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(text) > MAX_DEPTH:
        raise InputError(f"is nested deeper than {MAX_DEPTH} arrays or objects; {hint}", path=path, line=line)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"is not valid JSON ({err.msg} at column {err.colno}); {hint}", path=path,
                         line=line) from None
    except RecursionError:  # nesting hidden from _depth (cannot happen with valid JSON): refuse it too
        raise InputError(f"is nested too deeply; {hint}", path=path, line=line) from None


_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


_JSON_SPACE = re.compile(r"[ \t\r]*")  # the whitespace json.loads allows around a value (a line holds no LF)
_BLANK = re.compile(r"\s*")
_DECODER = json.JSONDecoder()


def json_lines(text: str, *, path, hint: str) -> list[tuple[int, object]]:
    """``(line number, value)`` of every non-blank line of JSON Lines ``text``, each line
    read as :func:`json_value` reads it (the same values, the same errors), parsed in
    place: no copy of a line is made unless it needs a closer look. Lines end at ``"\\n"``
    only.

    >>> json_lines('{"a": 1}\\n\\n [2]\\n', path="t.jsonl", hint="one object a line")
    [(1, {'a': 1}), (3, [2])]
    >>> json_lines('{"a":\\n1}', path="t.jsonl", hint="one object a line")
    Traceback (most recent call last):
    ...
    discourse.errors.InputError: t.jsonl, line 1: is not valid JSON (Expecting value at column 6); one object a line
    """
    out, pos, number, size = [], 0, 0, len(text)
    while pos <= size:
        number += 1
        end = text.find("\n", pos)
        end = size if end < 0 else end
        if not _BLANK.fullmatch(text, pos, end):
            value, stop = _NOTHING, end + 1
            if text.count("[", pos, end) + text.count("{", pos, end) <= MAX_DEPTH:
                try:
                    value, stop = _DECODER.raw_decode(text, _JSON_SPACE.match(text, pos).end())
                except (json.JSONDecodeError, RecursionError):
                    value = _NOTHING
            if value is _NOTHING or stop > end or _JSON_SPACE.match(text, stop).end() != end:
                value = json_value(text[pos:end], path=path, line=number, hint=hint)  # its verdict, its error
            out.append((number, value))
        pos = end + 1
    return out


_NOTHING = object()


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside JSON strings."""
    depth = deepest = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def _size(n: int) -> str:
    """``1 GB``, ``512 MB``, ``10 kB`` or ``12 bytes``: a limit for a message."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"
