"""Chinese tokenization: our pipeline against bare jieba and rjieba alone, in one run.

Run ``python benchmarks/bench_zh.py`` from the repository with ``../shared/bench/`` beside
it. On a prefix of the Government Work Reports (``--fraction``, default all of it), three
things are timed in turn for ``--repeat`` rounds, each keeping its best time (this shared
machine's speed drifts), in wall-clock time and in this process's CPU time (``*_cpu_s``:
on a busy machine, without the time spent waiting for a core):

- ``ours``: ``discourse.tokens.tokenize(corpus, cache=False, n_jobs=1)``, the whole
  pipeline (segments, offsets, norms, type ids, stopword flags);
- ``jieba``: jieba 0.42.1's ``Tokenizer().lcut(text, HMM=False)`` after ``initialize()``,
  one call per segment (bare jieba, without our domain dictionary);
- ``rjieba``: ``rjieba.Jieba().cut(text, hmm=False)``, one call per segment (bare jieba-rs).

Start-up is timed separately, each in a fresh process (best of ``--startup-rounds``):
``get_tokenizer("zh").load()`` (``ours``: from a bare interpreter, so numpy's import is in
it; ``ours_imported``: with ``discourse.languages.zh`` imported before the clock starts,
as ``import jieba`` is before jieba's), ``jieba.Tokenizer().initialize()`` and
``import rjieba; rjieba.Jieba()`` (the latter builds rjieba's module-level instance too,
as any user of ``import rjieba`` pays). Ours builds one rjieba dictionary (a ``Jieba()``
without the module-level one) and imports numpy: both are timed alone too
(``rjieba_dictionary``, ``numpy``; CPU time), and what is left is ours
(``startup_ours_own_cpu_s``: the domain dictionary, OpenCC, the generic pattern, our
modules). Before timing, the words of ours are checked to be jieba's with our dictionary
(a private ``jieba.Tokenizer`` given the same words) on every segment. Results: printed,
and ``benchmarks/results/zh.csv``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from common import fresh_processes, write_csv  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCH = Path(os.environ.get("DISCOURSE_BENCH_DIR", ROOT.parent / "shared" / "bench"))
sys.path.insert(0, str(ROOT))

STARTUP = {
    "ours": "from discourse.languages import get_tokenizer\nt = time.perf_counter()\n"
            "get_tokenizer('zh').load()",
    # as jieba's is timed: the module imported before the clock starts (numpy with it), the dictionary inside
    "ours_imported": "from discourse.languages import get_tokenizer\nimport discourse.languages.zh\n"
                     "t = time.perf_counter()\nget_tokenizer('zh').load()",
    "jieba": "import jieba, logging\njieba.setLogLevel(logging.WARNING)\nt = time.perf_counter()\n"
             "jieba.Tokenizer().initialize()",
    "rjieba": "t = time.perf_counter()\nimport rjieba\nrjieba.Jieba()",
    # the one dictionary ours builds: rjieba's class without `import rjieba`'s own instance
    "rjieba_dictionary": "from discourse.languages._zh_rjieba import _rjieba_class\nJieba = _rjieba_class()\n"
                         "t = time.perf_counter()\nJieba()",
    "numpy": "t = time.perf_counter()\nimport numpy",
}


def texts(fraction: float) -> list[str]:
    """The segments (paragraphs) of the first ``fraction`` of the reports, as ours reads them."""
    import pandas as pd

    import discourse

    records = [json.loads(line) for line in
               (BENCH / "zh_government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()]
    keep = max(1, round(len(records) * fraction))
    frame = pd.DataFrame({"doc_id": [r["title"] for r in records[:keep]], "lang": "zh",
                          "text": [r["content"] for r in records[:keep]]})
    return discourse.read_table(frame)


def startups(rounds: int) -> dict[str, tuple[float, float]]:
    """Best start-up time of each of :data:`STARTUP` (seconds, wall clock and CPU, inside a
    fresh process each time; the names in turn, round after round; ``ours`` run once first)."""
    return fresh_processes(STARTUP, rounds, warm=("ours",))


def check_words(tokenizer, segments) -> int:
    """Segments whose hanzi words differ from jieba's with our dictionary (0 expected)."""
    import re

    jieba_tk = tokenizer._jieba  # a private jieba.Tokenizer with the same added words
    han = re.compile(r"[\u4e00-\u9fd5]")
    bad = 0
    for text, tokens in zip(segments, tokenizer.tokenize_many(segments)):
        simplified = tokenizer._to_simplified(text)
        text = simplified if len(simplified) == len(text) else text
        ours = [text[s:e] for s, e, _ in tokens if han.search(text[s:e])]
        theirs = [w for w in jieba_tk.cut(text, HMM=False) if han.search(w)]
        bad += ours != theirs
    return bad


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=1.0, help="share of the reports (documents)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of timing in turn (best kept)")
    parser.add_argument("--startup-rounds", type=int, default=5)
    parser.add_argument("--out", default=str(HERE / "results" / "zh.csv"))
    args = parser.parse_args(argv)
    if not BENCH.is_dir():
        print(f"benchmark corpora not found at {BENCH}; set DISCOURSE_BENCH_DIR", file=sys.stderr)
        return 1
    import jieba
    import rjieba

    from discourse.languages import get_tokenizer
    from discourse.tokens import tokenize

    jieba.setLogLevel(60)
    corpus = texts(args.fraction)
    segments = corpus.segments["text"].tolist()
    tokenizer = get_tokenizer("zh").load()
    row: dict = {"fraction": args.fraction, "segments": len(segments), "chars": sum(map(len, segments))}
    row["segments_not_jiebas"] = check_words(tokenizer, segments)

    tk = jieba.Tokenizer()
    tk.initialize()
    rj = rjieba.Jieba()
    runs = {"ours": lambda: tokenize(corpus, cache=False, n_jobs=1),
            "jieba": lambda: [tk.lcut(t, HMM=False) for t in segments],
            "rjieba": lambda: [rj.cut(t, hmm=False) for t in segments]}
    best = dict.fromkeys(runs, float("inf"))
    best_cpu = dict.fromkeys(runs, float("inf"))  # this process's CPU time: no time waiting for a core
    for _ in range(args.repeat):
        for name, fn in runs.items():
            t, cpu = time.perf_counter(), time.process_time()
            fn()
            best[name] = min(best[name], time.perf_counter() - t)
            best_cpu[name] = min(best_cpu[name], time.process_time() - cpu)
    row["tokens"] = len(tokenize(corpus, cache=False, n_jobs=1))
    row.update({f"{name}_s": seconds for name, seconds in best.items()})
    row["jieba_over_ours"] = best["jieba"] / best["ours"]
    row["ours_over_rjieba"] = best["ours"] / best["rjieba"]
    row.update({f"{name}_cpu_s": seconds for name, seconds in best_cpu.items()})
    row["ours_over_rjieba_cpu"] = best_cpu["ours"] / best_cpu["rjieba"]
    row["ours_mchars_per_s"] = row["chars"] / best["ours"] / 1e6
    started = startups(args.startup_rounds)
    row.update({f"startup_{name}_s": wall for name, (wall, _) in started.items()
                if name in ("ours", "ours_imported", "jieba", "rjieba")})
    # ours' parts in CPU time (a difference of wall-clock minima on a busy machine means little)
    row.update({f"startup_{name}_cpu_s": cpu for name, (_, cpu) in started.items()
                if name in ("ours", "ours_imported", "rjieba_dictionary", "numpy")})
    row["startup_ours_own_cpu_s"] = row["startup_ours_cpu_s"] - row["startup_rjieba_dictionary_cpu_s"] \
        - row["startup_numpy_cpu_s"]
    row["startup_ours_over_rjieba"] = row["startup_ours_s"] / row["startup_rjieba_s"]
    row["startup_ours_over_jieba"] = row["startup_ours_s"] / row["startup_jieba_s"]

    row.update(load_average=round(os.getloadavg()[0], 1), date=time.strftime("%Y-%m-%d"))
    for key, value in row.items():
        print(f"{key:32} {value:.4g}" if isinstance(value, float) else f"{key:32} {value}")
    out = write_csv(args.out, [row])
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
