"""One worker against two for tokenizing, on an idle machine and with one core kept busy.

Run ``python benchmarks/bench_jobs.py`` from the repository with ``../shared/bench/``
beside it. The inputs are the first ``--chars`` characters (default 3 M: above
``PARALLEL_MIN_CHARS``, so the default rule may split the work) of the French (ELTeC) and
Vietnamese (Wikipedia) benchmark corpora, read as one-language tables.

For each language, twice — ``idle`` (nothing of ours but the benchmark) and ``busy`` (one
process spinning a pure-Python loop, as another program using a core would) — three
ways of tokenizing (``tokenize(corpus, cache=False, n_jobs=…)``) are timed in turn,
``--repeat`` rounds, each keeping its best wall-clock time:

``one``
    ``n_jobs=1``;
``two``
    ``n_jobs=2``;
``default``
    ``n_jobs=None``: the rule of :func:`discourse._chunked.worker_count` (CPU affinity
    less the busy cores: the one-minute load average or, when lower, the other tasks
    running now), the workers it chose in ``default_workers``.

``two_vs_one`` is ``one_s / two_s`` (above 1: two workers win) and ``default_vs_one``
``one_s / default_s``. The rows, with the load average at the start of each condition,
are printed and written to ``benchmarks/results/jobs.csv``. Tokens are checked identical
across the three. A shared machine's speed drifts: compare ratios of one run only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from run import _prefix, _records  # noqa: E402

import discourse  # noqa: E402
from discourse._chunked import available_cores, worker_count  # noqa: E402
from discourse.languages import get_tokenizer  # noqa: E402
from discourse.tokens import tokenize  # noqa: E402
from common import write_csv  # noqa: E402

SPIN = "while True: pass"


def corpus_of(lang: str, chars: int):
    """The first ``chars`` characters of a benchmark corpus, as a one-language corpus."""
    records = _records(lang)
    total = sum(len(t) for _, t in records)
    records = _prefix(records, min(1.0, chars / total))
    frame = pd.DataFrame({"doc_id": [d for d, _ in records], "lang": lang, "text": [t for _, t in records]})
    return discourse.read_table(frame)


def time_in_turn(corpus, rounds: int) -> tuple[dict, int]:
    """Best wall-clock seconds of ``one``, ``two`` and ``default``; and the default's workers."""
    chars = sum(map(len, corpus.column("text")))
    chosen = worker_count(None, chars=chars)  # what the default picks now (the load moves a little)
    jobs = {"one": 1, "two": 2, "default": None}
    best, reference = dict.fromkeys(jobs, float("inf")), None
    for _ in range(rounds):
        for name, n_jobs in jobs.items():
            start = time.perf_counter()
            toks = tokenize(corpus, cache=False, n_jobs=n_jobs)
            best[name] = min(best[name], time.perf_counter() - start)
            arrays = (toks.seg_row, toks.start, toks.end, toks.type_id)
            if reference is None:
                reference = arrays
            elif not all(np.array_equal(a, b) for a, b in zip(reference, arrays)):
                raise AssertionError(f"n_jobs={n_jobs} gave other tokens")
    return best, chosen


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="*", default=["fr", "vi"])
    parser.add_argument("--chars", type=int, default=3_000_000, help="characters of each corpus (default: 3 M)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds, each keeping its best time (default: 3)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "jobs.csv")
    args = parser.parse_args(argv)
    rows = []
    for lang in args.lang:
        corpus = corpus_of(lang, args.chars)
        get_tokenizer(lang).load()  # start-up (dictionaries, models) outside the timings
        tokenize(corpus, cache=False, n_jobs=1)  # warm: first-use costs outside the timings
        for condition in ("idle", "busy"):
            spinner = None
            if condition == "busy":
                spinner = subprocess.Popen([sys.executable, "-c", SPIN])
                time.sleep(5)  # let the load average see it
            try:
                load = os.getloadavg()[0]
                best, chosen = time_in_turn(corpus, args.repeat)
            finally:
                if spinner is not None:
                    spinner.kill()
                    spinner.wait()
            rows.append({"lang": lang, "chars": sum(map(len, corpus.column("text"))), "condition": condition,
                         "cores": available_cores(), "load_average": round(load, 1),
                         "one_s": round(best["one"], 3), "two_s": round(best["two"], 3),
                         "default_s": round(best["default"], 3), "default_workers": chosen,
                         "two_vs_one": round(best["one"] / best["two"], 2),
                         "default_vs_one": round(best["one"] / best["default"], 2), "rounds": args.repeat, "date": time.strftime("%Y-%m-%d")})
            print(" ".join(f"{k}={v}" for k, v in rows[-1].items()), flush=True)
    write_csv(args.out, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
