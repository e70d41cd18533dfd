r"""Lexical diversity of one sequence of tokens: TTR, MATTR, MTLD and HD-D.

Pure functions on a sequence of hashable tokens (strings, or the integer type ids of
:class:`discourse.Tokens`); :func:`discourse.lexical_diversity` calls them per document
and language. Each docstring gives the formula and its reference. The values were
checked against ``lexicalrichness`` 0.5.1 (Shen 2022, MIT) on the same tokens
(``tests/test_diversity.py``, ``tests/data/diversity/``).

Every measure here counts *types of the tokens given*: what a token is (a jieba word, a
Vietnamese syllable compound from pyvi, a French word) decides the value, so a value is
comparable only between texts tokenized the same way — in practice, within a language.

>>> from discourse.stats import diversity
>>> words = "the cat sat on the mat and the dog sat on the log".split()
>>> round(diversity.ttr(words), 4), round(diversity.mattr(words, window=5), 4)
(0.6154, 0.9111)
"""

from __future__ import annotations

from collections import Counter
from typing import Hashable, Sequence

import numpy as np

__all__ = ["ttr", "mattr", "mtld", "hdd", "DIVERSITY_MEASURES"]

#: The measure names :func:`discourse.lexical_diversity` accepts.
DIVERSITY_MEASURES = ("ttr", "mattr", "mtld", "hdd")


def _codes(tokens: Sequence[Hashable]) -> np.ndarray:
    """Integer codes 0 … types-1 of the tokens, in order (the tokens are not changed)."""
    index: dict = {}
    return np.fromiter((index.setdefault(t, len(index)) for t in tokens), dtype=np.int64, count=len(tokens))


def ttr(tokens: Sequence[Hashable]) -> float:
    r"""Type-token ratio :math:`V / N` (types over tokens); NaN for no token.

    Templin (1957), *Certain language skills in children*. It falls as a text grows,
    so it compares only texts of similar length (use :func:`mattr` or :func:`mtld`).

    >>> ttr(["a", "b", "a", "c"])
    0.75
    """
    n = len(tokens)
    return len(set(tokens)) / n if n else float("nan")


def mattr(tokens: Sequence[Hashable], *, window: int = 50) -> float:
    r"""Moving-average type-token ratio (Covington & McFall 2010).

    .. math::

        \mathrm{MATTR}_W = \frac{1}{N - W + 1} \sum_{i=1}^{N-W+1} \frac{V(t_i \ldots t_{i+W-1})}{W}

    the mean TTR of every window of ``W`` consecutive tokens. A text shorter than the
    window has no value (NaN). Covington, M. A. & McFall, J. D. (2010), "Cutting the
    Gordian knot: the moving-average type-token ratio (MATTR)", *Journal of Quantitative
    Linguistics* 17(2), 94–100. Equals ``lexicalrichness``' ``mattr(window_size=W)``.

    >>> mattr(list("abab"), window=2)
    1.0
    >>> mattr(list("aab"), window=2)
    0.75
    """
    if not isinstance(window, (int, np.integer)) or isinstance(window, bool) or window < 1:
        raise ValueError(f"window must be a positive whole number of tokens, not {window!r}")
    n = len(tokens)
    if n < window:
        return float("nan")
    codes = _codes(tokens)
    # token j is a new type of the window starting at s iff its previous occurrence is before s:
    # count, for each j, the window starts s with prev[j] < s, j - W < s <= j and s <= N - W
    order = np.argsort(codes, kind="stable")
    prev = np.full(n, -1, dtype=np.int64)
    same = codes[order[1:]] == codes[order[:-1]]
    prev[order[1:][same]] = order[:-1][same]
    j = np.arange(n, dtype=np.int64)
    lower = np.maximum(np.maximum(prev + 1, j - window + 1), 0)
    upper = np.minimum(j, n - window)
    total = int(np.clip(upper - lower + 1, 0, None).sum())
    return float(total) / (window * (n - window + 1))


