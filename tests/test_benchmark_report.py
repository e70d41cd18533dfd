"""benchmarks/report.py: the published benchmark figures are the committed CSVs' figures.

No timing is asserted: the figures are read from ``benchmarks/results/*.csv`` and only
their formatting and their agreement with the READMEs are checked.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "report.py"


@pytest.fixture(scope="module")
def report():
    spec = importlib.util.spec_from_file_location("benchmark_report", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_committed_readmes_hold_what_the_committed_csvs_give():
    done = run("--check")
    assert done.returncode == 0, (
        f"a README's generated block differs from benchmarks/results/*.csv: run python benchmarks/report.py\n"
        f"{done.stderr}")


def test_benchmarks_readme_has_the_results_block_and_every_csv_a_row(report):
    text = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- results:begin -->\n", 1)[1].split("<!-- results:end -->", 1)[0]
    for path in sorted((ROOT / "benchmarks" / "results").glob("*.csv")):
        script = "run.py" if path.stem == "results" else f"bench_{path.stem}.py"
        assert f"| `{script}` |" in block, f"no row for {script} ({path.name})"
        assert (ROOT / "benchmarks" / script).exists(), script
    assert set(report.WHAT) == set(report.HEADLINES)


def test_significant_figures_and_ratios_in_words(report):
    assert [report.sig(x) for x in (0.73680, 6.2423, 171.64, 224727.0, 0.0140, 2.0, 12.152)] == [
        "0.737", "6.24", "172", "224,727", "0.0140", "2.00", "12.2"]
    assert report.ms("0.0140") == "14.0 ms"
    assert report.faster(25.64, "NLTK") == "25.6 × faster than NLTK"
    assert report.faster(0.8799, "NLTK") == "1.14 × slower than NLTK"  # never "0.88 × faster"


def write_csv(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.csv").write_text(text, encoding="utf-8")


CLI = ("chars,floor_s,cached_s,cold_s,cached_vs_floor,cold_vs_cached,floor_cpu_s,cached_cpu_s,cached_vs_floor_cpu,"
       "rounds,load_average,date\n1476574,0.418,0.715,8.33,1.71,11.7,0.416,0.715,1.72,5,5.7,2026-12-02\n")


def test_a_row_is_formatted_from_the_csv_columns_with_its_peer_and_run(report, tmp_path):
    write_csv(tmp_path / "results", "cli", CLI)
    table = report.last_run(report.read_results(tmp_path / "results"))
    row = table.splitlines()[2]
    assert row.startswith("| `bench_cli.py` | a cached `discourse freq` re-run")
    assert "`python -c \"import pandas\"`" in row  # the peer, exactly
    assert ("| 0.715 s against 0.418 s: 1.71 × wall clock, 1.72 × CPU (best of 5); a cold run 8.33 s "
            "(11.7 × the cached) | load 5.7, 2026-12-02 |") in row


def test_a_csv_without_load_or_date_says_so(report, tmp_path):
    write_csv(tmp_path / "results", "renderings",
              "corpus,tokens,rendering_rows,tokenize_s,renderings_s,translation_shifts_s,ratio\n"
              "seeds x 760,999400,105640,0.2,50.7,25.06,2.02\n")
    row = report.last_run(report.read_results(tmp_path / "results")).splitlines()[2]
    assert row.endswith("| 50.7 s on 0.999 M tokens (seeds x 760), 2.02 × the time of `translation_shifts` "
                        "(25.1 s in the same run) | date not recorded |")


def test_check_fails_on_a_drifted_figure_and_the_rewrite_fixes_it(tmp_path):
    write_csv(tmp_path / "results", "cli", CLI)
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- summary:begin -->\n<!-- summary:end -->\noutro\n", encoding="utf-8")
    assert run("--check", "--results", tmp_path / "results", readme).returncode == 1
    assert run("--results", tmp_path / "results", readme).returncode == 0
    text = readme.read_text(encoding="utf-8")
    assert ("| cached `discourse freq` re-run | 1.71 × the time of `python -c \"import pandas\"` "
            "(wall clock; 1.72 × in CPU) |") in text
    assert text.startswith("intro\n<!-- summary:begin -->\n| task |") and text.endswith("<!-- summary:end -->\noutro\n")
    assert run("--check", "--results", tmp_path / "results", readme).returncode == 0
    readme.write_text(text.replace("1.71 ×", "1.5 ×"), encoding="utf-8")  # a hand edit of a figure
    done = run("--check", "--results", tmp_path / "results", readme)
    assert done.returncode == 1 and "differs" in done.stderr


def test_a_changed_csv_column_is_a_clear_error_not_a_wrong_figure(tmp_path):
    write_csv(tmp_path / "results", "cli", CLI.replace("cached_vs_floor,", "cached_over_floor,"))
    readme = tmp_path / "README.md"
    readme.write_text("<!-- results:begin -->\n<!-- results:end -->\n", encoding="utf-8")
    done = run("--check", "--results", tmp_path / "results", readme)
    assert done.returncode == 1
    assert "cli.csv" in done.stderr and "update HEADLINES in benchmarks/report.py" in done.stderr
    assert "Traceback" not in done.stderr


def test_first_and_second_calls_and_the_one_unit_fixed_cost_are_told_apart(report, tmp_path):
    write_csv(tmp_path / "results", "renderings",
              "corpus,tokens,rendering_rows,tokenize_s,renderings_s,translation_shifts_s,ratio,fixed_ms,seeds_call_ms\n"
              "seeds x 760,999400,105640,0.2,14.1,0.4,35.2,8.71,24.3\n")
    write_csv(tmp_path / "results", "frames",
              "function,corpus,tokens,tokenize_s,seconds,repeat_s,fixed_ms,fixed_repeat_ms,peer_s,ratio\n"
              "frame_profile,seeds x 760,999400,0.1,0.548,0.21,3.2,1.1,0.119,4.62\n"
              "frame_hits,seeds x 760,999400,0.1,0.426,0.15,2.5,0.8,0.119,3.6\n")
    rows = report.last_run(report.read_results(tmp_path / "results")).splitlines()[2:]
    renderings = next(r for r in rows if "`bench_renderings.py`" in r)
    frames = next(r for r in rows if "`bench_frames.py`" in r)
    assert "fixed cost 8.71 ms a call (24.3 ms on the seeds)" in renderings
    assert "`frame_profile` 0.548 s (4.62 ×; 0.210 s a second call)" in frames
    assert "fixed cost 3.20 / 2.50 ms (a second call 1.10 / 0.800 ms)" in frames
