#!/usr/bin/env python
"""Build the font shipped in ``data/fonts/`` (a dev-time tool, not part of the package).

The package draws Chinese, Vietnamese, French and English labels.  Matplotlib's default
DejaVu Sans has no hanzi, and a full CJK font is about 20 MB, so the package ships a
*subset* of Noto Sans CJK SC Regular (SIL Open Font License 1.1) that holds:

* every character of GB2312 (the 6,763 hanzi of levels 1 and 2, plus its 682 symbols:
  full-width forms, Greek, Cyrillic, kana, box drawing, circled numbers ...);
* every character of the bundled Chinese corpora and of the seed documents that the
  source font has (this adds about 520 rarer and Traditional hanzi to GB2312);
* Latin (Basic, Latin-1, Extended-A/B, Extended Additional: all Vietnamese letters),
  combining diacritics, general punctuation, super/subscripts, currency, letterlike
  symbols, number forms, arrows, mathematical operators, enclosed alphanumerics,
  geometric shapes, CJK symbols and punctuation, half-width and full-width forms.

The CFF (PostScript) outlines are converted to TrueType (``glyf``) outlines: matplotlib's
PDF and PS back ends embed ``pdf.fonttype = 42`` / ``ps.fonttype = 42`` fonts as
TrueType, which a CFF-flavoured OpenType font is not.  The family is renamed to
``Noto Sans CJK SC Discourse`` so that it can never be confused with (or shadow) a full
``Noto Sans CJK SC`` installed on the system; see ``data/fonts/README.md``.

Usage (needs Debian's ``fonts-noto-cjk`` and fontTools)::

    apt-get install -y fonts-noto-cjk
    python tools/build_font.py            # writes data/fonts/NotoSansCJKsc-Discourse-Regular.ttf
    python tools/build_font.py --check    # rebuild in memory and compare with the shipped file

The build is deterministic: the same source font and fontTools version give the same
bytes (the ``head`` timestamps are copied from the source font, not set to "now").
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

REPO = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_PS_NAME = "NotoSansCJKsc-Regular"
OUT = REPO / "data" / "fonts" / "NotoSansCJKsc-Discourse-Regular.ttf"

FAMILY = "Noto Sans CJK SC Discourse"
PS_NAME = "NotoSansCJKsc-Discourse-Regular"

#: Text whose characters must all be in the font (when the source font has them).
#: The bench corpora are looked up in ``shared/bench`` beside the repository (or the
#: path given with ``--shared``); the seeds in ``shared/seeds``.
CORPORA = (
    "bench/zh_government_work_reports.jsonl",
    "bench/zh_cpc_congress_reports.jsonl",
)
SEEDS = "seeds"

#: Unicode blocks kept whole (only code points the source font has end up in the file).
RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B (incl. Ơ ơ Ư ư)
    (0x0250, 0x02AF),  # IPA Extensions
    (0x02B0, 0x02FF),  # Spacing Modifier Letters
    (0x0300, 0x036F),  # Combining Diacritical Marks
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese ạ ả ấ ... ỹ)
    (0x2000, 0x206F),  # General Punctuation
    (0x2070, 0x209F),  # Superscripts and Subscripts
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms (Ⅱ ...)
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (① ⑴ ...)
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)


def gb2312_chars(*, hanzi_only: bool = False) -> set[str]:
    """Return the characters of GB2312, by decoding every two-byte code.

    Rows 0xB0-0xF7 are the 6,763 hanzi (level 1: 0xB0-0xD7, level 2: 0xD8-0xF7);
    rows 0xA1-0xA9 are symbols.
    """
    first_row = 0xB0 if hanzi_only else 0xA1
    chars = set()
    for hi in range(first_row, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def corpus_chars(shared: Path) -> set[str]:
    """Return every character of the bundled Chinese corpora and the seed documents."""
    chars: set[str] = set()
    for rel in CORPORA:
        with open(shared / rel, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                for value in record.values():
                    if isinstance(value, str):
                        chars.update(value)
    for seed in sorted((shared / SEEDS).glob("*.txt")):
        chars.update(seed.read_text(encoding="utf-8"))
    return chars


def is_han(ch: str) -> bool:
    """True for a CJK unified or compatibility ideograph."""
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def wanted_codepoints(shared: Path) -> set[int]:
    cps = {ord(c) for c in gb2312_chars()}
    cps |= {ord(c) for c in corpus_chars(shared) if unicodedata.category(c) not in ("Cc", "Cs")}
    for lo, hi in RANGES:
        cps.update(range(lo, hi + 1))
    return cps


def load_source() -> TTFont:
    """Open the Simplified-Chinese face of the Noto Sans CJK collection (found by name)."""
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(SOURCE), lazy=True)
    for index, face in enumerate(collection.fonts):
        if face["name"].getDebugName(6) == SOURCE_PS_NAME:
            return TTFont(str(SOURCE), fontNumber=index, lazy=False, recalcTimestamp=False)
    raise SystemExit(f"{SOURCE}: no face named {SOURCE_PS_NAME}")


def subset_font(font: TTFont, codepoints: set[int]) -> None:
    options = subset.Options()
    # Shaping features a horizontal label needs.  Not kept: 'locl' (its Japanese, Korean
    # and Traditional-Chinese glyph forms would double the file), vertical-text features.
    options.layout_features = ["ccmp", "liga", "calt", "kern", "mark", "mkmk"]
    options.name_IDs = ["*"]
    options.name_languages = [0x0409]  # English names only (they are rewritten below)
    options.hinting = False  # CFF hints are lost in the conversion to TrueType anyway
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE", "meta"]  # vertical text: unused
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)


def cff_to_glyf(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF cubic outlines with TrueType quadratic ones (fontTools' otf2ttf recipe)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones maxTwilightPoints maxStorage maxFunctionDefs maxInstructionDefs "
        "maxStackElements maxSizeOfInstructions maxComponentElements"
    ).split():
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and names are meaningless here
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = None
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont) -> None:
    """Give the subset its own family name (the OFL allows keeping it; see README)."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    name.names = [rec for rec in name.names if rec.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    for platform in ((3, 1, 0x409), (1, 0, 0)):
        name.setName(FAMILY, 1, *platform)
        name.setName("Regular", 2, *platform)
        name.setName(f"2.004;GOOG;{PS_NAME};discourse-subset", 3, *platform)
        name.setName(FAMILY, 4, *platform)
        name.setName(f"{version}; discourse subset (tools/build_font.py)", 5, *platform)
        name.setName(PS_NAME, 6, *platform)


