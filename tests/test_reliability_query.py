"""Hostile input on the query and output side (issue 16, items 2, 3, 10, 13 and the
``--window 1e20`` of 11): absurd windows, large concordances, catastrophic regular
expressions and terminal escapes. Each case is bounded in the test itself: the command
runs in a subprocess with a time limit and an address-space limit (``RLIMIT_AS``), or the
work is counted (never timed)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import discourse
import discourse._kwic_views as views
from discourse.collocations import collocates
from discourse.corpus import Corpus
from discourse.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
MEMORY = 2 << 30  # bytes of address space a command may use (the bundled corpus needs under 1 GB)
SECONDS = 60  # a command's time limit; a bound, not a measure


def _limit_memory():  # in the child, before it runs
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def cli(*argv, setup: str = "", cwd=None):
    """``discourse ARGV`` in a subprocess limited to SECONDS and MEMORY: (status, stdout, stderr).
    ``setup`` is Python run first (e.g. a shorter regex time bound)."""
    script = f"import sys\n{setup}\nfrom discourse.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    try:
        proc = subprocess.run([sys.executable, "-c", script, *map(str, argv)], capture_output=True, timeout=SECONDS,
                              env=env, cwd=cwd, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"discourse {' '.join(map(str, argv))} did not finish in {SECONDS} s")
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err and "internal error" not in err, err
    return proc.returncode, out, err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- 2, 11: windows
@pytest.mark.parametrize("command", [["collocates", "责任"], ["collocates", "责任", "--left", "2", "--right"],
                                     ["kwic", "责任"]])
@pytest.mark.parametrize("value", ["1000000000", "100000000000000000000", "1001"])
def test_absurd_window_refused_with_the_limit(command, value):
    code, out, err = cli(*command, value) if command[-1] == "--right" else cli(*command, "--window", value)
    assert code == 1 and "more than 1000" in err and "segment" in err, err


@pytest.mark.parametrize("value", ["1e20", "2.5", "four"])
@pytest.mark.parametrize("command", [["collocates", "责任"], ["kwic", "责任"]])
def test_window_not_a_whole_number_is_a_usage_error(command, value):
    code, out, err = cli(*command, "--window", value)
    assert code == 2 and "whole number" in err and repr(value) in err, err


def test_library_refuses_absurd_windows():
    """In the library too (sizes that are quick to refuse and, before, quick to try)."""
    corpus = discourse.load_corpus()
    for window in (1001, (4, 1001)):
        with pytest.raises(InputError, match="more than 1000"):
            collocates(corpus, "责任", window=window)
    for window in (1001, 10**20):
        with pytest.raises(InputError, match="more than 1000"):
            discourse.kwic(corpus, "责任", window=window)


def _brute_slots(k_seg, first, last, seg, left, right):
    slots = set()
    for f, l, s in zip(first, last, seg):
        slots |= {i for i in range(f - left, f) if 0 <= i and k_seg[i] == s}
        slots |= {i for i in range(l, l + right) if i < len(k_seg) and k_seg[i] == s}
    return sorted(slots)


def test_window_places_as_ranges_match_the_definition():
    """The windows are marked as ranges (memory grows with the tokens, not the window): the
    places are those of the definition, each once, cut at the node's segment."""
    from discourse.collocations import _window_slots

    rng = np.random.default_rng(16)
    for _ in range(200):
        k_seg = np.sort(rng.integers(0, 6, size=rng.integers(1, 40)))
        n = int(rng.integers(0, 6))
        first = np.sort(rng.integers(0, len(k_seg), size=n))
        last = np.minimum(first + rng.integers(1, 3, size=n), len(k_seg))
        last = np.array([f + 1 if k_seg[l - 1] != k_seg[f] else l for f, l in zip(first, last)], dtype=np.int64)
        seg = k_seg[first]
        left, right = int(rng.integers(0, 50)), int(rng.integers(0, 50))
        assert _window_slots(k_seg, first, last, seg, left, right).tolist() == \
            _brute_slots(k_seg, first, last, seg, left, right)


# ---------------------------------------------------------------------------- 3: large concordances
def _many_hits(n: int) -> Corpus:
    texts = [f"la réponse {i} de la responsabilité partagée par la commune" for i in range(n)]
    return Corpus(pd.DataFrame({"doc_id": "d", "lang": "fr", "text": texts}))


