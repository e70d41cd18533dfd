"""What the pairing of renderings scores (step 2): target groups' features and the position-free scores.

A target segment's words and clause marks are found once (:class:`SegmentWords`), for all
its groups, frames and source groups: the words around a group (inside its clause) and its
dictionary neighbours are then read from sorted offsets, not searched for again in a slice
of the text per group. The words of ``text[a:b]`` are the runs of letters of the whole text
cut at `a` and `b` (a run of letters of a slice is a run of the text, cut), lower-cased one
by one.

>>> sw = SegmentWords("la distinction claire, des responsabilités")
>>> sw.words(3, 30)
['distinction', 'claire', 'des', 'res']
>>> sw.lowered(0, 14), sw.marks
(['la', 'distinction'], (21,))
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate

from .calques import gloss_words, read_score, readings, syllables_of
from .context import CONTEXT_WEIGHT, SIDE, TARGET_CLAUSE, WORD, agreement, neighbour_glosses, target_keys

__all__ = ["SegmentWords", "WINDOW", "NEIGHBOUR_WINDOW", "target_info", "static_scores"]

_PIECES = re.compile(f"({WORD.pattern})")

#: Characters looked at on each side of a target group for the words of its clause.
WINDOW = 40
#: … and for its dictionary neighbours (:func:`~discourse.frames.context.target_neighbours`).
NEIGHBOUR_WINDOW = 60


class SegmentWords:
    """The runs of letters and the clause marks of one target text, as sorted offsets.

    Parameters
    ----------
    text : str
    """

    __slots__ = ("text", "starts", "ends", "marks", "written", "lower")

    def __init__(self, text):
        self.text = text
        # the text cut into non-letters and runs of letters, in turn: the offsets are the pieces' lengths
        # summed (tuples of strings and numbers: the garbage collector stops tracking them after its first pass)
        pieces = _PIECES.split(text)
        offsets = tuple(accumulate(map(len, pieces)))
        self.starts, self.ends = offsets[0:-1:2], offsets[1::2]
        self.written = tuple(pieces[1::2])
        self.lower = tuple([w.lower() for w in self.written])
        self.marks = tuple([m.start() for m in TARGET_CLAUSE.finditer(text)])

    def _cut(self, a, b, words):
        """`words` (:attr:`written` or :attr:`lower`) of the runs in ``text[a:b]``, the first and last cut there."""
        starts, ends = self.starts, self.ends
        k, n = bisect_right(ends, a), bisect_left(starts, b)
        out = list(words[k:n])
        if out and (starts[k] < a or ends[n - 1] > b):
            lower = words is self.lower
            text = self.text
            if starts[k] < a:
                out[0] = text[a:min(ends[k], b)]
            if ends[n - 1] > b:
                out[-1] = text[max(starts[n - 1], a):b]
            if lower:
                out[0], out[-1] = out[0].lower(), out[-1].lower()
        return out

    def words(self, a, b):
        """The words of ``text[a:b]`` as written (``WORD.findall(text[a:b])``)."""
        return self._cut(a, b, self.written)

    def lowered(self, a, b):
        """The words of ``text[a:b]``, each lower-cased."""
        return self._cut(a, b, self.lower)


def target_info(tgp, uh, sw, keys_of, *, span_words=True, syllables=False):
    """What the scores need of a target group (hit indices into `uh`, in the text `sw`): literal?,
    its text, its words (only with `span_words`, else None: zh → en compares them with glosses),
    the words of its clause (:data:`WINDOW` characters on each side), and its neighbours' keys
    (`keys_of` is the target language when the pair has a dictionary, else None), and with
    `syllables` (zh → vi) its syllables (:func:`~discourse.frames.calques.syllables_of`).

    >>> from types import SimpleNamespace
    >>> uh = SimpleNamespace(start=(27,), end=(42,), lit=(True,))
    >>> info = target_info([0], uh, SegmentWords("la distinction claire, des responsabilités"), "fr")
    >>> info[:2], sorted(info[3]), sorted(info[4]), info[5]
    ((True, 'responsabilités'), ['des'], ['un'], None)
    """
    s, e = uh.start[tgp[0]], uh.end[tgp[-1]]
    text, lowered = sw.text, sw.lowered
    span = text[s:e]
    # the words around the group: up to WINDOW (NEIGHBOUR_WINDOW) characters on each side, inside its clause
    marks, n = sw.marks, len(text)
    k = bisect_left(marks, s) - 1
    before = marks[k] + 1 if k >= 0 else 0
    k = bisect_left(marks, e)
    after = marks[k] if k < len(marks) else n
    a, b = s - WINDOW, e + WINDOW
    window = frozenset(lowered(a if a > before else before, s) + lowered(e, b if b < after else after))
    near = None
    if keys_of:  # target_neighbours: up to SIDE words on each side, inside the clause
        a, b = s - NEIGHBOUR_WINDOW, e + NEIGHBOUR_WINDOW
        near = target_keys(sw.words(a if a > before else before, s)[-SIDE:]
                           + sw.words(e, b if b < after else after)[:SIDE], keys_of)
    syl = None
    if syllables:  # the runs of an NFC text, lower-cased, are its syllables
        syl = (tuple(lowered(s, e)) if unicodedata.is_normalized("NFC", span)
               else tuple(x for x, _, _ in syllables_of(span)))
    lit = uh.lit
    return (lit[tgp[0]] if len(tgp) == 1 else any(lit[h] for h in tgp), span,
            frozenset(lowered(s, e)) if span_words else None, window, near, syl)


def static_scores(sg, uh, t_info, source, tgt, learned, memo, neighbours=(), *, only=None):
    """The position-free part of source group `sg`'s scores with the unit's target groups:
    ``[(j, score)]`` for those it may take (a group without a literal hit never takes a literal
    target group).

    `sg` is the group's hits (indices into `uh`), `t_info` what :func:`target_info` gives of
    each target group; `neighbours` are the group's dictionary neighbours
    (:func:`~discourse.frames.context.source_neighbours`). `memo` holds, for the unit (never
    across units), what a source form or a source group's neighbours score with the target
    groups, a list over ``j`` each, so that hits of one term in a unit compute it once: the
    Dice of the form's first hit (``memo["dice", form]``), zh → vi the reading score of the form (``memo["read", form]``) and the
    number of neighbours the target's neighbours read or translate (``memo["agree",
    neighbours]``, :func:`~discourse.frames.context.agreement`; zh → fr and zh → en compare the
    neighbours' gloss keys, :func:`~discourse.frames.context.neighbour_glosses`, with the
    target's keys); each filled only for the ``j`` asked for. `only`, when given, are the target
    groups scored (the others are left out).

    >>> from types import SimpleNamespace
    >>> uh = SimpleNamespace(lit=(True,), match=("责任",))
    >>> learned = SimpleNamespace(trusted=lambda form: ({}, frozenset()))
    >>> static_scores([0], uh, [(True, "", frozenset(), frozenset(), None, None)], "zh", "fr", learned, {})
    [(0, 2.0)]
    """
    lit, match = uh.lit, uh.match
    if len(sg) == 1:
        s_lit = lit[sg[0]]
        form = first = match[sg[0]]
    else:
        s_lit, form, first = any(lit[h] for h in sg), "".join([match[h] for h in sg]), match[sg[0]]
    out = []
    zh_vi = (source, tgt) == ("zh", "vi")
    glosses = gloss_words(form) if (source, tgt) == ("zh", "en") else None
    strengths = memo.get(("dice", first))
    trusted_dice, trusted = learned.trusted(first)  # Association.strength, inline below
    if strengths is None:
        strengths = memo["dice", first] = [None] * len(t_info) if trusted else [0.0] * len(t_info)
    agree = glossed = reads = readable = None
    if neighbours:
        agree = memo.get(("agree", neighbours))
        if agree is None:
            agree = memo["agree", neighbours] = [None] * len(t_info)
        if tgt != "vi":  # fr, en: each neighbour's gloss keys against the target's keys
            glossed = neighbour_glosses(neighbours, tgt)
    if zh_vi:
        readable = readings(form)
        reads = memo.get(("read", form))
        if reads is None:
            reads = memo["read", form] = [None] * len(t_info)
    for j in range(len(t_info)) if only is None else only:
        info = t_info[j]
        t_lit = info[0]
        if t_lit and not s_lit:
            continue
        score = 2.0 if t_lit else 1.0
        if zh_vi:  # the share of the term read and of the rendering reading it
            read = reads[j]
            if read is None:
                syl = info[5]
                read = reads[j] = read_score(form, syl) if not readable.isdisjoint(syl) else False
            if read is not False:  # (0 when no syllable reads a character of the term)
                score += read
        elif glosses is not None and info[2] & glosses:
            score += 1.0
        if agree is not None:  # the words next to the hit translated next to the target group
            agreeing = agree[j]
            if agreeing is None:
                if glossed is None:
                    agreeing = agreement(neighbours, info[4], tgt)
                else:
                    t_neighbours = info[4]
                    agreeing = sum(not keys.isdisjoint(t_neighbours) for keys in glossed)
                agree[j] = agreeing
            if glossed is None:
                score += CONTEXT_WEIGHT * agreeing
            else:  # one CONTEXT_WEIGHT per neighbour, added one by one as before
                for _ in range(agreeing):
                    score += CONTEXT_WEIGHT
        strength = strengths[j]
        if strength is None:
            common = trusted.intersection(info[3])
            strength = strengths[j] = max(map(trusted_dice.__getitem__, common)) if common else 0.0
        out.append((j, score + strength))
    return out
