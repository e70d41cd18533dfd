"""What an HTML page would fetch: the check that a report page works with the network off.

Shared by the report test (the HTML written) and the browser test (the requests the page
really makes). :func:`external_references` reads a page as a browser would load it, not
as text: a URL in a link a reader may click (``<a href>``) or in a CSS comment is fine; a
URL that the page *loads* is not — in a ``src``/``srcset``/``data``/``poster`` attribute,
in a ``<link href>``, anywhere inside a ``<script>`` (nbconvert's widget loader is an
inline script that builds a ``<script src>`` for unpkg.com at run time), or in a
stylesheet's ``url(…)`` / ``@import``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: An absolute URL on the network (inside a script, any of them counts).
ABSOLUTE = re.compile(r"https?://[^\s\"'<>)\\]+", re.IGNORECASE)
LOADING_ATTRIBUTES = ("src", "srcset", "data", "poster", "background")
CSS_LOAD = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)""", re.IGNORECASE)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _loads_from_network(value: str) -> bool:
    value = value.strip()
    return bool(re.match(r"(?:https?:)?//", value, re.IGNORECASE))


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None  # "script" or "style" while inside one

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in LOADING_ATTRIBUTES:
            for value in (attrs.get(name) or "").split(","):
                url = value.strip().split(" ")[0]
                if url and _loads_from_network(url):
                    self.found.append(f"<{tag} {name}={url}>")
        if tag == "link" and attrs.get("href") and _loads_from_network(attrs["href"]):
            self.found.append(f"<link href={attrs['href']}>")
        if attrs.get("style"):
            self._css(attrs["style"], f"<{tag} style>")
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.found += [f"<script> … {url}" for url in ABSOLUTE.findall(data)]
        elif self._in == "style":
            self._css(data, "<style>")

    def _css(self, css, where):
        for imported, url in CSS_LOAD.findall(CSS_COMMENT.sub("", css)):
            target = imported or url
            if _loads_from_network(target):
                self.found.append(f"{where} {target}")


def external_references(page: str) -> list[str]:
    """What the HTML ``page`` would load from outside its own folder, one string each.

    >>> external_references('<script src="https://cdn.example.org/x.js"></script><a href="https://x.org">x</a>')
    ['<script src=https://cdn.example.org/x.js>']
    >>> external_references("<script>s.src = 'https://unpkg.com/@jupyter-widgets/html-manager@*/dist/embed-amd.js'"
    ...                     "</script>")
    ['<script> … https://unpkg.com/@jupyter-widgets/html-manager@*/dist/embed-amd.js']
    >>> external_references('<style>/* https://github.com/x */ a { background: url(//fonts.example.org/f.woff) }</style>'
    ...                     '<img src="data:image/png;base64,AAAA"><link rel="stylesheet" href="style.css">')
    ['<style> //fonts.example.org/f.woff']
    """
    finder = _Finder()
    finder.feed(page)
    finder.close()
    return finder.found
