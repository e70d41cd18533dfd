"""The command line: the CLI contract, output formats and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from discourse.cli import main

from .conftest import ROOT, SEEDS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_on_bundled_corpus(capsys):
    code, out, err = run(capsys, "info", "--format", "csv")
    assert code == 0, err
    df = pd.read_csv(io.StringIO(out))
    assert set(df["lang"]) == {"vi", "zh", "fr"}  # the date line is the Vietnamese version's metadata
    assert {"doc_id", "lang", "segments", "body", "tokens"} <= set(df.columns)


def test_segments_contract(capsys):
    code, out, _ = run(capsys, "segments", "--format", "json")
    rows = json.loads(out)
    assert {"doc_id", "lang", "seg_id", "align_id", "role", "text"} <= set(rows[0])
    assert {r["role"] for r in rows} == {"title", "body", "meta"}
    zh_fr = [r for r in rows if r["doc_id"].startswith("003") and r["role"] == "body"]
    assert sorted((r["align_id"], r["lang"]) for r in zh_fr) == [(2, "fr"), (2, "zh"), (3, "fr"), (3, "zh")]


def test_segments_table_format_and_role(capsys):
    code, out, _ = run(capsys, "segments", "--role", "title")
    assert code == 0 and "脱贫攻坚责任书" in out and "…" in out  # long texts shortened in tables


def test_import_raw_seeds_and_save(capsys, tmp_path):
    target = tmp_path / "c.jsonl"
    code, out, err = run(capsys, "import", str(SEEDS / "000_6faf780c4d1388a2.txt"),
                         str(SEEDS / "003_90d6e10e09142168.txt"), "-o", str(target))
    assert code == 0, err
    assert "saved 2 documents" in err and "text repairs" in err
    assert target.exists()
    code, out, err = run(capsys, "import", str(SEEDS), "-o", str(target))
    assert code == 1 and "exists already" in err and "--force" in err
    code, out, _ = run(capsys, "info", str(target), "--format", "csv")
    assert code == 0 and "脱贫攻坚责任书" in out


def test_tokens_and_repairs(capsys):
    code, out, _ = run(capsys, "tokens", "--lang", "vi", "--no-punct", "--format", "csv")
    df = pd.read_csv(io.StringIO(out))
    assert "trách nhiệm" in set(df["norm"]) and not df["is_punct"].any()
    code, out, _ = run(capsys, "repairs", "--format", "csv")
    assert "mục tiêu" in out


def test_table_input_with_column_options(capsys, tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"title": "报告", "content": "脱贫攻坚战。", "year": 2020}\n', encoding="utf-8")
    code, out, err = run(capsys, "tokens", str(path), "--text-col", "content", "--id-col", "title", "--lang", "zh",
                         "--format", "csv")
    assert code == 0, err
    assert "脱贫攻坚战" in out


@pytest.mark.parametrize("argv,message", [
    (["info", "no/such/file.txt"], "does not exist"),
    (["info", "--lang", "de"], "no text in language 'de'"),
])
def test_input_errors_exit_1_without_traceback(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 1 and message in err and "Traceback" not in err


def test_binary_and_empty_files(capsys, tmp_path):
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    (tmp_path / "e.txt").write_bytes(b"")
    for name, message in (("b.txt", "binary"), ("e.txt", "empty")):
        code, _, err = run(capsys, "info", str(tmp_path / name))
        assert code == 1 and name in err and message in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["info", "--format", "xml"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2


def test_console_script_runs(tmp_path):
    exe = ROOT / ".venv" / "bin" / "discourse"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "discourse"]
    done = subprocess.run(cmd + ["info", str(tmp_path / "missing.txt")], capture_output=True, text=True)
    assert done.returncode == 1 and "missing.txt" in done.stderr and "Traceback" not in done.stderr
