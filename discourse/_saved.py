"""The saved-corpus format: a corpus's two tables as UTF-8 JSON Lines.

A header line ``{"format": "discourse-corpus", "version": 1, "name": …}``, one line
``{"document": {…}}`` per document, one line ``{"segment": {…}}`` per segment: plain and
diff-friendly. This module reads and writes the tables only and imports nothing from the
package but :mod:`discourse.errors` and :mod:`discourse._util`, so that
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

from ._util import atomic_write
from .errors import InputError

__all__ = ["FORMAT", "FORMAT_VERSION", "is_saved", "read_tables", "write_tables"]

FORMAT = "discourse-corpus"
FORMAT_VERSION = 1


def write_tables(path, *, name, documents: pd.DataFrame, segments: pd.DataFrame, links: pd.DataFrame | None = None,
                 force: bool = False) -> Path:
    """Write a corpus's tables to ``path`` atomically; an existing file only with ``force=True``.

    Parameters
    ----------
    path : str or Path
    name : str or None
        The corpus's name, kept in the header line.
    documents, segments : DataFrame
        The corpus's tables (missing values are written as ``null``).
    links : DataFrame, optional
        Corrected sentence links (``doc_id, lang, sent_id, align_id`` …), one line
        ``{"link": {…}}`` each, after the segments.
    force : bool
        Replace an existing file.

    Returns
    -------
    Path
    """
    path = Path(path)
    if path.exists() and not force:
        raise InputError("exists already; choose another name or pass force=True (--force)", path=path)
    lines = [json.dumps({"format": FORMAT, "version": FORMAT_VERSION, "name": name}, ensure_ascii=False)]
    for record in documents.to_dict("records"):
        lines.append(json.dumps({"document": _plain(record)}, ensure_ascii=False))
    for record in segments.to_dict("records"):
        lines.append(json.dumps({"segment": _plain(record)}, ensure_ascii=False))
    for record in ([] if links is None else links.to_dict("records")):
        lines.append(json.dumps({"link": _plain(record)}, ensure_ascii=False))
    atomic_write(path, "\n".join(lines) + "\n")
    return path


def is_saved(path) -> bool:
    """Whether ``path`` is a corpus written by :func:`write_tables` (its first line says so)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            first = fh.readline(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return f'"format": "{FORMAT}"' in first


def read_tables(path, *, links: bool = False) -> tuple:
    """``(name, documents, segments)`` of a corpus written by :func:`write_tables`; with
    ``links=True`` a fourth item, its corrected sentence links (a DataFrame, or None).

    A broken line, a header of another format or a newer version, and a file without
    segments are an :class:`~discourse.errors.InputError` naming the file and line.
    """
    path = Path(path)
    docs, segs, name, link_rows = [], [], None, []
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"is not a valid saved corpus ({err.msg}); re-create it with "
                                 "`discourse import … -o FILE`", path=path, line=number) from None
            if number == 1:
                if record.get("format") != FORMAT or record.get("version", 0) > FORMAT_VERSION:
                    raise InputError("is not a discourse corpus of a version this package reads", path=path, line=1)
                name = record.get("name")
            elif "segment" in record:
                segs.append(record["segment"])
            elif "document" in record:
                docs.append(record["document"])
            elif "link" in record:
                link_rows.append(record["link"])
    if not segs:
        raise InputError("holds no segments", path=path)
    if links:
        return name, pd.DataFrame(docs), pd.DataFrame(segs), (pd.DataFrame(link_rows) if link_rows else None)
    return name, pd.DataFrame(docs), pd.DataFrame(segs)


def _plain(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            value = None
        elif isinstance(value, np.generic):
            value = value.item()
        out[key] = value
    return out
