"""Paragraph alignment across language versions (Gale & Church length-based, with anchors).

:func:`align_paragraphs` aligns two sequences of paragraphs; :func:`align_document`
gives the segments of one document's language versions their ``align_id``, and
:func:`align_each_document` those of every document of a table (the readers of
:mod:`discourse.io` call them).

The aligner pairs the paragraphs of two language versions of one text. It follows
Gale & Church (1993): a dynamic programme over "beads" (1–1, 1–0, 0–1, 2–1, 1–2, 2–2),
each bead costed by how well the lengths of its two sides agree plus the prior
probability of its kind. Two changes make it work across scripts and on short texts:

* lengths are compared after scaling by the ratio of the two versions' total lengths,
  so a Chinese paragraph of 200 characters is expected to meet a French one of about
  200 × (French total / Chinese total) characters;
* numbers written with digits (years, counts such as 2015 or 22) are anchors: a bead
  whose two sides share numbers is made cheaper, one whose sides disagree dearer.

References
----------
Gale, W. A., & Church, K. W. (1993). A program for aligning sentences in bilingual
corpora. *Computational Linguistics*, 19(1), 75–102.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import InputError

__all__ = ["Link", "align_document", "align_each_document", "align_paragraphs", "numbers_in"]

#: Prior probability of each bead kind (Gale & Church 1993, table 5), split evenly
#: between the two directions of the asymmetric kinds.
PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}
#: Variance of the target length per source character (Gale & Church's s²).
VARIANCE = 6.8
#: How much (in nats) a perfect agreement of numbers lowers a bead's cost.
ANCHOR_WEIGHT = 3.0

_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Link:
    """One bead of an alignment: source paragraphs ``src`` link to target paragraphs ``tgt``.

    Attributes
    ----------
    src, tgt : tuple of int
        Indices into the source and target sequences (empty for 0–1 / 1–0 beads).
    kind : str
        ``"1-1"``, ``"2-1"``, ``"1-2"``, ``"2-2"``, ``"1-0"`` or ``"0-1"``.
    score : float
        How well the two sides' lengths agree, ``erfc(|δ| / √2)`` = 2(1 − Φ(|δ|)), in
        [0, 1]: 1 when the target length is exactly the expected one. Beads with an
        empty side score 0.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    kind: str
    score: float


def numbers_in(text: str) -> Counter:
    """Numbers written with digits in ``text``, as a multiset of strings.

    >>> sorted(numbers_in("2015年6月18日, 22个").elements())
    ['18', '2015', '22', '6']
    """
    return Counter(_NUMBER.findall(text))


def _length_fit(l1: float, l2: float) -> float:
    """Gale–Church probability that lengths ``l1`` and ``l2`` (same units) translate."""
    mean = (l1 + l2) / 2
    if mean <= 0:
        return 1.0
    delta = (l2 - l1) / math.sqrt(VARIANCE * mean)
    return math.erfc(abs(delta) / math.sqrt(2))


def _anchor_cost(a: Counter, b: Counter) -> float:
    if not a and not b:
        return 0.0
    if not a or not b:
        return ANCHOR_WEIGHT / 4  # numbers on one side only: mildly suspicious
    shared = sum((a & b).values())
    dice = 2 * shared / (sum(a.values()) + sum(b.values()))
    return ANCHOR_WEIGHT * (0.5 - dice)


