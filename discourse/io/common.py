"""What every reader of :mod:`discourse.io` shares: the segment columns, the language
check, and building a :class:`~discourse.corpus.Corpus` from the rows read."""

from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from ..errors import InputError
from ..languages.registry import LANGS

__all__ = ["SEGMENT_COLUMNS", "check_lang", "make_corpus"]

SEGMENT_COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "role", "text", "path", "start", "end", "line"]


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
