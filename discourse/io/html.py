"""Web pages (``.html``, ``.htm``): the text of their block elements, read with the
standard library's :mod:`html.parser`.

:func:`read_html` makes one segment of each paragraph of the page: the text of each
block element — ``p``, ``h1`` … ``h6``, ``li``, ``td``/``th``, ``blockquote``, ``pre``,
``dt``/``dd``, ``caption``, ``figcaption``, and the text a ``div`` (``section``,
``article``, ``body`` …) holds directly, outside its inner blocks. Headings are ``title``
segments, the rest ``body``; a ``<br>`` starts a new segment. The contents of
``script``, ``style``, ``nav``, ``noscript``, ``template`` and ``svg`` are dropped, as is
everything in comments; the page's ``<title>`` is the document's ``title`` metadata.
Entities are decoded (``&amp;`` → ``&``, ``&nbsp;`` → U+00A0), and runs of HTML
whitespace inside a paragraph become one space (``pre`` keeps its line breaks).

Languages: the ``lang`` (or ``xml:lang``) attribute in force on a paragraph decides —
``<html lang="zh-CN">`` makes the page Chinese, ``<p lang="fr">`` that paragraph French
(a language the package does not read, ``lang="de"``, is ``und``, kept and counted);
paragraphs with no ``lang`` around them (or ``lang=""``) are identified as the lines of
a text file are. ``lang=`` given to :func:`read_html` sets every paragraph's.

Malformed HTML is read as browsers read it, best effort: unclosed ``p``, ``li``, ``td``
and ``tr`` are closed by the next one, a stray end tag is ignored. A binary file named
``.html`` is refused, as every reader refuses one.

Offsets: ``start``/``end`` are offsets into the page's *extracted text*,
:func:`html_text` — its paragraphs one a line — and ``line`` is the line of that text:
``html_text(path)[start:end]`` is the segment's text (offsets into the HTML source
would point into markup and entities).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .._reading import read_bytes
from ..errors import InputError
from ..languages.registry import normalize_code
from .decoding import decode
from .names import HTML_SUFFIXES
from .paragraphs import extracted_text, paragraph_corpus

__all__ = ["HTML_SUFFIXES", "html_paragraphs", "html_text", "read_html"]


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements whose start and end end the paragraph before them.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "html",
    "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "title", "option", "textarea", *_HEADINGS,
})
#: Elements whose content is not text of the page.
_DROPPED = frozenset({"script", "style", "nav", "noscript", "template", "svg", "math", "select"})
#: Elements that have no end tag.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "basefont", "bgsound", "frame", "keygen"})
#: A start tag that closes an open ``p`` (the HTML standard's list).
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer",
    "form", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul", *_HEADINGS,
})
#: A start tag -> the open elements it closes, and the elements that stop the search.
_IMPLIED = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
    "option": ({"option"}, {"select", "datalist"}),
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\n\r\f]+")
_AROUND_BREAK = re.compile(r" *\n *")


class _Page(HTMLParser):
    """One pass over a page: its paragraphs ``(text, role, lang)`` and its ``<title>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang in force)
        self.paragraphs: list[tuple[str, str, str | None]] = []
        self.title: str | None = None
        self.buffer: list[str] = []
        self.where: tuple[str, str | None] | None = None  # role and lang of the paragraph being read
        self.dropped = self.pre = 0

    # ---------------------------------------------------------------- the open elements
    def _lang(self) -> str | None:
        return self.stack[-1][1] if self.stack else None

    def _push(self, tag: str, attrs) -> None:
        lang = self._lang()
        for name, value in attrs:
            if name in ("lang", "xml:lang") and value is not None:
                lang = normalize_code(value) if value.strip() else None
        self.stack.append((tag, lang))
        self.dropped += tag in _DROPPED
        self.pre += tag in ("pre", "textarea")

    def _pop_to(self, k: int) -> None:
        """Close the open elements from index ``k`` up."""
        while len(self.stack) > k:
            tag, _ = self.stack.pop()
            self.dropped -= tag in _DROPPED
            self.pre -= tag in ("pre", "textarea")

    def _close_implied(self, tag: str) -> None:
        if tag in _CLOSES_P:
            for k in range(len(self.stack) - 1, -1, -1):
                open_tag = self.stack[k][0]
                if open_tag == "p":
                    self._pop_to(k)
                    break
                if open_tag in _BLOCKS:
                    break
        if tag in _IMPLIED:
            closes, stops = _IMPLIED[tag]
            for k in range(len(self.stack) - 1, -1, -1):
                open_tag = self.stack[k][0]
                if open_tag in closes:
                    self._pop_to(k)
                    break
                if open_tag in stops:
                    break

    # ---------------------------------------------------------------- paragraphs
    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        where, self.where = self.where, None
        if where is None:
            return
        role, lang = where
        if role == "head title":
            self.title = " ".join(text.split()) or self.title
            return
        text = "\n".join(line.strip(" ") for line in _AROUND_BREAK.split(text) if line.strip())
        if text.strip():
            self.paragraphs.append((text, role, lang))

    def _role(self) -> str:
        for tag, _ in reversed(self.stack):
            if tag == "title":
                return "head title"
            if tag in _HEADINGS:
                return "title"
            if tag in _BLOCKS:
                return "body"
        return "body"

    # ---------------------------------------------------------------- parser events
    def handle_starttag(self, tag, attrs):
        if self.dropped:
            if tag not in _VOID:
                self._push(tag, attrs)
            return
        if tag == "br":
            self.buffer.append("\n")
            return
        if tag in _BLOCKS:
            self._flush()
            self._close_implied(tag)
        if tag not in _VOID:
            self._push(tag, attrs)

    def handle_startendtag(self, tag, attrs):  # <br/>, <p/> …
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        at = next((k for k in range(len(self.stack) - 1, -1, -1) if self.stack[k][0] == tag), None)
        if at is None:
            if tag in ("br", "p") and not self.dropped:  # browsers read </br> as <br>, </p> as <p></p>
                self._flush()
            return  # a stray end tag
        if not self.dropped and tag in _BLOCKS:
            self._flush()
        self._pop_to(at)

    def handle_data(self, data):
        if self.dropped:
            return
        if not self.pre:
            data = _SPACE.sub(" ", data)
        if self.where is None:
            if not data.strip():
                return
            self.where = (self._role(), self._lang())
        self.buffer.append(data)

    def close(self):
        super().close()
        self._flush()


