"""``-o FILE``: the table a command prints, written to a file in the format its suffix names.

Every command's table (a view such as a concordance: its table, as ``--format csv``
gives it) is written as CSV (``.csv``, as ``--format csv`` prints it), JSON (``.json``,
as ``--format json``) or a spreadsheet (``.xlsx``, :func:`discourse.write_xlsx`: every
cell text or a number, never a formula). The file is written at once (a temporary file,
then renamed); an existing file is replaced, a folder, FIFO or device is refused, and so
is one of the command's own input files.

Examples
--------
>>> import tempfile, pathlib, pandas as pd
>>> path = pathlib.Path(tempfile.mkdtemp()) / "freq.csv"
>>> write_output(pd.DataFrame({"term": ["责任"], "count": [3]}), output_path(str(path)))  # doctest: +ELLIPSIS
'wrote 1 row to ...freq.csv'
>>> path.read_text(encoding="utf-8")
'term,count\\n责任,3\\n'
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
from pathlib import Path

import discourse  # its functions load on first use: `discourse --help` imports no pandas
from discourse._reading import file_kind
from discourse.errors import InputError

__all__ = ["FORMATS", "output_path", "table_bytes", "write_output"]

#: The suffixes ``-o`` writes, and their format.
FORMATS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}


def output_path(text: str) -> Path:
    """The value of ``-o``: a file name ending in one of :data:`FORMATS` (any case).

    >>> output_path("out/Table.XLSX").name
    'Table.XLSX'
    >>> output_path("table.txt")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: 'table.txt': the format is taken from the suffix: name a .csv, .json or .xlsx file (e.g. -o table.xlsx)
    """
    path = Path(text)
    if path.suffix.lower() not in FORMATS:
        raise argparse.ArgumentTypeError(f"{text!r}: the format is taken from the suffix: name a "
                                         f"{', '.join(list(FORMATS)[:-1])} or {list(FORMATS)[-1]} file "
                                         "(e.g. -o table.xlsx)")
    return path


def table_bytes(table, fmt: str) -> bytes:
    """``table`` (a DataFrame) as the bytes of a ``csv``, ``json`` or ``xlsx`` file: the CSV and
    JSON exactly as ``--format csv`` / ``--format json`` print them, in UTF-8.

    >>> import pandas as pd
    >>> table_bytes(pd.DataFrame({"a": ["é"]}), "json").decode()
    '[\\n {\\n  "a": "é"\\n }\\n]\\n'
    """
    if fmt == "xlsx":
        return discourse.write_xlsx(table)
    if fmt == "csv":
        return table.to_csv(index=False, lineterminator="\n").encode("utf-8")
    records = json.loads(table.to_json(orient="records", force_ascii=False))
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_output(result, path: Path, *, inputs=()) -> str:
    """Write ``result`` (a table, or a view with ``to_frame()``) to ``path`` in the format of
    its suffix; return what was done, for the user (``wrote 12 rows to freq.xlsx``).

    Refused with an :class:`~discourse.errors.InputError` naming ``path``: a folder, FIFO,
    device or socket (or a link to one), a place that cannot be written, and one of
    ``inputs`` (the files the command read).
    """
    path = Path(path)
    fmt = FORMATS[path.suffix.lower()]
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise InputError(f"cannot be written ({err.strerror or err}); choose another file name", path=path) from None
    if info is not None:
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise InputError(f"is {kind}, not a file; give the name of a {path.suffix} file to write", path=path)
        for source in inputs:
            try:
                same = os.path.samefile(path, source)
            except OSError:
                continue
            if same:
                raise InputError("is one of the files read; write the table to another file", path=path)
    table = result.to_frame() if hasattr(result, "to_frame") and not hasattr(result, "columns") else result
    data = table_bytes(table, fmt)
    try:
        _replace(path, data)
    except OSError as err:
        raise InputError(f"cannot be written ({err.strerror or err}); choose a folder you can write to",
                         path=path) from None
    rows = len(table)
    return f"wrote {rows} row{'' if rows == 1 else 's'} to {path}"


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``: a
    reader never sees half a table. A file replaced keeps its mode; a new one gets
    ``0o666`` less the umask, as ``open`` gives (the system applies it on creation)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
