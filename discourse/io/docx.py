"""Word documents (``.docx``): the text of their paragraphs, read with python-docx.

:func:`read_docx` reads the paragraphs of the document body in document order — the
paragraphs of tables too, cell by cell, row by row (a merged cell once), and those inside
content controls — and makes one segment of each non-empty one. Paragraphs styled
``Title``, ``Subtitle`` or ``Heading 1`` … ``Heading 9`` are ``title`` segments, the
others ``body``. Headers, footers, footnotes, comments and text boxes are not read.

Offsets: ``start``/``end`` of a segment are offsets into the document's *extracted
text*, :func:`docx_text` — the paragraphs' texts one a line (a line break inside a
paragraph, Shift+Enter, is ``\\n`` and so starts a segment of its own; a tab is ``\\t``),
as python-docx gives them — and ``line`` is the line of that text:
``docx_text(path)[start:end]`` is the segment's text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .._reading import read_bytes
from ..errors import InputError
from .names import DOCX_SUFFIXES
from .paragraphs import extracted_text, paragraph_corpus

__all__ = ["DOCX_SUFFIXES", "docx_paragraphs", "docx_text", "read_docx"]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The text of a paragraph: its runs, hyperlinks, and the runs of tracked insertions,
#: smart tags, simple fields and inline content controls (python-docx's own
#: ``Paragraph.text`` leaves out all but the first two).
_RUNS = ("w:r | w:hyperlink | w:ins/w:r | w:smartTag/w:r | w:fldSimple/w:r | w:sdt/w:sdtContent/w:r"
         " | w:customXml/w:r")
_TITLE_STYLES = ("title", "subtitle", "heading")
#: The most a DOCX may hold uncompressed (its XML is parsed in memory).
_MAX_UNPACKED = 1 << 30
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: an encrypted .docx or an old .doc


def _document(path: Path):
    """The python-docx ``Document`` of ``path``, or an :class:`InputError` saying what is wrong with the file."""
    import docx  # deferred: python-docx (and lxml) only when a .docx is read

    data = read_bytes(path)
    if data.startswith(_OLE):
        raise InputError("is encrypted (password-protected) or an old Word 97-2003 .doc file, not a .docx; "
                         "open it in Word or LibreOffice, remove the password, and save it as .docx", path=path)
    if not data.strip():
        raise InputError("is empty; give a Word document saved as .docx", path=path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError("is not a .docx file (a .docx is a zip archive, and this is not one, or it is cut short); "
                         "save the document again as Word .docx", path=path) from None
    if not any(name.startswith("word/") for name in names):  # Word keeps the document in word/document.xml
        raise InputError("is a zip archive but not a Word document (it has no word/document.xml); give a .docx "
                         "saved by Word, LibreOffice or Google Docs", path=path)
    if unpacked > _MAX_UNPACKED:
        raise InputError(f"unpacks to {unpacked:,} bytes, more than 1 GB; split the document", path=path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises KeyError, ValueError, lxml errors … for a broken package
        raise InputError(f"cannot be read as a Word document ({type(err).__name__}: {err}); open it in Word or "
                         "LibreOffice and save it again as .docx", path=path) from None


def _blocks(element, styles: dict, out: list) -> None:
    """The paragraphs under a body, cell or content control, in document order."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            name = styles.get(child.style, "") if child.style else ""
            role = "title" if name.lower().startswith(_TITLE_STYLES) else "body"
            out.append(("".join(run.text for run in child.xpath(_RUNS)), role, None))
        elif tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):  # a merged cell is one <w:tc>: read once
                    _blocks(cell, styles, out)
        elif tag == f"{_W}sdt":  # a content control: its content
            for content in child.iterchildren(f"{_W}sdtContent"):
                _blocks(content, styles, out)
        elif tag == f"{_W}customXml":
            _blocks(child, styles, out)


def docx_paragraphs(path) -> list[tuple[str, str, None]]:
    """The paragraphs of a Word document, in document order: ``(text, role, None)``.

    Empty paragraphs are kept (they are empty lines of :func:`docx_text`).

    Examples
    --------
    >>> import docx, tempfile, pathlib
    >>> d = docx.Document()
    >>> _ = d.add_heading("Rapport", level=1); _ = d.add_paragraph("La pauvreté recule.")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "r.docx"; d.save(path)
    >>> docx_paragraphs(path)
    [('Rapport', 'title', None), ('La pauvreté recule.', 'body', None)]
    """
    return _paragraphs(_document(Path(path)))


def _paragraphs(document) -> list[tuple[str, str, None]]:
    styles = {style.style_id: style.name or "" for style in document.styles}
    out: list = []
    _blocks(document.element.body, styles, out)
    return out


def docx_text(path) -> str:
    """The extracted text of a Word document: the text the offsets of :func:`read_docx` point into.

    >>> import docx, tempfile, pathlib
    >>> d = docx.Document()
    >>> _ = d.add_paragraph("Un."); _ = d.add_paragraph(""); _ = d.add_paragraph("Deux.")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.docx"; d.save(path)
    >>> docx_text(path)
    'Un.\\n\\nDeux.'
    """
    return extracted_text(docx_paragraphs(path))


def read_docx(path, *, lang: str | None = None, align: str = "length"):
    """Read a Word document (``.docx``): one segment per non-empty paragraph.

    Parameters
    ----------
    path : str or Path
    lang : str, optional
        The language of every paragraph; by default each paragraph's language is
        identified, as the lines of a text file are (:func:`discourse.io.read_mixed`).
    align : {"length", "order"}
        How the language versions of the document are aligned.

    Returns
    -------
    Corpus
        Segments with ``start``/``end`` offsets and ``line`` numbers into
        :func:`docx_text`; the document's ``title`` is its core property, else its first
        heading.

    Examples
    --------
    >>> import docx, tempfile, pathlib
    >>> d = docx.Document()
    >>> _ = d.add_heading("脱贫攻坚", level=1); _ = d.add_paragraph("我们坚决打赢脱贫攻坚战。")
    >>> _ = d.add_heading("Xóa đói giảm nghèo", level=1); _ = d.add_paragraph("Chúng ta kiên quyết thắng trận.")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.docx"; d.save(path)
    >>> read_docx(path).segments[["lang", "role", "align_id", "start", "end"]].values.tolist()
    [['zh', 'title', 1, 0, 4], ['zh', 'body', 2, 5, 17], ['vi', 'title', 1, 18, 36], ['vi', 'body', 2, 37, 68]]
    """
    path = Path(path)
    document = _document(path)
    title = (document.core_properties.title or "").strip()
    return paragraph_corpus(path, _paragraphs(document), lang=lang, align=align, what="Word document",
                            meta={"title": title, "format": "docx"})
