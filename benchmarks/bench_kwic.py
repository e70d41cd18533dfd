"""KWIC speed: ``discourse.kwic`` against NLTK's concordance on the same French tokens.

Run ``python benchmarks/bench_kwic.py [--fraction 1.0] [--repeat 5]`` from the repository,
with ``../shared/bench/fr_eltec/`` beside it (ELTeC French novels, one document a file,
read as one text per document like ``benchmarks/run.py``'s KWIC). Tokens are built once;
the peer is :class:`nltk.text.ConcordanceIndex` over our own normalised tokens (so both
find the same hits; no NLTK data is needed), asked ``find_concordance(word, width=80)``,
which builds each hit's left and right context strings. Ours is ``kwic(corpus, word,
lang="fr")`` (the hits, context offsets; the default window of 5 tokens a side) and, to
build the context text as the peer does, ``.lines()`` (each hit's ``left, match, right``
strings, a list like the peer's) and ``.to_frame()`` (those strings in the table).

* **floor**: rare words (2–3 occurrences), 40 a round, never the same twice for ours
  (a query's compiled form is kept per corpus: a repeated query would be quicker); the
  figure is milliseconds per query, ours (``kwic``, ``kwic`` + ``lines`` and ``kwic`` +
  ``to_frame``, each on its own words) and NLTK's (on the words of ``kwic``), ``--repeat``
  rounds (at least 5).
* **frequent**: the most frequent word and those of rank 10 and 100; the figures are
  NLTK's time ÷ ours with the context text built (``lines``, and ``to_frame``), best of
  ``--repeat`` rounds (three times as many for ranks 10 and 100, whose NLTK times are short
  and drift most).
* **pandas floor** (``pandas_frame_ms``): ``pandas.DataFrame`` of the same columns from
  ready arrays (the tables' own, so no string is cut or converted), per query, timed in
  the same rounds: what any table of these hits costs in pandas, below which ``to_frame``
  cannot go.

Ours and the peer run in turn, ``--repeat`` rounds (default 9), each keeping its best time (this
shared machine's speed drifts by tens of percent within a minute: only the ratios mean
anything), the garbage collector off during each timed call, as :mod:`timeit` has it: with it
on, a full pass in the run left the peer's later calls at rank 100 slower (23–48 ms for the
same query from one run to the next), and the ratio with them. Results are printed and written
to ``benchmarks/results/kwic.csv``.
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
BENCH = Path(os.environ.get("DISCOURSE_BENCH_DIR", ROOT.parent / "shared" / "bench"))

import pandas as pd  # noqa: E402
from nltk.text import ConcordanceIndex  # noqa: E402

import discourse  # noqa: E402
from discourse.concordance import kwic  # noqa: E402
from common import best_in_turn, timed  # noqa: E402

COLUMNS = ["case", "words", "hits", "tokens", "ours_kwic_ms", "ours_lines_ms", "ours_table_ms", "nltk_ms",
           "nltk_vs_kwic", "nltk_vs_lines", "nltk_vs_table", "pandas_frame_ms", "same_hits", "load_average", "date"]


def french(fraction: float) -> pd.DataFrame:
    """The first ``fraction`` of the ELTeC French files (whole files; at least one)."""
    files = sorted((BENCH / "fr_eltec").glob("*.txt"))
    if not files:
        raise SystemExit(f"no benchmark texts in {BENCH / 'fr_eltec'}")
    files = files[: max(1, round(len(files) * fraction))]
    return pd.DataFrame({"doc_id": [p.stem for p in files], "lang": "fr",
                         "text": [p.read_text(encoding="utf-8") for p in files]})


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=1.0, help="share of the French files (default: all)")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    corpus = discourse.read_table(french(args.fraction))
    toks = corpus.tokens(cache=False)
    norms = toks.to_frame(columns=["norm"])["norm"].tolist()
    index = ConcordanceIndex(norms)
    counts = collections.Counter(norms)
    ranked = [w for w, _ in counts.most_common() if len(w) > 1 and w.isalpha()]
    rounds = max(args.repeat, 5)
    rare = [w for w in ranked if counts[w] in (2, 3)][:120 * rounds + 40]
    if len(rare) < 120 * rounds + 40:
        raise SystemExit(f"only {len(rare)} rare words: use a larger --fraction or fewer --repeat")
    kwic(corpus, ranked[0], lang="fr").to_frame()  # the index and the query path, once
    rows = []

    def ready(words):  # each table's columns as arrays: what pandas.DataFrame is given at the least
        return [{col: frame[col].array for col in frame.columns} for frame in
                (kwic(corpus, w, lang="fr").to_frame() for w in words)]

    def frames(arrays):
        return [pd.DataFrame(a, index=pd.RangeIndex(len(a["start"])), copy=False) for a in arrays]

    def row(case, words, ours, lines, table, nltk, floor):
        hits = sum(len(kwic(corpus, w, lang="fr")) for w in words)
        same = hits == sum(len(index.offsets(w)) for w in words)
        per = 1000 / len(words)
        rows.append({"case": case, "words": " ".join(words) if len(words) == 1 else f"{len(words)} rare words a round",
                     "hits": hits, "tokens": len(toks), "ours_kwic_ms": ours * per, "ours_lines_ms": lines * per,
                     "ours_table_ms": table * per, "nltk_ms": nltk * per, "nltk_vs_kwic": nltk / ours,
                     "nltk_vs_lines": nltk / lines, "nltk_vs_table": nltk / table,
                     "pandas_frame_ms": floor * per, "same_hits": same, "load_average": round(os.getloadavg()[0], 1),
                     "date": time.strftime("%Y-%m-%d")})

    best = dict.fromkeys(["ours", "lines", "table", "nltk", "floor"], float("inf"))
    floor_arrays = ready(rare[120 * rounds:120 * rounds + 40])  # other rare words' tables (their queries kept)
    for k in range(rounds):  # in turn, each round on new words
        words, other, third = (rare[120 * k + 40 * i:120 * k + 40 * i + 40] for i in range(3))
        for name, fn in (("ours", lambda: [kwic(corpus, w, lang="fr") for w in words]),
                         ("lines", lambda: [kwic(corpus, w, lang="fr").lines() for w in third]),
                         ("table", lambda: [kwic(corpus, w, lang="fr").to_frame() for w in other]),
                         ("nltk", lambda: [index.find_concordance(w, width=80) for w in words]),
                         ("floor", lambda: frames(floor_arrays))):
            best[name] = min(best[name], timed(fn, gc_off=True))
    row("floor", rare[:40], best["ours"], best["lines"], best["table"], best["nltk"], best["floor"])
    for rank in (1, 10, 100):
        word = ranked[rank - 1]
        arrays = ready([word])
        best = best_in_turn({"ours": lambda: kwic(corpus, word, lang="fr"),
                             "lines": lambda: kwic(corpus, word, lang="fr").lines(),
                             "table": lambda: kwic(corpus, word, lang="fr").to_frame(),
                             "nltk": lambda: index.find_concordance(word, width=80),
                             "floor": lambda: frames(arrays)}, args.repeat * (1 if rank == 1 else 3), gc_off=True)
        row(f"rank {rank}", [word], best["ours"], best["lines"], best["table"], best["nltk"], best["floor"])
    out = HERE / "results" / "kwic.csv"
    out.parent.mkdir(exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows([{k: (f"{v:.4g}" if isinstance(v, float) else v) for k, v in r.items()} for r in rows])
    print(pd.DataFrame(rows, columns=COLUMNS).to_string(index=False, float_format=lambda v: f"{v:.3g}"))
    return rows


if __name__ == "__main__":
    main()
