"""The pairing of one aligned unit, frame and target language (for renderings, steps 2–4).

:func:`pair_unit` pairs the unit's source and target groups (:class:`~discourse.frames.pairing.Greedy`,
:func:`~discourse.frames.anchoring.swap_pairs`) and gives its rows: the paired hits, those a
reading, a dictionary or an association renders, the dropped and the added ones (the module
docstring of :mod:`discourse.frames.renderings` tells how). A pair Greedy can never make — its
target outside the range the sentence anchors and the pairs already made leave the source group —
is not scored unless :func:`~discourse.frames.anchoring.swap_pairs` asks for its score.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .anchoring import DISTANCE, expected, sentence_anchors, swap_pairs
from .calques import calque, syllables_of
from .context import fallback, has_dictionary, source_neighbours
from ._render_scores import SegmentWords, static_scores, target_info
from .pairing import Greedy

__all__ = ["pair_unit", "whole_words"]

_SOURCE_CLAUSE = re.compile(r"[,;:.!?，；：。！？]")


def pair_unit(d, a, frame, source, tgt, src, tg, uh, text, order, length, learned, cache):
    """The rows of one unit, frame and target language (module docstring, steps 1–4).

    `src`, `tg`: the unit's source and target hits of the frame (:meth:`UnitHits.slice`).
    A unit with no source group, no target group, or one of each, is paired without
    :class:`Greedy` (what it would do then: no sentence anchor with one source group, a pair
    scoring above 0 made, nothing left to swap)."""
    s_order, t_order = order[(d, a, source)], order[(d, a, tgt)]
    groups, t_groups = uh.groups(src, target=False), uh.groups(tg, target=True)
    pos, lit = uh.pos, uh.lit
    if not groups or not t_groups:
        made = _anchors(cache, d, a, source, tgt, s_order, t_order, length, text) if len(groups) > 1 else []
        return _rows(d, a, frame, source, tgt, src, t_groups, (), {}, uh, text, t_order, learned,
                     _expected_at(src, uh, {}, made, t_order, length, d, tgt), cache)
    t_pos = [pos[tgp[0]] for tgp in t_groups]
    keys_of = tgt if has_dictionary(source, tgt) else None
    glossed = (source, tgt) == ("zh", "en")  # only zh → en compares a target group's words (with glosses)
    syllables = (source, tgt) == ("zh", "vi")
    seg = uh.seg
    t_info = [None] * len(t_groups)  # what the scores need of a target group, found when first needed

    def need(js):
        for j in js:
            if t_info[j] is None:
                tgp = t_groups[j]
                t_info[j] = target_info(tgp, uh, _segment_words(cache, text, d, tgt, seg[tgp[0]]), keys_of,
                                        span_words=glossed, syllables=syllables)

    memo = {}
    if len(groups) == 1 and len(t_groups) == 1:
        need((0,))
        sg, tgp = groups[0], t_groups[0]
        ps = pos[sg[0]]
        scores = static_scores(sg, uh, t_info, source, tgt, learned, memo, _near(sg, uh, text, d, source, keys_of))
        rendered, made = {}, []
        if scores and scores[0][1] - DISTANCE * abs(t_pos[0] - ps) > 0.0:  # Greedy.best, no pair made before
            made.append((ps, t_pos[0], None))
            lits = [h for h in sg if lit[h]]
            for k, h in enumerate(lits[:len(tgp)]):
                rendered[h] = tgp[k:] if k == len(lits) - 1 else [tgp[k]]
        return _rows(d, a, frame, source, tgt, src, t_groups, {0} if made else (), rendered, uh, text, t_order,
                     learned, _expected_at(src, uh, rendered, made, t_order, length, d, tgt), cache)
    made = _anchors(cache, d, a, source, tgt, s_order, t_order, length, text) if len(groups) > 1 else []
    anchors, pairs, s_pos, used, near, s_lit = list(made), [], [], {}, [], []
    greedy = Greedy(list(made))
    start = uh.start
    t_lit = [lit[tgp[0]] if len(tgp) == 1 else any(lit[h] for h in tgp) for tgp in t_groups]
    in_order = all(x <= y for x, y in zip(t_pos, t_pos[1:]))

    def score_of(i, j):  # a score left out below, when swap_pairs asks for it
        need((j,))
        if near[i] is None:
            near[i] = _near(groups[i], uh, text, d, source, keys_of)
        return static_scores(groups[i], uh, t_info, source, tgt, learned, memo, near[i], only=(j,))[0][1]

    static = _Scores(score_of, s_lit, t_lit)

    def add(sg):
        i = len(s_pos)
        h0 = sg[0]
        ps = pos[h0]
        s_pos.append(ps)
        s_lit.append(any(lit[h] for h in sg))
        seg_id = seg[h0]
        key = ("clauses", d, seg_id)
        ends = cache.get(key)
        if ends is None:  # the clause ends of a source segment, once for all its hits
            ends = cache[key] = [m.start() for m in _SOURCE_CLAUSE.finditer(text[(d, source, seg_id)])]
        clause = (s_order[seg_id], bisect_left(ends, start[h0]))
        # a target group outside the range the pairs made allow now is never taken by Greedy (the
        # range only narrows): it is no candidate, and its score is computed only if swap_pairs asks for it
        low, high = greedy.open(ps, clause)
        inside = (range(bisect_left(t_pos, low), bisect_right(t_pos, high)) if in_order
                  else [j for j, pt in enumerate(t_pos) if low <= pt <= high])
        near.append(_near(sg, uh, text, d, source, keys_of) if len(inside) else None)  # None: not needed yet
        need(inside)
        scores = static_scores(sg, uh, t_info, source, tgt, learned, memo, near[i], only=inside)
        for j, score in scores:
            static[(i, j)] = score
        greedy.offer(scores, t_pos)

    for sg in groups:
        add(sg)
    while (best := greedy.best()) is not None:
        _, i, j = best
        greedy.take(i, j, t_pos[j])
        pairs.append([i, j])
        lits = [h for h in groups[i] if lit[h]]
        n = len(t_groups[j])
        if len(lits) > n:  # the hits left over compete again for the groups left
            if _left_before(j, [m for m in range(len(t_pos)) if (i, m) in static], greedy.taken_t, t_pos):
                used[i], rest = lits[-n:], lits[:-n]
            else:
                rest = lits[n:]
            groups.append(rest)
            add(groups[-1])
    if len(pairs) > 1:
        swap_pairs(pairs, [sum(lit[h] for h in g) for g in groups], [len(g) for g in t_groups], static, s_pos, t_pos,
                   anchors)
    rendered = {}
    for i, j in pairs:
        lits = [h for h in groups[i] if lit[h]]
        tgp = t_groups[j]
        for k, h in enumerate(used.get(i, lits[:len(tgp)])):
            rendered[h] = tgp[k:] if k == len(lits) - 1 else [tgp[k]]
    return _rows(d, a, frame, source, tgt, src, t_groups, greedy.taken_t, rendered, uh, text, t_order, learned,
                 _expected_at(src, uh, rendered, greedy.made, t_order, length, d, tgt), cache)


class _Scores:
    """``(source group, target group) -> static score`` of the pairs a source group may make (a group
    without a literal hit never takes a literal target group); a score not computed yet is computed
    when read (`compute`)."""

    def __init__(self, compute, s_lit, t_lit):
        self.compute, self.s_lit, self.t_lit, self.known = compute, s_lit, t_lit, {}

    def __contains__(self, key):
        i, j = key
        return 0 <= j < len(self.t_lit) and (self.s_lit[i] or not self.t_lit[j])

    def __setitem__(self, key, value):
        self.known[key] = value

    def __getitem__(self, key):
        value = self.known.get(key)
        if value is None:
            if key not in self:
                raise KeyError(key)
            value = self.known[key] = self.compute(*key)
        return value


def _near(sg, uh, text, d, source, keys_of):
    """A source group's dictionary neighbours (:func:`source_neighbours`), when the pair has a dictionary."""
    if not keys_of:
        return ()
    return source_neighbours(text[(d, source, uh.seg[sg[0]])], uh.start[sg[0]], uh.end[sg[-1]], keys_of)