def test_kwic_table_work_grows_linearly(monkeypatch):
    """The text table measures each cell a bounded number of times: the widths of n and 4n
    hits cost 4 times as much (it was quadratic: every column's width again for each row)."""
    calls = []
    cells = views._cells

    def counted(text):
        calls.append(1)
        return cells(text)

    monkeypatch.setattr(views, "_cells", counted)
    work = {}
    for n in (50, 200):
        conc = discourse.kwic(_many_hits(n), "la", window=3)
        assert len(conc) == 3 * n
        calls.clear()
        text = conc.to_text()
        work[n] = len(calls)
        assert text.count("\n") == 3 * n  # a header and a line per hit
    assert work[200] <= 4.2 * work[50], work


def test_kwic_table_of_many_hits_finishes(tmp_path):
    """8,000 hits in the default table view, within the subprocess's time limit (it took
    over 300 s); the table has a line per hit."""
    path = write(tmp_path / "many.txt", "\n\n".join(f"la réponse {i} de la commune et la suite" for i in range(2700)))
    code, out, err = cli("kwic", "la", path, "--lang", "fr")
    assert code == 0, err
    assert out.count("\n") == 1 + 3 * 2700


# ---------------------------------------------------------------------------- 10: catastrophic regexes
@pytest.fixture
def redos(tmp_path):
    rows = [{"doc_id": "d", "lang": "fr", "text": f"bonjour {'a' * 34} le {'x' * 40} et {'c' * 45} monde"}]
    return write(tmp_path / "redos.jsonl", "".join(json.dumps(r) + "\n" for r in rows))


@pytest.mark.parametrize("argv", [["(a+)+b", "--regex"], ["(x|x)*y", "--regex", "--chars"],
                                  ["(a+)+b", "--regex", "--case"]])
def test_catastrophic_pattern_is_quick(redos, argv):
    """Patterns that took Python's re exponential time (38 s on 30 characters, and 16 times
    more on 34) are answered: no hits."""
    code, out, err = cli("kwic", *argv, redos)
    assert code == 0 and out.strip() == "(no hits)", err


@pytest.mark.parametrize("chars", [[], ["--chars"]])
def test_catastrophic_pattern_stopped_and_named(redos, chars):
    """A pattern the engine cannot answer quickly is stopped at the time bound, and the
    message names the pattern, the text and why."""
    code, out, err = cli("kwic", "(c|cc)+d", "--regex", *chars, redos,
                         setup="import discourse._user_regex as u; u.TIMEOUT = 0.5")
    assert code == 1, err
    assert "'(c|cc)+d'" in err and "stopped after" in err and "repetition" in err
    assert f"'{'c' * 39}…'" in err if not chars else "'bonjour aaa" in err  # the token, or the segment searched


# ---------------------------------------------------------------------------- 13: terminal escapes
ESC, RLO = "\x1b", "\u202e"
HOSTILE = {"doc_id": f"a{ESC}[31mred{RLO}", "lang": "fr",
           "text": f"Bonjour {ESC}]0;pwned\x07 le monde {RLO}evil\x9b2J fin"}


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / f"file{ESC}[2J{RLO}.jsonl"
    return write(path, json.dumps(HOSTILE, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("argv", [["segments"], ["tokens"], ["info"], ["kwic", "monde"], ["kwic", "le", "--window", "9"]])
def test_table_view_shows_controls_escaped(hostile, argv):
    code, out, err = cli(*argv, hostile)
    assert code == 0, err
    raw = [c for c in out if c < " " and c != "\n" or "\x7f" <= c <= "\x9f" or c in RLO + "\u2066\u200f"]
    assert not raw, raw
    assert "\\x1b" in out and "\\u202e" in out


def test_segments_table_escapes_the_file_name_csv_and_json_keep_the_data(hostile):
    code, out, _ = cli("segments", hostile.name, cwd=hostile.parent)  # a short path: the cell is not cut
    assert code == 0 and "file\\x1b[2J\\u202e.jsonl" in out
    code, out, err = cli("segments", hostile, "--format", "csv")
    assert code == 0 and HOSTILE["text"] in out and HOSTILE["doc_id"] in out and hostile.name in out, err
    code, out, err = cli("segments", hostile, "--format", "json")
    record = json.loads(out)[0]  # JSON writes the controls as \u001b: the same data
    assert code == 0 and record["text"] == HOSTILE["text"] and record["path"].endswith(hostile.name), err


def test_concordance_text_escapes_but_frame_keeps():
    corpus = Corpus(pd.DataFrame([HOSTILE]))
    conc = discourse.kwic(corpus, "monde")
    assert ESC not in conc.to_text() and RLO not in conc.to_text() and "\\u202e" in conc.to_text()
    assert conc.to_frame()["right"][0].startswith(f" {RLO}evil")
