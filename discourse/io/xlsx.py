"""Spreadsheets (``.xlsx``) as tables of texts, read with openpyxl.

:func:`xlsx_frame` reads the first sheet of a workbook (or the one named) as
:func:`discourse.io.read_table` reads a CSV file: the first row names the columns, every
cell is text (a number is written as Excel shows it in General format: ``2020``, not
``2020.0``; a date in ISO 8601), an empty cell is an empty string, and a formula gives
the value the spreadsheet program last saved with it. :func:`discourse.write_xlsx` writes
such workbooks; a table written by it is read back with every cell as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd

from .._reading import read_bytes
from ..errors import InputError

__all__ = ["XLSX_SUFFIXES", "xlsx_frame"]

#: File suffixes read as spreadsheets.
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: an encrypted workbook or an old .xls


def _text(value) -> str:
    """A cell as text: numbers as a spreadsheet shows them, dates in ISO 8601, nothing as ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    return str(value)


def xlsx_frame(path, *, sheet: str | None = None) -> pd.DataFrame:
    """The first sheet (or ``sheet``) of a workbook as a table of strings, its first row the column names.

    Refused with an :class:`~discourse.errors.InputError` naming the file: a file that is
    not an ``.xlsx`` (not a zip archive, an encrypted workbook, an old ``.xls``), a sheet
    that does not exist, an empty sheet, a header with an empty or repeated name.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, discourse
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> discourse.write_xlsx(pd.DataFrame({"doc_id": ["a"], "year": [2020], "text": ["=责任"]}), path)
    >>> xlsx_frame(path).values.tolist()
    [['a', '2020', '=责任']]
    """
    import openpyxl  # deferred: openpyxl only when a spreadsheet is read

    path = Path(path)
    data = read_bytes(path)
    if data.startswith(_OLE):
        raise InputError("is an encrypted (password-protected) workbook or an old Excel 97-2003 .xls file, not an "
                         ".xlsx; open it in a spreadsheet program, remove the password and save it as .xlsx",
                         path=path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as err:
        raise InputError(f"is not an .xlsx workbook ({type(err).__name__}: {err}); save the table again as Excel "
                         ".xlsx, or as CSV", path=path) from None
    except Exception as err:  # openpyxl's own errors (InvalidFileException …) and lxml's
        raise InputError(f"cannot be read as an .xlsx workbook ({type(err).__name__}: {err}); save it again as "
                         ".xlsx, or as CSV", path=path) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(f"has no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})", path=path)
        rows = [list(row) for row in (book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)]
    finally:
        book.close()
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    if not rows:
        raise InputError("is an empty sheet; give a table whose first row names the columns (doc_id, lang, text)",
                         path=path)
    width = max(len(row) for row in rows)
    header = [_text(value).strip() for value in rows[0]] + [""] * (width - len(rows[0]))
    while header and not header[-1] and all(len(row) < len(header) or row[len(header) - 1] is None for row in rows):
        header.pop()
    width = len(header)
    for col, name in enumerate(header):
        if not name:
            raise InputError(f"has no column name in column {_letter(col)} of the first row; name every column "
                             "(doc_id, lang, text …)", path=path, line=1)
        if header.index(name) != col:
            raise InputError(f"names two columns {name!r} (columns {_letter(header.index(name))} and "
                             f"{_letter(col)}); give each column its own name", path=path, line=1)
    body = [[_text(value) for value in (row + [None] * width)[:width]] for row in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=object)


def _letter(col: int) -> str:
    """A spreadsheet column's letters: 0 -> ``A``, 26 -> ``AA``.

    >>> _letter(0), _letter(27)
    ('A', 'AB')
    """
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out
