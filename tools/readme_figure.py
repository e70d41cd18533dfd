"""Draw the README's figure: translation shifts of the bundled corpus.

Run from the repository root (``python tools/readme_figure.py``); it writes
``docs/img/translation_shifts.png`` with :func:`discourse.plot.savefig`, at a resolution
that keeps the file small (< 150 KB). The figure is the frame-by-frame count of kept,
softened, dropped and added frames from Chinese into each translation
(:func:`discourse.translation_shifts`, :func:`discourse.plot.shifts`), the plot of
notebook 05.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import discourse
from discourse import plot

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img" / "translation_shifts.png"


def main(argv=None) -> list[Path]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args(argv)
    corpus = discourse.load_corpus()
    shifts = discourse.translation_shifts(corpus, discourse.load_lexicon())
    ax = plot.shifts(shifts, title="Frames from Chinese into each translation (bundled corpus)")
    return plot.savefig(ax, args.output, dpi=args.dpi, formats=["png"])


if __name__ == "__main__":
    for path in main():
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size // 1024} KB")
