"""Translation memories: TMX 1.4 and XLIFF 1.2 / 2.x in, TMX (and bilingual XLIFF 2.0) out.

A translation memory is already sentence-aligned: each TMX ``<tu>`` (XLIFF
``<trans-unit>`` / ``<unit>``) is one unit whose variants translate each other. Reading
one gives a :class:`~discourse.corpus.Corpus` whose segments are those variants
(``role`` ``body``), one ``align_id`` per unit, numbered 1, 2 … within each document,
with ``start``/``end`` the character offsets of the text in the decoded file and
``line`` its line (``path[start:end]`` is the text unless the XML escapes a character
in it or the segment holds inline markup). Language tags are normalised
(``zh-CN`` → ``zh``, ``fr-FR`` → ``fr``); a tag of a language the package does not know
is refused, naming the file and line.

Documents: a TMX file is one document (its file name), unless its units carry a
``<prop type="x-doc_id">`` (as :func:`write_tmx` writes); an XLIFF ``<file>`` is one
document (its ``original`` or ``id`` attribute).
"""

from __future__ import annotations

import codecs
import html
import re
import xml.parsers.expat as expat
from pathlib import Path

import pandas as pd

from .._util import atomic_write
from ..corpus import Corpus
from ..errors import InputError
from ..languages.registry import LANGS, normalize_code

__all__ = ["read_tmx", "read_xliff", "write_tmx", "write_xliff"]

_XML_LANG = "http://www.w3.org/XML/1998/namespace}lang"
#: Inline elements whose content is native code (formatting tags of the source
#: document), not text: TMX 1.4 and XLIFF 1.2 ``bpt ept it ph ut``, and ``sub`` (a
#: sub-flow, e.g. a footnote's text inside a sentence).
_CODE = frozenset({"bpt", "ept", "it", "ph", "ut", "sub"})
_MAX_BYTES = 1 << 30


# ------------------------------------------------------------------------ parsing
class _Parse:
    """One pass of expat over a file: the elements' names, attributes and the text of
    the elements named in ``text_of`` (inline code left out), with where it is."""

    def __init__(self, path: Path, text_of: frozenset):
        self.path, self.text_of = path, text_of
        self.stack: list[tuple[str, dict]] = []
        self.events: list[tuple] = []  # ("start", name, attrs, line) | ("end", name) | ("text", text, b0, b1, line)
        self._buffer: list[str] | None = None
        self._skip = 0
        self._first_byte = None

    def run(self) -> list[tuple]:
        path = self.path
        try:
            if not path.is_file():
                raise InputError("is not a regular file; give a .tmx or .xlf file", path=path)
            if path.stat().st_size > _MAX_BYTES:
                raise InputError("is larger than 1 GB; split the translation memory", path=path)
            data = path.read_bytes()
        except OSError as err:
            raise InputError(f"cannot be read ({err.strerror or err}); check the path", path=path) from None
        parser = expat.ParserCreate(namespace_separator="}")
        parser.EntityDeclHandler = self._refuse_entities  # no entity expansion: bounded memory
        parser.StartElementHandler, parser.EndElementHandler = self._start, self._end
        parser.CharacterDataHandler = self._data
        self.parser = parser
        try:
            parser.Parse(data, True)
        except expat.ExpatError as err:
            raise InputError(f"is not well-formed XML ({expat.ErrorString(err.code)}, column {err.offset + 1}); "
                             "check the file is a complete TMX or XLIFF export", path=path, line=err.lineno) from None
        self.data, self.encoding = data, _encoding(data)
        return self.events

    def char_offsets(self, byte_offsets) -> dict[int, int]:
        """Byte offset in the file -> character offset in :meth:`decoded` (one pass)."""
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        out, chars, last = {}, 0, 0
        for b in sorted(set(byte_offsets)):
            chars += len(decoder.decode(self.data[last:b]))
            out[b], last = chars, b
        return out

    def decoded(self) -> str:
        return self.data.decode(self.encoding, errors="replace")

    def _refuse_entities(self, name, *args):
        raise InputError(f"declares the XML entity {name!r}; translation memories with entity declarations are "
                         "not read (they can expand without bound)", path=self.path,
                         line=self.parser.CurrentLineNumber)

    def _start(self, raw, attrs):
        name = raw.rsplit("}", 1)[-1]
        attrs = {k.rsplit("}", 1)[-1] if not k.endswith(_XML_LANG) else "xml:lang": v for k, v in attrs.items()}
        line = self.parser.CurrentLineNumber
        if self._buffer is not None:
            if name in _CODE:
                self._skip += 1
            elif name == "cp" and not self._skip:  # XLIFF 2 <cp hex="…"/>: a character XML cannot hold
                try:
                    self._buffer.append(chr(int(attrs.get("hex", ""), 16)))
                except ValueError:
                    pass
            return
        self.events.append(("start", name, attrs, line))
        if name in self.text_of:
            self._buffer, self._skip, self._line = [], 0, line
            self._first_byte = None

    def _end(self, raw):
        name = raw.rsplit("}", 1)[-1]
        if self._buffer is not None:
            if name in _CODE:
                self._skip -= 1
                return
            if name not in self.text_of:
                return
            text = "".join(self._buffer)
            first = self.parser.CurrentByteIndex if self._first_byte is None else self._first_byte
            self.events.append(("text", text, first, self.parser.CurrentByteIndex, self._line))
            self._buffer = None
        self.events.append(("end", name))

    def _data(self, text):
        if self._buffer is None or self._skip:
            return
        if self._first_byte is None:
            self._first_byte = self.parser.CurrentByteIndex
        self._buffer.append(text)