def _mtld_one_way(codes: np.ndarray, threshold: float) -> float:
    """MTLD factors of one direction: N over (full factors + the partial factor)."""
    seen: set = set()
    length = 0
    factors = 0.0
    ratio = 1.0
    for c in codes.tolist():
        length += 1
        seen.add(c)
        ratio = len(seen) / length
        if ratio <= threshold:
            factors += 1
            seen, length = set(), 0
    if length:
        factors += (1 - ratio) / (1 - threshold)
    if factors == 0:  # no factor ended and the remainder has no repeated type: one factor
        factors = 1.0
    return len(codes) / factors


def mtld(tokens: Sequence[Hashable], *, threshold: float = 0.72) -> float:
    r"""Measure of textual lexical diversity, bidirectional (McCarthy & Jarvis 2010).

    Reading the tokens in order, a *factor* ends as soon as the TTR of the tokens since
    the last factor falls to the threshold or below (:math:`V/n \le 0.72`); the tokens
    left at the end make a partial factor :math:`(1 - \mathrm{TTR}_{rest}) / (1 - 0.72)`.
    MTLD one way is :math:`N / \text{factors}`; the value is the mean of the forward and
    the backward pass. A text with no factor and no repeated type in its remainder counts
    one factor (MTLD = N); no token gives NaN.

    Implementations differ on the partial-factor rule: this one follows McCarthy &
    Jarvis (2010, p. 384) and ``lexicalrichness`` 0.5.1 (the partial factor of the
    remainder's TTR, the threshold reached when *at or below* it), and gives the same
    values. McCarthy, P. M. & Jarvis, S. (2010), "MTLD, vocd-D, and HD-D: a validation
    study of sophisticated approaches to lexical diversity assessment", *Behavior
    Research Methods* 42(2), 381–392.

    >>> round(mtld("a b a b c a b c d".split()), 4)
    4.5
    """
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be between 0 and 1 (McCarthy & Jarvis use 0.72), not {threshold!r}")
    if not len(tokens):
        return float("nan")
    codes = _codes(tokens)
    return (_mtld_one_way(codes, threshold) + _mtld_one_way(codes[::-1], threshold)) / 2


def hdd(tokens: Sequence[Hashable], *, sample: int = 42) -> float:
    r"""HD-D: the expected TTR of a random sample of ``sample`` tokens (McCarthy & Jarvis 2007).

    .. math::

        \mathrm{HD\text{-}D} = \sum_{t} \frac{1}{s}\Bigl(1 - \frac{\binom{N - f_t}{s}}{\binom{N}{s}}\Bigr)

    for every type :math:`t` of frequency :math:`f_t` in a text of :math:`N` tokens: the
    probability that a sample of :math:`s` tokens drawn without replacement contains
    :math:`t` (hypergeometric), over :math:`s`. A text shorter than the sample has no
    value (NaN). McCarthy, P. M. & Jarvis, S. (2007), "vocd: a theoretical and empirical
    evaluation", *Language Testing* 24(4), 459–488 (pp. 465–466). Equals
    ``lexicalrichness``' ``hdd(draws=s)``.

    >>> round(hdd(list("aabbc"), sample=2), 4)
    0.9
    """
    if not isinstance(sample, (int, np.integer)) or isinstance(sample, bool) or sample < 1:
        raise ValueError(f"sample must be a positive whole number of tokens, not {sample!r}")
    n = len(tokens)
    if n < sample:
        return float("nan")
    freqs = np.fromiter(Counter(tokens).values(), dtype=np.float64)
    # P(no occurrence in s draws) = prod_{i<s} (N - f - i) / (N - i), zero once N - f - i <= 0
    i = np.arange(sample, dtype=np.float64)
    ratios = (n - freqs[:, None] - i[None, :]) / (n - i[None, :])
    p_none = np.prod(np.clip(ratios, 0.0, None), axis=1)
    return float(np.sum(1.0 - p_none) / sample)
