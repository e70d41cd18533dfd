"""The Snowball French stemmer as NLTK 3.x implements it, without importing NLTK.

``stem(word)`` returns exactly what ``nltk.stem.snowball.FrenchStemmer().stem(word)`` returns
(``ignore_stopwords=False``) for any string, without the import cost: importing
``nltk.stem.snowball`` runs ``nltk/__init__`` and with it SciPy (2-4 s), this module imports
only :mod:`re` (``tests/test_fr_snowball.py`` compares the two on some 130,000 distinct words).

The algorithm is the published Snowball French stemmer
(https://snowballstem.org/algorithms/french/stemmer.html), in the revision NLTK follows: the one
with the ``par``/``col``/``tap`` exception for RV, before the later changes (the page now also
removes elisions such as ``l'``, which NLTK does not). In order:

- *prelude*: the word is lower-cased; ``u`` after ``q``, ``u``/``i`` between vowels and ``y``
  next to a vowel are put in upper case, which takes them out of the vowels;
- *regions*: R1 and R2 (after the first non-vowel that follows a vowel, once and twice) and RV
  (after the third letter if the word starts with two vowels or with ``par``, ``col``, ``tap``,
  else after the first vowel that is not the first letter);
- *step 1*: the longest standard suffix (``-ement``, ``-ité``, ``-euse``, ``-ation``, ...) is
  removed or rewritten when it lies in the region its rule names;
- *step 2a*: if step 1 removed nothing (or met ``-amment``, ``-emment``, ``-ment``, ``-ments``),
  a verb suffix beginning with ``i`` is removed from RV when a non-vowel precedes it;
- *step 2b*: otherwise the other verb suffixes are removed from RV (``-ions`` only from R2,
  and an ``e`` before an ``a``-suffix with it);
- *step 3*: after a removal a final ``Y`` becomes ``i`` and a final ``ç`` becomes ``c``;
- *step 4*: without one, a final ``s`` goes (unless after ``a i o u è s``) and the residual
  suffixes ``-ion``, ``-ier``, ``-ière``, ``-e``, ``-ë`` (after ``gu``) are handled;
- *step 5*: a final ``enn onn ett ell eill`` loses its last letter;
- *step 6*: the last vowel, if ``é`` or ``è`` and followed by a non-vowel, loses its accent;
  the upper-case marks are lower-cased again.

NLTK's behaviour is reproduced deliberately where it differs from the description:

- ``y`` is marked only inside the word, never as its first or last letter (``yeux`` keeps a
  vowel ``y``; the marks are made left to right, a marked letter no longer counting as a vowel
  for the next one);
- the regions are computed once, on the word after the prelude, and NLTK asks whether a
  suffix occurs *anywhere* in a region's text. Here R1 and R2 are kept as start positions,
  which answers alike in all cases but one, reproduced explicitly: an ``ic`` before
  ``-atrice(s)`` is always removed, as an R2 holding *atrice* holds *ic*
  (*aticatrice* → ``at``);
- after ``-emment`` becomes ``-ent`` the old RV is kept, and step 2a looks for its suffix
  anywhere in that text, taking the letter before its last occurrence there, the last letter
  of RV if that occurrence opens it (*tairentiremment* → ``tairent``); after step 4 removes a
  final ``s``, RV keeps it;
- ``-ment``/``-ments`` is not removed when RV itself starts with that suffix
  (*tamentament* stays whole);
- step 6 never looks at the first letter (``ès`` stays ``ès``).
"""

from __future__ import annotations

import re

__all__ = ["stem"]

_VOWELS = "aeiouyâàëéêèïîôûù"
_V = f"[{_VOWELS}]"
_NON_V = f"[^{_VOWELS}]"

# letters the prelude may mark: u/i with a vowel on both sides, an inner y with a vowel on one side
_MARK_SITE = re.compile(rf"(?<={_V})[ui](?={_V})|(?<={_V})y(?=.)|(?<=.)y(?={_V})", re.DOTALL)
_VOWEL_THEN_NON_VOWEL = re.compile(f"{_V}{_NON_V}")  # R1 and R2 start right after such a pair
_VOWEL = re.compile(_V)
_UNACCENT = re.compile(rf"(?<=.)[éè](?={_NON_V}+\Z)", re.DOTALL)  # step 6: the last vowel, not last letter

