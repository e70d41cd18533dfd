"""The saved-corpus format: a corpus's two tables as UTF-8 JSON Lines.

A header line ``{"format": "discourse-corpus", "version": 1, "name": …, "documents": N,
"segments": N}``, one line ``{"document": {…}}`` per document, one line ``{"segment": {…}}`` per segment: plain and
diff-friendly. This module reads and writes the tables only and imports nothing from the
package but :mod:`discourse.errors`, :mod:`discourse._reading` and :mod:`discourse._util`, so that
:meth:`discourse.corpus.Corpus.save` / :meth:`~discourse.corpus.Corpus.load` use it and
:mod:`discourse.io` reads saved corpora through them, without an import circle.

Examples
--------
>>> import tempfile, pathlib
>>> import pandas as pd
>>> path = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
>>> docs, segs = pd.DataFrame({"doc_id": ["a"]}), pd.DataFrame({"doc_id": ["a"], "lang": ["fr"], "text": ["Oui."]})
>>> _ = write_tables(path, name="demo", documents=docs, segments=segs)
>>> is_saved(path)
True
>>> name, documents, segments = read_tables(path)
>>> name, segments.values.tolist()
('demo', [['a', 'fr', 'Oui.']])
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ._reading import file_kind, json_value, read_bytes
from ._util import atomic_write
from .errors import InputError

__all__ = ["FORMAT", "FORMAT_VERSION", "is_saved", "read_tables", "write_tables"]

FORMAT = "discourse-corpus"
FORMAT_VERSION = 1


def write_tables(path, *, name, documents: pd.DataFrame, segments: pd.DataFrame, links: pd.DataFrame | None = None,
                 force: bool = False) -> Path:
    """Write a corpus's tables to ``path`` atomically; an existing file only with ``force=True``.

    The header line holds the number of documents and segments, so that a file cut short
    is refused when read back. ``path`` must be a file: a folder, FIFO, device or socket
    (or a symbolic link to one) is refused even with ``force=True``, and a place that
    cannot be written (a read-only folder, a file where a folder should be) is an
    :class:`~discourse.errors.InputError` naming it. A new file follows the umask; a
    file replaced keeps its mode.

    Parameters
    ----------
    path : str or Path
    name : str or None
        The corpus's name, kept in the header line.
    documents, segments : DataFrame
        The corpus's tables (missing values are written as ``null``).
    links : DataFrame, optional
        Corrected sentence links (``doc_id, lang, sent_id, align_id`` …), one line
        ``{"link": {…}}`` each, after the segments (counted in the header too).
    force : bool
        Replace an existing file.

    Returns
    -------
    Path
    """
    path = Path(path)
    _check_output(path, force=force)
    header = {"format": FORMAT, "version": FORMAT_VERSION, "name": name,
              "documents": len(documents), "segments": len(segments)}
    if links is not None:
        header["links"] = len(links)
    lines = [json.dumps(header, ensure_ascii=False)]
    for record in documents.to_dict("records"):
        lines.append(json.dumps({"document": _plain(record)}, ensure_ascii=False))
    for record in segments.to_dict("records"):
        lines.append(json.dumps({"segment": _plain(record)}, ensure_ascii=False))
    for record in ([] if links is None else links.to_dict("records")):
        lines.append(json.dumps({"link": _plain(record)}, ensure_ascii=False))
    try:
        atomic_write(path, "\n".join(lines) + "\n")
    except OSError as err:
        raise InputError(f"cannot be written ({err.strerror or err}); choose a folder you can write to",
                         path=path) from None
    return path


def _check_output(path: Path, *, force: bool) -> None:
    """Refuse to write over a folder or a special file (whatever ``force`` says), or over a file without ``force``."""
    try:
        info = path.stat()  # follows a symbolic link: what it points to counts
    except FileNotFoundError:
        return
    except OSError as err:
        raise InputError(f"cannot be written ({err.strerror or err}); choose another file name", path=path) from None
    kind = file_kind(info.st_mode)
    if kind is not None:
        raise InputError(f"is {kind}{' (through a symbolic link)' if path.is_symlink() else ''}, not a file; "
                         "give the name of a .jsonl file to write", path=path)
    if not force:
        raise InputError("exists already; choose another name or pass force=True (--force)", path=path)


def is_saved(path) -> bool:
    """Whether ``path`` is a corpus written by :func:`write_tables` (its first line says so)."""
    try:
        first = read_bytes(path, head=4096)
    except InputError:
        return False
    return f'"format": "{FORMAT}"'.encode() in first.split(b"\n", 1)[0]


def read_tables(path, *, links: bool = False) -> tuple:
    """``(name, documents, segments)`` of a corpus written by :func:`write_tables`; with
    ``links=True`` a fourth item, its corrected sentence links (a DataFrame, or None).

    Every line is checked, and a fault is an :class:`~discourse.errors.InputError` naming
    the file and line: text that is not UTF-8, a broken line, a missing header or one of
    another format or a newer version, a line that is neither a document nor a segment,
    a value of the wrong type (offsets and ids are integers, texts strings), offsets that
    do not span the segment's text, an unknown role, a document or segment id given twice,
    fewer lines than the header announces (a file cut short), and a file without segments.
    """
    path = Path(path)
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"is not a valid saved corpus (not UTF-8 at byte offset {err.start}); re-create it with "
                         "`discourse import … -o FILE`", path=path, line=data.count(b"\n", 0, err.start) + 1) from None
    docs, segs, link_rows, header = [], [], [], None
    doc_lines: dict[str, int] = {}
    seg_lines: dict[tuple, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        record = json_value(line, path=path, line=number, hint=_REMAKE)
        if header is None:
            header = _header(record, path=path, line=number)
            continue
        kind, value = _entry(record, path=path, line=number)
        if kind == "link":
            link_rows.append(value)
        elif kind == "document":
            doc = str(value["doc_id"])
            if doc in doc_lines:
                raise _fault(f"document {doc!r} is given twice (first on line {doc_lines[doc]})", path, number)
            doc_lines[doc] = number
            docs.append(value)
        else:
            _check_segment(value, path=path, line=number)
            key = (str(value["doc_id"]), value.get("seg_id"))
            if key[1] is not None:
                if key in seg_lines:
                    raise _fault(f"segment {key[1]} of document {key[0]!r} is given twice (first on line "
                                 f"{seg_lines[key]})", path, number)
                seg_lines[key] = number
            segs.append(value)
    if header is None:
        raise InputError("is empty; re-create it with `discourse import … -o FILE`", path=path)
    for what, found in (("documents", docs), ("segments", segs), ("links", link_rows)):
        expected = header.get(what)
        if isinstance(expected, int) and not isinstance(expected, bool) and expected != len(found):
            raise InputError(f"is cut short or was edited: its header announces {expected} {what}, the file holds "
                             f"{len(found)}; {_REMAKE}", path=path, line=number)
    if not segs:
        raise InputError("holds no segments", path=path)
    if links:
        return header.get("name"), pd.DataFrame(docs), pd.DataFrame(segs), pd.DataFrame(link_rows) if link_rows else None
    return header.get("name"), pd.DataFrame(docs), pd.DataFrame(segs)


_REMAKE = "re-create it with `discourse import … -o FILE`"
_ROLES = ("title", "body", "meta")
#: The segment fields with a fixed type: (types allowed, may be null).
_FIELDS = {
    "doc_id": ((str, int), False), "lang": ((str,), False), "text": ((str,), False), "role": ((str,), False),
    "path": ((str,), True), "seg_id": ((int,), False), "align_id": ((int,), True),
    "start": ((int,), False), "end": ((int,), False), "line": ((int,), False), "align_score": ((int, float), True),
}


def _fault(message: str, path, line: int) -> InputError:
    return InputError(f"is not a valid saved corpus: {message}; {_REMAKE}", path=path, line=line)


def _header(record, *, path, line: int) -> dict:
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise InputError(f"has no discourse-corpus header line (its first line must be {{\"format\": \"{FORMAT}\", "
                         f"…}}); {_REMAKE}", path=path, line=line)
    version = record.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise InputError("is not a discourse corpus of a version this package reads", path=path, line=line)
    return record


def _entry(record, *, path, line: int) -> tuple[str, dict]:
    kinds = [k for k in ("document", "segment", "link") if isinstance(record, dict) and k in record]
    if len(kinds) != 1 or len(record) != 1:
        raise _fault('the line is neither {"document": {…}}, {"segment": {…}} nor {"link": {…}}', path, line)
    value = record[kinds[0]]
    if not isinstance(value, dict):
        raise _fault(f"the {kinds[0]} is not an object", path, line)
    if kinds[0] == "document" and not isinstance(value.get("doc_id"), (str, int)):
        raise _fault("the document has no doc_id", path, line)
    return kinds[0], value


def _check_segment(value: dict, *, path, line: int) -> None:
    for field in ("doc_id", "lang", "text"):
        if field not in value:
            raise _fault(f"the segment has no {field}", path, line)
    for field, (types, nullable) in _FIELDS.items():
        if field not in value or (value[field] is None and nullable):
            continue
        given = value[field]
        if not isinstance(given, types) or isinstance(given, bool):
            wanted = " or ".join({str: "a string", int: "an integer", float: "a number"}[t] for t in types)
            raise _fault(f"{field} is {json.dumps(given, ensure_ascii=False)[:40]}, not {wanted}", path, line)
    if value.get("role", "body") not in _ROLES:
        raise _fault(f"role {value['role']!r} is not one of {', '.join(_ROLES)}", path, line)
    for field in ("seg_id", "start", "line"):
        if value.get(field, 0) < 0:
            raise _fault(f"{field} {value[field]} is negative", path, line)
    if "start" in value and "end" in value and value["end"] - value["start"] != len(value["text"]):
        raise _fault(f"the offsets start {value['start']}, end {value['end']} do not span the segment's text "
                     f"({len(value['text'])} characters)", path, line)


def _plain(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            value = None
        elif isinstance(value, np.generic):
            value = value.item()
        out[key] = value
    return out