def _anchors(cache, d, a, source, tgt, s_order, t_order, length, text):
    """The unit's sentence ends (:func:`sentence_anchors`), once for all its frames."""
    out = cache.get((d, a, tgt))
    if out is None:
        s_len = {s: length[(d, source, s)] for s in s_order}
        t_len = {s: length[(d, tgt, s)] for s in t_order}
        out = cache[(d, a, tgt)] = sentence_anchors(d, source, tgt, s_order, t_order, s_len, t_len, text)
    return out


def _expected_at(src, uh, rendered, made, t_order, length, d, tgt):
    """Where the rendering of each literal source hit nothing renders is expected: (segment, offset)."""
    lit, pos = uh.lit, uh.pos
    left = [h for h in src if lit[h] and h not in rendered]
    if not left:
        return {}
    t_len = {s: length[(d, tgt, s)] for s in t_order}
    return {h: _offset(expected(pos[h], made), t_order, t_len) for h in left}


def _segment_words(cache, text, d, lang, seg_id):
    """The words of a target segment (:class:`SegmentWords`), found once for all its groups and frames."""
    key = ("words", d, lang, seg_id)
    sw = cache.get(key)
    if sw is None:
        sw = cache[key] = SegmentWords(text[(d, lang, seg_id)])
    return sw