def build(shared: Path) -> tuple[bytes, dict]:
    font = load_source()
    source_cmap = font.getBestCmap()
    wanted = wanted_codepoints(shared)
    corpus_han = {c for c in corpus_chars(shared) if is_han(c)}
    subset_font(font, wanted)
    cff_to_glyf(font)
    rename(font)
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    data = buf.getvalue()
    cmap = TTFont(io.BytesIO(data))["cmap"].getBestCmap()
    stats = {
        "glyphs": len(font.getGlyphOrder()),
        "code points": len(cmap),
        "GB2312 hanzi": sum(ord(c) in cmap for c in gb2312_chars(hanzi_only=True)),
        "corpus hanzi outside GB2312": len(corpus_han - gb2312_chars()),
        "corpus hanzi missing from font": "".join(sorted(c for c in corpus_han if ord(c) not in cmap)),
        "wanted code points the source lacks": sum(cp not in source_cmap for cp in wanted),
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return data, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="folder holding bench/ and seeds/ (default: ../shared)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the rebuilt font differs from --out")
    args = parser.parse_args(argv)
    if not SOURCE.exists():
        raise SystemExit(f"{SOURCE} not found: apt-get install -y fonts-noto-cjk")
    data, stats = build(args.shared)
    for key, value in stats.items():
        print(f"{key}: {value}")
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == data
        print("identical to" if same else "DIFFERS from", args.out)
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(args.out)
    print("wrote", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
