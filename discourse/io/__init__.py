"""Input: reading files into a :class:`~discourse.corpus.Corpus`, and the bundled corpora.

Five layouts are read, each keeping character offsets back to the original text:

* **mixed-language files** like the seeds (:func:`read_mixed`): one file holds several
  language versions of one document, one paragraph a line; paragraphs are identified by
  language, titles and the header block (title, bracketed series name, ``date | source``
  line, repeated title) are recognised, and the versions' paragraphs are aligned;
* **one file per language version**, named ``NAME.zh.txt``, ``NAME_fr.txt`` or
  ``NAME-vi.txt`` (:func:`read_versions`; :func:`read` groups such files wherever it
  meets them);
* **line-aligned parallel files**, one sentence a line in each language
  (:func:`read_parallel`);
* **a table** (CSV, TSV, JSON Lines, or a DataFrame) with ``doc_id, lang, text`` and
  optional ``align_id`` and metadata columns (:func:`read_table`);
* **Word documents and web pages** (``.docx``: :func:`read_docx`; ``.html``, ``.htm``:
  :func:`read_html`): one segment per paragraph, offsets into the extracted text
  (:func:`docx_text`, :func:`html_text`);
* **translation memories**, TMX 1.4 and XLIFF 1.2 / 2.x, whose units are aligned
  sentences (:func:`read_tmx`, :func:`read_xliff`; written by :func:`write_tmx`,
  :func:`write_xliff`).

:func:`read` picks the reader from what it is given. Nothing is dropped: lines that are
not body text become ``title`` or ``meta`` segments, paragraphs of no language we know
are kept with language ``und``, and the whitespace between segments is the only text no
segment covers.

:func:`load_corpus` picks a corpus: one of the :data:`BUNDLED` corpora, or files read
with :func:`read`. The modules:

* :mod:`discourse.io.decoding` — bytes to text (byte-order marks, encodings, binary
  files), :func:`split_lines`;
* :mod:`discourse.io.text` — :func:`read_mixed`, :func:`read_parallel`;
* :mod:`discourse.io.names` — file names: tables, text, language-version suffixes;
* :mod:`discourse.io.table` — :func:`read_table` (CSV, TSV, JSON Lines, ``.xlsx`` through
  :mod:`discourse.io.xlsx`, DataFrame);
* :mod:`discourse.io.docx`, :mod:`discourse.io.html` — Word documents and web pages, their
  paragraphs made a corpus by :mod:`discourse.io.paragraphs`;
* :mod:`discourse.io.udhr` — :func:`read_udhr`;
* :mod:`discourse.io.tm` — translation memories in and out;
* :mod:`discourse.io.files` — :func:`read`, :func:`read_file`, :func:`read_versions`,
  :func:`concat`;
* :mod:`discourse.io.bundled` — :func:`load_corpus`, :data:`BUNDLED`.

Every reader builds a :class:`~discourse.corpus.Corpus`; :mod:`discourse.corpus` imports
nothing from here. The saved-corpus format is :meth:`Corpus.save <discourse.corpus.Corpus.save>`
and :meth:`Corpus.load <discourse.corpus.Corpus.load>`.

Examples
--------
>>> import discourse.io
>>> discourse.io.load_corpus("udhr").langs
['en', 'fr', 'vi', 'zh']
"""

from __future__ import annotations

from discourse._lazy import lazy_exports

#: public name -> the module of this package that defines it, imported on first use: reading
#: a table imports no HTML parser, XML reader or translation-memory code
_EXPORTS = {
    "BUNDLED": "bundled",
    "load_corpus": "bundled",
    "decode": "decoding",
    "split_lines": "decoding",
    "docx_text": "docx",
    "read_docx": "docx",
    "concat": "files",
    "read": "files",
    "read_file": "files",
    "read_versions": "files",
    "html_text": "html",
    "read_html": "html",
    "read_table": "table",
    "read_mixed": "text",
    "read_parallel": "text",
    "read_tmx": "tm",
    "read_xliff": "tm",
    "write_tmx": "tm",
    "write_xliff": "tm",
    "read_udhr": "udhr",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