def align_paragraphs(src: list[str], tgt: list[str], *, anchors: bool = True) -> list[Link]:
    """Align two sequences of paragraphs (or sentences) by length and shared numbers.

    Parameters
    ----------
    src, tgt : list of str
        The paragraphs of the two versions, in order.
    anchors : bool, default True
        Use digit numbers shared by both sides as anchors.

    Returns
    -------
    list of Link
        Beads covering every paragraph of both sides exactly once, in order.

    Examples
    --------
    >>> links = align_paragraphs(["2015年, 短。", "很长的一段话" * 10],
    ...                          ["En 2015, court.", "Un très long paragraphe " * 8])
    >>> [(l.src, l.tgt, l.kind) for l in links]
    [((0,), (0,), '1-1'), ((1,), (1,), '1-1')]
    """
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Link((i,), (), "1-0", 0.0) for i in range(n)] + [
            Link((), (j,), "0-1", 0.0) for j in range(m)
        ]  # nothing to align against
    len_src = [len("".join(p.split())) for p in src]
    len_tgt = [len("".join(p.split())) for p in tgt]
    ratio = (sum(len_tgt) / sum(len_src)) if sum(len_src) and sum(len_tgt) else 1.0
    nums_src = [numbers_in(p) for p in src] if anchors else [Counter()] * n
    nums_tgt = [numbers_in(p) for p in tgt] if anchors else [Counter()] * m

    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            for (di, dj), prior in PRIORS.items():
                if di > i or dj > j or cost[i - di][j - dj] == inf:
                    continue
                l1 = sum(len_src[i - di : i])
                l2 = sum(len_tgt[j - dj : j]) / ratio
                c = -math.log(prior) - math.log(max(_length_fit(l1, l2), 1e-300))
                if anchors and di and dj:
                    c += _anchor_cost(
                        sum((nums_src[k] for k in range(i - di, i)), Counter()),
                        sum((nums_tgt[k] for k in range(j - dj, j)), Counter()),
                    )
                total = cost[i - di][j - dj] + c
                if total < cost[i][j]:
                    cost[i][j] = total
                    back[i][j] = (di, dj)
    links: list[Link] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        l1 = sum(len_src[i - di : i])
        l2 = sum(len_tgt[j - dj : j]) / ratio
        score = _length_fit(l1, l2)
        links.append(
            Link(tuple(range(i - di, i)), tuple(range(j - dj, j)), f"{di}-{dj}", round(score, 4))
        )
        i, j = i - di, j - dj
    return links[::-1]


def align_document(segments: pd.DataFrame, *, how: str = "length") -> pd.DataFrame:
    """Number a document's segments and give translations of each other one ``align_id``.

    The *k*-th title of every version links to the pivot's *k*-th title; body paragraphs
    of every version are aligned to the pivot version (zh when present, else the first)
    by length (:func:`align_paragraphs`) or by position with ``how="order"``. Linked
    segments of all versions form units (connected components), numbered 1, 2 … in
    reading order. ``meta`` segments and ``und`` paragraphs get no ``align_id``. A
    document in one language has nothing to align: its titles and body paragraphs are
    numbered 1, 2 … in order.

    Parameters
    ----------
    segments : DataFrame
        One document's segments in reading order, with at least ``lang``, ``role`` and
        ``text`` (the readers of :mod:`discourse.io` give ``doc_id, lang, role, text,
        path, start, end, line``). It is not changed.
    how : {"length", "order"}
        Gale–Church alignment by length (default) or pairing paragraphs by position.

    Returns
    -------
    DataFrame
        A copy with ``seg_id`` (0, 1 … in the given order) inserted third, ``align_id``
        (nullable integer) inserted fourth and ``align_score`` (the bead's length fit,
        :attr:`Link.score`, on the non-pivot segments; NaN elsewhere) appended.

    Raises
    ------
    InputError
        When ``how`` is neither ``"length"`` nor ``"order"``.

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({"doc_id": "d", "lang": ["zh", "zh", "fr", "fr"],
    ...                          "role": ["title", "body", "title", "body"],
    ...                          "text": ["脱贫", "脱贫攻坚。", "Pauvreté", "La lutte contre la pauvreté."]})
    >>> align_document(segments)[["lang", "seg_id", "align_id"]].values.tolist()
    [['zh', 0, 1], ['zh', 1, 2], ['fr', 2, 1], ['fr', 3, 2]]
    """
    return _aligned(segments.reset_index(drop=True), np.zeros(len(segments), dtype="int64"), how=how)


def align_each_document(segments: pd.DataFrame, *, how: str = "length") -> pd.DataFrame:
    """:func:`align_document` on every document (``doc_id``) of a table of segments, at once.

    The result is that of aligning each document on its own and joining the results, the
    documents in order of their first segment: a one-language document is numbered
    without any alignment work, and only documents in several languages are aligned.

    Parameters
    ----------
    segments : DataFrame
        Segments with ``doc_id``, ``lang``, ``role`` and ``text``, each document's in
        reading order. It is not changed.
    how : {"length", "order"}
        As in :func:`align_document`.

    Returns
    -------
    DataFrame
        As :func:`align_document` gives, ``seg_id`` numbering each document's segments.

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({"doc_id": ["a", "b", "a", "b"], "lang": ["fr", "zh", "fr", "zh"],
    ...                          "role": ["title", "body", "body", "body"], "text": ["T", "一。", "Un.", "二。"]})
    >>> align_each_document(segments)[["doc_id", "seg_id", "align_id"]].values.tolist()
    [['a', 0, 1], ['a', 1, 2], ['b', 0, 1], ['b', 1, 2]]
    """
    codes, _ = pd.factorize(segments["doc_id"], sort=False, use_na_sentinel=False)
    if (np.diff(codes) < 0).any():  # each document's segments together, documents by first segment
        order = np.argsort(codes, kind="stable")
        segments, codes = segments.take(order), codes[order]
    return _aligned(segments.reset_index(drop=True), codes, how=how)


