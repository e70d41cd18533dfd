"""The package as installed: dependency lists in step, import does no work, offline."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from .conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    listed = set()
    text = (ROOT / "environment.yml").read_text()
    for line in text[text.index("dependencies:"):].splitlines():
        item = re.match(r"^\s*-\s+([A-Za-z0-9_.\-]+)", line)
        if item and item[1] not in ("pip", "python", "-e"):
            listed.add(_name(item[1]))
    assert listed == wanted


def test_import_does_no_work_and_touches_no_global_state():
    code = (
        "import sys, discourse, discourse.corpus, discourse.importers, discourse.tokens, discourse.languages\n"
        "heavy = [m for m in ('jieba', 'pyvi', 'nltk', 'matplotlib', 'sklearn') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_tokenizing_leaves_jieba_and_matplotlib_global_state_alone():
    code = (
        "import jieba, matplotlib\n"
        "before = dict(matplotlib.rcParams)\n"
        "import discourse\n"
        "c = discourse.load_corpus(); c.tokens(); c.summary()\n"
        "assert not jieba.dt.initialized, 'global jieba tokenizer was initialised'\n"
        "assert jieba.dt.FREQ == {}, 'global jieba dictionary was changed'\n"
        "assert dict(matplotlib.rcParams) == before\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_reading_and_tokenizing_need_no_network(seeds):
    # the autouse no_network fixture blocks sockets: tokenizing every language works offline
    from discourse.languages import get_tokenizer

    frame = seeds.tokens().to_frame()
    assert set(frame["lang"]) == {"vi", "zh", "fr"}
    assert [n for _, _, n in get_tokenizer("und").tokenize("14-01-2021 | China.org.cn")][-1] == "cn"


def test_network_really_is_blocked():
    import socket

    from .conftest import NetworkBlocked

    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)


def test_readme_shows_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "make test" in readme and "make lab" in readme
