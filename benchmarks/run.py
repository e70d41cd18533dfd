"""Benchmarks: each stage of the pipeline timed against a peer in the same run.

Run ``make bench`` (or ``python benchmarks/run.py``) from the repository with
``../shared/bench/`` beside it. Every (language, fraction) runs in a fresh process, so
peak memory is its own; results are printed as a table and written to
``benchmarks/results/results.csv``.

Ratios are ours ÷ peer on the same input in the same process (lower is better for
"overhead" ratios; "speed-up" columns are peer ÷ ours). Absolute seconds are printed too,
but only ratios are comparable between machines.

A shared virtual machine is noisy (the same run can take 30 % longer a minute later), so
ours and the peer are timed in turn, ``--repeat`` rounds (default 3), and each keeps its
best time. The 2-core speed-up is shown beside ``cores_ceiling``: the speed-up the same
machine gives, at that moment, to a pure-Python loop split over two processes (what
two cores are worth there and then).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from common import best_in_turn  # noqa: E402

HERE = Path(__file__).resolve().parent
BENCH = Path(os.environ.get("DISCOURSE_BENCH_DIR", HERE.parents[1] / "shared" / "bench"))
FRACTIONS = (0.01, 0.1, 1.0)


# ----------------------------------------------------------------------------- inputs
def _records(lang: str) -> list[tuple[str, str]]:
    """(doc_id, text) of a whole benchmark corpus."""
    if lang == "zh":
        path = BENCH / "zh_government_work_reports.jsonl"
        return [(r["title"], r["content"]) for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    if lang == "vi":
        path = BENCH / "vi_wikipedia.jsonl"
        return [(r["title"], r["content"]) for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    if lang == "fr":
        return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((BENCH / "fr_eltec").glob("*.txt"))]
    raise ValueError(lang)


def _prefix(records, fraction: float):
    """The first ``fraction`` of the corpus's characters (the last document cut at a line)."""
    total = sum(len(t) for _, t in records)
    budget, out = int(total * fraction), []
    for doc, text in records:
        if budget <= 0:
            break
        if len(text) > budget:
            cut = text.rfind("\n", 0, budget)
            text = text[: cut if cut > 0 else budget]
        out.append((doc, text))
        budget -= len(text)
    return out