def _aligned(segments: pd.DataFrame, codes: np.ndarray, *, how: str) -> pd.DataFrame:
    """The segments (documents together, ``codes`` numbering them) with ``seg_id``, ``align_id``
    and ``align_score``: vectorised over the one-language documents, aligned over the others."""
    if how not in ("length", "order"):
        raise InputError(f"align must be 'length' or 'order', not {how!r}")
    segments = segments.copy()
    n = len(segments)
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if n else np.zeros(0, dtype="int64")
    first = np.repeat(starts, np.diff(np.r_[starts, n]))  # each row's document's first row
    segments.insert(2, "seg_id", np.arange(n, dtype="int64") - first)
    lang = segments["lang"].to_numpy(dtype=object)
    role = segments["role"].to_numpy(dtype=object)
    known = lang != "und"
    counted = known & ((role == "title") | (role == "body"))
    # a document with segments in two languages or more (und aside) is aligned; any other is numbered in order
    lang_codes, versions = pd.factorize(lang, use_na_sentinel=False)
    pairs = np.unique(codes[known] * (len(versions) + 1) + lang_codes[known])  # (document, language) present
    several = np.bincount(pairs // (len(versions) + 1), minlength=len(starts)) > 1
    numbered = counted & ~several[codes]
    run = np.cumsum(numbered)
    before = np.r_[0, run][first]  # rows numbered before each row's document
    values = np.where(numbered, run - before, 0).astype("int64")
    missing = ~numbered
    scores = np.full(n, np.nan)
    texts = segments["text"].tolist()
    for doc in np.flatnonzero(several):
        lo = starts[doc]
        hi = starts[doc + 1] if doc + 1 < len(starts) else n
        align, score = _units(lang[lo:hi].tolist(), role[lo:hi].tolist(), texts[lo:hi], how=how)
        for k, unit in enumerate(align):
            if unit is not None:
                values[lo + k], missing[lo + k] = unit, False
        scores[lo:hi] = score
    segments.insert(3, "align_id", pd.arrays.IntegerArray(values, missing))
    segments["align_score"] = scores
    return segments


def _units(langs: list, roles: list, texts: list, *, how: str) -> tuple[list, list]:
    """One document's ``align_id`` (``None``: no unit) and ``align_score`` per segment."""
    n = len(langs)
    align: list = [None] * n
    scores = [float("nan")] * n
    versions = [lang for lang in dict.fromkeys(langs) if lang != "und"]
    if not versions:
        return align, scores
    pivot = "zh" if "zh" in versions else versions[0]
    ids: dict = {(lang, role): [] for lang in versions for role in ("title", "body")}
    for i, key in enumerate(zip(langs, roles)):
        if key in ids:
            ids[key].append(i)
    parent = {i: i for members in ids.values() for i in members}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for lang in versions:
        if lang == pivot:
            continue
        for role in ("title", "body"):
            src, tgt = ids[(pivot, role)], ids[(lang, role)]
            if not src or not tgt:
                continue
            if how == "order" or role == "title":
                pairs = [((k,), (k,), 1.0) for k in range(min(len(src), len(tgt)))]
            else:
                links = align_paragraphs([texts[i] for i in src], [texts[i] for i in tgt])
                pairs = [(link.src, link.tgt, link.score) for link in links]
            for s_idx, t_idx, score in pairs:
                members = [src[k] for k in s_idx] + [tgt[k] for k in t_idx]
                for k in t_idx:
                    scores[tgt[k]] = score
                for other in members[1:]:
                    parent[find(other)] = find(members[0])
    # order units by their first pivot segment; a unit without one (an untranslated
    # paragraph) goes right after the unit that precedes it in its own version
    order: dict[int, float] = {}
    for i in sorted(parent):
        if langs[i] == pivot:
            order.setdefault(find(i), i)
    for lang in versions:
        last = -1.0
        for i in sorted(j for j in parent if langs[j] == lang):
            root = find(i)
            if root not in order:
                order[root] = last + 0.5
            last = order[root]
    numbers = {root: k for k, root in enumerate(sorted(order, key=order.get), start=1)}
    for i in parent:
        align[i] = numbers[find(i)]
    return align, scores
