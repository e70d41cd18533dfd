"""Snowball stemming, fr and en, against NLTK's ``SnowballStemmer``: start-up and speed, same stems.

Run ``python benchmarks/bench_stem.py`` from the repository with ``../shared`` beside it.

- **Start-up**, in fresh processes (the snippets in turn for ``--rounds`` rounds, each
  keeping its best wall-clock and CPU time): ``ours`` is ``import discourse.languages.<lang>``
  and its ``stem`` of one word; ``nltk`` is ``from nltk.stem.snowball import
  SnowballStemmer`` and ``SnowballStemmer(<name>).stem`` of the same word (the import is
  NLTK's start-up: it runs ``nltk/__init__``).
- **Speed**: every distinct word of a text stemmed once, ours and NLTK's in turn, best of
  ``--repeat`` rounds: fr the lower-cased words of the ELTeC novels
  (``../shared/bench/fr_eltec``), en those of the UD English EWT test set and the NTREX
  news (``../shared/eval``; ``../shared/bench`` has no English corpus). ``same_stems``
  says whether every stem is NLTK's.

Results: printed, and ``benchmarks/results/stem.csv``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from common import ROOT, best_in_turn, fresh_processes, stamped, write_csv

HERE = Path(__file__).resolve().parent
SHARED = ROOT.parent / "shared"
NAMES = {"fr": "french", "en": "english"}
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def snippets(lang: str) -> dict[str, str]:
    word = {"fr": "responsabilités", "en": "responsibilities"}[lang]
    return {f"ours_{lang}": f"t = time.perf_counter()\nimport discourse.languages.{lang} as m\nm.stem({word!r})",
            f"nltk_{lang}": f"t = time.perf_counter()\nfrom nltk.stem.snowball import SnowballStemmer\n"
                            f"SnowballStemmer({NAMES[lang]!r}).stem({word!r})"}


def words(lang: str) -> list[str]:
    """The distinct lower-cased words of the benchmark text of a language (module docstring)."""
    if lang == "fr":
        paths = sorted((SHARED / "bench" / "fr_eltec").glob("*.txt"))
    else:
        paths = [SHARED / "eval" / "segmentation" / "en_ewt-ud-test.conllu",
                 SHARED / "eval" / "parallel" / "ntrex_dev" / "en.txt"]
    found = set()
    for path in paths:
        found.update(w.lower() for w in WORD.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="fresh-process rounds (start-up)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the speed comparison")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "stem.csv")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        raise SystemExit(f"bench_stem: {SHARED} is missing; put the shared data beside the checkout")
    from nltk.stem.snowball import SnowballStemmer

    from discourse.languages import en, fr

    start = fresh_processes({k: v for lang in NAMES for k, v in snippets(lang).items()}, args.rounds)
    rows = []
    for lang, ours in (("fr", fr.stem), ("en", en.stem)):
        types = words(lang)
        peer = SnowballStemmer(NAMES[lang]).stem
        same = [ours(w) for w in types] == [peer(w) for w in types]
        best = best_in_turn({"ours": lambda: [ours(w) for w in types], "nltk": lambda: [peer(w) for w in types]},
                            args.repeat)
        (wall, cpu), (peer_wall, peer_cpu) = start[f"ours_{lang}"], start[f"nltk_{lang}"]
        rows.append({"lang": lang, "startup_ours_s": wall, "startup_ours_cpu_s": cpu, "startup_nltk_s": peer_wall,
                     "startup_nltk_cpu_s": peer_cpu, "startup_ratio": peer_wall / wall, "types": len(types),
                     "ours_s": best["ours"], "nltk_s": best["nltk"], "speedup": best["nltk"] / best["ours"],
                     "same_stems": same, "rounds": args.rounds, "repeat": args.repeat})
    rows = stamped(rows)
    for row in rows:
        print(", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()))
    out = write_csv(args.out, rows)
    print(f"\nwritten: {out}")
    return 0 if all(r["same_stems"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