def _page_text(path: Path, encoding: str | None, errors: str) -> str:
    """The decoded page: with ``encoding`` if given; else as any text file
    (:func:`discourse.io.decode`, which refuses a binary file), in the ``<meta charset>``
    the page declares when that differs from the one detected and its bytes decode so."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError("is empty; give a web page with text in it", path=path)
    text, used = decode(data, path=path, encoding=encoding, errors=errors)
    declared = _CHARSET.search(data[:4096])
    if encoding is None and declared and used not in ("utf-8", "utf-8-sig") and errors == "strict":
        try:
            return decode(data, path=path, encoding=declared[1].decode("ascii"))[0]
        except InputError:
            pass  # a wrong or unknown declaration: the detected encoding
    return text


def html_paragraphs(path, *, encoding: str | None = None, encoding_errors: str = "strict") -> tuple[list, str | None]:
    """The paragraphs of a web page in reading order, ``(text, role, lang)`` (``lang``:
    the one its ``lang`` attributes declare, else ``None``), and the page's ``<title>``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "p.html"
    >>> _ = path.write_text('<html lang="zh-CN"><title>报告</title><script>x=1</script><h1>脱贫</h1>'
    ...                     '<p>攻坚&amp;战<p lang="fr">La  pauvreté<br>recule', encoding="utf-8")
    >>> html_paragraphs(path)
    ([('脱贫', 'title', 'zh'), ('攻坚&战', 'body', 'zh'), ('La pauvreté\\nrecule', 'body', 'fr')], '报告')
    """
    text = _page_text(Path(path), encoding, encoding_errors)
    page = _Page()
    page.feed(text)
    page.close()
    return page.paragraphs, page.title


def html_text(path, *, encoding: str | None = None, encoding_errors: str = "strict") -> str:
    """The extracted text of a web page: the text the offsets of :func:`read_html` point into.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "p.htm"
    >>> _ = path.write_text("<ul><li>Un<li>Deux</ul><div>Trois <b>et</b> quatre<p>Cinq</div>", encoding="utf-8")
    >>> html_text(path)
    'Un\\nDeux\\nTrois et quatre\\nCinq'
    """
    return extracted_text(html_paragraphs(path, encoding=encoding, encoding_errors=encoding_errors)[0])


def read_html(path, *, lang: str | None = None, encoding: str | None = None, encoding_errors: str = "strict",
              align: str = "length"):
    """Read a web page (``.html``, ``.htm``): one segment per paragraph.

    Parameters
    ----------
    path : str or Path
    lang : str, optional
        The language of every paragraph, whatever the page's ``lang`` attributes say.
    encoding, encoding_errors :
        As in :func:`discourse.io.read_mixed` (the encoding is detected when not given).
    align : {"length", "order"}
        How the language versions of the page are aligned.

    Returns
    -------
    Corpus
        Segments with ``start``/``end`` offsets and ``line`` numbers into :func:`html_text`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "page.html"
    >>> _ = path.write_text('<html lang="zh-CN"><h1>脱贫攻坚</h1><p>我们打赢了脱贫攻坚战。</p>'
    ...                     '<div lang="fr"><h1>La pauvreté</h1><p>Nous avons gagné la bataille.</p></div>',
    ...                     encoding="utf-8")
    >>> read_html(path).segments[["lang", "role", "align_id", "text"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['zh', 'title', 1, '脱贫攻坚'], ['zh', 'body', 2, '我们打赢了脱贫攻坚战。'],
     ['fr', 'title', 1, 'La pauvreté'], ['fr', 'body', 2, 'Nous avons gagné la bataille.']]
    """
    path = Path(path)
    paragraphs, title = html_paragraphs(path, encoding=encoding, encoding_errors=encoding_errors)
    return paragraph_corpus(path, paragraphs, lang=lang, align=align, what="web page",
                            meta={"title": title, "format": "html"})
