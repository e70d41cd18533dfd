"""English tokenizer: words, Treebank-style contractions, marks (no NLTK data needed)."""

from __future__ import annotations

from discourse.languages.base import HAN, INVISIBLE, WIDE_ALNUM, RegexTokenizer
from discourse.languages.base import snowball as _snowball

__all__ = ["EnglishTokenizer"]

_APOS = "'’ʼ"
_WORD = rf"[^\W{HAN}]+"

PATTERN = "|".join([
    r"(?:[^\W\d_]\.){2,}",                            # initialisms: U.S., e.g.
    r"\d+(?:[.,]\d+)+",                               # 1,000  3.5
    rf"[{HAN}]",                                      # one token per Han character
    rf"{_WORD}?(?=(?i:n[{_APOS}]t)\b)",              # "do" of don't (NLTK Treebank style)
    rf"(?i:n[{_APOS}]t)\b",                           # n't
    rf"(?<=\w)[{_APOS}](?i:s|re|ve|ll|d|m)\b",        # 's 're 've 'll 'd 'm
    rf"{_WORD}(?:[-‐‑]{_WORD})*",                    # words; hyphenated compounds stay whole
    rf"(?P<mark>[^\w{INVISIBLE}])(?P=mark)*",        # a mark, or a run of one repeated mark
])


class EnglishTokenizer(RegexTokenizer):
    """English: contractions split as in the Penn Treebank, norm lowercase with ' apostrophes.

    Examples
    --------
    >>> tok = EnglishTokenizer()
    >>> [n for _, _, n in tok.tokenize("The U.S. didn’t sign a well-known pact...")]
    ['the', 'u.s.', 'did', "n't", 'sign', 'a', 'well-known', 'pact', '...']
    """

    lang = "en"
    pattern = PATTERN

    def normalize(self, word: str) -> str:
        return word.translate(WIDE_ALNUM).lower().replace("’", "'").replace("ʼ", "'")


TOKENIZER = EnglishTokenizer


# ---------------------------------------------------------------- registration (languages/registry.py)
CODE = "en"
NAME = "English"
ALIASES: tuple[str, ...] = ('eng',)
COLOR = "#E69F00"  # orange (Okabe–Ito)
USER_DICT = False  # the tokenizer takes a user dictionary


def stem(word: str) -> str:
    """The Snowball (english) stem of a word (NLTK, no data needed).

    >>> stem("responsibilities")
    'respons'
    """
    return _snowball("english")(word)
