"""The Snowball English (Porter2) stemmer as NLTK 3.x implements it, without importing NLTK.

Importing ``nltk.stem.snowball`` runs ``nltk/__init__`` (which imports SciPy) and takes seconds;
this module imports only :mod:`re` and :mod:`types`, and gives the same stem as
``nltk.stem.snowball.EnglishStemmer().stem`` (``ignore_stopwords=False``) for every string
(``tests/test_en_snowball.py`` compares the two on some 58,000 distinct words).

The algorithm is described at https://snowballstem.org/algorithms/english/stemmer.html, in the
revision NLTK follows (the ``snowballstemmer`` package implements a later one, which differs on
words such as *organization*). A word is lower-cased; words of one or two letters and the
exceptional forms (*skies*, *news*, *proceeding*, ...) are returned as they are or as their fixed
stem. Then:

- typographic apostrophes become ``'``, one leading apostrophe goes, and a ``y`` that opens the
  word or follows a vowel is marked ``Y`` (a consonant);
- R1 is the part after the first non-vowel that follows a vowel (after *gener*, *commun*,
  *arsen* in words opening with them), R2 the same part of R1;
- step 0 removes ``'s'``, ``'s`` or ``'``;
- step 1a deals with plural endings (*-sses*, *-ied*, *-ies*, *-s*);
- step 1b removes *-eed(ly)* in R1, or *-ed(ly)*/*-ing(ly)* after a vowel, then restores an
  *e* (*-at*, *-bl*, *-iz*, short words) or undoes a doubled consonant;
- step 1c turns a final *y* after a non-vowel (not the first letter) into *i*;
- steps 2 and 3 map derivational suffixes found in R1 to shorter ones (*-ization* to *-ize*,
  *-icate* to *-ic*, ...), step 4 removes suffixes found in R2 (*-ement*, *-ance*, *-ion* after
  *s* or *t*, ...);
- step 5 removes a final *e* in R2, or in R1 when not after a short syllable, and the second
  *l* of a final *ll* in R2; ``Y`` becomes ``y`` again.

NLTK's behaviour reproduced deliberately, where it differs from the published description:

- its own list of exceptional words is used, and it is looked up on the lower-cased word
  before apostrophes are normalized; words of at most two characters are returned lower-cased;
- R1 and R2 are kept as NLTK keeps them, as strings that each step shortens or rewrites: when a
  region is shorter than the suffix that a step replaces, it becomes empty (or, in step 2,
  R2 becomes ``"e"`` after *-ational*, *-ation*, *-ator*, *-iveness*, *-iviti*), and when step
  1b adds an *e* after *-at*, *-bl*, *-iz*, R2 grows only if the word has more than five letters
  or R1 at least three; here both regions are tracked by their lengths, with the same results;
- ``y`` is marked left to right, a marked ``Y`` no longer being a vowel (*ayyy* is ``aYyY``);
- in step 5 a final *e* in R1 (not R2) is kept in any word of fewer than four letters.
"""

from __future__ import annotations

import re
from types import MappingProxyType

__all__ = ["stem"]

_VOWELS = "aeiouy"  # "Y" (a y marked as a consonant) is not a vowel
# Group 1 ends where R1 starts (after the first non-vowel that follows a vowel, or after one of the
# three prefixes), the whole match where R2 starts (the same, in R1), if R2 is not empty.
_REGIONS = re.compile(r"(gener|commun|arsen|[^aeiouy]*[aeiouy]+[^aeiouy])(?:[^aeiouy]*[aeiouy]+[^aeiouy])?")
_Y_AFTER_VOWEL = re.compile(r"([aeiouy])y")  # left to right: in "ayy" only the first y follows a vowel
_VOWEL = re.compile(r"[aeiouy]")
_SHORT_SYLLABLE = re.compile(r"[^aeiouy][aeiouy][^aeiouywxY]")
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_LI_ENDING = "cdeghkmnrt"

