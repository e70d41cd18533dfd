"""What the benchmark scripts share: the seeds repeated, timing in turn, and writing a results CSV."""

from __future__ import annotations

import csv
import gc
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_in_turn(fns: dict, rounds: int, *, gc_off: bool = False) -> dict:
    """Best time of each function, run in turn ``rounds`` times (drift hits all alike); with `gc_off`,
    the garbage collector is off during each call, as :mod:`timeit` has it (its passes fall between
    the calls, not inside one side's)."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            best[name] = min(best[name], timed(fn, gc_off=gc_off))
    return best


def fresh_processes(snippets: dict[str, str], rounds: int, *, warm=None) -> dict[str, tuple[float, float]]:
    """Best ``(wall clock, CPU)`` seconds of each snippet, each run in a fresh interpreter, the
    snippets in turn round after round. A snippet starts its clock with the line
    ``t = time.perf_counter()`` (``time`` is imported for it). The snippets named in `warm` (all
    by default) run once first, so that our modules' bytecode is cached as an installed package
    has it (a shell that sets ``PYTHONDONTWRITEBYTECODE`` would have every round compile them)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    codes = {name: "import time\n" + snippet.replace("t = time.perf_counter()", "t, c = time.perf_counter(), "
                                                       "time.process_time()")
             + "\nprint(time.perf_counter() - t, time.process_time() - c)" for name, snippet in snippets.items()}
    for name in codes if warm is None else warm:
        subprocess.run([sys.executable, "-c", codes[name]], capture_output=True, check=True, env=env, cwd=ROOT)
    best = dict.fromkeys(codes, (float("inf"), float("inf")))
    for _ in range(rounds):
        for name, code in codes.items():
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 env=env, cwd=ROOT).stdout.split()
            best[name] = (min(best[name][0], float(out[-2])), min(best[name][1], float(out[-1])))
    return best


def timed(fn, *, gc_off: bool = False) -> float:
    """Seconds of one call of ``fn()``, the garbage collector off during it with `gc_off`."""
    was = gc.isenabled()
    if gc_off:
        gc.disable()
    try:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t
    finally:
        if was:
            gc.enable()


def repeated_seeds(tokens: int):
    """The seed corpus repeated (new doc_ids) until it holds about `tokens` tokens; and the copies."""
    import pandas as pd

    import discourse
    from discourse.corpus import Corpus

    seeds = discourse.load_corpus()
    copies = max(1, round(tokens / len(seeds.tokens())))
    seg, docs = seeds.segments, seeds.documents
    segs = [seg.assign(doc_id=seg["doc_id"] + f"_{k:05d}") for k in range(copies)]
    dcs = [docs.assign(doc_id=docs["doc_id"] + f"_{k:05d}") for k in range(copies)]
    return Corpus(pd.concat(segs, ignore_index=True), pd.concat(dcs, ignore_index=True), name="seeds_x"), copies


def fresh(corpus):
    """A new corpus object of the same segments, its tokens built (read back from the token cache):
    what a first call on a corpus meets, without the tokenizing. A second call on one corpus object
    is quicker (its tokens keep a lexicon's hits, as a notebook's next frame call finds them)."""
    from discourse.corpus import Corpus

    new = Corpus(corpus.segments, corpus.documents, name=corpus.name)
    new.tokens()
    return new


def fixed_cost(fn, corpus, *, calls: int = 20, first: bool = True) -> float:
    """Median seconds of `calls` calls of ``fn(corpus)``: each the first on a new corpus object of
    its segments (`first`, :func:`fresh`), else all on `corpus`."""
    import statistics

    times = []
    for _ in range(calls):
        c = fresh(corpus) if first else corpus
        t0 = time.perf_counter()
        fn(c)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def stamped(rows: list[dict]) -> list[dict]:
    """The rows with the load average and the date they were measured at, as the last columns."""
    return [dict(r, load_average=round(os.getloadavg()[0], 1), date=time.strftime("%Y-%m-%d")) for r in rows]


def write_csv(path, rows: list[dict], fields=None) -> Path:
    """Write `rows` (dicts) to a CSV at `path` (its folder made if needed), columns `fields` or the first row's."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(fields or rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
