"""Sentence splitting: speed and boundary F1 of ``split_sentences`` against pySBD, in one run.

Run ``python benchmarks/bench_sentences.py`` from the repository with ``../shared/`` beside
it (pySBD installed: ``pip install pysbd``; it is not a dependency of the package). For
each language the paragraphs of a real corpus (``../shared/bench``: zh Government Work
Reports, vi Wikipedia, fr ELTeC novels; en: the EWT and NTREX English text) are split by
both, one call per paragraph as ``discourse.sentences`` does, timed in turn for
``--repeat`` rounds, each keeping its best time (this shared machine's speed drifts).
pySBD has no Vietnamese rules; its English ones are used for vi.

Then both are scored on the gold data of ``tests/test_sentence_eval.py`` (UD test sets
and NTREX news, "joined" and "lines"). Results are printed and written to
``benchmarks/results/sentences.csv``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("DISCOURSE_SHARED_DIR", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from discourse.languages import registry  # noqa: E402
from discourse.languages.sentences import gold_documents, score_documents  # noqa: E402
from common import stamped, write_csv  # noqa: E402

UD_FILES = {"zh": "zh_gsdsimp-ud-test.conllu", "vi": "vi_vtb-ud-test.conllu", "fr": "fr_gsd-ud-test.conllu",
            "en": "en_ewt-ud-test.conllu"}


def paragraphs(lang: str, chars: int) -> list[str]:
    """The first ``chars`` characters' worth of non-empty paragraphs of a real corpus."""
    bench = SHARED / "bench"
    if lang == "zh":
        texts = [json.loads(line)["content"] for line in
                 (bench / "zh_government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()]
    elif lang == "vi":
        texts = [json.loads(line)["content"] for line in
                 (bench / "vi_wikipedia.jsonl").read_text(encoding="utf-8").splitlines()]
    elif lang == "fr":
        texts = [p.read_text(encoding="utf-8") for p in sorted((bench / "fr_eltec").glob("*.txt"))]
    else:
        docs = gold_documents(SHARED / "eval" / "segmentation" / UD_FILES["en"])
        texts = [" ".join(d) for d in docs]
        texts.append((SHARED / "eval" / "parallel" / "ntrex_dev" / "en.txt").read_text(encoding="utf-8"))
    out, total = [], 0
    for text in texts:
        for para in text.splitlines():
            para = para.strip()
            if para:
                out.append(para)
                total += len(para)
                if total >= chars:
                    return out
    return out


def pysbd_split(lang: str):
    """pySBD as a ``text -> [(start, end)]`` splitter (its sentences found in the text in order)."""
    import pysbd

    segmenter = pysbd.Segmenter(language={"vi": "en"}.get(lang, lang), clean=False)

    def split(text):
        spans, pos = [], 0
        for sentence in segmenter.segment(text):
            sentence = sentence.strip()
            if sentence:
                k = text.find(sentence, pos)
                if k < 0:
                    raise ValueError(f"pySBD changed the text: {sentence[:40]!r}")
                spans.append((k, k + len(sentence)))
                pos = k + len(sentence)
        return spans

    return split


def best_in_turn(fns: dict, rounds: int) -> dict:
    best = dict.fromkeys(fns, float("inf"))
    results = {}
    for _ in range(rounds):
        for name, fn in fns.items():
            t = time.perf_counter()
            results[name] = fn()
            best[name] = min(best[name], time.perf_counter() - t)
    return best, results


def ntrex_documents(lang: str):
    from test_sentence_eval import ntrex_documents as read

    return read(lang)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="zh,vi,fr,en")
    parser.add_argument("--chars", type=int, default=300_000, help="characters of paragraphs per language")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "sentences.csv")
    args = parser.parse_args(argv)
    rows = []
    for lang in args.langs.split(","):
        ours = registry.language(lang).split_sentences
        theirs = pysbd_split(lang)
        paras = paragraphs(lang, args.chars)
        seconds, results = best_in_turn({
            "ours": lambda: [ours(p) for p in paras],
            "pysbd": lambda: [theirs(p) for p in paras],
        }, args.repeat)
        n_ours = sum(map(len, results["ours"]))
        n_theirs = sum(map(len, results["pysbd"]))
        row = {"lang": lang, "paragraphs": len(paras), "chars": sum(map(len, paras)),
               "sentences": n_ours, "pysbd_sentences": n_theirs,
               "seconds": round(seconds["ours"], 4), "pysbd_seconds": round(seconds["pysbd"], 4),
               "sentences_per_s": round(n_ours / seconds["ours"]),
               "pysbd_sentences_per_s": round(n_theirs / seconds["pysbd"]),
               "speed_up": round(seconds["pysbd"] / seconds["ours"], 1)}
        joiner = "" if lang == "zh" else " "
        gold = {"ud": gold_documents(SHARED / "eval" / "segmentation" / UD_FILES[lang]),
                "ntrex": ntrex_documents(lang)}
        for name, split in (("f1", ours), ("pysbd_f1", theirs)):
            for data, docs in gold.items():
                for protocol, unmarked in (("joined", False), ("lines", True)):
                    (_, _, f1), _ = score_documents(docs, split, joiner=joiner, unmarked_paragraphs=unmarked)
                    row[f"{name}_{data}_{protocol}"] = round(f1, 4)
        rows.append(row)
        print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    write_csv(args.out, stamped(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
