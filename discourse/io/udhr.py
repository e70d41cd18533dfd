"""Universal Declaration of Human Rights XML files (Unicode's UDHR in XML, one file per
language), read as one document with a version per language by :func:`read_udhr`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import xml.parsers.expat as expat
from pathlib import Path

import pandas as pd

from ..align import align_paragraphs
from .._reading import read_bytes
from ..errors import InputError
from ..languages.registry import normalize_code
from .common import make_corpus

__all__ = ["read_udhr"]

_UDHR_NS = "{http://efele.net/udhr}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _parse_udhr(path: Path):
    """Parse a UDHR XML file into an element tree, with where each element's text is.

    Returns the root element, the decoded file and ``{element: (start, end)}``: character
    offsets in the decoded file of each element's leading text (before its first child).
    """
    data = read_bytes(path)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(f"is not UTF-8 (byte offset {err.start}); UDHR XML files are UTF-8", path=path,
                         line=line) from None
    builder, parser = ET.TreeBuilder(), expat.ParserCreate(namespace_separator="}")
    stack, spans = [], {}  # spans: element -> [first byte of its text, byte where the text ends]

    def name(raw):
        return "{" + raw if "}" in raw else raw

    def close_text():
        if stack and stack[-1] in spans and spans[stack[-1]][1] is None:
            spans[stack[-1]][1] = parser.CurrentByteIndex

    def start(tag, attrs):
        close_text()
        stack.append(builder.start(name(tag), {name(k): v for k, v in attrs.items()}))

    def data_(text):
        element = stack[-1]
        if element not in spans and len(element) == 0:
            spans[element] = [parser.CurrentByteIndex, None]
        builder.data(text)

    def end(tag):
        close_text()
        builder.end(name(tag))
        stack.pop()

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data_
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        raise InputError(f"is not readable UDHR XML ({expat.ErrorString(err.code)}, column {err.offset + 1})",
                         path=path, line=err.lineno) from None
    root = builder.close()
    chars = {b: len(data[:b].decode("utf-8")) for span in spans.values() for b in span if b is not None}
    return root, decoded, {el: (chars[a], chars[b]) for el, (a, b) in spans.items() if b is not None}


def read_udhr(*paths, doc_id: str = "udhr"):
    """Read Universal Declaration of Human Rights XML files (Unicode's UDHR in XML, one
    file per language) as one document with a version per language.

    Titles and article headings are ``title`` segments, paragraphs ``body``, notes
    ``meta``. Articles and their paragraphs align one to one by position (every
    translation keeps the articles' paragraph counts); the preamble, whose paragraphing
    differs between translations, is aligned by length. ``start``/``end`` are character
    offsets in the decoded file and ``line`` its 1-based line, so ``path[start:end]`` is
    the text (unless the XML escapes a character in it, ``&amp;``, or breaks it over
    lines: runs of whitespace are read as one space).

    Parameters
    ----------
    *paths : str or Path
        ``udhr_cmn_hans.xml``, ``udhr_fra.xml`` … (UTF-8). Language codes are taken from
        the files' ``iso639-3`` / ``xml:lang`` attributes and mapped to ISO 639-1.
    doc_id : str
        The document's id.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import discourse
    >>> files = [discourse.data_path("udhr", f"udhr_{k}.xml") for k in ("cmn_hans", "fra")]
    >>> udhr = read_udhr(*files)
    >>> udhr.langs
    ['fr', 'zh']
    >>> body = udhr.filter(role="body").segments
    >>> body.groupby("lang")["align_id"].nunique().tolist()
    [58, 58]
    """
    versions = {}
    for path in map(Path, paths):
        root, decoded, spans = _parse_udhr(path)
        lang = normalize_code(root.get("iso639-3") or root.get(_XML_LANG))
        units = []  # (unit key, role, text, start, end, line); key None = not aligned

        def add(key, role, element):
            if element is None or element not in spans:
                return
            s, e = spans[element]
            raw = decoded[s:e]
            text = " ".join(raw.split())
            if text:
                s += len(raw) - len(raw.lstrip())
                e -= len(raw) - len(raw.rstrip())
                units.append((key, role, text, s, e, decoded.count("\n", 0, s) + 1))

        add(("title",), "title", root.find(f"{_UDHR_NS}title"))
        for note in root.findall(f"{_UDHR_NS}note"):
            for para in note.iter(f"{_UDHR_NS}para"):
                add(None, "meta", para)
        preamble = root.find(f"{_UDHR_NS}preamble")
        if preamble is not None:
            add(("preamble",), "title", preamble.find(f"{_UDHR_NS}title"))
            for para in preamble.iter(f"{_UDHR_NS}para"):
                add(("preamble-body",), "body", para)
        for article in root.findall(f"{_UDHR_NS}article"):
            number = article.get("number")
            add(("article", number), "title", article.find(f"{_UDHR_NS}title"))
            for k, para in enumerate(article.iter(f"{_UDHR_NS}para")):
                add(("article", number, k), "body", para)
        versions[lang] = (path, units)
    if not versions:
        raise InputError("no UDHR files given")
    pivot = "zh" if "zh" in versions else next(iter(versions))
    keys = list(dict.fromkeys(k for _, units in versions.values() for k, *_ in units if k is not None))
    unit_of = {key: n for n, key in enumerate(keys, start=1)}
    rows = []
    for lang, (path, units) in versions.items():
        for key, role, text, start, end, line in units:
            rows.append(dict(doc_id=doc_id, lang=lang, role=role, text=text, path=str(path),
                             start=start, end=end, line=line, align_id=unit_of.get(key)))
    segments = pd.DataFrame(rows)
    # the preamble's paragraphs: align each version to the pivot by length, numbering
    # the resulting units after the articles'
    pre = segments["align_id"] == unit_of.get(("preamble-body",), -1)
    if pre.any():
        src = segments.index[pre & (segments["lang"] == pivot)].tolist()
        next_id = len(keys) + 1
        unit_ids = {i: next_id + n for n, i in enumerate(src)}
        for lang in versions:
            tgt = segments.index[pre & (segments["lang"] == lang)].tolist()
            if lang == pivot or not tgt:
                continue
            for link in align_paragraphs(segments.loc[src, "text"].tolist(), segments.loc[tgt, "text"].tolist()):
                unit = unit_ids[src[link.src[0]]] if link.src else pd.NA
                for k in link.tgt:
                    segments.at[tgt[k], "align_id"] = unit
        for i, unit in unit_ids.items():
            segments.at[i, "align_id"] = unit
    segments.insert(2, "seg_id", range(len(segments)))
    meta = dict(doc_id=doc_id, title=segments.loc[segments["lang"] == pivot, "text"].iloc[0],
                langs=",".join(sorted(versions)), path=",".join(str(p) for p, _ in versions.values()))
    return make_corpus(segments, [meta])
