"""The token columns of Chinese texts from the words that tile them, with numpy.

:class:`~discourse.languages.zh.ChineseTokenizer` joins the texts of a chunk with ``"\\n"``,
has the joined text cut once (jieba's words for its blocks, anything for the rest) and
keeps the words with hanzi; what lies between them (Latin, digits, punctuation, spaces)
is a gap, split by the generic rule. Per token there is one C-level pass (a dict numbers
the words by first occurrence; lengths are taken of the distinct words only) and numpy
does the rest, the gaps of one character ("，", most of them) included; Python loops over
distinct characters and distinct wider gaps only (each split once, :func:`gap_memo`).
The columns stay arrays up to the tokens' arrays (no list in between).
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

#: Offsets and numbers: the tokens' arrays are int32 (half the memory to touch of int64).
_INT = np.int32


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
                gaps) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray]:
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

    Returns
    -------
    counts : list of int
        Tokens per text.
    starts, ends, type_ids : numpy.ndarray
        Per token (int32): its offsets into its text, and the index of its norm in ``ids.types``.

    Examples
    --------
    >>> ids = TypeIds()
    >>> counts, starts, ends, type_ids = han_columns(
    ...     [5, 1], "脱贫 A股\\n中", code_points("脱贫 A股\\n中"), ["脱贫", " ", "A", "股", "\\n", "中"],
    ...     ids, gap_memo(str.lower))
    >>> counts, starts.tolist(), ends.tolist(), type_ids.tolist()
    ([3, 1], [0, 3, 4, 0], [2, 4, 5, 1], [0, 1, 2, 3])
    >>> ids.types
    ['脱贫', 'a', '股', '中']
    """
    if not lengths:
        empty = np.zeros(0, dtype=_INT)
        return [], empty, empty, empty
    streams = [_han_words(points, words)]
    text_lengths = np.asarray(lengths, dtype=_INT)
    text_starts = np.cumsum(text_lengths + 1, dtype=_INT) - (text_lengths + 1)
    # between words with hanzi, and from the start / to the end of each text: the gaps
    lo = np.sort(np.concatenate([text_starts, streams[0].ends]), kind="stable")  # (two sorted runs: merged)
    hi = np.sort(np.concatenate([streams[0].starts, text_starts + text_lengths]), kind="stable")
    some = hi > lo
    gap_lo, gap_hi = lo[some], hi[some]
    single = (gap_hi - gap_lo) == 1  # most gaps: "，"
    streams += [_single_gaps(points, gap_lo[single], gaps), _wide_gaps(joined, gap_lo[~single], gap_hi[~single], gaps)]
    type_ids = _type_ids(ids, streams)
    all_starts = np.concatenate([s.starts for s in streams])
    order = np.argsort(all_starts, kind="stable")
    all_starts = all_starts[order]
    all_ends = np.concatenate([s.ends for s in streams])[order]
    text_of = np.repeat(np.arange(len(lengths), dtype=_INT), text_lengths + 1)[all_starts]
    offsets = text_starts[text_of]
    counts = np.bincount(text_of, minlength=len(lengths))
    return counts.tolist(), all_starts - offsets, all_ends - offsets, np.concatenate(type_ids)[order]


class _Stream:
    """Tokens of one kind, in text order: ``starts``, ``ends``; their distinct norms
    (``names``) with the start of the first occurrence of each (``first_starts``); and
    per token the index of its norm in ``names`` (``name_of``)."""

    def __init__(self, names: list[str], first_starts, starts, ends, name_of):
        self.names, self.first_starts, self.starts, self.ends, self.name_of = names, first_starts, starts, ends, name_of


