"""The token columns of Chinese texts from the words that tile them, with numpy.

:class:`~discourse.languages.zh.ChineseTokenizer` joins the texts of a chunk with ``"\\n"``,
has the joined text cut once (jieba's words for its blocks, anything for the rest) and
keeps the words with hanzi; what lies between them (Latin, digits, punctuation, spaces)
is a gap, split by the generic rule. Everything per token is done by numpy or C-level
``map``; Python loops over gaps only (each distinct gap is split once, :func:`gap_memo`).
"""

from __future__ import annotations

from itertools import chain, compress, count
from operator import itemgetter

import numpy as np

from discourse.languages.base import MATCH_END, MATCH_GROUP, MATCH_START, TypeIds, generic_regex

__all__ = ["SEPARATOR", "code_points", "block_text", "gap_memo", "han_columns"]

#: Between the texts of a chunk: no block character, no hanzi, not in any gap.
SEPARATOR = "\n"

#: The hanzi of jieba's blocks (``\u4E00-\u9FD5`` in ``re_han_default``).
_HAN_FIRST, _HAN_LAST = 0x4E00, 0x9FD5

_STARTS, _ENDS, _NORMS = itemgetter(0), itemgetter(1), itemgetter(2)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates included), as uint32.

    >>> code_points("a中").tolist()
    [97, 20013]
    """
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def block_text(points: np.ndarray) -> str:
    """The text of ``points`` with every character that is neither ASCII nor a hanzi of
    jieba's blocks made ``"\\0"``: the same length, and the same blocks for any segmenter
    whose block characters are jieba's plus more CJK (jieba-rs: extension A, B …).

    >>> block_text(code_points("中，㐀a😀"))
    '中\\x00\\x00a\\x00'
    """
    keep = (points < 128) | ((points >= _HAN_FIRST) & (points <= _HAN_LAST))
    return np.where(keep, points, 0).astype(np.uint32).tobytes().decode("utf-32-le")


def gap_memo(normalize):
    """``gap -> (starts, ends, norms)`` of the generic tokens of a gap, each gap split once.

    >>> memo = gap_memo(str.lower)
    >>> memo["，Ab 12"]
    ((0, 1, 4), (1, 3, 6), ('，', 'ab', '12'))
    """
    return _GapMemo(normalize)


class _GapMemo(dict):
    def __init__(self, normalize):
        super().__init__()
        self.normalize = normalize

    def __missing__(self, gap: str):
        matches = list(generic_regex().finditer(gap))  # compiled on the first gap
        value = self[gap] = (tuple(map(MATCH_START, matches)), tuple(map(MATCH_END, matches)),
                             tuple(map(self.normalize, map(MATCH_GROUP, matches))))
        return value


def han_columns(lengths: list[int], joined: str, points: np.ndarray, words: list[str], ids: TypeIds,
                gaps) -> tuple[list[int], list[int], list[int], list[int]]:
    """Token columns (counts, starts, ends, type ids) of the texts joined in ``joined``.

    Parameters
    ----------
    lengths : list of int
        Length of each text; ``joined`` is the texts with :data:`SEPARATOR` between them.
    joined : str
        The texts, as segmented (after any conversion of the same length).
    points : numpy.ndarray
        ``code_points(joined)``.
    words : list of str
        Words that tile ``joined``; those with hanzi are tokens (their own norms).
    ids : TypeIds
        Norm -> type id (numbering goes on in order of first occurrence).
    gaps : mapping
        :func:`gap_memo`: the generic tokens of the text between words with hanzi.

    Examples
    --------
    >>> ids = TypeIds()
    >>> han_columns([5, 1], "脱贫 A股\\n中", code_points("脱贫 A股\\n中"), ["脱贫", " ", "A", "股", "\\n", "中"],
    ...             ids, gap_memo(str.lower))
    ([3, 1], [0, 3, 4, 0], [2, 4, 5, 1], [0, 1, 2, 3])
    >>> ids.types
    ['脱贫', 'a', '股', '中']
    """
    if not lengths:
        return [], [], [], []
    is_han = (points >= _HAN_FIRST) & (points <= _HAN_LAST)
    han_before = np.zeros(len(points) + 1, dtype=np.int64)
    np.cumsum(is_han, out=han_before[1:])
    sizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(sizes)
    starts = ends - sizes
    keep = han_before[ends] > han_before[starts]  # the words with hanzi
    han_starts, han_ends = starts[keep], ends[keep]
    han_keys = list(compress(words, keep.tolist()))
    text_lengths = np.asarray(lengths, dtype=np.int64)
    text_starts = np.cumsum(text_lengths + 1) - (text_lengths + 1)
    # between words with hanzi, and from the start / to the end of each text: the gaps
    lo = np.sort(np.concatenate([text_starts, han_ends]))
    hi = np.sort(np.concatenate([han_starts, text_starts + text_lengths]))
    some = hi > lo
    gap_lo, gap_hi = lo[some], hi[some]
    found = _gap_tokens(joined, points, gap_lo, gap_hi, gaps)
    sizes = np.fromiter(map(len, map(_NORMS, found)), dtype=np.int64, count=len(found))
    at = np.repeat(gap_lo, sizes)  # each gap token's gap start
    total = int(sizes.sum())
    gap_keys = list(chain.from_iterable(map(_NORMS, found)))
    gap_starts = at + np.fromiter(chain.from_iterable(map(_STARTS, found)), dtype=np.int64, count=total)
    gap_ends = at + np.fromiter(chain.from_iterable(map(_ENDS, found)), dtype=np.int64, count=total)
    han_ids, gap_ids = _type_ids(ids, (han_keys, han_starts), (gap_keys, gap_starts))
    all_starts = np.concatenate([han_starts, gap_starts])
    order = np.argsort(all_starts, kind="stable")
    all_starts = all_starts[order]
    all_ends = np.concatenate([han_ends, gap_ends])[order]
    type_ids = np.concatenate([han_ids, gap_ids])[order].tolist()
    text_of = np.searchsorted(text_starts, all_starts, side="right") - 1
    offsets = text_starts[text_of]
    counts = np.bincount(text_of, minlength=len(lengths))
    return counts.tolist(), (all_starts - offsets).tolist(), (all_ends - offsets).tolist(), type_ids


def _type_ids(ids: TypeIds, *streams) -> list[np.ndarray]:
    """Type ids of the keys of each ``(keys, starts)`` stream (keys in text order), the new
    norms numbered in ``ids`` in order of first occurrence over all the streams.

    Each stream is numbered locally (a key's number: the index of its first occurrence),
    the first occurrences merged by position, and only the distinct keys go to ``ids``.
    """
    firsts, numbered = [], []
    for keys, starts in streams:
        local: dict[str, int] = {}
        numbered.append(np.fromiter(map(local.setdefault, keys, count()), dtype=np.int64, count=len(keys)))
        first = np.fromiter(local.values(), dtype=np.int64, count=len(local))
        firsts.append((list(local), first, starts[first]))
    order = np.argsort(np.concatenate([f[2] for f in firsts]), kind="stable")
    flat = list(chain.from_iterable(f[0] for f in firsts))
    global_ids = np.empty(len(flat), dtype=np.int64)
    global_ids[order] = list(map(ids.__getitem__, map(flat.__getitem__, order.tolist())))
    out, done = [], 0
    for (keys, _), (_, first, _), local_ids in zip(streams, firsts, numbered):
        lookup = np.empty(len(keys), dtype=np.int64)
        lookup[first] = global_ids[done : done + len(first)]
        done += len(first)
        out.append(lookup[local_ids])
    return out


def _gap_tokens(joined: str, points: np.ndarray, lo: np.ndarray, hi: np.ndarray, gaps) -> list:
    """``gaps[joined[a:b]]`` for each gap; a gap of one character (most are: "，") is looked
    up once per distinct character."""
    single = (hi - lo) == 1
    if not single.any():
        return list(map(gaps.__getitem__, map(joined.__getitem__, map(slice, lo.tolist(), hi.tolist()))))
    chars, inverse = np.unique(points[lo[single]], return_inverse=True)
    per_char = np.empty(len(chars), dtype=object)
    for k, char in enumerate(map(chr, chars.tolist())):
        per_char[k] = gaps[char]
    found = np.empty(len(lo), dtype=object)
    found[single] = per_char[inverse]
    rest = ~single
    wide = np.empty(int(rest.sum()), dtype=object)
    for k, entry in enumerate(map(gaps.__getitem__, map(joined.__getitem__,
                                                         map(slice, lo[rest].tolist(), hi[rest].tolist())))):
        wide[k] = entry
    found[rest] = wide
    return found.tolist()
