"""Sino-Vietnamese readings and calques, and zh–en dictionary glosses, for renderings.

A Vietnamese word is a **Sino-Vietnamese calque** of a Chinese term when it reads the
term's characters in their Hán-Việt pronunciation (``data/hanviet/``, Unihan
``kVietnamese``, via :func:`discourse.anchors.hanviet_table`): 责任 → *trách nhiệm*,
军令状 → *quân lệnh trạng*, 攻坚 → *công kiên*. *Thoát nghèo* for 脱贫 is native: *thoát*
reads 脱 but *nghèo* is the native word for 贫 (*bần*).

Definition used by :func:`calque` (precise, so that it can be checked): let the term's
Han characters be c₁…cₙ and the rendering's syllables s₁…sₘ. A character is *read* when
some syllable of the rendering is one of its Hán-Việt readings (each syllable reads at
most one character, matched left to right). The rendering is a calque when

1. at least half of the term's characters are read (``read_share ≥ 0.5``), and
2. two characters adjacent in the term, cᵢcᵢ₊₁, are read by two adjacent syllables in
   the same order (a borrowed Sino-Vietnamese word, e.g. *công kiên* ← 攻坚) — or the
   term is one character and it is read.

So 脱贫攻坚战 → *trận chiến công kiên thoát nghèo* is a calque (攻 坚 战 脱 read: 4/5,
*công kiên* in order) although Vietnamese puts the head (*trận chiến* ← 战) first, and
脱贫 → *thoát nghèo* is not (1/2 read, no pair).

>>> calque("攻坚战", "trận chiến công kiên"), calque("脱贫", "thoát nghèo")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from discourse.anchors import cedict_table, hanviet_table

__all__ = ["calque", "read_cover", "read_share", "read_score", "readings", "reading_spans", "syllables_of", "gloss_words", "CALQUE_SHARE",
           "EXTRA_READINGS"]

#: The share of the term's characters a calque must read (see the module docstring).
CALQUE_SHARE = 0.5
#: Common Hán-Việt readings that Unihan's ``kVietnamese`` lacks (it gives one reading, sometimes
#: a rarer one: 任 *nhậm*, 主 *chúa*, 检 *ghém*); from Thiều Chửu, *Hán-Việt tự điển* (1942).
EXTRA_READINGS = {"任": ("nhiệm",), "主": ("chủ",), "检": ("kiểm",), "问": ("vấn",), "赢": ("doanh",)}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SYLLABLE = re.compile(r"[^\W\d_]+")


@cache
def _table() -> dict[str, tuple[str, ...]]:
    table = dict(hanviet_table())
    for char, extra in EXTRA_READINGS.items():
        table[char] = table.get(char, ()) + extra
    return table


def _chars(term: str) -> list[str]:
    return _HAN.findall(term)


def syllables_of(text: str) -> tuple[tuple[str, int, int], ...]:
    """``(syllable lower-cased NFC, start, end)`` of a Vietnamese text (offsets in its NFC form).

    Not cached: a caller that searches one text for several terms computes it once and passes
    it to :func:`reading_spans` (``syllables=``).

    >>> syllables_of("Trách nhiệm")
    (('trách', 0, 5), ('nhiệm', 6, 11))
    """
    text = unicodedata.normalize("NFC", text)
    return tuple((m.group().lower(), m.start(), m.end()) for m in _SYLLABLE.finditer(text))



@cache
def _readable(term: str) -> frozenset[str]:
    """Every Hán-Việt reading of the term's characters (per distinct term, not per hit)."""
    table = _table()
    return frozenset(r for ch in _chars(term) for r in table.get(ch, ()))


def readings(term: str) -> frozenset[str]:
    """Every Hán-Việt reading of the term's characters, lower-cased NFC (a syllable that reads none
    of them cannot be part of a reading of the term).

    >>> sorted(readings("攻坚"))
    ['công', 'kiên']
    """
    return _readable(term)


def _read(chars: list[str], syllables: list[str]) -> list[int | None]:
    """For each syllable, the index of the term character it reads (or None); each character once."""
    table = _table()
    used, out = set(), []
    for syl in syllables:
        hit = next((i for i, ch in enumerate(chars) if i not in used and syl in table.get(ch, ())), None)
        if hit is not None:
            used.add(hit)
        out.append(hit)
    return out


@cache
def _char_readings(term: str) -> tuple[frozenset[str], ...]:
    """The Hán-Việt readings of each of the term's Han characters (per distinct term)."""
    table = _table()
    return tuple(frozenset(table.get(ch, ())) for ch in _chars(term))