def _first_occurrences(keys: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The distinct ``keys`` in order of first occurrence; per key the index of its first
    occurrence; per item the index of its key among them (one C-level dict pass)."""
    local: dict[str, int] = {}
    first_of = np.fromiter(map(local.setdefault, keys, count()), dtype=_INT, count=len(keys))
    firsts = np.fromiter(local.values(), dtype=_INT, count=len(local))
    rank = np.empty(len(keys), dtype=_INT)
    rank[firsts] = np.arange(len(firsts), dtype=_INT)
    return list(local), firsts, rank[first_of]


def _han_words(points: np.ndarray, words: list[str]) -> _Stream:
    """The words with hanzi (the others tile what lies between them)."""
    names, firsts, name_of = _first_occurrences(words)  # all words: cheaper than picking first
    sizes = np.fromiter(map(len, names), dtype=_INT, count=len(names))[name_of]  # len() per distinct word
    ends = np.cumsum(sizes, dtype=_INT)
    starts = ends - sizes
    is_han = (points >= _HAN_FIRST) & (points <= _HAN_LAST)
    han_before = np.zeros(len(points) + 1, dtype=_INT)
    np.cumsum(is_han, out=han_before[1:])
    keep = han_before[ends] > han_before[starts]
    han_name = keep[firsts]  # (a word has hanzi wherever it stands)
    rank = np.cumsum(han_name, dtype=_INT) - 1
    kept = np.flatnonzero(keep)
    return _Stream(list(compress(names, han_name.tolist())), starts[firsts[han_name]], starts[kept], ends[kept],
                   rank[name_of[kept]])


def _single_gaps(points: np.ndarray, lo: np.ndarray, gaps) -> _Stream:
    """The tokens of the gaps of one character at ``lo`` (none or one each), split once
    per distinct character."""
    chars, inverse = np.unique(points[lo], return_inverse=True)
    index: dict[str, int] = {}
    name_of_char = np.full(len(chars), -1, dtype=_INT)
    shift = np.zeros((2, len(chars)), dtype=_INT)
    for k, char in enumerate(map(chr, chars.tolist())):
        found_starts, found_ends, norms = gaps[char]
        if norms:  # at most one token in one character
            name_of_char[k] = index.setdefault(norms[0], len(index))
            shift[:, k] = found_starts[0], found_ends[0]
    name_of = name_of_char[inverse]
    has = name_of >= 0
    name_of, inverse = name_of[has], inverse[has]
    starts = lo[has]
    first = np.full(len(index), len(name_of), dtype=_INT)  # every name occurs: its first token
    np.minimum.at(first, name_of, np.arange(len(name_of), dtype=_INT))
    return _Stream(list(index), starts[first], starts + shift[0][inverse], starts + shift[1][inverse], name_of)


def _wide_gaps(joined: str, lo: np.ndarray, hi: np.ndarray, gaps) -> _Stream:
    """The tokens of the gaps ``joined[lo:hi]`` of more than one character."""
    found = list(map(gaps.__getitem__, map(joined.__getitem__, map(slice, lo.tolist(), hi.tolist()))))
    sizes = np.fromiter(map(len, map(_NORMS, found)), dtype=_INT, count=len(found))
    at = np.repeat(lo, sizes)  # each token's gap start
    total = int(sizes.sum())
    keys = list(chain.from_iterable(map(_NORMS, found)))
    starts = at + np.fromiter(chain.from_iterable(map(_STARTS, found)), dtype=_INT, count=total)
    ends = at + np.fromiter(chain.from_iterable(map(_ENDS, found)), dtype=_INT, count=total)
    names, firsts, name_of = _first_occurrences(keys)
    return _Stream(names, starts[firsts], starts, ends, name_of)


def _type_ids(ids: TypeIds, streams: list[_Stream]) -> list[np.ndarray]:
    """Per stream, the type id of each token: the names numbered in ``ids`` in order of
    first occurrence over all the streams (a name in two streams is numbered once)."""
    order = np.argsort(np.concatenate([s.first_starts for s in streams]), kind="stable")
    flat = list(chain.from_iterable(s.names for s in streams))
    global_ids = np.empty(len(flat), dtype=_INT)
    global_ids[order] = np.fromiter(map(ids.__getitem__, map(flat.__getitem__, order.tolist())),
                                    dtype=_INT, count=len(flat))
    out, done = [], 0
    for stream in streams:
        out.append(global_ids[done : done + len(stream.names)][stream.name_of])
        done += len(stream.names)
    return out
