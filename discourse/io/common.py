"""What every reader of :mod:`discourse.io` shares: the segment columns, the language
check, and building a :class:`~discourse.corpus.Corpus` from the rows read."""

from __future__ import annotations

import re
from itertools import chain
from operator import itemgetter

import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..errors import InputError
from ..languages.registry import LANGS

__all__ = ["SEGMENT_COLUMNS", "check_lang", "line_spans", "lines_of", "make_corpus"]

SEGMENT_COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "role", "text", "path", "start", "end", "line"]

#: A line's text without its surrounding whitespace: from its first non-blank character to
#: its last, lines ending at LF, CRLF or CR only (as :func:`discourse.io.decoding.split_lines`)
_TRIMMED_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")


def line_spans(text: str, *, numbers: bool = False) -> list[tuple[int, ...]]:
    """The non-blank lines of ``text``: ``(start, end)``, or ``(start, end, line_number)``
    with ``numbers`` — :func:`discourse.io.decoding.split_lines`, in one pass of one
    regular expression (the readers' hot path).

    >>> line_spans("a\\r\\n\\n  b \\n")
    [(0, 1), (6, 7)]
    >>> line_spans("a\\r\\n\\n  b \\n", numbers=True)
    [(0, 1, 1), (6, 7, 3)]
    """
    if not numbers:
        if "\r" in text:
            return [match.span() for match in _TRIMMED_LINE.finditer(text)]
        out, pos = [], 0
        for line in text.split("\n"):  # faster than the expression where lines end at LF only
            stripped = line.strip()
            if stripped:
                start = pos + len(line) - len(line.lstrip())
                out.append((start, start + len(stripped)))
            pos += len(line) + 1
        return out
    out, line, last = [], 1, 0
    for match in _TRIMMED_LINE.finditer(text):
        start = match.start()
        # line ends between the previous line and this one: LF, CR, and CRLF counted once
        line += text.count("\n", last, start) + text.count("\r", last, start) - text.count("\r\n", last, start)
        out.append((start, match.end(), line))
        last = start
    return out


def lines_of(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The non-blank lines of every text of ``texts``, as :func:`line_spans` gives them for
    each, at once: ``(row, start, end, line_texts)``, the text's number, the line's offsets
    in it and its text, in order. Texts whose lines end at LF only are split together (one
    split per text and column operations, no Python loop per line); a text holding CR is
    split by :func:`line_spans`.

    >>> row, start, end, lines = lines_of(["a\\n\\n  b ", "", "c\\r\\nd"])
    >>> row.tolist(), start.tolist(), end.tolist(), lines
    ([0, 0, 2, 2], [0, 5, 0, 3], [1, 6, 1, 4], ['a', 'b', 'c', 'd'])
    """
    lf = [k for k, text in enumerate(texts) if "\r" not in text]
    lines = list(chain.from_iterable(texts[k].split("\n") for k in lf))  # as if the texts were joined by LF
    stripped = list(map(str.strip, lines))
    width = np.fromiter(map(len, stripped), dtype=np.int64, count=len(lines))
    length = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    lead = np.zeros(len(lines), dtype=np.int64)  # leading whitespace, where a kept line has some
    padded = np.flatnonzero((width != length) & (width > 0)).tolist()
    if padded:
        some = [lines[padded[0]]] if len(padded) == 1 else itemgetter(*padded)(lines)
        lead[padded] = length[padded] - np.fromiter(map(len, map(str.lstrip, some)), dtype=np.int64, count=len(padded))
    per_text = np.fromiter((texts[k].count("\n") + 1 for k in lf), dtype=np.int64, count=len(lf))
    row = np.repeat(np.asarray(lf, dtype=np.int64), per_text)
    line_start = np.cumsum(length + 1) - (length + 1)  # in the texts joined by LF
    text_start = np.repeat(line_start[np.cumsum(per_text) - per_text], per_text)
    keep = np.flatnonzero(width > 0)
    start = (line_start - text_start + lead)[keep]
    row, end = row[keep], start + width[keep]
    lines = np.asarray(stripped, dtype=object)[keep].tolist() if len(keep) else []
    others = [k for k, text in enumerate(texts) if "\r" in text]
    if not others:
        return row, start, end, lines
    spans = {k: line_spans(texts[k]) for k in others}
    extra_row = np.repeat(np.asarray(others, dtype=np.int64), [len(spans[k]) for k in others])
    extra = [(a, b) for k in others for a, b in spans[k]]
    row = np.r_[row, extra_row]
    start = np.r_[start, np.asarray([a for a, _ in extra], dtype=np.int64)]
    end = np.r_[end, np.asarray([b for _, b in extra], dtype=np.int64)]
    lines = lines + [texts[k][a:b] for k in others for a, b in spans[k]]
    order = np.argsort(row, kind="stable")
    return row[order], start[order], end[order], [lines[i] for i in order]


def check_lang(lang: str, *, path=None, line=None) -> None:
    """Refuse a language code the package does not read (an error naming file and line).

    >>> check_lang("fr")
    >>> check_lang("de", path="t.csv", line=2)
    Traceback (most recent call last):
    ...
    discourse.errors.InputError: t.csv, line 2: language 'de' is not one of zh, vi, fr, en, und (ISO 639-1 codes; 'und' for unknown)
    """
    if lang not in LANGS:
        raise InputError(f"language {lang!r} is not one of {', '.join(LANGS)} (ISO 639-1 codes; "
                         "'und' for unknown)", path=path, line=line)


def make_corpus(segments: pd.DataFrame, documents: list[dict]) -> Corpus:
    """A corpus of the segments read and one metadata record per document.

    >>> rows = pd.DataFrame({"doc_id": ["a"], "lang": ["fr"], "text": ["Oui."]})
    >>> make_corpus(rows, [{"doc_id": "a", "title": "t"}]).documents.values.tolist()
    [['a', 't']]
    """
    return Corpus(segments, pd.DataFrame(documents))
