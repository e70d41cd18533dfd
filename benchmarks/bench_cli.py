"""The command line's cached re-run against the floor of any pandas command line, in one run.

Run ``python benchmarks/bench_cli.py`` from the repository with ``../shared/bench/`` beside
it. The input is the 1.5 M-character Chinese reports (``zh_government_work_reports.jsonl``
and ``zh_cpc_congress_reports.jsonl`` of ``../shared/bench``, joined into one JSON Lines
table; without them, the bundled ``gov_work_reports`` corpus written out as a table). The
command is ``discourse freq TABLE --text-col content --id-col title --lang zh --top 20``.

Timed in turn, ``--repeat`` rounds, each keeping its best wall-clock time (a shared
machine's speed drifts), each in a fresh process:

``floor``
    ``python -c "import pandas"``: what every pandas command line pays before any work;
``cached``
    the command with the token cache warm (the re-run a user waits for);
``cold``
    the command with an empty token cache (it tokenizes; ``--no-cold`` leaves it out).

Bytecode is written to a temporary ``PYTHONPYCACHEPREFIX`` and the command is run once
before timing, so every process starts as from an installed package (compiled modules),
whatever ``PYTHONDONTWRITEBYTECODE`` says. The ratio ``cached / floor`` (wall clock) is
printed and written with the seconds to ``benchmarks/results/cli.csv``, beside the same
ratio in CPU seconds (user + system, best of the rounds: steadier when other processes
share the cores), the minor page faults of each process (the fresh memory it touches:
the same from run to run whatever the load) and the load average at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from common import write_csv  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCH = Path(os.environ.get("DISCOURSE_BENCH_DIR", ROOT.parent / "shared" / "bench"))
FILES = ("zh_government_work_reports.jsonl", "zh_cpc_congress_reports.jsonl")


def write_input(folder: Path) -> tuple[Path, int]:
    """The benchmark table (JSON Lines: ``title, content`` …) and its number of characters."""
    table = folder / "zh_reports.jsonl"
    if all((BENCH / name).is_file() for name in FILES):
        lines = [line for name in FILES for line in (BENCH / name).read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    else:  # the bundled corpus, one row per document
        sys.path.insert(0, str(ROOT))
        import discourse

        corpus = discourse.load_corpus("gov_work_reports")
        seg = corpus.segments
        texts = seg.groupby("doc_id", sort=False)["text"].agg("\n".join)
        lines = [json.dumps({"title": doc, "content": text}, ensure_ascii=False) for doc, text in texts.items()]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chars = sum(len(json.loads(line)["content"]) for line in lines)
    return table, chars


def run(command: list[str], env: dict) -> tuple[float, float, int]:
    """Wall-clock and CPU (user + system) seconds, and minor page faults, of one process
    running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), \
        after.ru_minflt - before.ru_minflt


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds, each keeping its best time (default: 7)")
    parser.add_argument("--no-cold", action="store_true", help="leave out the cold run (it tokenizes: ~10 s)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "cli.csv")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        table, chars = write_input(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(tmp / "pycache"),
                   DISCOURSE_CACHE_DIR=str(tmp / "cache"))
        cli = [sys.executable, "-m", "discourse.cli", "freq", str(table), "--text-col", "content", "--id-col",
               "title", "--lang", "zh", "--top", "20"]
        commands = {"floor": [sys.executable, "-c", "import pandas"], "cached": cli}
        run(cli, env)  # compiles the modules and fills the token cache
        run(commands["floor"], env)
        names = [*commands, *([] if args.no_cold else ["cold"])]
        best, cpu, faults = (dict.fromkeys(names, float("inf")) for _ in range(3))
        for k in range(args.repeat):
            runs = [(name, command, env) for name, command in commands.items()]
            if not args.no_cold:
                runs.append(("cold", cli, dict(env, DISCOURSE_CACHE_DIR=str(tmp / f"cold{k}"))))
            for name, command, environment in runs:
                wall, used, touched = run(command, environment)
                best[name], cpu[name], faults[name] = min(best[name], wall), min(cpu[name], used), \
                    min(faults[name], touched)
    cold = "cold" in best
    row = {"chars": chars, "floor_s": round(best["floor"], 3), "cached_s": round(best["cached"], 3),
           "cold_s": round(best["cold"], 3) if cold else "",
           "cached_vs_floor": round(best["cached"] / best["floor"], 2),
           "cold_vs_cached": round(best["cold"] / best["cached"], 1) if cold else "",
           "floor_cpu_s": round(cpu["floor"], 3), "cached_cpu_s": round(cpu["cached"], 3),
           "cached_vs_floor_cpu": round(cpu["cached"] / cpu["floor"], 2),
           "floor_page_faults": faults["floor"], "cached_page_faults": faults["cached"], "rounds": args.repeat,
           "load_average": round(os.getloadavg()[0], 1), "date": time.strftime("%Y-%m-%d")}
    for key, value in row.items():
        print(f"{key:>16}  {value}")
    write_csv(args.out, [row])
    return 0


if __name__ == "__main__":
    sys.exit(main())
