"""Build ``data/cfdict/zh_fr.tsv``: simplified Chinese word -> French gloss words (CFDICT).

Source: CFDICT, le dictionnaire chinois-français libre, Chine-Informations.com (founder David
Houstin), version 10/09/2014 (about 60,439 translations), CC BY-SA 3.0. The copy used is the file
``cfdict.u8`` of the GitHub repository ``aure231/cfdict-fr`` (CEDICT format,
``trad simp [pinyin] /gloss/gloss/``); get it with::

    git clone https://github.com/aure231/cfdict-fr && python tools/build_cfdict.py cfdict-fr/cfdict.u8

Kept: entries whose simplified headword is 1–4 Han characters; of each gloss, the French words
(the package's French tokenizer's norms: lower-cased, elisions split off, letters only) that are
not French stopwords (``data/stopwords/fr.txt``), with parenthesised notes (``(expr. idiom.)``,
``(nom de famille)``, ``(famil.)`` …) removed, and literal renderings of idioms (``lit. …``),
classifier notes (``classificateur pour …``) and ``variante`` glosses dropped; at most 6 words an
entry, the first glosses first; entries with no word left are dropped.
Output: a header comment (source, version, licence), then ``word<TAB>french words``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from discourse.languages import get_tokenizer  # noqa: E402

OUT = ROOT / "data" / "cfdict" / "zh_fr.tsv"
ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")
HAN = re.compile(r"^[\u3400-\u9fff]{1,4}$")
VERSION = re.compile(r"Version\s*:\s*(.+?)\s*$")
SKIP = re.compile(r"^\(?\s*(lit\.|littéralement)|classificateur|^variante|^voir ", re.IGNORECASE)
WORD = re.compile(r"^[^\W\d_][\w'’-]*$")
MAX_WORDS = 6


def build(source: Path) -> tuple[str, int, dict[str, list[str]]]:
    """(version, entries read, {simplified word: French words})."""
    tok = get_tokenizer("fr")
    stop = tok.stopwords
    table: dict[str, list[str]] = {}
    version, entries = "?", 0
    glosses_of: dict[str, list[str]] = {}
    with source.open(encoding="utf-8-sig") as f:
        for line in f:
            line = line.strip()
            if line.startswith("#"):
                m = VERSION.search(line)
                version = m.group(1) if m and version == "?" else version
                continue
            m = ENTRY.match(line)
            if not m:
                continue
            entries += 1
            if HAN.match(m.group(2)):
                glosses_of.setdefault(m.group(2), []).extend(m.group(3).split("/"))
    for word, glosses in glosses_of.items():
        kept = [re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", g) for g in glosses if g.strip() and not SKIP.search(g.strip())]
        words = table.setdefault(word, [])
        for tokens in tok.tokenize_many(kept):
            for _, _, norm in tokens:
                norm = norm.strip("'’-")
                if (len(norm) > 1 and WORD.match(norm) and norm not in stop and norm not in words
                        and len(words) < MAX_WORDS):
                    words.append(norm)
    return version, entries, {k: v for k, v in table.items() if v}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="cfdict.u8")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    version, entries, table = build(args.source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# CFDICT version {version} ({entries} entries; Chine-Informations.com, David Houstin), "
                "simplified word -> French gloss words; tools/build_cfdict.py; CC BY-SA 3.0\n")
        for word in sorted(table):
            f.write(f"{word}\t{' '.join(table[word])}\n")
    print(f"{entries} entries, {len(table)} words -> {args.output}")


if __name__ == "__main__":
    main()
