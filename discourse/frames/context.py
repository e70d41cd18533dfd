"""Bilingual-dictionary evidence for renderings: what the words next to a hit translate, and dictionary renderings.

Two hits of one term in one unit are told apart by their neighbours. In 构建起责任清晰、各负其责、
合力攻坚的责任体系 ↔ « un système de responsabilités marqué par la distinction claire des
responsabilités », the first 责任 is next to 清晰 (*clair*) and the last next to 体系 (*système*),
so the French order, swapped, is followed. :func:`agreement` counts the sides of a source group
whose nearest dictionary word has a gloss among the words next to a target group;
:func:`dictionary_span` finds, for a hit nothing else renders, the target words that its
dictionary glosses give, in the clause where the rendering is expected (省负总责 ↔ « prise en
charge par la province »: 负 *charger*, 省 *province*).

The dictionaries are those the sentence aligner uses: CFDICT for zh–fr
(:func:`discourse._dictionaries.cfdict_table`), CC-CEDICT for zh–en
(:func:`discourse.anchors.cedict_table`), and for zh–vi the Hán-Việt readings
(:func:`~discourse.frames.calques.reading_spans`). A target word matches a gloss when their
keys are equal: the lemma (simplemma, fr and en), lower-cased, cut to its first
:data:`STEM` letters (so *charge* meets *charger*, *distinction* meets *distinct*), as
:func:`discourse.anchors.add_dictionary` compares English words.

>>> text = "构建起责任清晰、各负其责、合力攻坚的责任体系"
>>> source_neighbours(text, 3, 5, "fr"), source_neighbours(text, 18, 20, "fr")
(('清晰',), ('攻坚', '体系'))
>>> agreement(("清晰",), target_keys(["la", "distinction", "claire", "des", "et", "conjugaison"], "fr"), "fr")
1
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from discourse._dictionaries import cfdict_table
from discourse.anchors import cedict_table
from discourse.languages.lemmas import lemmas

from .calques import readings, reading_spans, syllables_of

__all__ = ["STEM", "SIDE", "CONTEXT_WEIGHT", "MIN_WORDS", "TARGET_CLAUSE", "WORD", "source_neighbours", "target_neighbours", "target_keys",
           "agreement", "neighbour_glosses", "dictionary_span", "fallback", "has_dictionary"]

#: Letters of a lemma compared (a gloss *charger* and a word *charge* share ``charg``).
STEM = 5
#: Words taken on each side of a target group (inside its clause) to compare with the source's neighbours.
SIDE = 3
#: Score added to a pairing per side of the source group whose neighbour the target's neighbours translate.
CONTEXT_WEIGHT = 0.5
#: Distinct matching words a dictionary rendering needs (:func:`dictionary_span`).
MIN_WORDS = 2
#: The longest Chinese word looked up.
_LONGEST = 4
#: Characters skipped next to a hit before its neighbour (the particles of 合力攻坚的责任体系).
_PARTICLES = frozenset("的之地得了着")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_HAN_RUN_END = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+$")
#: A word of a target text: a run of letters.
WORD = re.compile(r"[^\W\d_]+")
#: What ends a clause of a target text (a word, its neighbours and a dictionary rendering stay inside one).
TARGET_CLAUSE = re.compile(r"[,;:.!?«»“”\"()（）,。;:!?、《》]")


def has_dictionary(source: str, target: str) -> bool:
    """Whether the language pair has a dictionary here (zh–fr, zh–en, zh–vi)."""
    return source == "zh" and target in ("fr", "en", "vi")


def _table(target):
    # the Chinese headwords of the pair's dictionary (zh–vi: CC-CEDICT's, read by Hán-Việt)
    return cfdict_table() if target == "fr" else cedict_table()


def source_neighbours(text: str, start: int, end: int, target: str) -> tuple[str, ...]:
    """The dictionary word nearest the span on each side, inside its clause (left first).

    Particles next to the span (的, 之, …) are skipped; the neighbour is the longest
    headword (2–4 characters) of the pair's dictionary ending just before (starting just
    after) the span; a side whose next character is not Han (a clause end, 、) has none.

    >>> source_neighbours("落实各层级部门扶贫责任", 9, 11, "fr")
    ('扶贫',)
    """
    table, out = _table(target), []
    i = start
    while i > 0 and text[i - 1] in _PARTICLES:
        i -= 1
    left = _HAN_RUN_END.search(text, max(0, i - _LONGEST), i)
    if left:
        run = left.group()
        for n in range(len(run), 1, -1):  # the longest headword first
            if run[-n:] in table:
                out.append(run[-n:])
                break
    j = end
    while j < len(text) and text[j] in _PARTICLES:
        j += 1
    right = _HAN_RUN.match(text, j, j + _LONGEST)
    if right:
        run = right.group()
        for n in range(len(run), 1, -1):
            if run[:n] in table:
                out.append(run[:n])
                break
    return tuple(out)


def target_neighbours(text: str, start: int, end: int, *, side: int = SIDE) -> list[str]:
    """Up to `side` words on each side of a target span, inside its clause (left first).

    >>> target_neighbours("un système de responsabilités marqué par la distinction", 14, 29)
    ['un', 'système', 'de', 'marqué', 'par', 'la']
    """
    left = TARGET_CLAUSE.split(text[max(0, start - 60):start])[-1]
    right = TARGET_CLAUSE.split(text[end:end + 60])[0]
    return WORD.findall(left)[-side:] + WORD.findall(right)[:side]


@lru_cache(maxsize=1 << 18)  # per distinct word
def _key(lang: str, word: str) -> str:
    lemma = lemmas(lang, [word.lower()])[0] if lang in ("fr", "en") else word.lower()
    return lemma[:STEM]


@lru_cache(maxsize=1 << 14)
def _gloss_keys(word: str, target: str) -> frozenset[str]:
    return frozenset(_key(target, g) for g in _table(target).get(word, ()))


def neighbour_glosses(neighbours, target: str) -> tuple[frozenset[str], ...]:
    """The gloss keys of each of a source group's neighbours (fr, en): :func:`agreement` counts
    those that meet a target group's keys.

    >>> [sorted(k) for k in neighbour_glosses(("体系",), "fr")]
    [['systè']]
    """
    return tuple(_gloss_keys(w, target) for w in neighbours)


def target_keys(words, target: str):
    """What :func:`agreement` compares of a target group's neighbours (:func:`target_neighbours`):
    their keys (fr, en), or their syllables, their text and a slot for its
    :func:`~discourse.frames.calques.syllables_of`, filled by the first :func:`agreement` that
    needs it (vi, searched for readings).

    >>> sorted(target_keys(["un", "système", "de"], "fr"))
    ['de', 'systè', 'un']
    """
    if target == "vi":
        return frozenset(unicodedata.normalize("NFC", w).lower() for w in words), " ".join(words), [None]
    return frozenset(_key(target, w) for w in words)


def agreement(neighbours, keys, target: str) -> int:
    """How many of a source group's neighbours (:func:`source_neighbours`) have a gloss among
    a target group's neighbours (`keys`, :func:`target_keys`): 0, 1 or 2.

    >>> agreement(("攻坚", "体系"), target_keys(["un", "système", "de", "marqué", "par", "la"], "fr"), "fr")
    1
    """
    if target == "vi":
        syllables, text, syl = keys
        n = 0
        for w in neighbours:
            if not readings(w).isdisjoint(syllables):
                if syl[0] is None:
                    syl[0] = syllables_of(text)
                n += bool(reading_spans(w, text, syllables=syl[0]))
        return n
    return sum(not _gloss_keys(w, target).isdisjoint(keys) for w in neighbours)


def _parts(term: str, target: str) -> list[str]:
    """The term as dictionary words: itself, else its longest headwords left to right, single characters included."""
    table = _table(target)
    chars = "".join(_HAN.findall(term))
    parts, i = [], 0
    while i < len(chars):
        j = next((j for j in range(min(len(chars), i + _LONGEST), i, -1) if chars[i:j] in table), None)
        if j is None:
            i += 1
            continue
        parts.append(chars[i:j])
        i = j
    return parts


@lru_cache(maxsize=1 << 14)  # per distinct term
def _term_keys(term: str, target: str) -> tuple[frozenset[str], frozenset[str]]:
    """The gloss keys of the term's dictionary words (:func:`_parts`) and their glosses as written, lower-cased."""
    parts, table = _parts(term, target), _table(target)
    return (frozenset().union(*(_gloss_keys(p, target) for p in parts)),
            frozenset(g.lower() for p in parts for g in table.get(p, ())))


