"""Text made safe to show on a terminal: control characters and bidi overrides escaped.

A corpus's ids, texts and file names are data, and may hold an ESC sequence (which a
terminal obeys: colours, a cleared screen, a changed title), another C0 or C1 control
character, or a bidirectional override such as U+202E (which shows the rest of a line
reversed). The terminal views (the CLI's tables, :meth:`discourse.Concordance.to_text`)
show each of them escaped, as Python writes it (``\\x1b``, ``\\u202e``); CSV, JSON and
the DataFrames keep the data as it is. Only the standard library: the CLI imports this
before it needs pandas.

>>> visible("\\x1b[2Jcleared \\u202eevil")
'\\\\x1b[2Jcleared \\\\u202eevil'
>>> visible("trách nhiệm 责任")  # ordinary text is returned as it is
'trách nhiệm 责任'
"""

from __future__ import annotations

import re

__all__ = ["visible", "UNSAFE"]

#: What :func:`visible` escapes: C0 controls and DEL, C1 controls, the bidi marks, embeddings,
#: overrides and isolates, and the Unicode line and paragraph separators.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    c = match.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def visible(text: str) -> str:
    """``text`` with every character of :data:`UNSAFE` escaped (``\\x1b``, ``\\u202e``;
    tab, newline and carriage return as ``\\t``, ``\\n``, ``\\r``)."""
    return UNSAFE.sub(_escape, text) if UNSAFE.search(text) else text
