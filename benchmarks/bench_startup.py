"""Tokenizer start-up for vi, fr and en against their peers' own start-up, in fresh processes.

Run ``python benchmarks/bench_startup.py`` from the repository (it needs no corpus; zh's
start-up is in ``bench_zh.py``). Each snippet runs in a fresh interpreter, the snippets in
turn for ``--rounds`` rounds, each keeping its best wall-clock and CPU time; the bytecode of
our modules is cached as an installed package has it.

- ``ours_<lang>``: ``get_tokenizer(lang).load()`` with ``discourse.languages.<lang>``
  imported before the clock starts (as a peer's module is), the model and dictionaries
  loaded and one text tokenized;
- ``pyvi``: ``from pyvi import ViTokenizer`` (pyvi loads its CRF model and lexicon at
  import: its start-up), then ``ViTokenizer.tokenize`` of one text;
- ``nltk``: ``from nltk.tokenize import RegexpTokenizer``, a tokenizer of our French
  pattern built and one text tokenized.

Results: printed, and ``benchmarks/results/startup.csv``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import fresh_processes, stamped, write_csv

HERE = Path(__file__).resolve().parent

_OURS = ("from discourse.languages import get_tokenizer\nimport discourse.languages.{lang}\n"
         "t = time.perf_counter()\nget_tokenizer('{lang}').load()")
SNIPPETS = {
    "ours_vi": _OURS.format(lang="vi"),
    "ours_fr": _OURS.format(lang="fr"),
    "ours_en": _OURS.format(lang="en"),
    "pyvi": "t = time.perf_counter()\nfrom pyvi import ViTokenizer\nViTokenizer.tokenize('Trận chiến thoát nghèo')",
    "nltk": "from discourse.languages import get_tokenizer\npattern = get_tokenizer('fr').pattern\n"
            "t = time.perf_counter()\nfrom nltk.tokenize import RegexpTokenizer\n"
            "RegexpTokenizer(pattern).tokenize(\"l'élimination de la pauvreté\")",
}
PEER = {"vi": "pyvi", "fr": "nltk", "en": "nltk"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "startup.csv")
    args = parser.parse_args(argv)
    best = fresh_processes(SNIPPETS, args.rounds)
    rows = []
    for lang, peer in PEER.items():
        (wall, cpu), (peer_wall, peer_cpu) = best[f"ours_{lang}"], best[peer]
        rows.append({"lang": lang, "peer": peer, "ours_s": wall, "ours_cpu_s": cpu, "peer_s": peer_wall,
                     "peer_cpu_s": peer_cpu, "ours_over_peer": wall / peer_wall, "rounds": args.rounds})
    rows = stamped(rows)
    for row in rows:
        print(", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()))
    out = write_csv(args.out, rows)
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
