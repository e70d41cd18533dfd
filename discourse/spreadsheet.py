"""Tables written as spreadsheets (``.xlsx``) that a spreadsheet program cannot mistake
for formulas.

A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` is run as a formula when a
spreadsheet program opens the file (CSV formula injection); a corpus's texts and ids may
start so. In the ``.xlsx`` written here every text cell is stored as text (type ``s``) and
every number as a number, so nothing is ever evaluated.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

__all__ = ["write_xlsx"]

#: Characters Excel cannot hold in a cell (XML 1.0 forbids them); written as U+FFFD.
_ILLEGAL = {c: "\ufffd" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}


def _cell(value):
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        value = value.item() if isinstance(value, np.generic) else value
        if isinstance(value, float) and np.isinf(value):  # a cell cannot hold infinity: "inf", as CSV has it
            return "inf" if value > 0 else "-inf"
        return value
    return str(value).translate(_ILLEGAL)


def write_xlsx(table: pd.DataFrame, target=None, *, sheet: str = "discourse") -> bytes | None:
    """Write ``table`` as an ``.xlsx`` workbook: to ``target`` (a path or a binary file),
    or return its bytes when ``target`` is None.

    Text cells are text — a text ``=1+1`` stays the four characters ``=1+1`` — numbers are
    numbers (a float to 16 significant digits, as openpyxl writes it; Excel shows 15),
    missing values are empty cells, and an infinite value (a Log Ratio with a zero count)
    is the text ``inf`` or ``-inf``, as in the CSV output (a cell cannot hold infinity).

    Examples
    --------
    >>> import io, openpyxl, pandas as pd
    >>> data = write_xlsx(pd.DataFrame({"term": ["=1+1", "责任"], "count": [3, 2], "ratio": [float("inf"), 0.5]}))
    >>> sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    >>> [[c.value for c in row] for row in sheet.iter_rows()]
    [['term', 'count', 'ratio'], ['=1+1', 3, 'inf'], ['责任', 2, 0.5]]
    >>> sheet["A2"].data_type
    's'
    """
    from openpyxl import Workbook  # deferred: only for --format xlsx

    book = Workbook(write_only=False)
    ws = book.active
    ws.title = sheet
    for col, name in enumerate(table.columns, start=1):
        ws.cell(row=1, column=col).value = str(name).translate(_ILLEGAL)
    for r, row in enumerate(table.itertuples(index=False, name=None), start=2):
        for col, value in enumerate(row, start=1):
            value = _cell(value)
            if value is None:
                continue
            cell = ws.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    if target is None:
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    book.save(target)
    return None
