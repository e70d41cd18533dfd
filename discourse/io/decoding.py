"""Bytes to text: byte-order marks, encodings, binary files, and the lines of a text.

:func:`decode` decodes a file's bytes (a byte-order mark, then strict UTF-8, then
``charset-normalizer``'s guess); :func:`read_text` reads a file with it, refusing empty,
whitespace-only and binary files; :func:`split_lines` gives a text's non-blank lines with
their offsets. Every reader of :mod:`discourse.io` uses them.
"""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

from .._reading import read_bytes
from ..errors import DiscourseWarning, InputError

__all__ = ["decode", "read_text", "split_lines"]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]



def decode(data: bytes, *, path="<bytes>", encoding: str | None = None, errors: str = "strict") -> tuple[str, str]:
    """Decode a file's bytes, detecting the encoding when none is given.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then strict UTF-8; then, for
    a file that is UTF-8 but for a few stray bytes (it holds valid multi-byte UTF-8
    characters, at least as many as bad bytes), UTF-8 still; only a file that
    is not UTF-8 at all gets ``charset-normalizer``'s best guess (GB18030/GBK, Big5,
    Windows-125x …). Bytes that cannot be decoded are an error naming their byte offsets
    and lines, never silently replaced — unless ``errors="replace"`` is asked for (each bad
    byte becomes U+FFFD, with a warning naming them).

    Parameters
    ----------
    data : bytes
    path : str or Path
        Named in error messages.
    encoding : str, optional
        Use this encoding instead of detecting one.
    errors : {"strict", "replace"}

    Returns
    -------
    (text, encoding) : tuple of str

    Examples
    --------
    >>> decode("脱贫".encode("gb18030"), encoding="gb18030")
    ('脱贫', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "l’État".encode())
    ('l’État', 'utf-8-sig')
    >>> decode("é".encode() + b"\\xe9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    discourse.errors.InputError: <bytes>, line 1: is UTF-8 but for bytes that are not, in 1 place: byte offset 2 (line 1, b'\\xe9'); ...
    """
    if errors not in ("strict", "replace"):
        raise InputError(f"errors must be 'strict' or 'replace', not {errors!r}")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; give a Python codec name such as utf-8 or gb18030",
                             path=path) from None
        except UnicodeDecodeError as err:
            if errors == "strict":
                raise InputError(
                    f"cannot be decoded as {encoding}: byte offset {err.start} ({data[err.start:err.start + 4]!r}); "
                    "check the encoding, leave --encoding out to detect it, or accept replacement characters "
                    "with --encoding-errors replace",
                    path=path, line=data.count(b"\n", 0, err.start) + 1,
                ) from None
            text = data.decode(encoding, errors="replace")
            warnings.warn(f"{path}: {text.count(chr(0xFFFD))} undecodable byte(s) replaced by U+FFFD "
                          f"(first at byte offset {err.start})", DiscourseWarning, stacklevel=2)
        return text, encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            return decode(data, path=path, encoding=name, errors=errors)
    if _looks_binary(data):
        raise InputError("looks like a binary file (NUL and control bytes), not text; give a text file "
                         "(UTF-16/32 text without a byte-order mark: give --encoding utf-16-le or similar)",
                         path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    escaped, bad = _bad_utf8(data)
    if _mostly_utf8(escaped, bad):  # UTF-8 but for a few bytes: not garbled by a legacy codec
        return _utf8_with_bad_bytes(escaped, bad, path=path, errors=errors)
    from charset_normalizer import from_bytes  # deferred: imported only when UTF-8 fails

    best = from_bytes(data).best()
    if best is None:
        if errors == "replace":
            return _utf8_with_bad_bytes(escaped, bad, path=path, errors=errors)
        raise InputError(
            f"is not UTF-8 (byte offset {utf8_error.start}) and no other text encoding fits; "
            "if it is text, give its encoding with --encoding (e.g. gb18030, big5, cp1252)",
            path=path, line=data.count(b"\n", 0, utf8_error.start) + 1,
        )
    return decode(data, path=path, encoding=best.encoding, errors=errors)


_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, as "surrogateescape" decodes them


def _bad_utf8(data: bytes) -> tuple[str, list[re.Match]]:
    """The text decoded with each byte that is not UTF-8 as a lone surrogate, and the runs of them."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    return escaped, list(_ESCAPED.finditer(escaped))


def _mostly_utf8(escaped: str, bad: list[re.Match]) -> bool:
    """Whether the text is UTF-8 with a few stray bytes: it holds valid multi-byte UTF-8
    characters, at least as many as bad bytes. Text in a legacy encoding holds none (Windows-125x
    Latin text) or far fewer than bad bytes (GBK: about one in four of its bytes)."""
    bad_bytes = sum(m.end() - m.start() for m in bad)
    multibyte = len(escaped) - len(escaped.encode("ascii", errors="ignore")) - bad_bytes
    return multibyte >= max(1, bad_bytes)


def _utf8_with_bad_bytes(escaped: str, bad: list[re.Match], *, path, errors: str) -> tuple[str, str]:
    """UTF-8 text with bytes that are not: an error naming them (byte offset and line), or
    with ``errors="replace"`` the text with U+FFFD for each and a warning naming them."""
    def where(run):
        offset = len(escaped[:run.start()].encode("utf-8", errors="surrogateescape"))
        raw = run.group().encode("utf-8", errors="surrogateescape")[:4]
        return f"byte offset {offset} (line {escaped.count(chr(10), 0, run.start()) + 1}, {raw!r})"

    shown = "; ".join(where(run) for run in bad[:3]) + (f"; and {len(bad) - 3} more" if len(bad) > 3 else "")
    count = f"{len(bad)} place{'s' if len(bad) > 1 else ''}"
    if errors == "strict":
        raise InputError(
            f"is UTF-8 but for bytes that are not, in {count}: {shown}; fix those bytes, accept replacement "
            "characters with --encoding-errors replace (encoding_errors=\"replace\"), or give the file's "
            "encoding with --encoding if it is not UTF-8",
            path=path, line=escaped.count("\n", 0, bad[0].start()) + 1,
        )
    warnings.warn(f"{path}: bytes that are not UTF-8 replaced by U+FFFD in {count}: {shown}",
                  DiscourseWarning, stacklevel=3)
    return _ESCAPED.sub(lambda run: "\ufffd" * (run.end() - run.start()), escaped), "utf-8"


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")


def _looks_binary(data: bytes) -> bool:
    """Many NUL/control bytes mean binary — unless the NULs sit at every other position,
    as in UTF-16 text without a byte-order mark. A stray NUL or control character in a
    text file is kept (tokenizers skip it)."""
    sample = data[:65536]
    if not sample:
        return False
    def controls(part: bytes) -> int:
        return len(part) - len(part.translate(None, _CONTROL_BYTES))

    half = max(1, len(sample) // 2)
    even, odd = sample[0::2], sample[1::2]
    if even.count(0) / half < 0.05 and odd.count(0) / half > 0.3:
        return controls(even) > half // 50  # UTF-16-LE (mostly Latin) text without a BOM?
    if odd.count(0) / half < 0.05 and even.count(0) / half > 0.3:
        return controls(odd) > half // 50  # UTF-16-BE
    return controls(sample) > max(2, len(sample) // 100)


_HTML_REMNANT = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);|</?(?:p|br|div|span|a|b|i|em|strong|img|"
                           r"script|table|tr|td|li|ul|ol|h[1-6])\b[^<>]{0,200}>", re.IGNORECASE)


def read_text(path: Path, encoding: str | None, errors: str = "strict") -> tuple[str, str]:
    """The text of a file and the encoding it was decoded with (see :func:`decode`).

    An unreadable, empty or whitespace-only file is an :class:`~discourse.errors.InputError`
    naming it; HTML remnants (``&nbsp;``, ``<br/>``) are kept as text, with a warning
    naming the line.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_bytes(codecs.BOM_UTF8 + "脱贫\\n".encode())
    >>> read_text(path, None)
    ('脱贫\\n', 'utf-8-sig')
    """
    data = read_bytes(path)
    if not data or data.isspace():  # as `not data.strip()`, without copying the file's bytes
        raise InputError("is empty; give a file with text in it", path=path)
    text, used = decode(data, path=path, encoding=encoding, errors=errors)
    if not text or text.isspace():
        raise InputError("holds only whitespace; give a file with text in it", path=path)
    # a remnant starts with "&" or "<": find those first (fast), search from the first one
    first = min((i for i in (text.find("&"), text.find("<")) if i >= 0), default=-1)
    remnant = _HTML_REMNANT.search(text, first) if first >= 0 else None
    if remnant:
        line = text.count("\n", 0, remnant.start()) + 1
        warnings.warn(f"{path}: HTML remnants such as {remnant.group()!r} (line {line}) are kept as text; "
                      "strip the markup first if they should not count", DiscourseWarning, stacklevel=3)
    return text, used



_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def split_lines(text: str) -> list[tuple[int, int, int]]:
    """Non-blank lines of ``text`` as ``(start, end, line_number)``, whitespace trimmed.

    Any line ending (LF, CRLF, CR) is accepted; ``text[start:end]`` is the line without
    its surrounding whitespace.

    Examples
    --------
    >>> split_lines("a\\r\\n\\n  b \\n")
    [(0, 1, 1), (6, 7, 3)]
    """
    out = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        out.append((start, start + len(stripped), number))
        if match.end() == len(text):
            break
    return out
