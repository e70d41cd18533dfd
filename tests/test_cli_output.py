"""``-o FILE.csv|.json|.xlsx`` (issue 17, item 7): every table the command line prints can be
written to a file, the format taken from the suffix."""

from __future__ import annotations

import argparse
import io

import openpyxl
import pytest

from discourse.cli import COMMANDS, main

from .conftest import SEEDS

SEED = str(SEEDS / "003_90d6e10e09142168.txt")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def xlsx_rows(path):
    sheet = openpyxl.load_workbook(path).active
    return [["" if cell.value is None else cell.value for cell in row] for row in sheet.iter_rows()]


def same_cell(xlsx, csv_text) -> bool:
    """An .xlsx cell equals the CSV cell: text exactly, whole numbers exactly, floats to the
    16 significant digits openpyxl writes (Excel keeps 15)."""
    if isinstance(xlsx, bool) or not isinstance(xlsx, (int, float)):
        return str(xlsx) == csv_text
    if isinstance(xlsx, int) and "." not in csv_text:
        return xlsx == int(csv_text)
    return xlsx == pytest.approx(float(csv_text), rel=1e-15, abs=0)


def csv_rows(text):
    import csv

    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("argv", [
    ["freq", "--lang", "fr", "--top", "5"],
    ["segments", SEED],
    ["kwic", "责任", SEED, "--parallel"],  # a view: its table
    ["keyness", "--lang", "zh", "--by", "doc_id", "--top", "3"],
])
def test_xlsx_file_holds_what_csv_prints(capsys, tmp_path, argv):
    code, printed, _ = run(capsys, *argv, "--format", "csv")
    assert code == 0
    target = tmp_path / "table.xlsx"
    code, out, err = run(capsys, *argv, "-o", target)
    assert code == 0 and out == "", out
    rows = csv_rows(printed)
    assert f"wrote {len(rows) - 1} rows to {target}" in err
    got = xlsx_rows(target)
    assert len(got) == len(rows) and got[0] == rows[0]
    for mine, theirs in zip(got[1:], rows[1:]):
        assert len(mine) == len(theirs) and all(map(same_cell, mine, theirs)), (mine, theirs)


@pytest.mark.parametrize("suffix, fmt", [(".csv", "csv"), (".json", "json"), (".CSV", "csv")])
def test_csv_and_json_files_are_what_format_prints(capsys, tmp_path, suffix, fmt):
    argv = ["collocates", "责任", "--window", "3", SEED]
    code, printed, _ = run(capsys, *argv, "--format", fmt)
    target = tmp_path / f"out{suffix}"
    assert run(capsys, *argv, "--output", target)[0] == 0
    assert target.read_text(encoding="utf-8") == printed
    # -o anywhere among the positionals, like every other option
    target.unlink()
    assert run(capsys, "collocates", "-o", target, "责任", "--window", "3", SEED)[0] == 0
    assert target.read_text(encoding="utf-8") == printed


def test_every_command_takes_o_and_import_keeps_its_own(capsys, tmp_path):
    for name in COMMANDS:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        out = capsys.readouterr().out
        assert "-o FILE, --output FILE" in out or (name == "import" and "-o OUTPUT, --output OUTPUT" in out), name
    target = tmp_path / "corpus.jsonl"
    code, out, _ = run(capsys, "import", SEED, "-o", target)
    assert code == 0 and target.read_text(encoding="utf-8").startswith('{"format"')
    assert "doc_id" in out  # the info table is still printed


@pytest.mark.parametrize("name", ["table.txt", "table", "table.xls", "table.html"])
def test_unknown_suffix_is_a_usage_error_listing_the_choices(capsys, tmp_path, name):
    code = None
    with pytest.raises(SystemExit) as done:
        main(["freq", "-o", str(tmp_path / name)])
    code = done.value.code
    err = capsys.readouterr().err
    assert code == 2
    assert ".csv, .json or .xlsx" in err and "suffix" in err
    assert not (tmp_path / name).exists()


def test_a_folder_or_an_input_file_is_not_overwritten(capsys, tmp_path):
    folder = tmp_path / "out.csv"
    folder.mkdir()
    code, _, err = run(capsys, "freq", "-o", folder)
    assert code == 1 and "is a folder, not a file" in err and "Traceback" not in err
    table = tmp_path / "texts.csv"
    table.write_text("doc_id,lang,text\na,fr,La pauvreté recule.\n", encoding="utf-8")
    before = table.read_bytes()
    code, _, err = run(capsys, "segments", table, "-o", table)
    assert code == 1 and "is one of the files read" in err
    assert table.read_bytes() == before


def test_an_existing_file_is_replaced_and_a_new_folder_made(capsys, tmp_path):
    target = tmp_path / "new" / "freq.json"
    assert run(capsys, "freq", "--top", "1", "-o", target)[0] == 0
    first = target.read_text(encoding="utf-8")
    assert run(capsys, "freq", "--top", "2", "-o", target)[0] == 0
    assert target.read_text(encoding="utf-8") != first
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_format_given_with_o_is_noted(capsys, tmp_path):
    code, _, err = run(capsys, "freq", "--format", "json", "-o", tmp_path / "f.xlsx")
    assert code == 0 and "--format json is for printing" in err
    assert openpyxl.load_workbook(tmp_path / "f.xlsx").active["A1"].value == "lang"


def test_output_option_type():
    from discourse.cli.output import output_path

    assert output_path("a.XLSX").suffix == ".XLSX"
    with pytest.raises(argparse.ArgumentTypeError):
        output_path("a.tsv")