# step 1: suffix -> the name of its rule (the singular form of the group)
_STEP1 = {
    **dict.fromkeys(("ance", "iqUe", "isme", "able", "iste", "eux"), "delete in R2"),
    **dict.fromkeys(("ances", "iqUes", "ismes", "ables", "istes"), "delete in R2"),
    **dict.fromkeys(("atrice", "ateur", "ation", "atrices", "ateurs", "ations"), "ation"),
    **dict.fromkeys(("logie", "logies"), "logie"),
    **dict.fromkeys(("usion", "ution", "usions", "utions"), "ution"),
    **dict.fromkeys(("ence", "ences"), "ence"),
    **dict.fromkeys(("ement", "ements"), "ement"),
    **dict.fromkeys(("ité", "ités"), "ité"),
    **dict.fromkeys(("if", "ive", "ifs", "ives"), "if"),
    **dict.fromkeys(("euse", "euses"), "euse"),
    **dict.fromkeys(("issement", "issements"), "issement"),
    **dict.fromkeys(("ment", "ments"), "ment"),
    "eaux": "eaux",
    "aux": "aux",
    "amment": "amment",
    "emment": "emment",
}
_STEP2A = frozenset((
    "îmes", "îtes", "ît", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras",
    "irent", "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait",
    "issant", "issante", "issantes", "issants", "isse", "issent", "isses", "issez", "issiez",
    "issions", "issons", "it", "i",
))
_STEP2B_E = frozenset((  # deleted
    "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait", "eras",
    "erez", "eriez", "erions", "erons", "eront", "ez", "iez",
))
_STEP2B_A = frozenset((  # deleted, with an e before them in RV
    "âmes", "ât", "âtes", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as",
    "asse", "assent", "asses", "assiez", "assions",
))
_STEP2B = _STEP2B_E | _STEP2B_A | {"ions"}
_STEP4 = ("ière", "Ière", "ion", "ier", "Ier", "e", "ë")  # longest first
_UNDOUBLE = ("enn", "onn", "ett", "ell", "eill")


def _ending(suffixes) -> re.Pattern[str]:
    """A pattern whose search finds the longest of ``suffixes`` ending a text (the leftmost start)."""
    return re.compile("(?:" + "|".join(map(re.escape, sorted(suffixes, key=len, reverse=True))) + r")\Z")


_STEP1_END, _STEP2A_END, _STEP2B_END = _ending(_STEP1), _ending(_STEP2A), _ending(_STEP2B)


def _longest(ending: re.Pattern[str], text: str) -> str:
    """The longest suffix of ``ending`` that ``text`` ends with, or ``""``."""
    m = ending.search(text)
    return m.group() if m else ""


def _prelude(word: str) -> str:
    """Mark ``u`` after ``q``, ``u``/``i`` between vowels and inner ``y`` next to a vowel (upper case)."""
    word = word.replace("qu", "qU")
    sites = [m.start() for m in _MARK_SITE.finditer(word)]
    if not sites:
        return word
    letters = list(word)
    for i in sites:  # left to right: a letter marked just before is no longer a vowel
        before, after = letters[i - 1] in _VOWELS, letters[i + 1] in _VOWELS
        if letters[i] == "y":
            if before or after:
                letters[i] = "Y"
        elif before and after:
            letters[i] = letters[i].upper()
    return "".join(letters)


def _regions(word: str) -> tuple[int, int, str]:
    """Where R1 and R2 start, and the text of RV."""
    n = len(word)
    m = _VOWEL_THEN_NON_VOWEL.search(word)
    r1 = m.end() if m else n
    m = _VOWEL_THEN_NON_VOWEL.search(word, r1)
    r2 = m.end() if m else n
    if n < 2:
        rv = n
    elif word.startswith(("par", "col", "tap")) or (word[0] in _VOWELS and word[1] in _VOWELS):
        rv = 3
    else:
        m = _VOWEL.search(word, 1)
        rv = m.end() if m else n
    return r1, r2, word[rv:]


