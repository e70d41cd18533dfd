"""Rule-based language identification of a paragraph: zh, vi, fr, en, or und when unsure."""

from __future__ import annotations

import re
import unicodedata

from discourse.languages.base import HAN
from discourse.languages.vi import VI_ONLY_LETTERS

__all__ = ["identify"]

_HAN = re.compile(f"[{HAN}]")
_KANA_HANGUL = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u1100-\u11ff\uac00-\ud7af]")
_LATIN_WORD = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")

_FRENCH_LETTERS = frozenset("àâçéèêëîïôùûüÿœæ")
# Frequent function words that the other language of the pair does not use.
_FRENCH_WORDS = frozenset(
    "le la les l des du de d et est une un dans pour que qu qui au aux sur par en ne pas se "
    "ce cette il elle ils sont avec ou son sa ses leur leurs à été être nous vous".split()
)
_ENGLISH_WORDS = frozenset(
    "the and of to is in that it for with as be by this are or which was on an shall has "
    "have his her their from not all any no been were its".split()
)

#: Share of Han characters among letters from which a paragraph is Chinese.
ZH_MIN_SHARE = 0.3
#: Share of words with a Vietnamese-only letter (ă đ ơ ư ạ ả ...) from which it is Vietnamese.
VI_MIN_SHARE = 0.15


def identify(text: str) -> str:
    """Return the language of a paragraph: "zh", "vi", "fr", "en" or "und" when unsure.

    Rules, in order: at least 2 Han characters making up 30 % of the letters (and no
    Japanese kana or Korean hangul) → "zh"; 15 % of the Latin-script words containing a
    letter that only Vietnamese uses (ă đ ơ ư ạ ả ế ...; é è ê â ô are also French) →
    "vi"; otherwise French function words and accented letters against English function
    words, the winner needing twice the loser's count → "fr" or "en"; no evidence or a
    tie → "und".

    Examples
    --------
    >>> identify("脱贫攻坚责任书"), identify("(Thoát nghèo chuẩn xác)")
    ('zh', 'vi')
    >>> identify("La mise en place d’un mécanisme"), identify("The right to work")
    ('fr', 'en')
    >>> identify("14-01-2021 | China.org.cn")
    'und'
    """
    text = unicodedata.normalize("NFC", text)
    letters = sum(c.isalpha() for c in text)
    han = len(_HAN.findall(text))
    if han >= 2 and han >= ZH_MIN_SHARE * letters and len(_KANA_HANGUL.findall(text)) < han / 10:
        return "zh"
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    if not words:
        return "und"
    vi = sum(not VI_ONLY_LETTERS.isdisjoint(w) for w in words)
    if vi and vi >= VI_MIN_SHARE * len(words):
        return "vi"
    fr = sum(w in _FRENCH_WORDS or not _FRENCH_LETTERS.isdisjoint(w) for w in words)
    en = sum(w in _ENGLISH_WORDS for w in words)
    if fr > 2 * en:
        return "fr"
    if en > 2 * fr:
        return "en"
    return "und"
