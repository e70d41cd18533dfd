"""Benchmark: sentence alignment quality and time (issue 20).

Run ``python benchmarks/bench_sentence_align.py`` from the repository with ``../shared/`` beside it.

1. Quality: link F1 on the NTREX news documents (``../shared/eval/parallel/ntrex_dev/``), zh with
   fr, vi and en, per degradation of ``tests/test_sentence_align_eval.py`` (``clean``: every
   sentence has a partner; ``merge_omit``: target sentences omitted 5 % and merged in pairs;
   ``zh_merge_omit``: zh sentences merged in pairs, target omitted 5 %), with the time taken.
2. Scale: all documents joined into one and repeated to about 0.1 M and 1 M characters of
   Chinese (and 3–3.6 × that in the other language), aligned clean; seconds at both sizes and
   their ratio (10 × the size should take about 10 × the time: the dynamic programme is banded).
3. The UDHR (``../shared/eval/udhr/``): the 50 article paragraphs of zh with fr, vi, en as one
   document, degraded the same way with 10 seeds.
4. A corpus's sentence units: ``Corpus.to_sentences()`` (every document's versions aligned,
   equivalents learned over the corpus: what ``renderings(corpus)`` at its default sentence
   unit runs once per corpus) on the bundled seeds repeated to about 10 k and 100 k tokens
   (``--corpus-tokens``; tokens built first and the seeds aligned once, neither timed), seconds
   and their ratio, in one process (``DISCOURSE_JOBS=1``); and the same with two worker
   processes aligning the documents (``DISCOURSE_JOBS=2``, a new corpus object and cache
   folder: ``seconds_jobs2``, the same units).

Results are printed and written to ``benchmarks/results/sentence_align.csv``.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from discourse.sentence_align import align_sentences  # noqa: E402
from tests.test_sentence_align_eval import NTREX, PAIRS, SETTINGS, UDHR, evaluate, evaluate_udhr, read_ntrex  # noqa: E402
from common import repeated_seeds, write_csv  # noqa: E402


def quality(docs) -> list[dict]:
    rows = []
    for lang in PAIRS:
        for setting in SETTINGS:
            start = time.perf_counter()
            result = evaluate(docs, lang, setting)
            rows.append({"case": f"zh-{lang}", "setting": setting, "seconds": time.perf_counter() - start,
                         "zh_chars": sum(len(s) for d in docs.values() for s in d["zh"]), **result})
            print(f"zh-{lang:2} {setting:14} F1 {result['f1']:.4f}  P {result['precision']:.4f}  "
                  f"R {result['recall']:.4f}  perfect {result['perfect']}/{result['documents']}  "
                  f"{rows[-1]['seconds']:.1f} s", flush=True)
    return rows


def udhr() -> list[dict]:
    rows = []
    for lang in PAIRS:
        for setting in SETTINGS:
            start = time.perf_counter()
            result = evaluate_udhr(lang, setting)
            rows.append({"case": f"udhr zh-{lang}", "setting": setting, "seconds": time.perf_counter() - start,
                         **result})
            print(f"UDHR zh-{lang:2} {setting:14} F1 {result['f1']:.4f}  ({result['versions']} versions, "
                  f"{rows[-1]['seconds']:.1f} s)", flush=True)
    return rows


def scale(docs, sizes=(100_000, 1_000_000), lang: str = "fr") -> list[dict]:
    zh = [s for d in sorted(docs) for s in docs[d]["zh"]]
    other = [s for d in sorted(docs) for s in docs[d][lang]]
    per_copy = sum(len(s) for s in zh)
    rows = []
    for size in sizes:
        copies = math.ceil(size / per_copy)
        src, tgt = zh * copies, other * copies
        start = time.perf_counter()
        beads = align_sentences(src, tgt, source_lang="zh", target_lang=lang)
        seconds = time.perf_counter() - start
        right = sum(s == t for s, t in zip(beads["source_ids"], beads["target_ids"]))
        rows.append({"case": f"zh-{lang} x{copies}", "setting": "scale", "seconds": seconds,
                     "zh_chars": per_copy * copies, "other_chars": sum(len(s) for s in tgt),
                     "sentences": len(src), "beads_right": right / len(src)})
        print(f"zh-{lang} x{copies}: {per_copy * copies:,} zh + {rows[-1]['other_chars']:,} {lang} characters, "
              f"{len(src):,} sentences: {seconds:.1f} s ({right / len(src):.4f} of beads right)", flush=True)
    if len(rows) == 2:
        print(f"growth: {rows[1]['zh_chars'] / rows[0]['zh_chars']:.1f} x the size, "
              f"{rows[1]['seconds'] / rows[0]['seconds']:.1f} x the time")
    return rows


def corpus_units(sizes=(10_000, 100_000)) -> list[dict]:
    """Seconds of ``to_sentences()`` on the seeds repeated to each size in tokens."""
    import warnings

    import tempfile

    import discourse
    from discourse.corpus import Corpus

    # a cache folder of this run's own: the units are aligned, not read back from an earlier run
    os.environ["DISCOURSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="discourse-bench-")
    jobs = os.environ.get("DISCOURSE_JOBS")

    with warnings.catch_warnings():  # tokenizers, dictionaries and tables loaded once, outside the timings
        warnings.simplefilter("ignore")
        discourse.load_corpus().to_sentences()
    rows = []
    for size in sizes:
        corpus, copies = repeated_seeds(size)
        tokens = len(corpus.tokens())
        seconds, units = {}, {}
        for workers in ("1", "2"):  # each on a new corpus object, aligned in a cache folder of its own
            os.environ["DISCOURSE_JOBS"] = workers
            os.environ["DISCOURSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="discourse-bench-")
            again = Corpus(corpus.segments, corpus.documents, name=corpus.name)
            again.tokens()
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                units[workers] = again.to_sentences().segments
            seconds[workers] = time.perf_counter() - start
        if not units["1"].equals(units["2"]):
            raise SystemExit("two workers aligned other sentence units than one")
        rows.append({"case": f"seeds x {copies}", "setting": "corpus", "seconds": seconds["1"],
                     "seconds_jobs2": seconds["2"], "tokens": tokens, "sentences": len(units["1"]),
                     "documents": len(corpus.doc_ids)})
        print(f"seeds x {copies}: {tokens:,} tokens, {len(units['1']):,} sentences, {len(corpus.doc_ids)} documents: "
              f"to_sentences {seconds['1']:.1f} s, with two workers {seconds['2']:.1f} s", flush=True)
    if jobs is None:
        os.environ.pop("DISCOURSE_JOBS", None)
    else:
        os.environ["DISCOURSE_JOBS"] = jobs
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-quality", action="store_true", help="only the scale runs")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000],
                        help="Chinese characters of the scale runs")
    parser.add_argument("--corpus-tokens", type=int, nargs="+", default=[10_000, 100_000],
                        help="tokens of the corpus runs (to_sentences)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "sentence_align.csv")
    args = parser.parse_args(argv)
    if not NTREX.is_dir():
        sys.exit(f"{NTREX} is absent: put ../shared beside the repository")
    docs = read_ntrex()
    rows = [] if args.no_quality else quality(docs) + (udhr() if UDHR.is_dir() else [])
    rows += scale(docs, tuple(args.sizes))
    rows += corpus_units(tuple(args.corpus_tokens))
    rows = [dict(r, load_average=round(os.getloadavg()[0], 1), date=time.strftime("%Y-%m-%d")) for r in rows]
    fields = sorted({k for row in rows for k in row})
    write_csv(args.out, rows, fields)
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