def dictionary_span(term: str, text: str, at: int, target: str, *, taken=(), runs=None) -> tuple[int, int] | None:
    """The target words the dictionary gives for `term`, in the clause of `text` at offset `at`.

    The clause (between , ; : . ! ? « » and the like) holding `at`, then the one after
    and the one before it, are searched; in the first with at least two distinct words
    whose keys are gloss keys of the term's dictionary words (:func:`_parts`), the span
    runs from the first such word to the last. One word is enough when it is one of the
    gloss words as written (case aside: 负责 *charge*, 瞄准 *target*), not only by its key:
    a gloss list often holds a definition, and an inflected match of one of its words is
    weak evidence (攻坚, *prendre d'assaut des places fortifiées*, would take the *place* of
    « mettant en place »). ``None`` when no clause has them, or for zh–vi (its readings are
    :func:`~discourse.frames.calques.reading_spans`).
    Words overlapping `taken` (``(start, end)`` pairs) are not used. `runs`, when given, is
    what the caller found of `text` already: an object with the sorted ``starts``, ``ends``
    and ``written`` of its runs of letters and the offsets ``marks`` of its clause marks
    (:class:`~discourse.frames._render_scores.SegmentWords`); the text is then not searched again.

    >>> text = "la planification par le gouvernement central, le prise en charge par la province, et"
    >>> s, e = dictionary_span("省负总责", text, 50, "fr"); text[s:e]
    'charge par la province'
    >>> dictionary_span("攻坚", "en mettant en place un système", 10, "fr") is None
    True
    """
    if target == "vi":
        return None
    keys, written = _term_keys(term, target)
    if not keys:
        return None
    if runs is None:
        marks = [m.start() for m in TARGET_CLAUSE.finditer(text)]
        found_runs = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        starts = [r[0] for r in found_runs]
    else:
        marks, starts = runs.marks, runs.starts
        found_runs = None
    # clause c runs from bound(c) to bound(c + 1): 0, after each clause mark (one character), the text's end
    n_clauses, k = len(marks) + 1, bisect_left(marks, at)
    for c in (k, k + 1, k - 1):
        if not 0 <= c < n_clauses:
            continue
        lo = marks[c - 1] + 1 if c else 0
        hi = marks[c] + 1 if c < len(marks) else len(text)
        i0, i1 = bisect_left(starts, lo), bisect_left(starts, hi)  # no run of letters crosses a clause mark
        if found_runs is None:
            clause = zip(starts[i0:i1], runs.ends[i0:i1], runs.written[i0:i1])
        else:
            clause = found_runs[i0:i1]
        found = [(s, e, w) for s, e, w in clause
                 if _key(target, w) in keys and not any(a < e and s < b for a, b in taken)]
        if len({_key(target, w) for _, _, w in found}) >= MIN_WORDS:
            return found[0][0], found[-1][1]
        one = next((f for f in found if f[2].lower() in written), None)
        if one:
            return one[0], one[1]
    return None


