"""Keyness for several groups at once against one ``keywords`` call per group.

Run ``python benchmarks/bench_groups.py [--fraction 1.0] [--repeat 3]`` from the
repository. The corpus is ``../shared/bench/zh_government_work_reports.jsonl`` (72 records,
one a line: ``title, url, content, year``; ``year`` is null for the 20 short NPC
resolutions, so the 72 records make 52 years and one group without a year), read with
``discourse.read_table`` (``doc_id`` the title, ``year`` a document column). Two cases:
``by="doc_id"`` (72 groups) and ``by="year"`` (53 groups). Tokens are built first, then
``keywords(corpus, lang="zh", by=…)`` — one call — and the peer, ``keywords`` called once
per group with the complement as reference (what one would write without ``by``), are
timed in turn, ``--repeat`` rounds, each keeping its best time, wall and CPU (this shared
machine's speed drifts; the CPU time of this process is less disturbed by the others). The harness checks the two give the same table. Results are printed and
written to ``benchmarks/results/groups.csv``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import discourse  # noqa: E402
from discourse.keyness import keywords  # noqa: E402
from common import stamped, write_csv  # noqa: E402

SOURCE = ROOT.parent / "shared" / "bench" / "zh_government_work_reports.jsonl"


def reports(fraction: float):
    """The reports as a corpus: one document a record, its title the doc_id, its year a column."""
    records = [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    frame = pd.DataFrame({"doc_id": [f"{i:02d} {r['title']}" for i, r in enumerate(records)],
                          "year": pd.array([r.get("year") for r in records], dtype="Int64"),
                          "text": [r["content"][:max(1, int(len(r["content"]) * fraction))] for r in records]})
    return discourse.read_table(frame, lang="zh")


def per_group(corpus, by):
    values = [v for v in pd.unique(corpus.segment_frame([by])[by]) if not pd.isna(v)]
    parts = [keywords(corpus, target={by: v}, lang="zh").assign(group=v) for v in values]
    return pd.concat(parts, ignore_index=True)


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=1.0, help="share of each report's text (default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = reports(args.fraction)
    t0 = time.perf_counter()
    n_tokens = len(corpus.tokens())
    tokenize = time.perf_counter() - t0
    keywords(corpus, lang="zh", by="doc_id")  # imports and the vocabulary's sort once, outside the timings
    results = []
    for by in ("doc_id", "year"):
        best = {k: float("inf") for k in ("groups", "separate", "groups_cpu", "separate_cpu")}
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            table = keywords(corpus, lang="zh", by=by)
            best["groups"] = min(best["groups"], time.perf_counter() - t0)
            best["groups_cpu"] = min(best["groups_cpu"], time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            peer = per_group(corpus, by)
            best["separate"] = min(best["separate"], time.perf_counter() - t0)
            best["separate_cpu"] = min(best["separate_cpu"], time.process_time() - c0)
        named = table.dropna(subset=["group"]).reset_index(drop=True)  # the peer cannot select a missing year
        same = named.drop(columns="group").equals(peer.drop(columns="group")[list(named.columns[1:])])
        row = {"by": by, "groups": int(table["group"].nunique(dropna=False)), "tokens": n_tokens,
               "fraction": args.fraction, "tokenize_s": round(tokenize, 3),
               "groups_call_s": round(best["groups"], 3), "separate_calls_s": round(best["separate"], 3),
               "ratio": round(best["separate"] / best["groups"], 2),
               "groups_call_cpu_s": round(best["groups_cpu"], 3), "separate_calls_cpu_s": round(best["separate_cpu"], 3),
               "cpu_ratio": round(best["separate_cpu"] / best["groups_cpu"], 2), "same_table": bool(same),
               "rows": len(table)}
        print(", ".join(f"{k}={v}" for k, v in row.items()))
        results.append(row)
    results = stamped(results)
    write_csv(HERE / "results" / "groups.csv", results)
    return results


if __name__ == "__main__":
    main()
