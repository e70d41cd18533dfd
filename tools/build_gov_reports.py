"""Build data/corpora/gov_work_reports.jsonl from the PRC Government Work Reports (dev-time only).

Usage::

    python tools/build_gov_reports.py [SOURCE] [--force]

SOURCE defaults to ``../shared/bench/zh_government_work_reports.jsonl`` (beside the
checkout): 72 JSON records ``title, url, content, year`` scraped from zh.wikisource by
aldohemsn/chinese-political-corpora @ 99bc4b01d11c. Every record is kept:

* 52 Government Work Reports (1954–2025, with gaps; ``kind = "report"``, ``year`` set);
* 20 short resolutions of the National People's Congress approving a report
  (``kind = "resolution"``). The source gives them no year, and they keep none: a
  year would merge each resolution into that year's report in a per-year trend table
  (select ``kind="report"`` or ``kind="resolution"`` instead). Their session's year is
  read from the title (第十三届全国人民代表大会第三次会议 → 2020), only to order the
  corpus.

The corpus is read with ``discourse.read(source, text_col="content", id_col="title",
lang="zh")`` (one segment per non-blank line, document id = the title), then the document
metadata ``year`` (integer, empty for resolutions), ``kind``, ``url`` and ``source`` is
set, the segments' ``path`` is made the source file's name (not this machine's path),
and the documents are put in time order (the source lists the newest first): oldest
first, each resolution after the report it approves (its session's year read from its
title, for the order only). data/corpora/README.md records the provenance.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import discourse  # noqa: E402

#: First year of each National People's Congress with a resolution in the source (the
#: 2nd NPC met in 1959, 1960, 1962 and 1963; from the 5th on, one session a year).
NPC_SESSION_YEARS = {2: (1959, 1960, 1962, 1963)} | {
    k: tuple(range(start, start + 5)) for k, start in
    {5: 1978, 6: 1983, 7: 1988, 8: 1993, 9: 1998, 10: 2003, 11: 2008, 12: 2013, 13: 2018, 14: 2023}.items()}
_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十", start=0)}


def _number(text: str) -> int:
    """A Chinese numeral up to 99: 三 3, 十 10, 十四 14, 二十 20."""
    if "十" not in text:
        return _NUMERALS[text]
    tens, _, units = text.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)


def session_year(title: str) -> int:
    """The year of the NPC session a resolution title names (used only to order the corpus)."""
    match = re.match(r"第(.+?)届全国人民代表大会第(.+?)次会议", title)
    if not match:
        raise SystemExit(f"cannot read the NPC session of {title!r}")
    return NPC_SESSION_YEARS[_number(match[1])][_number(match[2]) - 1]


DEFAULT_SOURCE = ROOT.parent / "shared" / "bench" / "zh_government_work_reports.jsonl"
TARGET = ROOT / "data" / "corpora" / "gov_work_reports.jsonl"
SOURCE_NOTE = "zh.wikisource, via aldohemsn/chinese-political-corpora @ 99bc4b01d11c"


def build(source: Path) -> discourse.Corpus:
    raw = pd.read_json(source, lines=True, dtype={"year": "Int64"})
    corpus = discourse.read(source, text_col="content", id_col="title", lang="zh")
    if len(corpus.doc_ids) != len(raw):
        raise SystemExit(f"{source}: {len(raw)} records but {len(corpus.doc_ids)} documents were read")
    meta = raw.set_index("title")
    docs = corpus.documents
    docs["year"] = pd.array([meta.at[d, "year"] for d in docs["doc_id"]], dtype="Int64")
    docs["kind"] = ["report" if "政府工作报告的决议" not in d else "resolution" for d in docs["doc_id"]]
    if (docs["year"].isna() != (docs["kind"] == "resolution")).any():
        raise SystemExit("every record without a year should be an NPC resolution; check the source")
    docs["url"] = [meta.at[d, "url"] for d in docs["doc_id"]]
    docs["source"] = SOURCE_NOTE
    docs["path"] = source.name
    docs = docs[["doc_id", "year", "kind", "url", "source", "langs", "path"]]
    # oldest first, each resolution right after the report it approves, so that corpus
    # positions (dispersion plots) read in time order
    when = [y if pd.notna(y) else session_year(d) for d, y in zip(docs["doc_id"], docs["year"])]
    docs = (docs.assign(_when=when, _res=docs["kind"] == "resolution")
            .sort_values(["_when", "_res"], kind="stable").drop(columns=["_when", "_res"]).reset_index(drop=True))
    rank = {d: i for i, d in enumerate(docs["doc_id"])}
    segments = corpus.segments
    segments["path"] = source.name
    segments = segments.assign(_rank=segments["doc_id"].map(rank))
    segments = segments.sort_values(["_rank", "seg_id"], kind="stable").drop(columns="_rank").reset_index(drop=True)
    return discourse.Corpus(segments, docs, name="gov_work_reports")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--force", action="store_true", help="replace the existing file")
    args = parser.parse_args(argv)
    corpus = build(args.source)
    path = corpus.save(TARGET, force=args.force)
    docs = corpus.documents
    print(f"saved {len(docs)} documents ({(docs['kind'] == 'report').sum()} reports, "
          f"{(docs['kind'] == 'resolution').sum()} resolutions), {len(corpus)} segments, "
          f"{path.stat().st_size / 1e6:.1f} MB to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