def _best(fn, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def _spinners(pool, n: int = 3_000_000) -> dict:
    """A pure-Python loop on one core and split over two processes: timed in the same
    rounds as the tokenizer, their ratio is what two cores give at that time."""
    list(pool.map(_spin, [1, 1]))  # start the workers outside the timings
    return {"spin_1core": lambda: _spin(2 * n), "spin_2cores": lambda: list(pool.map(_spin, [n, n]))}


# ----------------------------------------------------------------------------- peers
def _peer_segmenter(lang: str):
    """The bare segmenter our pipeline wraps, ready to run (start-up excluded)."""
    if lang == "zh":
        import jieba

        tk = jieba.Tokenizer()
        tk.initialize()
        return lambda texts: [tk.lcut(t, HMM=False) for t in texts]
    if lang == "vi":
        from pyvi import ViTokenizer

        ViTokenizer.tokenize("khởi động")
        return lambda texts: [ViTokenizer.tokenize(t).split() for t in texts]
    # NLTK's RegexpTokenizer with our pattern: span_tokenize, since offsets are part of
    # every token. (Ours runs the same pattern with ``re``: _peer_regex, the floor.)
    tk = _nltk_regexp_tokenizer()
    tk.tokenize("x")  # compile the pattern outside the timing
    return lambda texts: [list(tk.span_tokenize(t)) for t in texts]


def _peer_regex():
    """French only: the pattern alone, run with ``re`` over every text, keeping nothing
    (the floor of any regular-expression tokenizer)."""
    import re

    from discourse.languages.fr import PATTERN

    finditer = re.compile(PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL).finditer
    return lambda texts: [collections.deque(finditer(t), maxlen=0) for t in texts]


def _nltk_regexp_tokenizer():
    from nltk.tokenize import RegexpTokenizer

    from discourse.languages.fr import PATTERN

    return RegexpTokenizer(PATTERN)


# ----------------------------------------------------------------------------- one run
def run_one(lang: str, fraction: float, rounds: int = 3) -> dict:
    import pandas as pd

    import discourse
    from discourse.languages import get_tokenizer
    from discourse.tokens import tokenize

    row: dict = {"lang": lang, "fraction": fraction}
    records = _prefix(_records(lang), fraction)
    frame = pd.DataFrame({"doc_id": [d for d, _ in records], "lang": lang, "text": [t for _, t in records]})
    row["chars"] = int(frame["text"].str.len().sum())

    row["read_s"], corpus = _best(lambda: discourse.read_table(frame), 1 if fraction == 1.0 else 3)
    texts = corpus.segments["text"].tolist()
    row["segments"] = len(texts)

    get_tokenizer(lang).load()  # start-up (dictionaries, models) outside the timings
    peers = {"peer": _peer_segmenter(lang)}
    if lang == "fr":
        peers["regex"] = _peer_regex()
    for peer in peers.values():
        peer(texts[:1])  # compile patterns outside the timings
    runs = {name: (lambda peer=peer: peer(texts)) for name, peer in peers.items()}
    runs["ours"] = lambda: tokenize(corpus, cache=False, n_jobs=1)
    with contextlib.ExitStack() as stack:
        if fraction == 1.0:
            from concurrent.futures import ProcessPoolExecutor

            runs["ours_2cores"] = lambda: tokenize(corpus, cache=False, n_jobs=2)
            runs.update(_spinners(stack.enter_context(ProcessPoolExecutor(2))))
        times = best_in_turn(runs, rounds)
    row["peer_segment_s"], row["segment_s"] = times["peer"], times["ours"]
    toks = tokenize(corpus, cache=False, n_jobs=1)
    row["tokens"] = len(toks)
    row["segment_overhead"] = row["segment_s"] / row["peer_segment_s"]
    if lang == "fr":
        row["peer_regex_s"] = times["regex"]
        row["segment_overhead_vs_regex"] = row["segment_s"] / times["regex"]
    if fraction == 1.0:
        row["segment_2cores_s"] = times["ours_2cores"]
        row["parallel_speedup"] = row["segment_s"] / row["segment_2cores_s"]
        row["cores_ceiling"] = times["spin_1core"] / times["spin_2cores"]
    with tempfile.TemporaryDirectory() as cache:
        os.environ["DISCOURSE_CACHE_DIR"] = cache
        row["cold_s"], _ = _best(lambda: tokenize(corpus))
        row["warm_s"], _ = _best(lambda: tokenize(corpus), 3)
    row["cache_speedup"] = row["cold_s"] / row["warm_s"]
    row["token_bytes"] = sum(a.nbytes for a in (toks.seg_row, toks.start, toks.end, toks.type_id, toks.is_stop)) / max(1, len(toks))

    # frequency table vs NLTK FreqDist and collections.Counter over the same tokens
    norms = toks.to_frame(columns=["norm"])["norm"].tolist()
    from nltk import FreqDist

    from discourse.frequency import frequencies

    fresh = discourse.read_table(frame)
    fresh._tokens = toks  # tokens as computed above: look-up structures are built in the first call
    row["freq_first_s"], _ = _best(lambda: frequencies(fresh, stopwords=False, punct=True))
    times = best_in_turn({"freqdist": lambda: FreqDist(norms), "counter": lambda: collections.Counter(norms),
                           "ours": lambda: frequencies(fresh, stopwords=False, punct=True)}, max(rounds, 5))
    row["freqdist_s"], row["counter_s"], row["freq_s"] = times["freqdist"], times["counter"], times["ours"]
    row["freq_vs_freqdist"] = row["freqdist_s"] / row["freq_s"]
    table = frequencies(fresh, stopwords=False, punct=True)
    row["freq_identical"] = bool(dict(zip(table["term"], table["count"])) == dict(FreqDist(norms)))

    # KWIC vs NLTK's ConcordanceIndex for a frequent word
    word = collections.Counter(w for w in norms if len(w) > 1 and w.isalpha()).most_common(1)[0][0]
    row["kwic_word"] = word
    from nltk.text import ConcordanceIndex

    def nltk_first():
        index = ConcordanceIndex(norms)
        return index, index.find_concordance(word, width=80)

    row["nltk_kwic_cold_s"], (index, _) = _best(nltk_first)
    row["nltk_kwic_warm_s"], _ = _best(lambda: index.find_concordance(word, width=80), 5)
    from discourse.concordance import kwic

    toks._postings = None  # the index build is part of the cold query
    row["kwic_cold_s"], hits = _best(lambda: kwic(fresh, word, lang=lang))
    row["kwic_warm_s"], _ = _best(lambda: kwic(fresh, word, lang=lang), 5)
    row["kwic_hits"] = len(hits)
    row["kwic_warm_vs_nltk"] = row["nltk_kwic_warm_s"] / row["kwic_warm_s"]

    _peak_memory(row)
    return row


def _peak_memory(row: dict) -> None:
    """Peak RSS of this process (ru_maxrss is in KiB on Linux), in MB and per token (the
    libraries' fixed ≈ 300 MB included), and the load average and date of the run."""
    row["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row["peak_rss_bytes_per_token"] = row["peak_rss_mb"] * 2**20 / max(1, row["tokens"])
    row["load_average"] = round(os.getloadavg()[0], 1)
    row["date"] = time.strftime("%Y-%m-%d")


def run_kwic(lang: str, copies: int, rounds: int = 3) -> dict:
    """Warm KWIC on a corpus made of ``copies`` copies of a benchmark corpus (5 M tokens
    and more from the French one), for its most frequent word and a word of rank 100."""
    import pandas as pd

    import discourse
    from discourse.concordance import kwic

    records = [(f"{doc}#{k}", text) for k in range(copies) for doc, text in _records(lang)]
    frame = pd.DataFrame({"doc_id": [d for d, _ in records], "lang": lang, "text": [t for _, t in records]})
    corpus = discourse.read_table(frame)
    toks = corpus.tokens(cache=False)
    row: dict = {"lang": lang, "fraction": float(copies), "chars": int(frame["text"].str.len().sum()),
                 "tokens": len(toks)}
    norms = toks.to_frame(columns=["norm"])["norm"].tolist()
    ranked = [w for w, _ in collections.Counter(norms).most_common() if len(w) > 1 and w.isalpha()]
    from nltk.text import ConcordanceIndex

    index = ConcordanceIndex(norms)
    for label, word in (("top", ranked[0]), ("rank100", ranked[99])):
        kwic(corpus, word, lang=lang)  # builds the index
        times = best_in_turn({"ours": lambda: kwic(corpus, word, lang=lang),
                               "nltk": lambda: index.find_concordance(word, width=80)}, max(rounds, 5))
        row[f"kwic_{label}_word"] = word
        row[f"kwic_{label}_hits"] = len(kwic(corpus, word, lang=lang))
        row[f"kwic_{label}_warm_s"] = times["ours"]
        row[f"kwic_{label}_vs_nltk"] = times["nltk"] / times["ours"]
    _peak_memory(row)
    return row


# ----------------------------------------------------------------------------- driver
COLUMNS = ["lang", "fraction", "chars", "tokens", "read_s", "peer_segment_s", "segment_s", "segment_overhead",
           "segment_overhead_vs_regex", "parallel_speedup", "cores_ceiling", "cache_speedup", "freq_vs_freqdist",
           "freq_identical", "kwic_warm_s", "kwic_warm_vs_nltk", "token_bytes", "peak_rss_mb",
           "peak_rss_bytes_per_token", "load_average"]
#: Printed once every case has run: cost growth from 10 % to 100 % (linear when
#: growth_per_token is 1; the goal is ≤ 1.1, i.e. 100 % within 11 × of 10 % for 10 × the tokens).
GROWTH_COLUMNS = ["lang", "tokens", "token_growth_100_vs_10", "growth_100_vs_10", "growth_per_token",
                  "peer_growth_100_vs_10", "peer_growth_per_token", "peak_rss_mb", "peak_rss_bytes_per_token"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="*", default=["zh", "fr", "vi"])
    parser.add_argument("--fractions", nargs="*", type=float, default=list(FRACTIONS))
    parser.add_argument("--repeat", type=int, default=3, help="rounds of timing in turn (best kept)")
    parser.add_argument("--kwic-copies", type=int, default=3,
                        help="KWIC at scale on this many copies of the French corpus (0: skip)")
    parser.add_argument("--one", nargs=2, metavar=("LANG", "FRACTION"), help=argparse.SUPPRESS)
    parser.add_argument("--kwic", nargs=2, metavar=("LANG", "COPIES"), help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(HERE / "results" / "results.csv"))
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one[0], float(args.one[1]), args.repeat)))
        return 0
    if args.kwic:
        print(json.dumps(run_kwic(args.kwic[0], int(args.kwic[1]), args.repeat)))
        return 0
    if not BENCH.is_dir():
        print(f"benchmark corpora not found at {BENCH}; set DISCOURSE_BENCH_DIR", file=sys.stderr)
        return 1
    cases = [["--one", lang, str(fraction)] for lang in args.lang for fraction in args.fractions]
    if args.kwic_copies:
        cases.append(["--kwic", "fr", str(args.kwic_copies)])
    rows = []
    for case in cases:
        done = subprocess.run([sys.executable, __file__, *case, "--repeat", str(args.repeat)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(_format([rows[-1]], header=len(rows) == 1), flush=True)
    grown = [_growth([r for r in rows if r["lang"] == lang and "segment_s" in r]) for lang in args.lang]
    grown = [r for r in grown if r is not None]
    if grown:
        print("\ngrowth 100 % vs 10 % (time ratio ÷ token ratio: 1 is linear) and peak memory")
        print(_format(grown, header=True, columns=GROWTH_COLUMNS))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    keys = list(dict.fromkeys(k for r in rows for k in r))
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=keys)
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwritten: {out}")
    return 0


def _growth(rows: list[dict]) -> dict | None:
    """Cost growth of one language, written into its 100 % row (returned; None without a
    10 % and a 100 % row): time at 100 % over time at 10 %, against the tokens' ratio."""
    by = {r["fraction"]: r for r in rows}
    if 0.1 not in by or 1.0 not in by:
        return None
    full, tenth = by[1.0], by[0.1]
    full["token_growth_100_vs_10"] = full["tokens"] / tenth["tokens"]
    full["growth_100_vs_10"] = full["segment_s"] / tenth["segment_s"]
    full["peer_growth_100_vs_10"] = full["peer_segment_s"] / tenth["peer_segment_s"]
    full["growth_per_token"] = full["growth_100_vs_10"] / full["token_growth_100_vs_10"]
    full["peer_growth_per_token"] = full["peer_growth_100_vs_10"] / full["token_growth_100_vs_10"]
    return full


def _format(rows, *, header: bool, columns=COLUMNS) -> str:
    def cell(v):
        if isinstance(v, float):
            return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"
        return "" if v is None else str(v)

    lines = [" | ".join(columns)] if header else []
    lines += [" | ".join(cell(r.get(c)) for c in columns) for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
