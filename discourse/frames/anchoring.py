"""Where a source hit's rendering is expected in its aligned unit: sentence anchors, swaps (for renderings).

A paragraph's sentences translate each other in order, so the sentence ends of the two
sides, matched by :func:`sentence_anchors`, pin the positions in between:
:func:`expected` interpolates a source position between anchors, and
:func:`swap_pairs` lets two pairs inside one sentence exchange their targets.
Positions are relative: ``(segment number + offset / segment length) / segments``.

>>> round(expected(0.5, [(0.4, 0.2, None), (0.6, 0.4, None)]), 6)
0.3
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

__all__ = ["ANCHOR_TOLERANCE", "DISTANCE", "expected", "want", "sentence_anchors", "swap_pairs"]

SOURCE_END = re.compile(r"[。！？!?]+[”’\"」』）)]*")
TARGET_END = re.compile(r"[.!?…]+[»”’\")]*(?=\s|$)")
#: Sentence ends whose relative positions differ by more are not matched.
ANCHOR_TOLERANCE = 0.06
#: Score lost per unit of relative position between a source and a target group.
DISTANCE = 3.0


def expected(ps, anchors):
    """The target position expected for a source position, interpolated between the pairs made.

    `anchors` are ``(source position, target position, clause)`` triples.

    >>> round(expected(0.1, [(0.2, 0.3, None)]), 6)
    0.2
    """
    left = max((x for x in anchors if x[0] <= ps), default=None, key=lambda x: x[0])
    right = min((x for x in anchors if x[0] > ps), default=None, key=lambda x: x[0])
    return want(ps, left, right)


def want(ps, left, right):
    """The target position expected for source position `ps` between the pairs `left` and `right`.

    `left` is the pair made nearest at or before `ps`, `right` the nearest after (``None``
    when there is none): what :func:`expected` computes.

    >>> round(want(0.5, (0.4, 0.2, None), (0.6, 0.4, None)), 6)
    0.3
    """
    if left and right and right[0] > left[0]:
        return left[1] + (ps - left[0]) * (right[1] - left[1]) / (right[0] - left[0])
    if left:
        return left[1] + ps - left[0]
    if right:
        return right[1] - (right[0] - ps)
    return ps


def _ends(d, lang, seg_order, seg_len, text, pattern):
    """Relative positions (as :func:`_position`) of the sentence ends inside a unit's segments."""
    out = []
    for seg_id, k in seg_order.items():
        t = text[(d, lang, seg_id)]
        n = max(seg_len[seg_id], 1)
        out += [(k + m.end() / n) / len(seg_order) for m in pattern.finditer(t) if m.end() < len(t)]
    out += [k / len(seg_order) for k in range(1, len(seg_order))]  # segment ends are sentence ends too
    return sorted(out)


def sentence_anchors(d, source, tgt, s_order, t_order, s_len, t_len, text):
    """Sentence ends of the source and target units matched one to one, in order, as pairs made.

    The ends are matched by their relative positions (a monotone alignment maximising the
    summed closeness, ends further apart than :data:`ANCHOR_TOLERANCE` never matched), so
    that a pair is expected in the sentence that translates its source sentence and no pair
    crosses a sentence end: a French sentence running longer than its Chinese does not
    shift the hits of the next one (创新精准扶贫考核机制 ↔ « mécanisme d'évaluation », not the
    « responsabilités » of the next sentence).

    `d` is the document, `s_order`/`t_order` map a unit's segment ids to their order,
    `s_len`/`t_len` to their lengths, `text` maps ``(doc_id, lang, seg_id)`` to the text.
    Returns ``(source position, target position, ("end", k))`` triples, in order.

    >>> text = {("d", "zh", 1): "甲乙。丙丁。", ("d", "fr", 2): "Un deux trois. Quatre cinq six."}
    >>> [(round(s, 2), round(t, 2)) for s, t, _ in sentence_anchors(
    ...     "d", "zh", "fr", {1: 0}, {2: 0}, {1: 6}, {2: 31}, text)]
    [(0.5, 0.45)]
    """
    s_ends = _ends(d, source, s_order, s_len, text, SOURCE_END)
    t_ends = _ends(d, tgt, t_order, t_len, text, TARGET_END)
    if not s_ends or not t_ends:
        return []
    n, m = len(s_ends), len(t_ends)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            gain = ANCHOR_TOLERANCE - abs(s_ends[i - 1] - t_ends[j - 1])
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + gain if gain > 0 else 0.0)
    anchors, i, j = [], n, m
    while i and j:
        gain = ANCHOR_TOLERANCE - abs(s_ends[i - 1] - t_ends[j - 1])
        if gain > 0 and best[i][j] == best[i - 1][j - 1] + gain:
            anchors.append((s_ends[i - 1], t_ends[j - 1], ("end", i)))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return anchors[::-1]