def _unit_syllables(cache, text, d, a, tgt, t_order):
    """:func:`~discourse.frames.calques.syllables_of` of each target segment of a unit, once for all its
    frames: the words of :class:`SegmentWords` when the text is in NFC (they are then the same)."""
    key = ("syllables", d, a, tgt)
    out = cache.get(key)
    if out is None:
        out = cache[key] = {}
        for seg_id in t_order:
            sw = _segment_words(cache, text, d, tgt, seg_id)
            out[seg_id] = (tuple(zip(sw.lower, sw.starts, sw.ends)) if unicodedata.is_normalized("NFC", sw.text)
                           else syllables_of(sw.text))
    return out


def _offset(position, t_order, t_len):
    """The target (segment, offset) at a relative position (the inverse of a hit's position)."""
    x = min(max(position, 0.0), 1.0) * len(t_order)
    k = min(int(x), len(t_order) - 1)
    seg_id = next(s for s, n in t_order.items() if n == k)
    return seg_id, round((x - k) * t_len[seg_id])


def _left_before(j, cands, taken_t, t_pos):
    """Whether the target group nearest to `j` that a source group may still take comes before it
    (`cands`: the target groups it may pair with).

    Then the group's last hits render `j` and its first are left over: a list keeps its order
    in translation (考核督查问责 ↔ « d'évaluation, d'inspection et de recours en responsabilité »)."""
    left = [(abs(t_pos[m] - t_pos[j]), t_pos[m] < t_pos[j]) for m in cands if m not in taken_t]
    return bool(left) and min(left)[1]