_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _encoding(data: bytes) -> str:
    """The codec of an XML file: its byte-order mark, else its declaration, else UTF-8."""
    if data[:3] == codecs.BOM_UTF8:
        return "utf-8-sig"
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    declared = _DECLARED.match(data[:200])
    name = declared[1].decode("ascii") if declared else "utf-8"
    try:
        codecs.lookup(name)
    except LookupError:
        return "utf-8"
    return "utf-8-sig" if codecs.lookup(name).name == "utf-8" else name


def _lang(tag, *, path, line) -> str:
    code = normalize_code(tag, default="")
    if not code:
        raise InputError(f"has the language tag {tag!r}, not one of {', '.join(LANGS)} (ISO 639-1, with a region "
                         "such as zh-CN or fr-FR if you like; 'und' for unknown)", path=path, line=line)
    return code


def _build(path: Path, units: list[dict], parse: _Parse, kind: str) -> Corpus:
    """units: dicts with doc_id, role, and variants [(lang, text, b0, b1, line)]."""
    if not units:
        raise InputError(f"holds no translation unit ({kind}); is it an empty export?", path=path)
    offsets = parse.char_offsets([b for u in units for *_, b0, b1, _ in u["variants"] for b in (b0, b1)])
    decoded = parse.decoded()
    rows, numbers = [], {}
    for unit in units:
        doc = unit["doc_id"]
        align_id = numbers[doc] = numbers.get(doc, 0) + 1
        for lang, text, b0, b1, line in unit["variants"]:
            start, end = offsets.get(b0, 0), offsets.get(b1, 0)
            stripped = text.strip()
            if not stripped:
                continue
            if decoded[start:end] == text:  # exact: trim the whitespace off the offsets too
                start += len(text) - len(text.lstrip())
                end -= len(text) - len(text.rstrip())
            rows.append(dict(doc_id=doc, lang=lang, align_id=align_id, role=unit["role"], text=stripped,
                             path=str(path), start=start, end=end, line=line))
    segments = pd.DataFrame(rows)
    segments.insert(2, "seg_id", segments.groupby("doc_id", sort=False).cumcount())
    docs = [dict(doc_id=d, path=str(path), format=kind,
                 langs=",".join(sorted(set(segments.loc[segments["doc_id"] == d, "lang"]))))
            for d in pd.unique(segments["doc_id"])]
    return Corpus(segments, pd.DataFrame(docs))


