"""Document models and networks on the Government Work Reports, against TF-IDF of the same corpus.

Run ``python benchmarks/bench_models.py [--fraction 1.0] [--repeat 2]`` from the
repository, with ``../shared/bench/zh_government_work_reports.jsonl`` beside it (72
reports, 1954–2025, ≈ 1.1 M characters). The corpus is read with ``discourse.read_table``
(``doc_id`` the title, one segment per paragraph) and tokenized once first; then, in turn,
``--repeat`` rounds each keeping its best time (this shared machine's speed drifts):

- the peer, ``discourse.tfidf(corpus, lang="zh")`` (the same document-term matrix);
- ``discourse.topics`` with NMF and with LDA (10 topics);
- ``discourse.similarity`` and ``discourse.correspondence_analysis`` (top 100 terms);
- ``discourse.lexical_diversity(measure="all")``;
- ``discourse.collocation_network(corpus, "发展", steps=2, top=10)``.

Each is reported in seconds and as a ratio to the peer; results are printed and written to
``benchmarks/results/models.csv``.
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
from common import stamped, write_csv  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench" / "zh_government_work_reports.jsonl"


def reports(fraction: float):
    """The Government Work Reports as a corpus (the first ``fraction`` of the documents)."""
    records = [json.loads(line) for line in BENCH.read_text(encoding="utf-8").splitlines()]
    records = records[: max(2, round(len(records) * fraction))]
    frame = pd.DataFrame({"doc_id": [r["title"] for r in records], "text": [r["content"] for r in records]})
    return discourse.read_table(frame, lang="zh")


TASKS = {
    "tfidf (peer)": lambda c: discourse.tfidf(c, lang="zh"),
    "topics_nmf": lambda c: discourse.topics(c, lang="zh", n_topics=10, method="nmf"),
    "topics_lda": lambda c: discourse.topics(c, lang="zh", n_topics=10, method="lda"),
    "similarity": lambda c: discourse.similarity(c, lang="zh"),
    "correspondence_analysis": lambda c: discourse.correspondence_analysis(c, lang="zh", top=100),
    "lexical_diversity_all": lambda c: discourse.lexical_diversity(c, measure="all"),
    "network_2_steps": lambda c: discourse.collocation_network(c, "发展", steps=2, top=10),
}


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=1.0, help="share of the 72 reports (default: all)")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    corpus = reports(args.fraction)
    t0 = time.perf_counter()
    n_tokens = len(corpus.tokens())
    tokenize = time.perf_counter() - t0
    small = reports(0.05)
    for task in TASKS.values():  # imports (scikit-learn, networkx) once, outside the timings
        task(small)
    best = dict.fromkeys(TASKS, float("inf"))
    for _ in range(args.repeat):
        for name, task in TASKS.items():
            t0 = time.perf_counter()
            task(corpus)
            best[name] = min(best[name], time.perf_counter() - t0)
    peer = best["tfidf (peer)"]
    rows = [{"task": name, "documents": len(corpus.doc_ids), "tokens": n_tokens, "tokenize_s": round(tokenize, 2),
             "seconds": round(seconds, 2), "ratio_to_tfidf": round(seconds / peer, 2)}
            for name, seconds in best.items()]
    for row in rows:
        print(row)
    rows = stamped(rows)
    write_csv(HERE / "results" / "models.csv", rows)
    return rows


if __name__ == "__main__":
    main()
