"""A query's words as elements to match, and the token types each element matches.

A query (see :mod:`discourse.query`) is parsed into a sequence of ``(kind, pattern)``
elements — ``"literal"`` (a norm), ``"glob"`` (``*``/``?`` on one token), ``"lemma"``
(``lemma:WORD``) or ``"regex"`` — and each element is matched against the vocabulary of
a corpus's tokens once, giving the type ids the search then looks for.

>>> elements("trách nhiệm", "vi", regex=False)
[('literal', 'trách nhiệm')]
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata

import numpy as np

from ._user_regex import UserPattern
from .languages import get_tokenizer
from .lemma_tokens import lemma_types

__all__ = ["elements", "fold_diacritics", "type_set"]


def fold_diacritics(text: str) -> str:
    """Remove accents and tone marks (and map đ to d), keeping the letters.

    >>> fold_diacritics("Xoá đói, responsabilité")
    'Xoa doi, responsabilite'
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).replace("đ", "d").replace("Đ", "D")


def elements(query: str, lang: str, *, regex: bool, join: str = " ", tokenizer=None) -> list[tuple[str, str]]:
    """The query as a sequence of ``(kind, pattern)``: kind ``"literal"`` (a norm form),
    ``"glob"`` or ``"regex"``. Words of a literal run are joined with ``join`` before
    they are tokenized (by ``tokenizer``: the corpus's, default the language's)."""
    if regex:
        UserPattern(query)  # a syntax error: an InputError naming the pattern
        return [("regex", query)]
    tokenizer = get_tokenizer(lang) if tokenizer is None else tokenizer
    out: list[tuple[str, str]] = []
    run: list[str] = []

    def flush():
        if run:
            text = join.join(run)
            out.extend(("literal", norm) for _, _, norm in tokenizer.tokenize(unicodedata.normalize("NFC", text)))
            run.clear()

    for word in query.split():
        if word.startswith("lemma:") and len(word) > 6:  # every token whose lemma it is (in this language)
            flush()
            out.append(("lemma", f"{lang}:{tokenizer.normalize(word[6:])}"))
        elif "*" in word or "?" in word:
            flush()
            out.append(("glob", tokenizer.normalize(word) if hasattr(tokenizer, "normalize") else word.lower()))
        else:
            run.append(word)
    flush()
    return out


def type_set(tokens, kind: str, pattern: str, *, diacritics: bool) -> np.ndarray:
    """Type ids whose normalised form matches one element (case-insensitively)."""
    if kind == "lemma":  # "lang:lemma"
        return lemma_types(tokens, *pattern.split(":", 1), fold=None if diacritics else fold_diacritics)
    if kind == "literal" and diacritics:
        type_id = tokens.vocab_index().get(pattern)
        return np.array([] if type_id is None else [type_id], dtype=np.int64)
    fold = (lambda s: s) if diacritics else fold_diacritics
    if kind == "literal":
        target = fold(pattern)
        return np.array([i for i, v in enumerate(tokens.vocab) if fold(v) == target], dtype=np.int64)
    # a user's regular expression runs under a time bound; a glob's translation is linear
    rx = re.compile(fnmatch.translate(fold(pattern)), re.IGNORECASE) if kind == "glob" else \
        UserPattern(pattern, ignore_case=True)
    return np.array([i for i, v in enumerate(tokens.vocab) if rx.fullmatch(fold(v))], dtype=np.int64)