def _rows(d, a, frame, source, tgt, src, t_groups, taken_t, rendered, uh, text, t_order, learned, at, cache):
    rows = []
    seg, start, end, lit, match = uh.seg, uh.start, uh.end, uh.lit, uh.match
    texts = syllables = used = positions = None
    for h in src:
        if not lit[h]:
            continue
        part = rendered.get(h)
        term = match[h]
        base = (d, a, frame, source, term, start[h], end[h], tgt)
        if part:
            seg_id = seg[part[0]]
            s, e = start[part[0]], end[part[-1]]
            span = text[(d, tgt, seg_id)][s:e]
            status = "kept" if any(lit[p] for p in part) else "softened"
            rows.append(base + (span, s, e, "lexicon", status, _calque(source, tgt, term, span), seg[h], seg_id))
            continue
        if texts is None:  # the unit's target texts (and, zh → vi, their syllables), once per unit
            texts = {s: text[(d, tgt, s)] for s in t_order}
            used = [(seg[p], start[p], end[p]) for tgp in t_groups for p in tgp]  # learned never takes a hit
            if (source, tgt) == ("zh", "vi"):
                syllables = _unit_syllables(cache, text, d, a, tgt, t_order)
                positions = cache.setdefault(("positions", d, a, tgt), {})  # where each syllable is, per segment
        found = fallback(term, texts, at[h], used, source=source, target=tgt, syllables=syllables,
                         runs=lambda seg_id: _segment_words(cache, text, d, tgt, seg_id), positions=positions)
        if found[3] == "none":
            found = _learned(term, source, tgt, t_order, text, d, learned, used) or found
        rows.append(base + found[:-1] + (seg[h], found[-1]))
    for j, tgp in enumerate(t_groups):
        if j in taken_t:
            continue
        for p in tgp:
            if lit[p]:
                rows.append((d, a, frame, source, None, None, None, tgt, match[p], start[p], end[p], "lexicon",
                             "added", None, None, seg[p]))
    return rows


def _calque(source, tgt, term, span):
    return calque(term, span) if (source, tgt) == ("zh", "vi") else None


def _spans(seg_id, used):
    """The starts of the spans `used` in a segment, sorted, and the furthest end among the first k of them."""
    spans = sorted((s, e) for seg, s, e in used if seg == seg_id)
    furthest, out = -1, []
    for _, e in spans:
        furthest = max(furthest, e)
        out.append(furthest)
    return [s for s, _ in spans], out


@lru_cache(maxsize=1 << 12)
def _word_then_no_letter(word):
    """`word` in any case, no letter after it (the letter before is :func:`whole_words`' to check)."""
    return re.compile(re.escape(word) + r"(?![^\W\d_])", re.IGNORECASE)


_LETTER = re.compile(r"[^\W\d_]", re.IGNORECASE)


def whole_words(word, text):
    r"""The matches of `word` as a whole word in `text`, in any case: those of
    ``re.finditer(r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W\d_])", text, re.IGNORECASE)``, in
    order. A pattern that begins with the word is searched for about 3 × quicker than one that
    begins with a look-behind (which is tried at every position), so the letter before a match is
    checked here, and the search goes on one character after a match it rejects.

    >>> [m.span() for m in whole_words("la", "La lame, la.")]
    [(0, 2), (9, 11)]
    """
    pattern, pos = _word_then_no_letter(word), 0
    while (m := pattern.search(text, pos)) is not None:
        start, end = m.span()
        if start and _LETTER.match(text, start - 1, start):
            pos = start + 1
            continue
        yield m
        pos = end if end > start else start + 1


def _learned(term, source, tgt, t_order, text, d, learned, used):
    """A rendering of source `term` found by association alone (:meth:`Association.learned`), in the
    unit and not inside a frame hit or another learned rendering; softened (it is not a frame term:
    those are hits, paired or added, above)."""
    by_seg = {}  # the spans used in a segment (used only grows when this returns)
    for word, _ in learned.learned(term):
        for seg_id in t_order:
            taken = None
            for m in whole_words(word, text[(d, tgt, seg_id)]):
                if taken is None:
                    taken = by_seg.get(seg_id)
                    if taken is None:
                        taken = by_seg[seg_id] = _spans(seg_id, used)
                ms, me = m.span()
                k = bisect_left(taken[0], me)  # the spans starting before the match ends; one ends after it starts?
                if not (k and taken[1][k - 1] > ms):
                    used.append((seg_id, ms, me))
                    return (m.group(), m.start(), m.end(), "learned", "softened",
                            _calque(source, tgt, term, m.group()), seg_id)
    return None