#: The exceptional forms and their stems.
_SPECIAL = MappingProxyType({
    "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
    "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
    **{word: word for word in ("sky", "news", "howe", "atlas", "cosmos", "bias", "andes")},
    **{base + end: base for base in ("inning", "outing", "canning", "herring", "earring") for end in ("", "s")},
    **{base + end: base for base in ("proceed", "exceed", "succeed") for end in ("", "s", "ed", "ing")},
})

# Rules (suffix, letters cut, letters added), longest suffixes first. A rule is written as NLTK
# rewrites the word: "tional" cuts "al", "ization" is replaced whole by "ize"; the difference
# matters for the regions R1 and R2 (see _rewrite).
_STEP0 = ("'s'", "'s", "'")
_STEP1A = ("sses", "ied", "ies", "us", "ss", "s")
_STEP1B = ("eedly", "ingly", "edly", "eed", "ing", "ed")
_STEP2 = (
    ("ization", 7, "ize"), ("ational", 7, "ate"), ("fulness", 4, ""), ("ousness", 7, "ous"),
    ("iveness", 7, "ive"), ("tional", 2, ""), ("biliti", 6, "ble"), ("lessli", 2, ""), ("entli", 2, ""),
    ("ation", 5, "ate"), ("alism", 5, "al"), ("aliti", 5, "al"), ("ousli", 5, "ous"), ("iviti", 5, "ive"),
    ("fulli", 2, ""), ("enci", 1, "e"), ("anci", 1, "e"), ("abli", 1, "e"), ("izer", 4, "ize"),
    ("ator", 4, "ate"), ("alli", 4, "al"), ("bli", 3, "ble"), ("ogi", 1, ""), ("li", 2, ""),
)
_STEP2_R2_TO_E = frozenset({"ational", "ation", "ator", "iveness", "iviti"})  # a too short R2 becomes "e"
_STEP3 = (
    ("ational", 7, "ate"), ("tional", 2, ""), ("alize", 3, ""), ("icate", 5, "ic"), ("iciti", 5, "ic"),
    ("ative", 5, ""), ("ical", 4, "ic"), ("ness", 4, ""), ("ful", 3, ""),
)
_STEP4 = (
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
    "ize", "ion", "al", "er", "ic",
)
_STEP2_SUFFIXES = tuple(rule[0] for rule in _STEP2)
_STEP3_SUFFIXES = tuple(rule[0] for rule in _STEP3)


def _ending(word: str, suffixes: tuple[str, ...]) -> str:
    """The first (longest) of ``suffixes`` that ends ``word``, or ``""``."""
    if word.endswith(suffixes):
        for suffix in suffixes:
            if word.endswith(suffix):
                return suffix
    return ""


def _rule(word: str, rules: tuple[tuple[str, int, str], ...], suffixes: tuple[str, ...]):
    """The rule of ``rules`` (their suffixes are ``suffixes``) whose suffix ends ``word``, or None."""
    if word.endswith(suffixes):
        for rule in rules:
            if word.endswith(rule[0]):
                return rule
    return None


def _rewrite(word: str, r1: int, r2: int, cut: int, add: str = "") -> tuple[str, int, int]:
    """``word`` with its last ``cut`` letters replaced by ``add``, and the new lengths of R1 and R2
    (``r1``, ``r2`` before): a region that held the letters cut holds the letters added, a shorter
    one becomes empty.
    """
    grow = len(add) - cut
    return word[:-cut] + add, (r1 + grow if r1 >= cut else 0), (r2 + grow if r2 >= cut else 0)


