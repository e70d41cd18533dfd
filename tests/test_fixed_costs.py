"""Fixed costs of a command line run (issue 18): what a cached re-run does not do.

The times themselves are measured in ``benchmarks/bench_cli.py``; these tests hold the
causes found there: work done (or modules imported) by every process that one
frequency list on a one-language table does not need.
"""

from __future__ import annotations

import os
import subprocess
import sys

from discourse.languages import marks

from .conftest import ROOT

#: Imported by a cached `discourse freq` on main before issue 18, and not needed by it.
NOT_NEEDED = ("importlib.metadata", "regex", "discourse.languages.identify", "discourse.languages.evaluation",
              # the sentence aligner, and the readers of other formats (issue 18, second round)
              "discourse.anchors", "discourse.sentence_align", "discourse.sentences", "discourse.io.html",
              "html.parser", "discourse.io.tm", "xml.parsers.expat", "discourse.io.udhr", "xml.etree.ElementTree",
              "discourse.io.text", "discourse.alignment_view")

_RUN = """
import sys
from discourse.cli import main
code = main(["freq", sys.argv[1], "--lang", "fr", "--top", "3", "--format", "csv"])
print(code, *sorted(name for name in {names!r} if name in sys.modules))
"""


def test_the_mark_table_is_what_unicodedata_says():
    assert marks.mark_ranges() == marks.mark_ranges(computed=True)
    assert marks.KNOWN  # this Python's Unicode version is written out (no look-ups at import)


def _two_runs(tmp_path, name: str, text: str, code: str) -> list:
    """`code` run twice in fresh processes on a table `name` holding `text`, with a cache of its own:
    the first run tokenizes and writes the cache, the second is the cached re-run."""
    table = tmp_path / name
    table.write_text(text, encoding="utf-8")
    env = dict(os.environ, DISCOURSE_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    env.pop("DISCOURSE_JOBS", None)
    return [subprocess.run([sys.executable, "-c", code, str(table)], env=env, capture_output=True, text=True,
                           timeout=120, cwd=tmp_path) for _ in range(2)]


def test_a_cached_rerun_imports_nothing_it_does_not_need(tmp_path):
    runs = _two_runs(tmp_path, "fr.csv", "doc_id,text\na,La lutte contre la pauvreté.\nb,Un mécanisme de travail.\n",
                     _RUN.format(names=NOT_NEEDED))
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    assert runs[1].stdout.splitlines()[-1] == "0"  # exit status 0, and none of NOT_NEEDED imported


#: Modules of the other languages: a cached Chinese frequency list imports none of them.
OTHER_LANGUAGES = ("discourse.languages.vi", "discourse.languages.fr", "discourse.languages.en",
                   "discourse.languages.und")

_RUN_ZH = """
import sys
from discourse.cli import main
from discourse.languages import base
code = main(["freq", sys.argv[1], "--lang", "zh", "--top", "3", "--format", "csv"])
compiled = base.generic_regex.cache_info().currsize if hasattr(base, "generic_regex") else "at-import"
print(code, compiled, *sorted(name for name in {names!r} if name in sys.modules))
"""


def test_a_cached_chinese_rerun_imports_no_other_language(tmp_path):
    runs = _two_runs(tmp_path, "zh.csv", "doc_id,text\na,坚决打赢脱贫攻坚战。\nb,2020年 GDP 增长 2.3%。\n",
                     _RUN_ZH.format(names=OTHER_LANGUAGES))
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    first, second = (run.stdout.splitlines() for run in runs)
    assert first[:-1] == second[:-1] and "zh,gdp,1" in first[3]  # the same table from the cache
    assert runs[0].stdout.splitlines()[-1] == "0 1"  # tokenizing compiled the fallback pattern (the gaps)
    assert runs[1].stdout.splitlines()[-1] == "0 0"  # the re-run: exit 0, no pattern compiled, no other language


def test_term_equivalents_with_stems_do_not_import_nltk(tmp_path):
    """The first stemmed `equivalents` call of a notebook paid NLTK's import (2–4 s: `nltk/__init__`
    imports SciPy); the fr and en stems are now ours (tests/test_fr_snowball.py, test_en_snowball.py)."""
    code = ("import sys, discourse\ncorpus = discourse.load_corpus()\n"
            "fr = discourse.equivalents(corpus, '责任', target='fr')\n"
            "from discourse.languages import registry\n"
            "assert registry.stemmer('en')('responsibilities') == 'respons'\n"
            "print(len(fr), 'nltk' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "DISCOURSE_CACHE_DIR": str(tmp_path / "cache")}, timeout=300)
    assert run.returncode == 0, run.stderr
    rows, nltk = run.stdout.split()
    assert int(rows) > 0 and nltk == "False"
