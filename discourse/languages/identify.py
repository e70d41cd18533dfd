"""Language identification: zh, vi, fr, en, or und when unsure — of one text, or of the
lines of a document in their context.

Two kinds of evidence, used in this order:

* **script** — Han characters mean Chinese, a letter that only Vietnamese uses
  (ă đ ơ ư ạ ả ế …) means Vietnamese: a decision, whatever the length of the text;
* **letter statistics** for the rest of Latin-script text — a naive Bayes model of byte
  n-grams (``py3langid``, the langid.py model of Lui & Baldwin 2012, shipped in the
  package and run offline) restricted to French, English and Vietnamese, helped by
  French and English function words on short lines.

:func:`identify` judges one text on its own. :func:`identify_lines` judges the lines of
one document together: a line too short to decide by itself takes the language of the
version it sits in (see there), so titles of one or two words and lines of names or
numbers do not fall out of their version as ``und``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from discourse.languages.base import HAN
from discourse.languages.vi import VI_ONLY_LETTERS

__all__ = ["identify", "identify_lines"]

_HAN = re.compile(f"[{HAN}]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_KANA_HANGUL = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u1100-\u11ff\uac00-\ud7af]")
_LATIN_WORD = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
# French elision: l’État, d’un, qu’il, j’ai, c’est, n’a, s’il, jusqu’à (a letter alone
# before an apostrophe at the start of a word; English "don't", "it's" do not match)
_FRENCH_ELISION = re.compile(r"(?<![^\W\d_])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_])", re.IGNORECASE)

_FRENCH_LETTERS = frozenset("àâçéèêëîïôùûüÿœæ")
# Frequent function words that the other language of the pair does not use.
_FRENCH_WORDS = frozenset(
    "le la les des du de et est une un dans pour que qui au aux sur par en ne pas se "
    "ce cette il elle ils sont avec ou son sa ses leur leurs à été être nous vous "
    "je tu y elles lui eux moi toi mon ma mes vos notre votre ces cet mais donc si "
    "oui tout tous toute toutes très aussi comme sans sous entre avant depuis selon quand "
    "fait ont avait dont".split()
)
_ENGLISH_WORDS = frozenset(
    "the and of to is in that it for with as be by this are or which was on an shall has "
    "have his her their from not all any no been were its "
    "you we he she they my your our us him them what who how why when where there here "
    "will would can could should did do does didn don doesn isn wasn aren at if but so "
    "up out about into after over just than then".split()
)

#: Share of Han characters among letters from which a text is Chinese.
ZH_MIN_SHARE = 0.3
#: Share of words with a Vietnamese-only letter (ă đ ơ ư ạ ả ...) from which it is Vietnamese.
VI_MIN_SHARE = 0.15
#: Languages the letter statistics choose between (Chinese is told by its script).
LATIN_LANGS = ("fr", "en", "vi")
#: Probability (of the letter statistics) from which a text is decided on its own.
SURE_PROB = 0.99
#: Letters from which a decided text is long enough that its context never overrides it.
SURE_LETTERS = 20
# The statistics read at most this many characters of a text (a long paragraph is
# decided well before; reading all of it only costs time).
_STAT_CHARS = 1000


class _Evidence(NamedTuple):
    """What a text says about its own language."""

    lang: str  # the answer for the text on its own ("und" when unsure)
    sure: bool  # decided firmly enough that the context never overrides it
    fits: tuple[str, ...]  # languages its letters allow, the likeliest first ((): none of ours)
    informative: bool  # its letters favour some language of `fits` over another
    letters: int  # how many letters it has


@functools.lru_cache(maxsize=1)
def _model():
    """The py3langid model restricted to :data:`LATIN_LANGS` (loaded once, about 0.3 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # deferred: the model takes 0.3 s

    model = LanguageIdentifier.from_pickled_model(MODEL_FILE)
    model.set_languages(list(LATIN_LANGS))
    return model


def _latin_probabilities(text: str) -> tuple[list[tuple[str, float]], bool]:
    """Probability of each of :data:`LATIN_LANGS`, likeliest first, and whether the text
    held any feature of the model (without one, the probabilities are the model's prior)."""
    model = _model()
    features = model.instance2fv(text[:_STAT_CHARS])
    scores = np.asarray(model.nb_classprobs(features), dtype=float)
    probs = np.exp(scores - scores.max())
    probs /= probs.sum()
    order = np.argsort(-probs, kind="stable")
    return [(model.nb_classes[i], float(probs[i])) for i in order], bool(features.any())


def _function_words(text: str, words: list[str]) -> str | None:
    """French or English by function words, elisions and accented letters (in the first
    200 words), the winner needing twice the loser's count; None without such evidence."""
    words = words[:200]
    fr = sum(w in _FRENCH_WORDS or not _FRENCH_LETTERS.isdisjoint(w) for w in words)
    fr += len(_FRENCH_ELISION.findall(text, 0, _STAT_CHARS))
    en = sum(w in _ENGLISH_WORDS for w in words)
    if fr > 2 * en:
        return "fr"
    if en > 2 * fr:
        return "en"
    return None


def _evidence(text: str) -> _Evidence:
    text = unicodedata.normalize("NFC", text)
    letters = len(_NOT_LETTERS.sub("", text))
    if not letters:
        return _Evidence("und", False, (), False, 0)
    han = len(_HAN.findall(text))
    kana_hangul = len(_KANA_HANGUL.findall(text))
    chinese_script = han > 0 and kana_hangul < han / 10
    if chinese_script and han >= 2 and han >= ZH_MIN_SHARE * letters:
        return _Evidence("zh", True, ("zh",), True, letters)
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    if not words:  # one hanzi alone, or a script none of our languages writes in
        return _Evidence("und", False, ("zh",) if chinese_script else (), False, letters)
    vi = sum(not VI_ONLY_LETTERS.isdisjoint(w) for w in words)
    if vi and vi >= VI_MIN_SHARE * len(words):
        return _Evidence("vi", True, ("vi",), True, letters)
    ranked, informative = _latin_probabilities(text.lower() if text.isupper() else text)
    best, prob = ranked[0]
    told = None if best == "vi" else _function_words(text, words)  # French or English only
    if prob >= SURE_PROB and told in (None, best):
        lang = best
    elif told is not None and (told == best or not informative):
        lang = told
    else:  # weak or contradicting evidence
        lang = "und"
    fits = tuple(code for code, _ in ranked) + (("zh",) if chinese_script else ())
    sure = lang == best and prob >= SURE_PROB and letters >= SURE_LETTERS
    return _Evidence(lang, sure, fits, informative, letters)


def identify(text: str) -> str:
    """Return the language of one text: "zh", "vi", "fr", "en" or "und" when unsure.

    Rules, in order: at least 2 Han characters making up 30 % of the letters (and no
    Japanese kana or Korean hangul) → "zh"; 15 % of the Latin-script words containing a
    letter that only Vietnamese uses (ă đ ơ ư ạ ả ế ...; é è ê â ô are also French) →
    "vi"; other Latin-script text goes to the letter statistics (``py3langid`` restricted
    to French, English and Vietnamese), which decide when they give the language a
    probability of 0.99, or of 0.9 when French or English function words agree. No
    letters, another script, or weaker evidence → "und".

    On its own a title of one or two words is often "und": read a document's lines with
    :func:`identify_lines`, which gives such lines the language of their version.

    Examples
    --------
    >>> identify("脱贫攻坚责任书"), identify("(Thoát nghèo chuẩn xác)")
    ('zh', 'vi')
    >>> identify("La mise en place d’un mécanisme"), identify("The right to work")
    ('fr', 'en')
    >>> identify("Natural disasters make logistics even more complicated.")
    'en'
    >>> identify("14-01-2021 | China.org.cn"), identify("2021")
    ('und', 'und')
    """
    return _evidence(text).lang


def identify_lines(lines: Sequence[str]) -> list[str]:
    """The language of each line of one document, each judged in its context.

    A line is *decided by itself* when its script says so (Han, Vietnamese-only letters)
    or when it has at least 20 letters that the letter statistics give one language with
    probability 0.99. Every other line looks at the nearest decided line before it and
    after it — the version it sits in, or the two versions it lies between:

    * it takes their language when its letters fit it (a Latin-script line fits French,
      English and Vietnamese; Han fits Chinese): ``"Article 1"`` between English
      paragraphs is English, ``"14-01-2021 | China.org.cn"`` in a Vietnamese version's
      header is Vietnamese;
    * between two versions whose languages both fit, it takes the one its own letters
      favour, and when they favour none (a name, "Article 1"), the following version's,
      as a title heads the text after it;
    * a line with no letters (numbers, punctuation) takes the language of the version
      it sits in only when the decided lines on both sides agree (or there is one on one
      side only, at the start or end of the document); between two versions it stays
      "und";
    * a line whose letters fit neither neighbour (Cyrillic text, a Latin name inside a
      Chinese version), or with no decided line around it, keeps its own answer
      (:func:`identify`), possibly "und".

    Parameters
    ----------
    lines : sequence of str
        The lines (paragraphs) of one document, in reading order.

    Returns
    -------
    list of str
        One language code per line.

    Examples
    --------
    >>> identify_lines(["Article 1", "All human beings are born free and equal in dignity and rights."])
    ['en', 'en']
    >>> identify_lines(["Article premier", "Tous les êtres humains naissent libres et égaux en dignité."])
    ['fr', 'fr']
    >>> identify_lines(["Le 18 juin 2015, Xi Jinping a convoqué un colloque.", "2021", "脱贫攻坚责任书"])
    ['fr', 'und', 'zh']
    """
    evidence = [_evidence(line) for line in lines]
    before: list[str | None] = []
    last = None
    for ev in evidence:
        before.append(last)
        if ev.sure:
            last = ev.lang
    after: list[str | None] = [None] * len(evidence)
    last = None
    for i in range(len(evidence) - 1, -1, -1):
        after[i] = last
        if evidence[i].sure:
            last = evidence[i].lang
    out = []
    for ev, prev, nxt in zip(evidence, before, after):
        if ev.sure:
            out.append(ev.lang)
        elif prev is None and nxt is None:
            out.append(ev.lang)
        elif not ev.fits:  # no letters, or no letters of ours
            around = {prev, nxt} - {None}
            out.append(around.pop() if not ev.letters and len(around) == 1 else ev.lang)
        else:
            fitting = [code for code in ev.fits if code in (prev, nxt)]
            if not fitting:
                out.append(ev.lang)
            elif ev.lang in fitting:  # between two versions, its own (weak) answer is one of them
                out.append(ev.lang)
            elif len(fitting) == 1 or ev.informative:
                out.append(fitting[0])
            else:
                out.append(nxt)
    return out