def stem(word: str) -> str:
    """The Snowball English (Porter2) stem of ``word``, the same as NLTK's ``SnowballStemmer("english")``.

    Parameters
    ----------
    word : str
        Any string; it is lower-cased first.

    Returns
    -------
    str
        The stem, lower case.

    Examples
    --------
    >>> stem("responsibilities")
    'respons'
    >>> stem("organization"), stem("generously"), stem("Skies"), stem("dog’s")
    ('organ', 'generous', 'sky', 'dog')
    """
    word = word.lower()
    if len(word) <= 2:
        return word
    special = _SPECIAL.get(word)
    if special is not None:
        return special
    if not word.isascii():  # typographic apostrophes
        word = word.replace("\u2019", "'").replace("\u2018", "'").replace("\u201b", "'")
    word = word.removeprefix("'")
    if word.startswith("y"):
        word = "Y" + word[1:]
    if "y" in word:
        word = _Y_AFTER_VOWEL.sub(r"\1Y", word)

    # R1 and R2 are kept as their lengths (each is a suffix of the word, R2 of R1).
    found = _REGIONS.match(word)
    r1 = len(word) - found.end(1) if found else 0
    r2 = len(word) - found.end() if found and found.end() > found.end(1) else 0

    suffix = _ending(word, _STEP0)  # step 0
    if suffix:
        word, r1, r2 = _rewrite(word, r1, r2, len(suffix))

    suffix = _ending(word, _STEP1A)  # step 1a
    if suffix == "sses":
        word, r1, r2 = _rewrite(word, r1, r2, 2)
    elif suffix in ("ied", "ies"):
        word, r1, r2 = _rewrite(word, r1, r2, 2 if len(word) > 4 else 1)
    elif suffix == "s" and _VOWEL.search(word, 0, len(word) - 2):
        word, r1, r2 = _rewrite(word, r1, r2, 1)

    suffix = _ending(word, _STEP1B)  # step 1b
    if suffix in ("eedly", "eed"):
        if r1 >= len(suffix):
            word, r1, r2 = _rewrite(word, r1, r2, len(suffix), "ee")
    elif suffix and _VOWEL.search(word, 0, len(word) - len(suffix)):
        word, r1, r2 = _rewrite(word, r1, r2, len(suffix))
        if word.endswith(("at", "bl", "iz")):
            word, r1 = word + "e", r1 + 1
            if len(word) > 5 or r1 >= 3:
                r2 += 1
        elif word.endswith(_DOUBLES):
            word, r1, r2 = _rewrite(word, r1, r2, 1)
        elif r1 == 0 and (
            (len(word) >= 3 and _SHORT_SYLLABLE.match(word, len(word) - 3))
            or (len(word) == 2 and word[0] in _VOWELS and word[1] not in _VOWELS)
        ):
            word += "e"  # R1 is empty, so both regions stay empty

    if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWELS:  # step 1c
        word = word[:-1] + "i"

    rule = _rule(word, _STEP2, _STEP2_SUFFIXES)  # step 2
    if rule and r1 >= len(rule[0]):
        suffix, cut, add = rule
        if suffix == "ogi":
            if word[-4] == "l":
                word, r1, r2 = _rewrite(word, r1, r2, cut)
        elif suffix == "li":
            if word[-3] in _LI_ENDING:
                word, r1, r2 = _rewrite(word, r1, r2, cut)
        else:
            short_r2 = r2 < cut
            word, r1, r2 = _rewrite(word, r1, r2, cut, add)
            if short_r2 and suffix in _STEP2_R2_TO_E:
                r2 = 1

    rule = _rule(word, _STEP3, _STEP3_SUFFIXES)  # step 3
    if rule and r1 >= len(rule[0]) and (rule[0] != "ative" or r2 >= 5):
        word, r1, r2 = _rewrite(word, r1, r2, rule[1], rule[2])

    suffix = _ending(word, _STEP4)  # step 4
    if suffix and r2 >= len(suffix):
        if suffix != "ion":
            word, r1, r2 = _rewrite(word, r1, r2, len(suffix))
        elif word[-4] in "st":
            word, r1, r2 = _rewrite(word, r1, r2, 3)

    if word.endswith("e"):  # step 5: a final e in R2, or in R1 if no short syllable precedes it
        drop = r2 or (r1 and len(word) >= 4 and not _SHORT_SYLLABLE.match(word, len(word) - 4, len(word) - 1))
    else:  # the second l of a final ll in R2
        drop = r2 and word.endswith("ll")
    if drop:
        word = word[:-1]

    return word.replace("Y", "y")
