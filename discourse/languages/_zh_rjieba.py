"""jieba's dictionary search in compiled code: a private ``rjieba.Jieba`` (jieba-rs) that
cuts exactly as a private ``jieba.Tokenizer`` with the same added words (``HMM=False``).

jieba-rs finds the best path through the same dictionary (rjieba 0.2.2 embeds jieba
0.42.1's ``dict.txt``, its one duplicated line, ``B超 3 n``, dropped) with the same
floating-point sums and the same ties (to the later end). What differs is bookkeeping,
and :func:`rjieba_segmenter` makes it equal:

- the total of the frequencies, whose logarithm is subtracted from every word's: jieba
  adds every line of ``dict.txt`` and every added word's frequency to it, even for a word
  it already had, where jieba-rs keeps one frequency a word. A filler word that no block
  can contain (:data:`FILLER`) carries the difference;
- a word added with frequency 0 is no word for jieba (only a prefix) but an edge of
  probability 0 for jieba-rs: :func:`rjieba_segmenter` returns None then, and the caller
  keeps jieba's own search.

Blocks (the runs of :data:`BLOCK` that jieba cuts one at a time) are split here with
jieba's own pattern: jieba-rs's is wider (CJK extensions), so it is never given a text
with anything but blocks and the separators between them (:func:`cut_blocks`).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
from pathlib import Path

__all__ = ["BLOCK", "FILLER", "DICT_DUPLICATE_EXTRA", "cut_blocks", "jieba_dict_file", "rjieba_segmenter"]

#: jieba 0.42.1's ``re_han_default`` (the blocks ``jieba.cut`` cuts), as a split pattern.
BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)

#: A word no block contains (U+3013 GETA MARK is no hanzi and no ASCII): its frequency
#: makes jieba-rs's total that of jieba.
FILLER = "\u3013"

#: What jieba's total over ``dict.txt`` counts beyond jieba-rs's: the first of the two
#: ``B超 3 n`` lines (tests/test_zh_rjieba.py recomputes it from the installed dict.txt).
DICT_DUPLICATE_EXTRA = 3

_SEPARATOR = "\n"  # between blocks in one call: not in any block, a token of its own


def _rjieba_class():
    """``rjieba.Jieba``, without building the module-level instance that ``import rjieba``
    builds (``rjieba._DEFAULT_JIEBA``, a second copy of the dictionary: 0.1-0.3 s).

    The compiled module is loaded under its own name, ``rjieba.rjieba``, so a later
    ``import rjieba`` uses it; a layout other than rjieba 0.2's is imported the usual way.
    """
    loaded = sys.modules.get("rjieba.rjieba") or sys.modules.get("rjieba")
    if loaded is None:
        package = importlib.util.find_spec("rjieba")
        spec = None
        if package is not None and package.submodule_search_locations:
            spec = importlib.machinery.PathFinder.find_spec("rjieba.rjieba", package.submodule_search_locations)
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            import rjieba as loaded  # deferred: builds its own dictionary (0.1-0.3 s), only for Chinese
        else:
            loaded = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = loaded
            spec.loader.exec_module(loaded)
    return loaded.Jieba


def jieba_dict_file() -> Path:
    """jieba's ``dict.txt``, found without importing jieba (0.2-0.5 s).

    >>> jieba_dict_file().name
    'dict.txt'
    """
    spec = importlib.util.find_spec("jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def rjieba_segmenter(entries, dictionary: bytes):
    """A private ``rjieba.Jieba`` that cuts as ``jieba.Tokenizer()`` with ``entries`` added.

    Parameters
    ----------
    entries : list of (str, int, str or None)
        ``(word, frequency, tag)``, added in this order (``Tokenizer.add_word``).
    dictionary : bytes or mmap.mmap
        jieba's ``dict.txt`` (:func:`jieba_dict_file`): its total and the frequencies of
        the added words it holds (found by bisection: a mapped file is read a few pages a word).

    Returns
    -------
    rjieba.Jieba or None
        None when an entry has frequency 0 (jieba-rs cannot take a word away).

    Examples
    --------
    >>> seg = rjieba_segmenter([("脱贫攻坚战", 20000, None)], jieba_dict_file().read_bytes())
    >>> cut_blocks(seg, ["打赢脱贫攻坚战", "abc中国"])
    [['打赢', '脱贫攻坚战'], ['abc', '中国']]
    >>> rjieba_segmenter([("脱贫", 0, None)], b"") is None
    True
    """
    entries = list(entries)
    if any(freq == 0 for _, freq, _ in entries):
        return None
    seg = _rjieba_class()()
    # jieba's total: every line of dict.txt, plus every entry's frequency; jieba-rs's: one
    # frequency a word, the last one given. The gap: the duplicated line, and each old
    # frequency an entry replaces.
    old = {w: None for w, _, _ in entries if seg.has_word(w)}  # in dict.txt
    old.update(_dict_freqs(list(old), dictionary))
    gap = DICT_DUPLICATE_EXTRA
    for word, freq, tag in entries:
        gap += old.get(word) or 0  # jieba-rs takes the old frequency off its total
        old[word] = freq
        seg.add_word(word, freq, tag)
    gap += old.get(FILLER) or 0  # (a user term that is the filler: replaced too)
    if gap:
        seg.add_word(FILLER, gap, None)
    return seg


def _dict_freqs(words: list[str], dictionary: bytes) -> dict[str, int]:
    """Frequency in ``dictionary`` (``word freq [tag]`` lines) of each of ``words`` it holds.

    >>> _dict_freqs(["中国", "AT&T", "不是词吗"], "AT&T 3 nz\\n中国人 9 n\\n中国 200 ns\\n".encode())
    {'中国': 200, 'AT&T': 3}
    """
    found: dict[str, int] = {}
    if len(words) > 5000:  # one pass over the dictionary (a bisection each: ~15 µs)
        wanted = {w.encode("utf-8") for w in words}
        for word, freq in re.findall(rb"^(\S+) (\d+)", dictionary, re.M):
            if word in wanted:
                found[word.decode("utf-8")] = int(freq)
        return found
    for word in words:  # a search each (the lines of a word agree, see the tests)
        line = _sorted_line(dictionary, word.encode("utf-8"))
        if line is not None:
            found[word] = int(line.split()[1])
            continue
        key = b"\n" + word.encode("utf-8")  # not where sorting puts it: a scan (dict.txt is nearly sorted)
        at = -1 if dictionary[: len(key)] == key[1:] + b" " else dictionary.find(key)
        while at >= 0 and dictionary[at + len(key) : at + len(key) + 1] != b" ":
            at = dictionary.find(key, at + 1)  # a longer word that starts with it
        if at == -1 and dictionary[: len(key)] != key[1:] + b" ":
            continue
        end = dictionary.find(b"\n", at + 1)
        found[word] = int(dictionary[at + 1 : end if end >= 0 else len(dictionary)].split()[1])
    return found


def _sorted_line(dictionary: bytes, word: bytes) -> bytes | None:
    """The line of ``word`` found by bisection, or None: exact for a sorted dictionary, and
    for jieba's ``dict.txt`` (sorted but for 29 pairs of lines, most among its first 72,
    Latin words) a miss only ever means "search the whole file".

    >>> _sorted_line(b"a 1\\nab 2 n\\nb 3", b"ab"), _sorted_line(b"a 1\\nb 3", b"c")
    (b'ab 2 n', None)
    """
    lo, hi = 0, len(dictionary)
    while lo < hi:
        start = dictionary.rfind(b"\n", 0, (lo + hi) // 2) + 1
        end = dictionary.find(b"\n", start)
        end = len(dictionary) if end < 0 else end
        line = dictionary[start:end]
        head = line.split(b" ", 1)[0]
        if head == word:
            return line
        if head < word:
            lo = end + 1
        else:
            hi = start
    return None


def cut_blocks(seg, blocks: list[str]) -> list[list[str]]:
    """The words of each block (runs of :data:`BLOCK`), in one call of ``seg.cut``.

    >>> seg = rjieba_segmenter([], jieba_dict_file().read_bytes())
    >>> cut_blocks(seg, ["中华人民共和国", "T恤衫abc"])
    [['中华人民共和国'], ['T恤衫', 'abc']]
    """
    words = seg.cut(_SEPARATOR.join(blocks), hmm=False)
    out: list[list[str]] = []
    current: list[str] = []
    for word in words:
        if word == _SEPARATOR:
            out.append(current)
            current = []
        else:
            current.append(word)
    out.append(current)
    return out
