"""French tokenizer: elisions split off, hyphenated compounds whole (no NLTK data needed)."""

from __future__ import annotations

from discourse.languages.base import HAN, INVISIBLE, WIDE_ALNUM, RegexTokenizer
from discourse.languages.base import snowball as _snowball

__all__ = ["FrenchTokenizer"]

_APOS = "'’ʼ"
_WORD = rf"[^\W{HAN}]+"
_A = f"[{_APOS}]"

PATTERN = "|".join([
    # words written with an apostrophe that is not an elision
    rf"(?i:aujourd{_A}hui|quelqu{_A}une?s?|prud{_A}hom\w*|presqu{_A}île|c{_A}est-à-dire)\b",
    rf"(?<!\w)(?i:jusqu|lorsqu|puisqu|qu|[cdjlmnst]){_A}(?=\w|$)",  # elisions: l’ d’ qu’ jusqu’ ...
    r"(?:[^\W\d_]\.){2,}",                                          # initialisms: U.E.
    r"\d+(?:[.,]\d+)+",                                             # 3,5  1.000
    rf"[{HAN}]",                                                    # one token per Han character
    rf"{_WORD}(?:[-‐‑]{_WORD})*",                                  # words; peut-être, Centre-Ouest whole
    rf"(?P<mark>[^\w{INVISIBLE}])(?P=mark)*",                      # « » , ... one mark or a run of one
])


class FrenchTokenizer(RegexTokenizer):
    """French: elided articles and pronouns are tokens of their own; norm lowercase, ’ → '.

    Hyphenated words stay one token ("peut-être", "a-t-il", "c’est-à-dire"). Numbers with
    a space as thousands separator ("2 020") are two tokens, since no token spans a space.

    Examples
    --------
    >>> tok = FrenchTokenizer()
    >>> [n for _, _, n in tok.tokenize("« L’autorité d’un peuple » aujourd’hui")]
    ['«', "l'", 'autorité', "d'", 'un', 'peuple', '»', "aujourd'hui"]
    """

    lang = "fr"
    pattern = PATTERN

    def normalize(self, word: str) -> str:
        return word.translate(WIDE_ALNUM).lower().replace("’", "'").replace("ʼ", "'")


TOKENIZER = FrenchTokenizer


# ---------------------------------------------------------------- registration (languages/registry.py)
CODE = "fr"
NAME = "French"
ALIASES: tuple[str, ...] = ('fra', 'fre')
COLOR = "#0072B2"  # blue (Okabe–Ito)
USER_DICT = False  # the tokenizer takes a user dictionary


def stem(word: str) -> str:
    """The Snowball (french) stem of a word (NLTK, no data needed).

    >>> stem("responsabilités")
    'respons'
    """
    return _snowball("french")(word)