def _step1(word: str, r1: int, r2: int, rv: str) -> tuple[str, str, bool]:
    """Standard suffixes: the new word and RV text, and whether step 1 counts as a removal."""
    suffix = _longest(_STEP1_END, word)
    if not suffix:
        return word, rv, False
    rule, k = _STEP1[suffix], len(suffix)
    base = word[:-k]
    end = len(base)  # the suffix starts here
    in_r1, in_r2, in_rv = r1 <= end, r2 <= end, len(rv) >= k
    if rule == "eaux":
        return word[:-1], rv, True
    if rule == "aux":
        return (base + "al", rv, True) if in_r1 else (word, rv, False)
    if rule == "euse":
        if in_r2:
            return base, rv, True
        return (base + "eux", rv, True) if in_r1 else (word, rv, False)
    if rule == "issement":
        return (base, rv, True) if in_r1 and base[-1] not in _VOWELS else (word, rv, False)
    if rule == "amment":
        return (base + "ant", rv[:-k] + "ant", False) if in_rv else (word, rv, False)
    if rule == "emment":
        return (base + "ent", rv, False) if in_rv else (word, rv, False)  # NLTK keeps the old RV
    if rule == "ment":
        if len(rv) > k and base[-1] in _VOWELS and not rv.startswith(suffix):
            return base, rv[:-k], False
        return word, rv, False
    if rule == "ement":
        if not in_rv:
            return word, rv, False
        if base.endswith("iv"):
            if r2 <= end - 2:
                base = base[:-2]
                if base.endswith("at") and r2 <= end - 4:
                    base = base[:-2]
        elif base.endswith("eus"):
            if r2 <= end - 3:
                base = base[:-3]
            elif r1 <= end - 3:
                base = base[:-1] + "x"
        elif base.endswith(("abl", "iqU")):
            if r2 <= end - 3:
                base = base[:-3]
        elif base.endswith(("ièr", "Ièr")) and len(rv) >= k + 3:
            base = base[:-3] + "i"
        return base, rv, True
    if not in_r2:  # every other rule needs the suffix in R2
        return word, rv, False
    if rule == "logie":
        return base + "log", rv, True
    if rule == "ution":
        return base + "u", rv, True
    if rule == "ence":
        return base + "ent", rv, True
    if rule == "ité":
        if base.endswith("abil"):
            base = base[:-4] if r2 <= end - 4 else base[:-2] + "l"
        elif base.endswith("ic"):
            base = base[:-2] if r2 <= end - 2 else base[:-2] + "iqU"
        elif base.endswith("iv") and r2 <= end - 2:
            base = base[:-2]
    elif rule == "if":
        if base.endswith("at") and r2 <= end - 2:
            base = base[:-2]
            if base.endswith("ic"):
                base = base[:-2] if r2 <= end - 4 else base[:-2] + "iqU"
    elif rule == "ation" and base.endswith("ic"):
        # NLTK looks for "ic" anywhere in R2, and an R2 holding -atrice(s) holds "ic" (atr-ic-e)
        base = base[:-2] if r2 <= end - 2 or suffix.startswith("atrice") else base[:-2] + "iqU"
    return base, rv, True  # rule "delete in R2", and the deletions above


def _verb_suffix(word: str, r2: int, rv: str) -> tuple[str, bool]:
    """Steps 2a and 2b: the new word, and whether a suffix was removed."""
    suffix = _longest(_STEP2A_END, word)
    if suffix:
        # NLTK's test: the suffix anywhere in the RV text, a non-vowel before its last occurrence
        # there (the same as "in RV, after a non-vowel of RV" unless RV is stale after -emment)
        at = rv.rfind(suffix)
        if at >= 0 and len(rv) > len(suffix) and rv[at - 1] not in _VOWELS:
            return word[: -len(suffix)], True
    suffix = _longest(_STEP2B_END, rv)
    if not suffix:
        return word, False
    k = len(suffix)
    if suffix == "ions":
        return (word[:-4], True) if r2 <= len(word) - 4 else (word, False)
    if suffix in _STEP2B_E:
        return word[:-k], True
    word = word[:-k]
    return (word[:-1] if rv[:-k].endswith("e") else word), True


def _residual_suffix(word: str, r2: int, rv: str) -> str:
    """Step 4."""
    if len(word) >= 2 and word[-1] == "s" and word[-2] not in "aiouès":
        word = word[:-1]  # RV keeps its s (NLTK): the "ion" test below then reads rv[-4]
    for suffix in _STEP4:
        if word.endswith(suffix) and suffix in rv:
            if suffix == "ion":
                if r2 <= len(word) - 3 and rv[-4] in "st":
                    word = word[:-3]
            elif suffix == "e" or (suffix == "ë" and word[-3:-1] == "gu"):
                word = word[:-1]
            elif suffix != "ë":  # ière, Ière, ier, Ier
                word = word[: -len(suffix)] + "i"
            break
    return word


def stem(word: str) -> str:
    """The Snowball French stem of ``word``, exactly as NLTK's ``FrenchStemmer().stem(word)``.

    Parameters
    ----------
    word : str
        Any string; it is lower-cased first (``str.lower``).

    Returns
    -------
    str
        The stem, in lower case.

    Examples
    --------
    >>> stem("responsabilités")
    'respons'
    >>> stem("continuellement"), stem("Continuellement")
    ('continuel', 'continuel')
    >>> stem("l'autorité"), stem("peut-être"), stem("")
    ("l'autor", 'peut-êtr', '')
    """
    word = _prelude(word.lower())
    r1, r2, rv = _regions(word)
    word, rv, removed = _step1(word, r1, r2, rv)
    if not removed:
        word, removed = _verb_suffix(word, r2, rv)
    if removed:
        if word[-1] == "Y":
            word = word[:-1] + "i"
        elif word[-1] == "ç":
            word = word[:-1] + "c"
    else:
        word = _residual_suffix(word, r2, rv)
    if word.endswith(_UNDOUBLE):
        word = word[:-1]
    if "é" in word or "è" in word:
        word = _UNACCENT.sub("e", word, count=1)
    return word.replace("I", "i").replace("U", "u").replace("Y", "y")