# --------------------------------------------------------------------------- TMX
def read_tmx(path) -> Corpus:
    """Read a TMX (1.4; 1.1–1.3 read too) translation memory as an aligned corpus.

    Each ``<tu>`` is one aligned unit; each ``<tuv xml:lang="…">`` a segment in its
    language (``<seg>`` text, inline codes ``<bpt> <ept> <ph> <it> <ut>`` left out).

    Examples
    --------
    >>> import discourse, tempfile, pathlib
    >>> tmx = pathlib.Path(tempfile.mkdtemp()) / "tm.tmx"
    >>> _ = tmx.write_text('<tmx version="1.4"><header srclang="zh-CN"/><body>'
    ...                    '<tu><tuv xml:lang="zh-CN"><seg>脱贫攻坚。</seg></tuv>'
    ...                    '<tuv xml:lang="fr-FR"><seg>La lutte contre la pauvreté.</seg></tuv></tu>'
    ...                    '</body></tmx>', encoding="utf-8")
    >>> read_tmx(tmx).segments[["doc_id", "lang", "align_id", "text"]].values.tolist()
    [['tm', 'zh', 1, '脱贫攻坚。'], ['tm', 'fr', 1, 'La lutte contre la pauvreté.']]
    """
    path = Path(path)
    parse = _Parse(path, frozenset({"seg", "prop"}))
    events = parse.run()
    if not events or events[0][1] != "tmx":
        raise InputError("is not a TMX file (its root element is not <tmx>); export the memory as TMX 1.4",
                         path=path, line=events[0][3] if events else None)
    units, unit, lang, prop = [], None, None, None
    for event in events:
        if event[0] == "start":
            _, name, attrs, line = event
            if name == "tu":
                unit = dict(doc_id=path.stem, role="body", variants=[], line=line)
            elif name == "tuv" and unit is not None:
                tag = attrs.get("xml:lang") or attrs.get("lang")
                if not tag:
                    raise InputError("has a <tuv> without xml:lang; every variant needs its language", path=path,
                                     line=line)
                lang = _lang(tag, path=path, line=line)
            elif name == "prop" and unit is not None:
                prop = attrs.get("type")
        elif event[0] == "text":
            _, text, b0, b1, line = event
            if prop is not None:
                if prop == "x-doc_id" and text.strip():
                    unit["doc_id"] = text.strip()
                elif prop == "x-role" and text.strip() in ("title", "body", "meta"):
                    unit["role"] = text.strip()
                prop = None
            elif unit is not None and lang is not None:
                unit["variants"].append((lang, text, b0, b1, line))
        elif event[1] == "tu" and unit is not None:
            units.append(unit)
            unit = None
        elif event[1] == "tuv":
            lang = None
    return _build(path, units, parse, "TMX")


def _tmx_text(text: str) -> str:
    return html.escape(text, quote=False)


def write_tmx(corpus, path, *, force: bool = False, srclang: str = "*all*") -> Path:
    """Write a corpus as a TMX 1.4 translation memory: one ``<tu>`` per aligned unit of
    each document (the variants of a language in a unit joined by a space, or nothing
    for Chinese), with the document and role as ``<prop>`` s so :func:`read_tmx` reads the
    same units back. Segments without an ``align_id`` are units of their own.

    Examples
    --------
    >>> import discourse, tempfile, pathlib
    >>> corpus = discourse.load_corpus()
    >>> path = write_tmx(corpus, pathlib.Path(tempfile.mkdtemp()) / "tm.tmx")
    >>> again = read_tmx(path)
    >>> bool(len(again.filter(lang="zh")) == corpus.alignment().groupby("doc_id").size().sum())
    True
    """
    path = Path(path)
    if path.exists() and not force:
        raise InputError("exists already; choose another name or pass force=True (--force)", path=path)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
           f'<header creationtool="discourse" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
           f'adminlang="en" srclang="{html.escape(srclang)}" o-tmf="discourse"/>', "<body>"]
    for unit in _units(corpus):
        out.append("<tu>")
        out.append(f'<prop type="x-doc_id">{_tmx_text(unit["doc_id"])}</prop>')
        out.append(f'<prop type="x-role">{unit["role"]}</prop>')
        for lang, text in unit["variants"]:
            out.append(f'<tuv xml:lang="{lang}"><seg>{_tmx_text(text)}</seg></tuv>')
        out.append("</tu>")
    out += ["</body>", "</tmx>"]
    return atomic_write(path, "\n".join(out) + "\n")


def _units(corpus) -> list[dict]:
    """The corpus's aligned units in reading order: doc_id, role, [(lang, text)]."""
    seg = corpus.segments
    key = seg["align_id"].astype("Int64").astype(object).where(seg["align_id"].notna(), None)
    seg = seg.assign(_unit=[a if a is not None else f"s{s}" for a, s in zip(key, seg["seg_id"])])
    units = []
    for (doc, _), rows in seg.groupby(["doc_id", "_unit"], sort=False):
        variants = []
        for lang, part in rows.groupby("lang", sort=False):
            sep = "" if lang == "zh" else " "
            variants.append((lang, sep.join(part["text"])))
        units.append(dict(doc_id=doc, role=rows["role"].iloc[0], variants=variants))
    return units


