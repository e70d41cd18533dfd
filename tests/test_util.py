"""Tests of discourse._util: as_list, atomic_write (and the files written through it)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from discourse._util import as_list, atomic_write

from .conftest import ROOT


@pytest.mark.parametrize("value, expected", [
    (None, []),  # no value (by=None, lang=None …)
    ("zh", ["zh"]),  # a string is one value, not its characters
    (2020, [2020]),
    (("zh", "fr"), ["zh", "fr"]),
    (["a"], ["a"]),
    (range(2), [0, 1]),
    (np.array([1, 2]), [1, 2]),
    (pd.Series(["x", "y"]), ["x", "y"]),
    (pd.Index(["x"]), ["x"]),
    ({"fr": ["le"]}, [{"fr": ["le"]}]),  # a mapping is one value
])
def test_as_list(value, expected):
    assert as_list(value) == expected


def test_as_list_of_a_set_gives_its_items():
    assert sorted(as_list({"b", "a"})) == ["a", "b"]


def test_atomic_write_text_and_bytes(tmp_path):
    path = atomic_write(tmp_path / "sub" / "a.txt", "é\nb")
    assert path.read_bytes() == "é\nb".encode()
    atomic_write(path, b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01"
    assert [p.name for p in path.parent.iterdir()] == ["a.txt"]  # no temporary file left


SCRIPT = """
import os, sys
import pandas as pd
import discourse
from discourse._util import atomic_write
out = sys.argv[1]
atomic_write(os.path.join(out, "plain.txt"), "x")
kept = os.path.join(out, "kept.txt")
open(kept, "w").close(); os.chmod(kept, 0o600)
atomic_write(kept, "y")  # a file replaced keeps its mode
corpus = discourse.read_table(pd.DataFrame({"text": ["Bonjour le monde."]}), lang="fr")
corpus.save(os.path.join(out, "corpus.jsonl"))
discourse.kwic(corpus, "monde").to_csv(os.path.join(out, "kwic.csv"))
corpus.tokens()  # the token cache, in DISCOURSE_CACHE_DIR
"""


def test_files_written_follow_the_umask(tmp_path):
    """atomic_write gives a new file mode 0o666 & ~umask, as open() does (not mkstemp's
    0o600): a saved corpus, a concordance CSV and the token cache too."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT), DISCOURSE_CACHE_DIR=str(cache), DISCOURSE_PROGRESS="0")
    done = subprocess.run(["sh", "-c", f'umask 027 && exec "{sys.executable}" -c "$0" "$1"', SCRIPT, str(out)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    mode = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()}
    assert mode == {"plain.txt": 0o640, "kept.txt": 0o600, "corpus.jsonl": 0o640, "kwic.csv": 0o640}
    caches = list((cache / "tokens").glob("*.npz"))
    assert len(caches) == 1 and stat.S_IMODE(caches[0].stat().st_mode) == 0o640
