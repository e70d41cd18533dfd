"""A corpus from paragraphs extracted out of a document format (DOCX, HTML).

The readers of :mod:`discourse.io.docx` and :mod:`discourse.io.html` give the paragraphs
they find, in reading order, each with its role and, where the file declares it, its
language. :func:`extracted_text` joins them into the document's *extracted text* — one
paragraph a line, a line break inside a paragraph (Shift+Enter, ``<br>``) a line of its
own — and :func:`paragraph_corpus` makes one segment of each non-blank line of it, with
``start``/``end`` offsets and ``line`` numbers into that text, so that
``extracted_text(paragraphs)[start:end] == text`` for every segment.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from .. import languages  # languages.identify_lines loads on first use: a table read needs none
from ..align import align_document
from ..errors import DiscourseWarning, InputError
from .common import check_lang, line_spans, make_corpus

__all__ = ["extracted_text", "paragraph_corpus"]


def extracted_text(paragraphs: list[tuple]) -> str:
    """The extracted text of ``paragraphs`` (``(text, role, lang)`` tuples): their texts, one a line.

    >>> extracted_text([("Titre", "title", None), ("La pauvreté.", "body", "fr")])
    'Titre\\nLa pauvreté.'
    """
    return "\n".join(text for text, _, _ in paragraphs)


def paragraph_corpus(path, paragraphs: list[tuple], *, lang: str | None = None, meta: dict | None = None,
                     align: str = "length", what: str = "document"):
    """The corpus of one document read as ``paragraphs``: ``(text, role, lang)`` tuples in reading order.

    A paragraph's ``lang`` (a code the package reads, ``und``, or ``None``) is the
    language the file declares for it; ``None`` paragraphs are identified as a text
    file's lines are (:func:`discourse.languages.identify_lines`, judged together);
    ``lang`` given here is the language of every paragraph. Versions are aligned as in
    :func:`discourse.io.read_mixed` (``align``). Segments of unknown language are kept
    as ``und``, with a warning naming their lines.

    Parameters
    ----------
    path : str or Path
        The file read (the document id is its name without the suffix).
    paragraphs : list of (str, str, str or None)
    lang : str, optional
    meta : dict, optional
        More document metadata (``title`` …).
    align : {"length", "order"}
    what : str
        What the file is, for the message when it holds no text ("Word document" …).

    Returns
    -------
    Corpus

    Examples
    --------
    >>> paragraphs = [("Rapport", "title", None), ("La pauvreté recule dans les campagnes.", "body", None),
    ...               ("贫困减少。", "body", "zh")]
    >>> corpus = paragraph_corpus("r.html", paragraphs)
    >>> corpus.segments[["lang", "role", "start", "end", "line"]].values.tolist()
    [['fr', 'title', 0, 7, 1], ['fr', 'body', 8, 46, 2], ['zh', 'body', 47, 52, 3]]
    """
    path = Path(path)
    if lang is not None:
        check_lang(lang, path=path)
    text = extracted_text(paragraphs)
    spans = line_spans(text, numbers=True)
    if not spans:
        raise InputError(f"holds no text (an empty {what}, or only images and fields); give a {what} with "
                         "paragraphs of text", path=path)
    # the paragraph of each line: paragraph k covers text[first[k]:first[k] + len(text_k)]
    firsts, at = [], 0
    for para, _, _ in paragraphs:
        firsts.append(at)
        at += len(para) + 1
    rows, k = [], 0
    for start, end, number in spans:
        while k + 1 < len(firsts) and firsts[k + 1] <= start:
            k += 1
        _, role, declared = paragraphs[k]
        rows.append(dict(doc_id=path.stem, lang=lang or declared, role=role, text=text[start:end], path=str(path),
                         start=start, end=end, line=number))
    if lang is None and any(row["lang"] is None for row in rows):
        found = languages.identify_lines([row["text"] for row in rows])
        for row, guess in zip(rows, found):
            if row["lang"] is None:
                row["lang"] = guess
    und = [row["line"] for row in rows if row["lang"] == "und" and row["role"] == "body"]
    if und:
        where = ", ".join(map(str, und[:5])) + (" …" if len(und) > 5 else "")
        warnings.warn(f"{path}: {len(und)} paragraph(s) of unknown language kept as 'und' (line {where} of the "
                      "extracted text); give lang= (--lang) to set it", DiscourseWarning, stacklevel=3)
    segments = align_document(pd.DataFrame(rows), how=align)
    record = {"doc_id": path.stem, "path": str(path)}
    title = next((row["text"] for row in rows if row["role"] == "title"), None)
    if title is not None:
        record["title"] = title
    record.update({key: value for key, value in (meta or {}).items() if value})
    record["langs"] = ",".join(sorted(set(segments["lang"]) - {"und"}))
    return make_corpus(segments, [record])
