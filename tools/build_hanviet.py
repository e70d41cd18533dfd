"""Build ``data/hanviet/hanviet.tsv``: Han character -> Sino-Vietnamese (Hán-Việt) readings.

Source: the Unicode Unihan database, field ``kVietnamese`` (``Unihan_Readings.txt``), with
``kTraditionalVariant`` / ``kSimplifiedVariant`` (``Unihan_Variants.txt``) so that a
simplified character (国) gets the readings of its traditional form (國 quốc): Unihan gives
``kVietnamese`` mostly for traditional forms.

The files come with Debian's ``unicode-data`` package (``/usr/share/unicode/Unihan_*.txt.bz2``);
get them without installing anything with::

    apt-get download unicode-data && dpkg-deb -x unicode-data_*_all.deb unicode-data
    python tools/build_hanviet.py unicode-data/usr/share/unicode

Output: UTF-8 TSV, a header comment naming the Unihan version, then ``char<TAB>readings``
(readings space-separated, lower-cased, NFC, in Unihan's order; the character's own
readings before those borrowed from its variants), sorted by code point.
"""

from __future__ import annotations

import argparse
import bz2
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "hanviet" / "hanviet.tsv"


def _lines(folder: Path, name: str):
    plain, packed = folder / name, folder / (name + ".bz2")
    if plain.exists():
        return plain.read_text(encoding="utf-8").splitlines()
    return bz2.decompress(packed.read_bytes()).decode("utf-8").splitlines()


def _char(code: str) -> str:
    return chr(int(code[2:], 16))


def build(folder: Path) -> tuple[str, dict[str, list[str]]]:
    readings: dict[str, list[str]] = {}
    version = "?"
    for line in _lines(folder, "Unihan_Readings.txt"):
        m = re.match(r"# Unicode version: (\S+)", line)
        if m:
            version = m.group(1)
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] == "kVietnamese":
            values = [unicodedata.normalize("NFC", v).lower() for v in parts[2].split()]
            readings[_char(parts[0])] = list(dict.fromkeys(values))
    variants: dict[str, list[str]] = {}
    for line in _lines(folder, "Unihan_Variants.txt"):
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] in ("kTraditionalVariant", "kSimplifiedVariant"):
            variants.setdefault(_char(parts[0]), []).extend(_char(c.split("<")[0]) for c in parts[2].split())
    table = {c: list(r) for c, r in readings.items()}
    for char, others in variants.items():
        borrowed = [r for o in others for r in readings.get(o, [])]
        if borrowed:
            table[char] = list(dict.fromkeys(table.get(char, []) + borrowed))
    return version, table


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("/usr/share/unicode"),
                        help="folder holding Unihan_Readings.txt(.bz2) and Unihan_Variants.txt(.bz2)")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    version, table = build(args.folder)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# Han character -> Han-Viet readings, from Unihan {version} kVietnamese "
                "(+ kTraditionalVariant/kSimplifiedVariant); tools/build_hanviet.py; Unicode License v3\n")
        for char in sorted(table):
            f.write(f"{char}\t{' '.join(table[char])}\n")
    print(f"{len(table)} characters -> {args.output}")


if __name__ == "__main__":
    main()
