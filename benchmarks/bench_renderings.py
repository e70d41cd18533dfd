"""Renderings at scale: ``discourse.renderings`` on a ≈ 1 M-token aligned corpus, against ``translation_shifts``.

Run ``python benchmarks/bench_renderings.py [--tokens 1000000] [--repeat 3]`` from the
repository. ``../shared/bench/`` has no aligned text, so the aligned corpus is the seed
corpus (``discourse.load_corpus()``: zh–vi and zh–fr, 32 battle and responsibility
hits a copy) repeated with new ``doc_id`` values until it holds ``--tokens`` tokens.
Every copy there has the same unit texts, so a cache keyed by a text's content would hit on
every copy: ``varied_seeds`` is the same size, but no two copies share a unit's text (per
copy, with a seeded RNG, runs of 1–3 consecutive aligned units are merged into one on every
language side, the units of a document are shuffled, and each unit's text begins with the
copy's number, digits in brackets: no content word, so the associations stay those of the seeds);
``renderings`` is timed on it too, in the same rounds (``varied_renderings_s``, ``varied_rows``), and
with two worker processes pairing the units (``n_jobs=2``: ``varied_jobs2_s``, the same table; the
speed-up ``jobs2_speedup``); every other call pins one process (``n_jobs=1``), so that the default's
choice, which follows the machine's load, never changes a figure.
Tokens are built once first and both functions run once on the seeds (imports, compiled
patterns); then ``renderings(corpus, unit="paragraph")`` and the unit-level
``translation_shifts(corpus)`` are timed in turn, ``--repeat`` rounds, each keeping its best
time (this shared machine's speed drifts), each call the first on a new corpus object of the
same segments (its tokens read back from the token cache before the timing: ``common.fresh``;
a second call on one object reads the lexicon's hits back). The figure is the ratio. The
fixed cost of one call (``fixed_ms``) is the median of 20 first calls
``renderings(unit, unit="paragraph")``, each on a new corpus of one aligned unit (the first
of the seeds with a rendering: two segments, zh and vi), as ``bench_frames.py`` measures
it; ``seeds_call_ms`` the same on the bundled seeds (two documents, 137 rows). At the default unit, ``renderings(corpus)`` pairs hits within aligned
sentences: the corpus's sentence units are made first, once per corpus
(``corpus.to_sentences()``, its documents aligned in one process, timed once: ``sentence_units_s``, in a cache folder of the
run's own; then again for a new corpus object of the same segments, as a new session has:
read back from the cache, ``sentence_units_cached_s``; then their tokens,
``sentence_tokenize_s``), and ``renderings(corpus)`` is timed on them, best of ``--repeat``
calls on the one corpus object (``sentence_renderings_s``, ``sentence_rows``: the first call
searches the lexicon in the sentences, the later ones read the hits back). Results are printed and written to
``benchmarks/results/renderings.csv``.
"""

from __future__ import annotations

import argparse
import csv
import os
import functools
import random
import sys
import tempfile
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
from common import fixed_cost, fresh, repeated_seeds  # noqa: E402


def varied_seeds(tokens: int, *, seed: int = 0) -> tuple[Corpus, int]:
    """The seeds copied as :func:`repeated_seeds`, but no two copies share a unit's text (module docstring).

    Per copy and document (``random.Random(seed, copy)``): the aligned units, in order, cut into
    runs of 1–3, each run one unit (its segments of a language joined, ``""`` between Chinese
    ones, ``" "`` else), the units shuffled, ``"（k）"``/``"(k) "`` before each unit's text;
    segments without an align id are kept as they are, first.

    >>> corpus, copies = varied_seeds(3000)
    >>> copies, len(set(corpus.segments.dropna(subset=["align_id"])["text"])) == len(corpus.segments.dropna(subset=["align_id"]))
    (2, True)
    """
    seeds = discourse.load_corpus()
    copies = max(1, round(tokens / len(seeds.tokens())))
    seg, docs = seeds.segments, seeds.documents
    rows = []
    for k in range(copies):
        rng = random.Random(f"{seed}/{k}")
        for doc_id, part in seg.groupby("doc_id", sort=False):
            new_doc = f"{doc_id}_{k:05d}"
            aligned = part[part["align_id"].notna()]
            ids = sorted(set(aligned["align_id"].astype(int).tolist()))
            runs, i = [], 0
            while i < len(ids):
                n = rng.randint(1, 3)
                runs.append(ids[i:i + n])
                i += n
            rng.shuffle(runs)
            out = [dict(r, doc_id=new_doc) for r in part[part["align_id"].isna()].to_dict("records")]
            for lang in pd.unique(part["lang"]).tolist():
                side = aligned[aligned["lang"] == lang]
                for u, run in enumerate(runs, start=1):
                    members = side[side["align_id"].isin(run)]
                    if not len(members):
                        continue
                    sep = "" if lang == "zh" else " "
                    tag = f"（{k}）" if lang == "zh" else f"({k}) "
                    out.append({"doc_id": new_doc, "lang": lang, "align_id": u, "role": members["role"].iloc[0],
                                "text": tag + sep.join(members["text"].tolist())})
            for n, r in enumerate(out):
                rows.append({c: r[c] for c in ("doc_id", "lang", "align_id", "role", "text")} | {"seg_id": n})
    dcs = [docs.assign(doc_id=docs["doc_id"] + f"_{k:05d}") for k in range(copies)]
    return Corpus(pd.DataFrame(rows), pd.concat(dcs, ignore_index=True), name="seeds_varied"), copies


