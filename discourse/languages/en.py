"""English tokenizer: words, Treebank-style contractions, marks (no NLTK data needed)."""

from __future__ import annotations

from discourse.languages.base import HAN, MARK_RUN, WIDE_ALNUM, WORD, RegexTokenizer
from discourse.languages._en_snowball import stem as _stem

__all__ = ["EnglishTokenizer"]

_APOS = "'’ʼ"
_WORD = WORD

PATTERN = "|".join([
    r"(?:[^\W\d_]\.){2,}",                            # initialisms: U.S., e.g.
    r"\d+(?:[.,]\d+)+",                               # 1,000  3.5
    rf"[{HAN}]",                                      # one token per Han character
    rf"{_WORD}?(?=(?i:n[{_APOS}]t)\b)",              # "do" of don't (NLTK Treebank style)
    rf"(?i:n[{_APOS}]t)\b",                           # n't
    rf"(?<=\w)[{_APOS}](?i:s|re|ve|ll|d|m)\b",        # 's 're 've 'll 'd 'm
    rf"{_WORD}(?:[-‐‑]{_WORD})*",                    # words; hyphenated compounds stay whole
    MARK_RUN,                                        # a mark, or a run of one repeated mark
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
    """The Snowball (english) stem of a word: NLTK's ``SnowballStemmer("english")``'s, without
    importing NLTK (:mod:`discourse.languages._en_snowball`).

    >>> stem("responsibilities")
    'respons'
    """
    return _stem(word)


def lemmas(norms: list[str]) -> list[str]:
    """The lemma of each norm (simplemma's English data: dictionary look-up, then rules; not greedy);
    see :mod:`discourse.languages.lemmas`.

    >>> lemmas(["responsibilities", "was", "children"])
    ['responsibility', 'be', 'child']
    """
    import simplemma  # deferred: importing it costs ~0.15 s, paid only when lemmas are asked for

    return [simplemma.lemmatize(norm, lang="en") for norm in norms]


# ---------------------------------------------------------------- sentences (languages/sentences.py)
from discourse.languages import sentences as _sentences  # noqa: E402

_MONTHS = "jan feb mar apr jun jul aug sep sept oct nov dec"

#: English sentence facts. Abbreviations written for this package (titles, Latin,
#: units, months; "Inc.", "etc.", "U.S." may end a sentence before a frequent starter).
SENTENCE_RULES = _sentences.SentenceRules(
    spaced=".!?…",
    abbreviations=frozenset(
        ("mr mrs ms dr prof rev hon sr jr st mt ft gen col lt sgt capt cmdr gov sen rep pres "
         "e.g i.e cf vs v al approx dept est fig no nos vol pp p para ch sec art ed eds "
         "ave blvd rd hwy apt bros messrs mme mlle a.k.a pop sens reps").split()
    ),
    final_abbreviations=frozenset(
        "etc inc ltd co corp llc plc jr sr u.s u.k u.n e.u a.m p.m d.c n.y l.a u.s.a ph.d "
        "esq".split() + _MONTHS.split()
    ),
    starters=frozenset(
        "The A An This That These Those It Its He She We They I You His Her Their Our My "
        "But And So Or Yet In On At For If As When While After Before There Here What Why "
        "How Who Where Now Then Also However Meanwhile Still".split()
    ),
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """English sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``.

    Abbreviations (Mr., Dr., e.g., Jan.), "U.S." and "Inc." before a non-starter,
    initials, decimals and quotes do not cut; see :mod:`discourse.languages.sentences`.

    >>> text = 'Mr. Smith paid $3.50 on Jan. 5 (e.g. coffee). "Good!" The U.S. Army left.'
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Mr. Smith paid $3.50 on Jan. 5 (e.g. coffee).', '"Good!"', 'The U.S. Army left.']
    """
    return _sentences.split(text, start, end, rules=SENTENCE_RULES)