# -------------------------------------------------------------------------- XLIFF
def read_xliff(path) -> Corpus:
    """Read an XLIFF 1.2 or 2.x file (bilingual: source and target) as an aligned corpus.

    XLIFF 1.2: each ``<trans-unit>`` (``<source>``, ``<target>``) is one unit, the
    languages from ``<file source-language target-language>``; XLIFF 2.x: each
    ``<segment>`` of a ``<unit>``, the languages from ``<xliff srcLang trgLang>``.
    Units with no target keep their source segment alone. Each ``<file>`` is a document.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> xlf = pathlib.Path(tempfile.mkdtemp()) / "doc.xlf"
    >>> _ = xlf.write_text('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh-CN" '
    ...                    'trgLang="vi-VN"><file id="f1"><unit id="1"><segment><source>军令状</source>'
    ...                    '<target>quân lệnh trạng</target></segment></unit></file></xliff>', encoding="utf-8")
    >>> read_xliff(xlf).segments[["doc_id", "lang", "align_id", "text"]].values.tolist()
    [['f1', 'zh', 1, '军令状'], ['f1', 'vi', 1, 'quân lệnh trạng']]
    """
    path = Path(path)
    parse = _Parse(path, frozenset({"source", "target"}))
    events = parse.run()
    if not events or events[0][1] != "xliff":
        raise InputError("is not an XLIFF file (its root element is not <xliff>); export as XLIFF 1.2 or 2.x",
                         path=path, line=events[0][3] if events else None)
    root = events[0][2]
    v2 = str(root.get("version", "1.2")).startswith("2")
    langs = {"source": root.get("srcLang"), "target": root.get("trgLang")}
    unit_tag = "segment" if v2 else "trans-unit"
    units, unit, doc, line_of = [], None, path.stem, {}
    for event in events:
        if event[0] == "start":
            _, name, attrs, line = event
            if name == "file":
                doc = attrs.get("original") or attrs.get("id") or path.stem
                if not v2:
                    langs = {"source": attrs.get("source-language"), "target": attrs.get("target-language")}
            elif name == unit_tag:
                unit = dict(doc_id=doc, role="body", variants=[])
            elif name in ("source", "target") and unit is not None:
                line_of[name] = line
                tag = attrs.get("xml:lang") or langs[name]
                if not tag:
                    raise InputError(f"has a <{name}> with no language (no {'srcLang/trgLang' if v2 else 'source-language/target-language'} "
                                     "attribute); add it to the file header", path=path, line=line)
                unit["current"] = _lang(tag, path=path, line=line)
        elif event[0] == "text" and unit is not None and "current" in unit:
            _, text, b0, b1, line = event
            unit["variants"].append((unit.pop("current"), text, b0, b1, line))
        elif event[0] == "end" and event[1] == unit_tag and unit is not None:
            unit.pop("current", None)
            units.append(unit)
            unit = None
    if not units:
        raise InputError(f"holds no translation unit (<{unit_tag}>); is it an empty export?", path=path)
    return _build(path, units, parse, "XLIFF")


def write_xliff(corpus, path, *, source: str, target: str, force: bool = False) -> Path:
    """Write the units of two languages of a corpus as XLIFF 2.0 (one ``<file>`` per
    document, one ``<unit>`` per aligned unit holding a source, and a target where the
    unit has one), read back by :func:`read_xliff`.

    Examples
    --------
    >>> import discourse, tempfile, pathlib
    >>> corpus = discourse.load_corpus().filter(lang=["zh", "fr"])
    >>> path = write_xliff(corpus, pathlib.Path(tempfile.mkdtemp()) / "zh-fr.xlf", source="zh", target="fr")
    >>> read_xliff(path).langs
    ['fr', 'zh']
    """
    path = Path(path)
    if path.exists() and not force:
        raise InputError("exists already; choose another name or pass force=True (--force)", path=path)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="{source}" '
           f'trgLang="{target}">']
    doc, n = None, 0
    for unit in _units(corpus):
        variants = dict(unit["variants"])
        if source not in variants:
            continue
        if unit["doc_id"] != doc:
            if doc is not None:
                out.append("</file>")
            doc = unit["doc_id"]
            out.append(f'<file id="{html.escape(doc)}" original="{html.escape(doc)}">')
        n += 1
        target_xml = f"<target>{_tmx_text(variants[target])}</target>" if target in variants else ""
        out.append(f'<unit id="u{n}"><segment><source>{_tmx_text(variants[source])}</source>{target_xml}'
                   "</segment></unit>")
    if doc is not None:
        out.append("</file>")
    out.append("</xliff>")
    return atomic_write(path, "\n".join(out) + "\n")