def fallback(term: str, texts: dict, at: tuple, used: list, *, source: str, target: str, syllables=None,
             runs=None, positions=None) -> tuple:
    """A rendering of a hit the pairing left: by reading (zh–vi, anywhere in the unit), by dictionary
    (zh–fr, zh–en: :func:`dictionary_span` at `at`), or none.

    `texts` maps the target unit's segment ids, in order, to their texts; `at` is the
    ``(segment id, offset)`` where the rendering is expected; `used` holds the
    ``(segment id, start, end)`` spans already taken (a dictionary rendering is added to it).
    `syllables` (zh–vi), when given, is the caller's memo of the unit's
    :func:`~discourse.frames.calques.syllables_of` per segment id, filled here as needed (the
    hits of one unit then split each text once), and `positions` (with it) the caller's memo of where
    each syllable is (``positions=`` of :func:`~discourse.frames.calques.reading_spans`); `runs` (zh–fr, zh–en), when given, maps a segment id
    to what :func:`dictionary_span` may read instead of searching its text (``runs=``).
    Returns ``(rendering, start, end, method, status, calque, segment id)``.

    >>> fallback("省负总责", {7: "le gouvernement central, la prise en charge par la province"}, (7, 30), [],
    ...          source="zh", target="fr")[:5]
    ('charge par la province', 37, 59, 'dictionary', 'softened')
    """
    if (source, target) == ("zh", "vi"):
        for seg_id, t in texts.items():
            syl = None
            if syllables is not None:
                syl = syllables.get(seg_id)
                if syl is None:
                    syl = syllables[seg_id] = syllables_of(t)
            where = None
            if syl is not None and positions is not None:
                where = positions.get(seg_id)
                if where is None:
                    where = positions[seg_id] = {}
                    for k, (x, _, _) in enumerate(syl):
                        where.setdefault(x, []).append(k)
            spans = reading_spans(term, t, syllables=syl, positions=where)
            if spans:
                s, e = spans[0]
                return (t[s:e], s, e, "reading", "kept", True, seg_id)
    elif has_dictionary(source, target):
        seg_id, offset = at
        t = texts[seg_id]
        span = dictionary_span(term, t, offset, target, taken=[(s, e) for g, s, e in used if g == seg_id],
                               runs=None if runs is None else runs(seg_id))
        if span:
            used.append((seg_id, *span))
            return (t[span[0]:span[1]], *span, "dictionary", "softened", None, seg_id)
    return (None, None, None, "none", "dropped", None, None)