def read_score(term: str, syllables) -> float:
    """``(read_share(term, r) + read_cover(term, r)) / 2`` of a rendering `r` given as its syllables
    (lower-cased NFC, as :func:`syllables_of` gives them), without a cache: only the syllables
    that read one of the term's characters are matched (each character once, left to right).

    >>> read_score("脱贫攻坚", ("đánh", "thắng", "trận", "chiến", "công", "kiên", "thoát", "nghèo"))
    0.5625
    """
    per_char = _char_readings(term)
    readable, m, used = _readable(term), 0, 0
    for syl in syllables:
        if syl in readable:  # as _read: the first character not read yet that it reads
            for i, reads in enumerate(per_char):
                if syl in reads and not used >> i & 1:
                    used |= 1 << i
                    m += 1
                    break
    return ((m / len(per_char) if per_char else 0.0) + (m / len(syllables) if syllables else 0.0)) / 2


@lru_cache(maxsize=1 << 16)  # a pure function of two strings; the same term pairs recur in a corpus
def read_share(term: str, rendering: str) -> float:
    """The share of the term's Han characters that a syllable of the rendering reads.

    >>> read_share("脱贫攻坚战", "trận chiến công kiên thoát nghèo")
    0.8
    """
    chars = _chars(term)
    if not chars:
        return 0.0
    reads = _read(chars, [s for s, _, _ in syllables_of(rendering)])
    return sum(r is not None for r in reads) / len(chars)


@lru_cache(maxsize=1 << 16)  # a pure function of two strings
def read_cover(term: str, rendering: str) -> float:
    """The share of the rendering's syllables that read a character of the term (each character once).

    >>> read_cover("脱贫攻坚", "đánh thắng trận chiến công kiên thoát nghèo")
    0.375
    """
    syllables = [s for s, _, _ in syllables_of(rendering)]
    if not syllables:
        return 0.0
    return sum(r is not None for r in _read(_chars(term), syllables)) / len(syllables)


@lru_cache(maxsize=1 << 16)  # pure; the same term and rendering recur
def calque(term: str, rendering) -> bool | None:
    """Whether a Vietnamese rendering is a Sino-Vietnamese calque of a Chinese term (module docstring).

    ``None`` when there is no rendering or the term has no Han character.

    >>> calque("责任", "trách nhiệm"), calque("军令状", "quân lệnh trạng"), calque("打赢", "đánh thắng")
    (True, True, False)
    >>> calque("脱贫攻坚战", "trận chiến công kiên thoát nghèo")
    True
    """
    chars = _chars(term)
    if not chars or not isinstance(rendering, str) or not rendering.strip():
        return None
    reads = _read(chars, [s for s, _, _ in syllables_of(rendering)])
    share = sum(r is not None for r in reads) / len(chars)
    if share < CALQUE_SHARE:
        return False
    if len(chars) == 1:
        return True
    return any(a is not None and b == a + 1 for a, b in zip(reads, reads[1:]))


def reading_spans(term: str, text: str, *, min_syllables: int = 2, syllables=None,
                  positions=None) -> list[tuple[int, int]]:
    """Spans of a Vietnamese text whose consecutive syllables read consecutive characters of the term.

    Runs of at least `min_syllables` syllables (or the whole term when it is shorter), as
    ``(start, end)`` offsets into `text`, left to right. `syllables` is
    :func:`syllables_of` of `text` when the caller has it already, and `positions` (with it) maps
    each of its syllables to the numbers of the syllables that are it, in order: the syllables reading
    the term are then looked up, not searched for.

    >>> text = "Đảng uỷ gánh vác trách nhiệm chủ thể"
    >>> [text[s:e] for s, e in reading_spans("主体责任", text)]
    ['trách nhiệm chủ thể']
    """
    chars = _chars(term)
    need = min(min_syllables, len(chars))
    if not chars:
        return []
    readable = _readable(term)
    syl = syllables_of(text) if syllables is None else syllables
    out, run = [], []  # the maximal runs of syllables that read one of the term's characters
    if positions is None:
        reading = [k for k, (s, _, _) in enumerate(syl) if s in readable]
    else:
        reading = sorted([k for s in readable for k in positions.get(s, ())])
    for k in reading + [-2]:
        if run and k != run[-1] + 1:
            if len(run) >= need and calque(term, " ".join(syl[r][0] for r in run)):
                out.append((syl[run[0]][1], syl[run[-1]][2]))
            run = []
        run.append(k)
    return out


@lru_cache(maxsize=1 << 14)  # per distinct term, not per hit
def gloss_words(term: str) -> frozenset[str]:
    """English words CC-CEDICT gives for a Chinese term, or for its listed parts (longest first).

    >>> sorted(gloss_words("法官"))
    ['judge']
    """
    table = cedict_table()
    chars = "".join(_chars(term)) or term
    if chars in table:
        return frozenset(table[chars])
    words, i = set(), 0
    while i < len(chars):
        for j in range(len(chars), i, -1):
            if chars[i:j] in table and j - i > 1:
                words.update(table[chars[i:j]])
                i = j
                break
        else:
            i += 1
    return frozenset(words)
