"""``.xlsx`` tables in (issue 17, item 7): read_table reads a workbook's first sheet as it
reads a CSV file; a bad workbook is refused naming the file."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pandas as pd
import pytest

import discourse
from discourse.cli import main
from discourse.errors import InputError
from discourse.io import read_table

ROWS = pd.DataFrame({
    "doc_id": ["a", "a", "b"],
    "lang": ["zh", "fr", "fr"],
    "align_id": [1, 1, 1],
    "year": [2020, 2020, 2021],
    "text": ["脱贫攻坚\n全面小康", "=La pauvreté recule.", "Deuxième texte."],
})


def test_xlsx_table_reads_as_the_same_csv(tmp_path):
    discourse.write_xlsx(ROWS, tmp_path / "t.xlsx")
    ROWS.to_csv(tmp_path / "t.csv", index=False)
    from_xlsx, from_csv = read_table(tmp_path / "t.xlsx"), read_table(tmp_path / "t.csv")
    columns = ["doc_id", "lang", "seg_id", "align_id", "role", "text", "start", "end", "line"]
    assert from_xlsx.segments[columns].equals(from_csv.segments[columns])
    assert from_xlsx.segments["text"].tolist() == ["脱贫攻坚", "全面小康", "=La pauvreté recule.", "Deuxième texte."]
    # numbers are read as a spreadsheet shows them: year 2020, not 2020.0
    assert from_xlsx.documents.set_index("doc_id")["year"].tolist() == ["2020", "2021"]


def test_cells_as_text_dates_floats_empty_and_formulas(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["doc_id", "lang", "text", "date", "score"])
    sheet.append([1, "fr", "Un texte.", dt.datetime(2021, 1, 14), 0.25])
    sheet.append([2, "fr", None, None, None])  # an empty text: no segment
    sheet.append([3, "fr", "Trois.", dt.date(2022, 3, 1), "=1+1"])  # a formula with no saved value
    sheet.append([None, None, None, None, None])  # trailing empty rows are left out
    book.save(tmp_path / "cells.xlsx")
    corpus = discourse.read(tmp_path / "cells.xlsx")
    assert corpus.doc_ids == ["1", "3"]
    documents = corpus.documents.set_index("doc_id")
    assert documents.loc["1", "date"] == "2021-01-14" and documents.loc["1", "score"] == "0.25"
    assert documents.loc["3", "date"] == "2022-03-01"


def test_cli_reads_xlsx_and_its_own_xlsx_output_round_trips(capsys, tmp_path):
    discourse.write_xlsx(ROWS, tmp_path / "t.xlsx")
    assert main(["segments", str(tmp_path / "t.xlsx"), "-o", str(tmp_path / "segments.xlsx")]) == 0
    capsys.readouterr()
    again = read_table(tmp_path / "segments.xlsx")
    assert again.segments["text"].tolist() == read_table(tmp_path / "t.xlsx").segments["text"].tolist()


def test_a_folder_reads_xlsx(tmp_path):
    discourse.write_xlsx(ROWS, tmp_path / "t.xlsx")
    assert discourse.read(tmp_path).doc_ids == ["a", "b"]


def make_bad(path, kind):
    if kind == "not a zip":
        path.write_text("doc_id,lang,text\n", encoding="utf-8")
    elif kind == "encrypted":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    elif kind == "zip, not a workbook":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
    else:
        book = openpyxl.Workbook()
        rows = {"empty sheet": [], "empty header cell": [["doc_id", None, "text"], ["a", "fr", "x"]],
                "repeated header": [["text", "lang", "text"], ["a", "fr", "x"]]}[kind]
        for row in rows:
            book.active.append(row)
        book.save(path)


@pytest.mark.parametrize("kind, expected", [
    ("not a zip", "is not an .xlsx workbook"),
    ("encrypted", "encrypted (password-protected)"),
    ("zip, not a workbook", "is not an .xlsx workbook"),
    ("empty sheet", "is an empty sheet"),
    ("empty header cell", "has no column name in column B"),
    ("repeated header", "names two columns 'text' (columns A and C)"),
])
def test_bad_xlsx_is_refused_naming_the_file(tmp_path, capsys, kind, expected):
    path = tmp_path / "bad.xlsx"
    make_bad(path, kind)
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert expected in str(caught.value) and "bad.xlsx" in str(caught.value)
    assert main(["info", str(path)]) == 1
    assert "Traceback" not in capsys.readouterr().err
