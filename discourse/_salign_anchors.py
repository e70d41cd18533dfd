"""The anchor matrices of the sentence aligner (:mod:`discourse.sentence_align`): key occurrences
coded once per pass, and the band matrices of the anchor weight two sentences (or two
adjacent sentences and one) share.

>>> from collections import Counter
>>> occurrences, total_s, total_t = anchor_stats([Counter({"n:2018": 1})], [Counter({"n:2018": 1}), Counter()])
>>> total_s.tolist(), total_t.tolist()
([2.0], [2.0, 0.0])
"""

from __future__ import annotations

import numpy as np

__all__ = ["KEY_WEIGHTS", "anchor_stats", "band_matrix", "flatten", "similarities"]

#: Weight of an anchor key by its kind (the letter before the colon).
KEY_WEIGHTS = {"n": 2.0, "l": 2.0, "a": 1.0, "q": 0.5, "f": 1.0, "h": 0.3, "H": 1.0, "e": 1.5, "d": 1.0, "c": 1.5}


def band_matrix(occ_s, occ_t, weight, lo, width, n, m):
    """M[r, k] = Σ w·min(a, b) over keys of source r − 1 and target lo[r] + k − 1 (in the band)."""
    out = np.zeros((n + 1, width))
    if not (len(occ_s) and len(occ_t)):
        return out
    span = m + 2
    code = occ_t[:, 0] * span + occ_t[:, 1]
    order = np.argsort(code, kind="stable")
    code, occ_t = code[order], occ_t[order]
    query = occ_s[:, 0] * span + lo[occ_s[:, 1] + 1] - 1  # (key, first target sentence of the row's band)
    sort = np.argsort(query, kind="stable")                # sorted queries search faster
    a, b = np.empty_like(query), np.empty_like(query)
    a[sort] = np.searchsorted(code, query[sort])
    b[sort] = np.searchsorted(code, query[sort] + width)
    counts = b - a
    which = np.repeat(np.arange(len(occ_s)), counts)
    at = np.repeat(a, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    rows = occ_s[which, 1] + 1
    cols = occ_t[at, 1] + 1 - lo[rows]
    keep = (cols >= 0) & (cols < width)
    value = weight[occ_s[which, 0]] * np.minimum(occ_s[which, 2], occ_t[at, 2])
    flat = np.bincount(rows[keep] * width + cols[keep], weights=value[keep], minlength=(n + 1) * width)
    return flat.reshape(n + 1, width)                     # sums in occurrence order, as np.add.at


def flatten(keys):
    """(key names, sentence index, count) of every key of every bag, in bag order."""
    names = [k for bag in keys for k in bag]
    sentence = np.repeat(np.arange(len(keys), dtype=np.int64), [len(bag) for bag in keys])
    counts = np.array([c for bag in keys for c in bag.values()], dtype=np.int64)
    return names, sentence, counts


def anchor_stats(keys_s, keys_t, expected=((), ())):
    """What the band matrices need, computed once per pass (the band may widen): key occurrences
    ``(key, sentence, count)`` of each side and of adjacent sentences' shared keys, the keys'
    weights, and each sentence's total anchor weight (shared keys, and unshared ones of the
    ``expected`` kinds: a number the translation lacks is evidence against a link, not against
    an omission). Array-based: the keys are coded once, their document frequencies counted."""
    (names_s, sent_s, count_s), (names_t, sent_t, count_t) = flatten(keys_s), flatten(keys_t)
    names = names_s + names_t  # the keys coded in order of first occurrence (pandas.factorize's codes, without pandas)
    uniques = list(dict.fromkeys(names))
    index = dict(zip(uniques, range(len(uniques))))
    codes = np.fromiter(map(index.__getitem__, names), dtype=np.int64, count=len(names))
    code_s, code_t = codes[:len(names_s)], codes[len(names_s):]
    df_s, df_t = np.bincount(code_s, minlength=len(uniques)), np.bincount(code_t, minlength=len(uniques))
    shared = (df_s > 0) & (df_t > 0)
    kind = [k[0] for k in uniques]
    kind_weight = np.array([KEY_WEIGHTS.get(k, 1.0) for k in kind], dtype=float)
    weight = np.zeros(max(len(uniques), 1))
    weight[:len(uniques)][shared] = kind_weight[shared] / np.sqrt(np.maximum(df_s, df_t)[shared])
    sides = []
    for code, sent, count, df, size, kinds in ((code_s, sent_s, count_s, df_s, len(keys_s), expected[0]),
                                               (code_t, sent_t, count_t, df_t, len(keys_t), expected[1])):
        on = shared[code]
        occ = np.stack([code[on], sent[on], count[on]], axis=1).reshape(-1, 3)
        where = code * (size + 1) + sent                  # (key, sentence) of each occurrence, coded
        order = np.argsort(where, kind="stable")
        sorted_where, sorted_count = where[order], count[order]
        at = np.minimum(np.searchsorted(sorted_where, where[on] + 1), max(len(where) - 1, 0))
        hit = sorted_where[at] == where[on] + 1 if len(where) else np.zeros(0, dtype=bool)
        both = np.stack([occ[hit, 0], occ[hit, 1], np.minimum(occ[hit, 2], sorted_count[at][hit])],
                        axis=1).reshape(-1, 3)            # keys a sentence shares with the next one
        total = np.zeros(size)
        np.add.at(total, occ[:, 1], weight[occ[:, 0]] * occ[:, 2])
        off = (~on & np.fromiter(map(set(kinds).__contains__, kind), dtype=bool, count=len(kind))[code] if kinds
               else np.zeros(len(code), bool))  # the occurrences of unshared keys of the expected kinds
        extra = np.zeros(size)
        np.add.at(extra, sent[off], kind_weight[code[off]] * count[off] / np.sqrt(df[code[off]]))
        sides.append((occ, both, total + extra))
    (occ_s, both_s, tot_s), (occ_t, both_t, tot_t) = sides
    return (occ_s, occ_t, both_s, both_t, weight), tot_s, tot_t


def similarities(occurrences, lo, width, n, m):
    """Band matrices of shared anchor weight: ``pair`` (source × target sentence) and ``adj_s``,
    ``adj_t`` (keys two adjacent sentences of one side share × a sentence of the other,
    subtracted so that a multi-sentence bead counts Σ min(A, B))."""
    occ_s, occ_t, both_s, both_t, weight = occurrences
    pair = band_matrix(occ_s, occ_t, weight, lo, width, n, m)
    adj_s = band_matrix(both_s, occ_t, weight, lo, width, n, m)
    adj_t = band_matrix(occ_s, both_t, weight, lo, width, n, m)
    return pair, adj_s, adj_t
