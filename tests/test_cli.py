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


# --- every command helps; options anywhere (issue 13) ------------------------------------

def _command_parsers():
    """The commands of the `discourse` parser, from the parser itself (a new command is covered)."""
    import argparse

    from discourse.cli import _build_parser

    parser = _build_parser()
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(subs) == 1
    return dict(subs[0].choices)


COMMANDS = sorted(_command_parsers())


def test_help_of_every_command(capsys):
    """`discourse --help` and `discourse CMD --help` for every command of the parser: exit 0, usage on stdout."""
    assert {"info", "kwic", "keyness", "collocates", "dispersion"} <= set(COMMANDS)
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    out, err = capsys.readouterr()
    assert exc.value.code == 0, err
    assert out.startswith("usage: discourse") and all(name in out for name in COMMANDS)
    assert "%DIFF" in out  # the keyness line, with its percent sign as written
    for command in COMMANDS:
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        out, err = capsys.readouterr()
        assert exc.value.code == 0, (command, err)
        assert out.startswith(f"usage: discourse {command}") and "--format" in out, command


def test_help_as_a_real_command():
    exe = ROOT / ".venv" / "bin" / "discourse"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "discourse"]
    done = subprocess.run(cmd + ["--help"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: discourse") and "keyness" in done.stdout and done.stderr == ""


def _exit_code(argv):
    try:
        return main(argv)
    except SystemExit as exc:  # a usage error
        return exc.code


# what a command needs besides its positionals to run on the two seed files
NEEDS = {"keyness": ["--lang", "zh", "--target", "doc_id=003_90d6e10e09142168"],
         "doc-clusters": ["--n-clusters", "1"]}


@pytest.mark.parametrize("command", COMMANDS)
def test_options_anywhere_among_positionals(capsys, command):
    """`--format csv` before, between and after the positional arguments: the same result."""
    parser = _command_parsers()[command]
    positionals = []
    for action in parser._get_positional_actions():
        if action.dest == "corpus":
            positionals += [str(SEEDS / "000_6faf780c4d1388a2.txt"), str(SEEDS / "003_90d6e10e09142168.txt")]
        else:
            positionals.append("责任")  # QUERY, NODE …: a word of both seed documents
    outputs = []
    for at in range(len(positionals) + 1):
        argv = [command, *positionals[:at], "--format", "csv", *positionals[at:], *NEEDS.get(command, [])]
        code = _exit_code(argv)
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        outputs.append(out)
    assert len(outputs) >= 3 and all(out == outputs[-1] for out in outputs) and outputs[0].strip()


def test_readme_orders(capsys):
    """The orders of docs/cli.md: an option between the word and the files."""
    seed = str(SEEDS / "003_90d6e10e09142168.txt")
    code, out, err = run(capsys, "kwic", "责任", "--parallel", seed, "--format", "csv")
    assert code == 0, err
    rows = pd.read_csv(io.StringIO(out))
    assert set(rows["doc_id"]) == {"003_90d6e10e09142168"} and "text_fr" in rows.columns
    code, out, err = run(capsys, "collocates", "责任", "--window", "3", seed, "--format", "json")
    assert code == 0, err
    assert {r["node"] for r in json.loads(out)} == {"责任"}
    # a bad line still exits 2 with argparse's usage of the command
    with pytest.raises(SystemExit) as exc:
        main(["collocates", "责任", "--window", "three", seed])
    assert exc.value.code == 2 and "usage: discourse collocates" in capsys.readouterr().err


def test_debug_before_the_command_shows_the_traceback(capsys):
    from discourse.errors import InputError

    with pytest.raises(InputError, match="no text in language 'de'"):
        main(["--debug", "info", "--lang", "de"])
    with pytest.raises(InputError, match="no text in language 'de'"):
        main(["info", "--lang", "de", "--debug"])
    assert main(["info", "--lang", "de"]) == 1


# --- flags spelled like the keywords; old spellings kept for one release (issue 14) -------

SEED = str(SEEDS / "003_90d6e10e09142168.txt")

#: (command line with the new flag, the flag's old spelling, its new spelling)
RENAMED = [
    (["freq", SEED, "--n", "2", "--top", "3"], "--ngram", "--n"),
    (["keyness", "--lang", "zh", "--target", "doc_id=003_90d6e10e09142168", "--n", "2", "--max-p", "1",
      "--top", "3"], "--ngram", "--n"),
    (["dispersion", SEED, "--terms", "责任", "--terms", "trách nhiệm"], "--term", "--terms"),
]


@pytest.mark.parametrize("argv,old,new", RENAMED, ids=[f"{a[0]} {o}" for a, o, _ in RENAMED])
def test_renamed_flag_works_and_says_its_new_spelling(capsys, argv, old, new):
    code, out, err = run(capsys, *argv, "--format", "csv")
    assert code == 0, err
    assert "is now" not in err and len(pd.read_csv(io.StringIO(out))) > 0
    code, old_out, old_err = run(capsys, *[old if word == new else word for word in argv], "--format", "csv")
    assert code == 0, old_err
    assert old_out == out  # the old spelling sets the same option
    assert old_err.count(f"discourse: {old} is now {new}") == 1  # said once, however often given
    with pytest.raises(SystemExit):
        main([argv[0], "--help"])
    shown = capsys.readouterr().out
    assert f"{new} " in shown and f"{old} " not in shown  # the old spelling is hidden from --help


def test_the_commands_are_a_table():
    """Each command is one entry of discourse.cli.COMMANDS: a help line, add_<command>, run_<command>."""
    from discourse.cli import COMMANDS as TABLE

    assert list(TABLE) == list(_command_parsers())  # the parser has the table's commands, in its order
    for name, (text, add, run_command) in TABLE.items():
        assert text and callable(add) and run_command.__name__ == f"run_{name.replace('-', '_')}", name
