"""Renderings at scale: ``discourse.renderings`` on a ≈ 1 M-token aligned corpus, against ``translation_shifts``.

Run ``python benchmarks/bench_renderings.py [--tokens 1000000] [--repeat 3]`` from the
repository. ``../shared/bench/`` has no aligned text, so the aligned corpus is the seed
corpus (``discourse.load_corpus()``: zh–vi and zh–fr, 32 battle and responsibility
hits a copy) repeated with new ``doc_id`` values until it holds ``--tokens`` tokens.
Tokens are built once first (both functions then read them from the corpus) and both run
once on the seeds (imports, compiled patterns); then
``renderings(corpus, unit="paragraph")`` and the unit-level
``translation_shifts(corpus)`` are timed in turn on the same corpus, ``--repeat``
rounds, each keeping its best time (this shared machine's speed drifts). The figure is
the ratio. The fixed cost of one call is the median of 20 warm calls
``renderings(discourse.load_corpus(), unit="paragraph")`` on the bundled seeds
(``seeds_call_ms``). Results are printed and written to ``benchmarks/results/renderings.csv``.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import discourse  # noqa: E402
from discourse.corpus import Corpus  # noqa: E402
from discourse.frames import renderings, translation_shifts  # noqa: E402


def repeated_seeds(tokens: int) -> tuple[Corpus, int]:
    """The seed corpus repeated (new doc_ids) until it holds about `tokens` tokens; and the copies."""
    seeds = discourse.load_corpus()
    per_copy = len(seeds.tokens())
    copies = max(1, round(tokens / per_copy))
    seg, docs = seeds.segments, seeds.documents
    segs = [seg.assign(doc_id=seg["doc_id"] + f"_{k:05d}") for k in range(copies)]
    dcs = [docs.assign(doc_id=docs["doc_id"] + f"_{k:05d}") for k in range(copies)]
    return Corpus(pd.concat(segs, ignore_index=True), pd.concat(dcs, ignore_index=True), name="seeds_x"), copies


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    corpus, copies = repeated_seeds(args.tokens)
    t0 = time.perf_counter()
    n_tokens = len(corpus.tokens())
    tokenize = time.perf_counter() - t0
    with warnings.catch_warnings():  # imports and lexicon patterns once, outside the timings
        warnings.simplefilter("ignore")
        seeds = discourse.load_corpus()
        renderings(seeds, unit="paragraph"), translation_shifts(seeds)
        calls = []
        for _ in range(20):
            t0 = time.perf_counter()
            renderings(seeds, unit="paragraph")
            calls.append(time.perf_counter() - t0)
    best = {"renderings": float("inf"), "translation_shifts": float("inf")}
    rows = 0
    for _ in range(args.repeat):
        for name in best:
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = renderings(corpus, unit="paragraph") if name == "renderings" else translation_shifts(corpus)
            best[name] = min(best[name], time.perf_counter() - t0)
            if name == "renderings":
                rows = len(out)
    result = {"corpus": f"seeds x {copies}", "tokens": n_tokens, "rendering_rows": rows,
              "tokenize_s": round(tokenize, 2), "renderings_s": round(best["renderings"], 2),
              "translation_shifts_s": round(best["translation_shifts"], 2),
              "ratio": round(best["renderings"] / best["translation_shifts"], 2),
              "seeds_call_ms": round(1000 * sorted(calls)[len(calls) // 2], 1)}
    print(result)
    result.update(load_average=round(os.getloadavg()[0], 1), date=time.strftime("%Y-%m-%d"))
    out = HERE / "results" / "renderings.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(result))
        writer.writeheader()
        writer.writerow(result)
    return [result]


if __name__ == "__main__":
    main()
