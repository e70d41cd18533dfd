"""How long a student waits for each notebook, against a bare kernel, in one run.

Run ``python benchmarks/bench_notebooks.py`` from the repository. Each course notebook
(and solution) is executed top to bottom on a fresh kernel, as the notebook tests run them
(warnings as errors, in a temporary copy of ``notebooks/``), in turn with a one-cell
notebook that only imports pandas — the floor of any notebook here (kernel start and stop,
pandas' import) — for ``--repeat`` rounds, each keeping its best time (this shared
machine's speed drifts). The ratio notebook ÷ bare kernel is what a figure in a README may
cite; the seconds depend on the machine. Results are printed and written to
``benchmarks/results/notebooks.csv``.

The tests assert no timing: a notebook that became slow shows here, not as a red test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from discourse.notebook_run import execute_notebook, find_notebooks  # noqa: E402
from common import stamped, write_csv  # noqa: E402


def bare_kernel(folder: Path) -> Path:
    """A one-cell notebook importing pandas: the floor every notebook pays."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("import pandas"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "bare.ipynb"
    nbformat.write(nb, path)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="rounds, each keeping the best time (default 2)")
    parser.add_argument("--only", help="only notebooks whose name contains this")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "notebooks"
        shutil.copytree(ROOT / "notebooks", work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        bare = bare_kernel(Path(tmp))
        rows = []
        for path in find_notebooks(work, solutions=True):
            if args.only and args.only not in path.name:
                continue
            best, floor = float("inf"), float("inf")
            for _ in range(args.repeat):
                _, seconds, error = execute_notebook(path, cwd=path.parent, timeout=600, strict=True)
                if error:
                    print(f"{path.name}: {error}", file=sys.stderr)
                    return 1
                best = min(best, seconds)
                floor = min(floor, execute_notebook(bare, timeout=600)[1])
            rows.append({"notebook": path.relative_to(work).as_posix(), "seconds": round(best, 2),
                         "bare_kernel_seconds": round(floor, 2), "ratio": round(best / floor, 2)})
            print(f"{rows[-1]['notebook']:55s} {best:6.1f} s  {best / floor:5.1f} × a bare kernel ({floor:.1f} s)")
    write_csv(HERE / "results" / "notebooks.csv", stamped(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
