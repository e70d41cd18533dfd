"""Fallback tokenizer for text in an unknown language: Unicode words and marks."""

from __future__ import annotations

from discourse.languages.base import Token, Tokenizer, generic_spans

__all__ = ["UndTokenizer"]


class UndTokenizer(Tokenizer):
    """Unicode-word tokenizer: word-character runs (one token per Han character) and marks.

    Examples
    --------
    >>> UndTokenizer().tokenize("Xin chào, 世界!")
    [(0, 3, 'xin'), (4, 8, 'chào'), (8, 9, ','), (10, 11, '世'), (11, 12, '界'), (12, 13, '!')]
    """

    lang = "und"

    def tokenize(self, text: str) -> list[Token]:
        normalize = self.normalize
        return [(s, e, normalize(text[s:e])) for s, e in generic_spans(text)]


TOKENIZER = UndTokenizer


# ---------------------------------------------------------------- registration (languages/registry.py)
CODE = "und"
NAME = "undetermined"
ALIASES: tuple[str, ...] = ()
COLOR = "#999999"  # grey (Okabe–Ito)
USER_DICT = False  # the tokenizer takes a user dictionary
stem = None  # no stemmer: words are counted as they are


# ---------------------------------------------------------------- sentences (languages/sentences.py)
from discourse.languages import sentences as _sentences  # noqa: E402

#: The generic rule: CJK 。！？ end a sentence where they stand, Latin . ! ? … before a
#: space and a character that is not lower case; no abbreviations known.
SENTENCE_RULES = _sentences.SentenceRules(spaced=".!?…", unspaced="。！？．")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` in an unknown language, as ``(start, end)`` offsets.

    >>> text = "Hola. ¿Qué tal? 你好。再见"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Hola.', '¿Qué tal?', '你好。', '再见']
    """
    return _sentences.split(text, start, end, rules=SENTENCE_RULES)
