"""French tokenizer: elisions split off, hyphenated compounds whole (no NLTK data needed)."""

from __future__ import annotations

from discourse.languages.base import HAN, MARK_RUN, WIDE_ALNUM, WORD, RegexTokenizer
from discourse.languages._fr_snowball import stem as _stem

__all__ = ["FrenchTokenizer"]

_APOS = "'’ʼ"
_WORD = WORD
_A = f"[{_APOS}]"

PATTERN = "|".join([
    # words written with an apostrophe that is not an elision
    rf"(?i:aujourd{_A}hui|quelqu{_A}une?s?|prud{_A}hom\w*|presqu{_A}île|c{_A}est-à-dire)\b",
    rf"(?<!\w)(?i:jusqu|lorsqu|puisqu|qu|[cdjlmnst]){_A}(?=\w|$)",  # elisions: l’ d’ qu’ jusqu’ ...
    r"(?:[^\W\d_]\.){2,}",                                          # initialisms: U.E.
    r"\d+(?:[.,]\d+)+",                                             # 3,5  1.000
    rf"[{HAN}]",                                                    # one token per Han character
    rf"{_WORD}(?:[-‐‑]{_WORD})*",                                  # words; peut-être, Centre-Ouest whole
    MARK_RUN,                                                      # « » , ... one mark or a run of one
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
    """The Snowball (french) stem of a word: NLTK's ``SnowballStemmer("french")``'s, without
    importing NLTK (:mod:`discourse.languages._fr_snowball`).

    >>> stem("responsabilités")
    'respons'
    """
    return _stem(word)


def lemmas(norms: list[str]) -> list[str]:
    """The lemma of each norm (simplemma's French data: dictionary look-up, then rules; not greedy);
    see :mod:`discourse.languages.lemmas`.

    >>> lemmas(["responsabilités", "assumées", "l'"])
    ['responsabilité', 'assumer', 'le']
    """
    import simplemma  # deferred: importing it costs ~0.15 s, paid only when lemmas are asked for

    return [simplemma.lemmatize(norm, lang="fr") for norm in norms]


# ---------------------------------------------------------------- sentences (languages/sentences.py)
from discourse.languages import sentences as _sentences  # noqa: E402

#: French sentence facts. Abbreviations written for this package (Lexique des règles
#: typographiques en usage à l'Imprimerie nationale, common legal and press usage).
SENTENCE_RULES = _sentences.SentenceRules(
    spaced=".!?…",
    weak=";",
    abbreviations=frozenset(
        "m mm mme mmes mlle mlles me mes dr pr prof st ste sts gén col cdt lt cne mgr "
        "art al chap cf éd ed fig p pp vol t n no nº n° ch sq sqq env av apr ap "
        "v vs c.-à-d i.e e.g ex hab tél tel fax bd av bld r min max réf ms mss coll dir trad "
        "anc boul dép ha km kg cm mm ml".split()
    ),
    final_abbreviations=frozenset("etc cie inc ltd co corp jr sr j.-c".split()),
    starters=frozenset(
        "Le La Les L’ L' C’ C' D’ D' J’ J' Qu’ Qu' Un Une Des Il Ils Elle Elles On Nous Vous Je Tu Ce Cette Ces Cet "
        "Mais Et Or Donc Car Puis Ainsi Alors Dans En Au Aux Pour Par Sur Selon Depuis Après "
        "Avant Lors Si Quand Comme C’est C'est Cela Ça Il Aujourd’hui De Du D’ Pourtant "
        "Toutefois Cependant Enfin Leur Leurs Son Sa Ses Notre Nos À".split()
    ),
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """French sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``.

    Abbreviations (M., Mme, art., cf., p., n°, av. J.-C.), initials (J.-P.), decimals
    (3,5), ellipses and « » quotes do not cut; see :mod:`discourse.languages.sentences`.

    >>> text = "M. Dupont lit l’art. 5, p. 12. « C’est fini ! » Il part. J.-P. Sartre écrit."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['M. Dupont lit l’art. 5, p. 12.', '« C’est fini ! »', 'Il part.', 'J.-P. Sartre écrit.']
    """
    return _sentences.split(text, start, end, rules=SENTENCE_RULES)
