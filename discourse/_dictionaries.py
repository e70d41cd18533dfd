"""Bilingual dictionaries as sentence-alignment anchors: CFDICT for zh–fr.

``data/cfdict/zh_fr.tsv`` (CFDICT, Chine-Informations.com, CC BY-SA 3.0; built by
``tools/build_cfdict.py``) gives a simplified Chinese word its French gloss words. Each
gloss word, and each French content word of a sentence, becomes a ``c:`` key of its lemma
(simplemma, through :func:`discourse.languages.lemmas.lemmas`; each distinct word lemmatised
once), so that *pauvres* meets 贫困's gloss *pauvre* and *enquêté* meets 调查's *enquête*.
"""

from __future__ import annotations

from functools import cache

from discourse.anchors import key_lists
from discourse.languages.lemmas import lemmas

__all__ = ["cfdict_table", "add_cfdict"]

#: How French words are matched: "norm" (as written, lower-cased) or "lemma" (simplemma).
FORM = "lemma"


@cache
def cfdict_table() -> dict[str, tuple[str, ...]]:
    """Simplified Chinese word → French gloss words (``data/cfdict/zh_fr.tsv``, CFDICT).

    Examples
    --------
    >>> cfdict_table()["法官"], cfdict_table()["贫困"]
    (('juge',), ('pauvre', 'misérable'))
    """
    return key_lists("cfdict", "zh_fr.tsv")


def add_cfdict(keys, words, *, lang: str, form: str = FORM) -> None:
    """Add ``c:`` keys (CFDICT, zh–fr): a French content word's lemma, and on the zh side the
    lemmas of each gloss word of each Chinese word.

    `keys` (the caller's own anchor bags) are changed in place; `words` are the sentences'
    content words (:func:`discourse.anchors.content_words`); `form` is ``"lemma"`` or ``"norm"``.

    Examples
    --------
    >>> from collections import Counter
    >>> zh, fr = [Counter()], [Counter()]
    >>> add_cfdict(zh, [{"法官", "贫困"}], lang="zh"); add_cfdict(fr, [{"juges", "pauvres"}], lang="fr")
    >>> sorted(zh[0]), sorted(fr[0])
    (['c:juge', 'c:misérable', 'c:pauvre'], ['c:juge', 'c:pauvre'])
    """
    table = cfdict_table()
    distinct = sorted({w for have in words for w in have})
    if lang == "zh":
        french = {w: table.get(w, ()) for w in distinct}
    else:
        french = {w: (w,) if any(c.isalpha() for c in w) else () for w in distinct}
    plain = sorted({g for gloss in french.values() for g in gloss})
    lemma = dict(zip(plain, lemmas("fr", plain))) if form == "lemma" else {g: g for g in plain}
    by_word = {w: {"c:" + lemma[g] for g in gloss} for w, gloss in french.items()}
    for bag, have in zip(keys, words):
        bag.update(sorted({k for w in have for k in by_word[w]}))  # sorted: not the hash seed's set order