def one_unit(seeds: Corpus) -> Corpus:
    """The first aligned unit of the seeds (its segments in every language) that has a rendering row."""
    segs = seeds.segments
    aligned = segs[segs["align_id"].notna()]
    for (doc_id, align_id), _ in aligned.groupby(["doc_id", "align_id"], sort=False):
        unit = Corpus(segs[(segs["doc_id"] == doc_id) & (segs["align_id"] == align_id)].reset_index(drop=True))
        if len(unit.langs) > 1 and len(renderings(unit, unit="paragraph")):
            return unit
    raise SystemExit("no aligned unit of the seeds has a rendering")


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    # a cache folder of this run's own: the sentence units are aligned here, not read back from an earlier run
    os.environ["DISCOURSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="discourse-bench-")
    corpus, copies = repeated_seeds(args.tokens)
    t0 = time.perf_counter()
    n_tokens = len(corpus.tokens())
    tokenize = time.perf_counter() - t0
    with warnings.catch_warnings():  # imports and lexicon patterns once, outside the timings
        warnings.simplefilter("ignore")
        seeds = discourse.load_corpus()
        renderings(seeds, unit="paragraph"), translation_shifts(seeds)
        paragraphs = functools.partial(renderings, unit="paragraph")
        calls = {"seeds": fixed_cost(paragraphs, seeds), "unit": fixed_cost(paragraphs, one_unit(seeds))}
    varied, _ = varied_seeds(args.tokens)  # built after the seed calls: as many live objects as before there
    len(varied.tokens())
    runs = {"renderings": (corpus, lambda c: renderings(c, unit="paragraph", n_jobs=1)),
            "translation_shifts": (corpus, translation_shifts),
            "varied": (varied, lambda c: renderings(c, unit="paragraph", n_jobs=1)),
            "varied_jobs2": (varied, lambda c: renderings(c, unit="paragraph", n_jobs=2))}
    best = dict.fromkeys(runs, float("inf"))
    rows = {}
    for _ in range(args.repeat):
        for name, (of, run) in runs.items():
            new = fresh(of)
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = run(new)
            best[name] = min(best[name], time.perf_counter() - t0)
            rows[name] = len(out)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        jobs = os.environ.get("DISCOURSE_JOBS")
        os.environ["DISCOURSE_JOBS"] = "1"  # the documents aligned in one process (bench_sentence_align.py: two)
        t0 = time.perf_counter()
        level = corpus.to_sentences()  # once per corpus (kept by the corpus, and in the cache folder)
        sentence_units = time.perf_counter() - t0
        t0 = time.perf_counter()
        Corpus(corpus.segments, corpus.documents, name="seeds_x").to_sentences()  # a new session's: read back
        sentence_units_cached = time.perf_counter() - t0
        if jobs is None:
            del os.environ["DISCOURSE_JOBS"]
        else:
            os.environ["DISCOURSE_JOBS"] = jobs
        t0 = time.perf_counter()
        level.tokens()
        sentence_tokenize = time.perf_counter() - t0
        sentence_best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            rows["sentence"] = len(renderings(corpus, n_jobs=1))
            sentence_best = min(sentence_best, time.perf_counter() - t0)
    result = {"corpus": f"seeds x {copies}", "tokens": n_tokens, "rendering_rows": rows["renderings"],
              "tokenize_s": round(tokenize, 2), "renderings_s": round(best["renderings"], 2),
              "translation_shifts_s": round(best["translation_shifts"], 2),
              "ratio": round(best["renderings"] / best["translation_shifts"], 2),
              "fixed_ms": round(1000 * calls["unit"], 1), "seeds_call_ms": round(1000 * calls["seeds"], 1),
              "varied_renderings_s": round(best["varied"], 2), "varied_rows": rows["varied"],
              "varied_jobs2_s": round(best["varied_jobs2"], 2), "jobs2_speedup": round(best["varied"] / best["varied_jobs2"], 2),
              "sentence_units_s": round(sentence_units, 2), "sentence_units_cached_s": round(sentence_units_cached, 2),
              "sentence_tokenize_s": round(sentence_tokenize, 2),
              "sentence_renderings_s": round(sentence_best, 2), "sentence_rows": rows["sentence"]}
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
