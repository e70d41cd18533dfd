"""Spreadsheet output (issue 16, item 13): the .xlsx path is formula-safe; terminal messages
show control characters escaped."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pandas as pd

from discourse.spreadsheet import write_xlsx

from .conftest import ROOT


def test_text_that_looks_like_a_formula_stays_text():
    table = pd.DataFrame({"term": ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "责任"],
                          "count": [1, 2, 3, 4, 5], "share": [0.5, None, 1.0, 2.0, 3.0]})
    sheet = openpyxl.load_workbook(io.BytesIO(write_xlsx(table))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["term", "count", "share"]
    assert [r[0] for r in rows[1:]] == table["term"].tolist()
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 7))
    assert [r[1] for r in rows[1:]] == [1, 2, 3, 4, 5] and rows[2][2] is None


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "discourse.cli", *args], capture_output=True, cwd=cwd,
                          timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_cli_writes_xlsx_with_formula_text_kept_as_text(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("doc_id,lang,text\n=cmd|' /C calc'!A0,fr,=1+1 la pauvreté recule.\n", encoding="utf-8")
    done = _cli("segments", str(table), "--format", "xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    sheet = openpyxl.load_workbook(io.BytesIO(done.stdout)).active
    header = [c.value for c in sheet[1]]
    row = {name: cell for name, cell in zip(header, sheet[2])}
    assert row["doc_id"].value == "=cmd|' /C calc'!A0" and row["doc_id"].data_type == "s"
    assert row["text"].value == "=1+1 la pauvreté recule." and row["text"].data_type == "s"


def test_error_messages_show_control_characters_escaped(tmp_path):
    name = "evil\x1b[2J\u202e.csv"
    (tmp_path / name).write_text("doc_id,lang\nx,fr\n", encoding="utf-8")  # no text column: an error
    done = _cli("segments", name, cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1 and "\x1b" not in err and "\u202e" not in err
    assert "evil\\x1b[2J\\u202e.csv" in err