def swap_pairs(pairs, literal, t_sizes, static, s_pos, t_pos, anchors):
    """Exchange the targets of two pairs made in the same sentence when that scores higher (step 3).

    The greedy pairing takes the best pair first and cannot undo it: 省负总责 … 领导责任制 ↔
    *chế độ trách nhiệm lãnh đạo* … *chịu trách nhiệm chung* (the order swapped) gave
    省负总责 the first. Two pairs whose targets no sentence end separates exchange their
    targets when the exchanged pairs' scores (position against the sentence anchors)
    sum higher; only when each source group has no more literal hits than either target group,
    so that no hit left over changes.

    `pairs` (``[source group, target group]`` lists) are changed in place; `literal` is the
    number of literal hits of each source group, `t_sizes` the number of hits of each target
    group, `static` maps ``(i, j)`` to the position-free score, `s_pos`/`t_pos` the groups'
    positions.

    >>> pairs = [[0, 0], [1, 1]]
    >>> static = {(0, 0): 2.0, (0, 1): 2.5, (1, 0): 2.5, (1, 1): 2.0}
    >>> swap_pairs(pairs, [1, 1], [1, 1], static, [0.1, 0.2], [0.1, 0.2], [])
    >>> pairs
    [[0, 1], [1, 0]]
    """
    if len(pairs) < 2:
        return
    ends = sorted(y for _, y, _ in anchors)
    xs = [x for x, _, _ in anchors]
    in_order = all(a <= b for a, b in zip(xs, xs[1:]))
    wanted = {}  # source group -> its expected target position (the anchors do not change here)
    # per target group, the sentence ends before and after it: a sentence end lies strictly
    # between two targets a <= b when bisect_left(ends, b) > bisect_right(ends, a)
    before, after = {}, {}
    for _, j in pairs:
        before[j], after[j] = bisect_left(ends, t_pos[j]), bisect_right(ends, t_pos[j])

    def expect(i):
        if not in_order:
            return expected(s_pos[i], anchors)
        ps = s_pos[i]
        r = bisect_right(xs, ps)  # anchors[r] is the first of those after ps (min gives the first of equals)
        left = anchors[bisect_left(xs, xs[r - 1])] if r else None  # the first of the last equals (as max)
        return want(ps, left, anchors[r] if r < len(anchors) else None)

    def score(i, j):
        w = wanted.get(i)
        if w is None:
            w = wanted[i] = expect(i)
        return static[(i, j)] - DISTANCE * abs(t_pos[j] - w)

    for p in pairs:
        for q in pairs:
            (i, j), (k, m) = p, q
            if i >= k:
                continue
            lo, hi = (j, m) if t_pos[j] <= t_pos[m] else (m, j)
            if before[hi] > after[lo]:
                continue  # a sentence end lies between the two targets
            if not (0 < literal[i] <= t_sizes[m] and 0 < literal[k] <= t_sizes[j] and literal[i] <= t_sizes[j]
                    and literal[k] <= t_sizes[m]):
                continue
            if (i, m) not in static or (k, j) not in static:
                continue
            if score(i, m) + score(k, j) > score(i, j) + score(k, m):
                p[1], q[1] = m, j
