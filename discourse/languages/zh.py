"""Chinese tokenizer: jieba (accurate mode, private instance) plus a domain dictionary."""

from __future__ import annotations

import hashlib
import io
import itertools
import marshal
import math
import warnings
from functools import cached_property
from pathlib import Path

from discourse._data import data_path
from discourse._util import atomic_write, remove_stale_temporaries
from discourse.errors import DiscourseWarning, InputError
from discourse.languages._zh_rjieba import BLOCK, cut_blocks, jieba_dict_file, rjieba_segmenter
from discourse.languages.base import GENERIC as _GENERIC
from discourse.languages.base import MATCH_END as _END
from discourse.languages.base import MATCH_GROUP as _GROUP
from discourse.languages.base import MATCH_START as _START
from discourse.languages.base import (
    WIDE_ALNUM,
    Columns,
    Token,
    Tokenizer,
    TypeIds,
    read_terms,
    user_cache_dir,
)

__all__ = ["ChineseTokenizer", "jieba_prefix_dict"]

# jieba's HMM (guessing new words from runs of unknown characters) is not used: on UD
# GSDSimp test it changes F1 by 0.0016 only (0.7987 without, 0.8003 with; on the PKU test
# set jieba is better without it, 0.836 against 0.818), and on the seed texts it invents
# words ("在不断完善中为" gives "中为"; without the domain dictionary "省负总责" gives
# "省负 | 总责").

#: Blocks and gaps remembered over the chunks of one corpus, at most (≈ 50 MB).
MEMO_LIMIT = 250_000

#: Frequency of a user term given without one: high enough to beat the split of the term
#: and of the longer dictionary words it overlaps in our texts (see zh_domain.txt).
USER_TERM_FREQ = 20000

_GENERIC_FINDITER = _GENERIC.finditer
_FULL_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？",
                             **{chr(k): v for k, v in WIDE_ALNUM.items()}})


def _parse_entry(line: str, default_freq: int | None, path=None) -> tuple[str, int, str | None]:
    """``"word [freq [pos]]"`` (jieba's dictionary format) -> (word, freq, pos)."""
    parts = line.split()
    if len(parts) > 1 and parts[1].isdigit():
        return parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None
    if default_freq is None:
        raise InputError(f"entry {line!r} is not 'word frequency [tag]'", path=path)
    return line, default_freq, None


class ChineseTokenizer(Tokenizer):
    """Chinese word segmentation with jieba's accurate mode and ``data/dictionaries/zh_domain.txt``.

    Runs of Han characters are cut as jieba's accurate mode cuts them (``HMM=False``),
    with the dictionary of a private ``jieba.Tokenizer`` (the global jieba tokenizer is
    never touched) to which the domain terms are added. The best path over that
    dictionary is found by jieba-rs (a private ``rjieba.Jieba`` given the same words and
    the same total: :mod:`discourse.languages._zh_rjieba`), the same words as jieba's,
    tested against it on the seeds, the gold data, the reports and random text; a user term
    of frequency 0, which jieba-rs cannot take, keeps a one-pass version of jieba's own
    search (:func:`_route`). ``benchmarks/bench_zh.py`` times the tokenizer against
    jieba's ``Tokenizer().lcut(text, HMM=False)`` and rjieba alone. Everything else (Latin words, digits, punctuation) is
    split into Unicode words and marks. The norm is the token, with ASCII punctuation
    turned full-width (``,`` → ``，``) and Latin letters lowercased.

    Traditional characters are converted to Simplified with OpenCC (``t2s``) before
    segmentation — jieba's dictionary is Simplified, and 脫貧攻堅 would otherwise fall
    apart into characters — and the norm is the Simplified form, so 脫貧 and 脱贫 count
    as one word. The text and the token offsets stay those of the original. (When a
    conversion would change the text's length, the text is segmented as it is.)

    Examples
    --------
    >>> tok = ChineseTokenizer()
    >>> [n for _, _, n in tok.tokenize("打赢脱贫攻坚战,China.")]
    ['打赢', '脱贫攻坚战', '，', 'china', '.']
    """

    lang = "zh"
    spaces_between_words = False
    data_files = (("dictionaries", "zh_domain.txt"),)
    libraries = ("jieba", "rjieba", "opencc")

    @cached_property
    def _to_simplified(self):
        try:
            import opencc  # deferred: only for traditional characters
        except ImportError:  # pragma: no cover - opencc is a dependency
            return None
        return opencc.OpenCC("t2s").convert

    @cached_property
    def _jieba(self):
        import jieba  # deferred: jieba loads in about 0.2 s, only for Chinese

        tk = jieba.Tokenizer()  # its prefix dictionary is ours (jieba_prefix_dict): jieba writes no cache
        tk.tmp_dir = str(user_cache_dir())  # (where it would, were it ever asked to initialise again)
        tk.FREQ, tk.total = jieba_prefix_dict(tk, user_cache_dir() / f"jieba-{jieba.__version__}.prefix")
        tk.initialized = True
        for entry in self._entries:
            tk.add_word(*entry)
        return tk

    @cached_property
    def _entries(self) -> list[tuple[str, int, str | None]]:
        """The words added to jieba's dictionary, in order: the domain terms, the user terms."""
        path = data_path(*self.data_files[0])
        return [_parse_entry(line, None, path) for line in read_terms(path)] \
            + [_parse_entry(term, USER_TERM_FREQ) for term in self.user_terms]

    @cached_property
    def _rjieba(self):
        """The compiled search, or None (a term of frequency 0: jieba's own search then)."""
        return rjieba_segmenter(self._entries, jieba_dict_file().read_bytes())

    def normalize(self, word: str) -> str:
        return word.translate(_FULL_WIDTH).lower()

    def tokenize(self, text: str) -> list[Token]:
        return self.tokenize_many([text])[0]

    def tokenize_many(self, texts) -> list[list[Token]]:
        counts, starts, ends, types, ids = self.token_columns(list(texts))
        tokens = [(s, e, types[i]) for s, e, i in zip(starts, ends, ids)]
        bounds = list(itertools.accumulate(counts, initial=0))
        return [tokens[a:b] for a, b in zip(bounds, bounds[1:])]

    def token_columns(self, texts: list[str], vocab: TypeIds | None = None) -> Columns:
        # jieba's words tile the text. Words with hanzi are tokens as jieba cut them;
        # everything between them (Latin, digits, punctuation, spaces) is a gap, split by
        # the generic rule, so other scripts behave as elsewhere.
        #
        # jieba segments each block (a run of hanzi, ASCII letters and digits: jieba's
        # own split of the text) on its own, so a block that recurs in the chunk is
        # segmented once, and a gap that recurs ("，") is split once.
        block_split = BLOCK.split  # the blocks jieba.cut makes
        han_ids = TypeIds() if vocab is None else vocab  # a word with hanzi is its own norm
        other_ids = han_ids.view(self.normalize)
        memos = han_ids.cache.get(self)
        if memos is None or len(memos[0]) + len(memos[1]) > MEMO_LIMIT:  # kept over chunks, to a point
            memos = han_ids.cache[self] = (_Memo(self._han_words), _Memo(lambda gap: _gap_tokens(gap, other_ids)))
        blocks, gaps = memos  # block -> (starts, ends, words, tiles); gap -> (starts, ends, ids, id)
        convert = self._to_simplified
        counts: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        ids: list[int] = []
        split_texts = []
        for text in texts:
            simplified = convert(text) if convert is not None else text
            if len(simplified) == len(text):  # same length: offsets are those of the original
                text = simplified
            # split() on a group: blocks at odd places, what lies between them at even ones
            split_texts.append((text, block_split(text)))
        new = list(dict.fromkeys(b for _, parts in split_texts for b in parts[1::2] if b not in blocks))
        for block, words in zip(new, self._block_words(new)):  # the chunk's new blocks, in one call
            blocks[block] = _han_entry(block, words)
        for text, parts in split_texts:
            first = len(ids)
            offsets = list(itertools.accumulate(map(len, parts), initial=0))
            other = 0  # end of the last word with hanzi
            for k in range(1, len(parts), 2):
                rel_starts, rel_ends, words, tiles = blocks[parts[k]]
                pos = offsets[k]
                if tiles:  # words with hanzi only, from end to end of the block
                    if other < pos:  # the gap before it
                        gap = gaps[text[other:pos]]
                        if gap[3] is not None:  # one token
                            starts.append(other)
                            ends.append(pos)
                            ids.append(gap[3])
                        elif gap[2]:
                            starts += map(other.__add__, gap[0])
                            ends += map(other.__add__, gap[1])
                            ids += gap[2]
                    starts += map(pos.__add__, rel_starts)
                    ends += map(pos.__add__, rel_ends)
                    ids += map(han_ids.__getitem__, words)
                    other = offsets[k + 1]
                    continue
                for s, e, word in zip(rel_starts, rel_ends, words):
                    if other < s + pos:
                        gap = gaps[text[other : s + pos]]
                        starts += map(other.__add__, gap[0])
                        ends += map(other.__add__, gap[1])
                        ids += gap[2]
                    starts.append(s + pos)
                    other = e + pos
                    ends.append(other)
                    ids.append(han_ids[word])
            if other < len(text):
                gap = gaps[text[other:]]
                starts += map(other.__add__, gap[0])
                ends += map(other.__add__, gap[1])
                ids += gap[2]
            counts.append(len(ids) - first)
        return counts, starts, ends, han_ids.types, ids

    @cached_property
    def _prefix_logp(self) -> tuple[dict[str, float | None], float]:
        """jieba's prefix dictionary (its own, plus our domain and user terms) as
        ``{prefix: log P(word)}`` (``None`` for a prefix that is no word), and the log
        probability jieba gives an unknown character."""
        tk = self._jieba
        logtotal = math.log(tk.total)
        return {w: (math.log(f) - logtotal if f else None) for w, f in tk.FREQ.items()}, 0.0 - logtotal

    def _han_words(self, block: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], bool]:
        """jieba's words of one block that contain hanzi: see :func:`_han_entry`."""
        return _han_entry(block, self._block_words([block])[0])

    def _block_words(self, blocks: list[str]) -> list[list[str]]:
        """jieba's words (``cut(block, HMM=False)``) of each block."""
        if not blocks:
            return []
        seg = self._rjieba
        if seg is not None:
            return cut_blocks(seg, blocks)
        logp = self._prefix_logp
        return [[block[s:e] for s, e in _route(block, *logp)] for block in blocks]


def _han_entry(block: str, words: list[str]) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], bool]:
    """The words of ``block`` (which tile it) that contain hanzi: their starts and ends in
    the block, the words, and whether they are all of the block's words (True: they tile it).

    >>> _han_entry("abc中国", ["abc", "中国"])
    ((3,), (5,), ('中国',), False)
    """
    starts, ends, kept = [], [], []
    pos = 0
    for word in words:
        end = pos + len(word)
        if not word.isascii():  # a block is hanzi and ASCII: a word with hanzi
            starts.append(pos)
            ends.append(end)
            kept.append(word)
        pos = end
    return tuple(starts), tuple(ends), tuple(kept), pos == len(block) and sum(map(len, kept)) == len(block)


def jieba_prefix_dict(tk, file: Path) -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary of the dictionary of ``tk`` (a ``jieba.Tokenizer``), as
    ``(FREQ, total)``: read from ``file`` when it holds a sound copy, else built as jieba
    builds it (``tk.gen_pfdict``) and written there.

    The file is ours, not jieba's: a header names the format, the digest of the
    dictionary it was built from and the digest of its content, and what is read back
    must hold a prefix for every word of the dictionary, with counts that add up to its
    total. A file that is corrupt, tampered with, built from another dictionary or left
    by another program is replaced. A cache that cannot be written (read-only, full disk, a file in the way,
    another user's) costs one warning: the dictionary is then built on each run.

    >>> import jieba, tempfile, pathlib
    >>> freq, total = jieba_prefix_dict(jieba.Tokenizer(), pathlib.Path(tempfile.mkdtemp()) / "j.prefix")
    >>> freq["脱贫"] > 0 and total > 0
    True
    """
    with tk.get_dict_file() as fh:
        source = fh.read()
    wanted = f"{_PREFIX_FORMAT} {hashlib.blake2b(source, digest_size=20).hexdigest()}"
    try:
        header, _, payload = file.read_bytes().partition(b"\n")
        if header.decode("ascii") == f"{wanted} {hashlib.blake2b(payload, digest_size=20).hexdigest()}":
            freq, total = marshal.loads(payload)
            # every word of the dictionary (a line each) is in it, and the counts add up
            if isinstance(freq, dict) and len(freq) >= source.count(b"\n") > 0 and type(total) is int \
                    and total > 0 and sum(freq.values()) == total:
                return freq, total
    except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
        pass  # missing, unreadable or not ours: built again below
    freq, total = tk.gen_pfdict(io.BytesIO(source))
    payload = marshal.dumps((freq, total))
    try:
        remove_stale_temporaries(file.parent, file.name)  # left by a run killed while writing
        atomic_write(file, f"{wanted} {hashlib.blake2b(payload, digest_size=20).hexdigest()}\n".encode() + payload)
    except OSError as exc:
        warnings.warn(f"jieba's dictionary cache {file} cannot be written ({exc.strerror or exc}): "
                      "Chinese is segmented without it", DiscourseWarning, stacklevel=2)
    return freq, total


#: First word of the header of :func:`jieba_prefix_dict`'s file; bump when its layout changes.
_PREFIX_FORMAT = "discourse-jieba-prefix-1"


def _route(block: str, logp: dict, unknown: float):
    """The words of jieba's accurate mode without HMM (``jieba.cut(block, HMM=False)``) as
    ``(start, end)``, except that runs of single ASCII letters or digits stay apart.

    jieba takes, among all ways to cut the block into dictionary words (a character
    not in the dictionary standing alone), the one with the highest product of word
    probabilities (Sun 2012, jieba's README). jieba builds the graph of words, then finds
    the best path, a ``max`` over tuples; here both are one backward pass, with each
    log-probability worked out once for the dictionary. The sums are the same floating
    point operations in the same order and ties go the same way (to the longer word), so
    the path is jieba's (tests compare it on the bundled corpora and the gold data).
    """
    n = len(block)
    score = [0.0] * (n + 1)
    nxt = [0] * (n + 1)
    get = logp.get
    missing = logp  # a sentinel: never a value of the dictionary
    for k in range(n - 1, -1, -1):
        best, end = None, k + 1
        i = k + 1
        lp = get(block[k], missing)
        while lp is not missing:
            if lp is not None:
                candidate = lp + score[i]
                if best is None or candidate >= best:  # ties: the later end, as jieba's max()
                    best, end = candidate, i
            if i == n:
                break
            i += 1
            lp = get(block[k:i], missing)
        score[k] = unknown + score[k + 1] if best is None else best
        nxt[k] = end
    k = 0
    while k < n:
        yield k, nxt[k]
        k = nxt[k]


def _gap_tokens(gap: str, ids: TypeIds) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], int | None]:
    """Generic tokens of a gap: starts, ends, type ids, and the id if it is one token."""
    matches = list(_GENERIC_FINDITER(gap))
    token_ids = tuple(map(ids.__getitem__, map(_GROUP, matches)))
    whole = len(matches) == 1 and matches[0].span() == (0, len(gap))
    return tuple(map(_START, matches)), tuple(map(_END, matches)), token_ids, token_ids[0] if whole else None


class _Memo(dict):
    """``key -> compute(key)``, each key computed once."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self[key] = self.compute(key)
        return value


TOKENIZER = ChineseTokenizer


# ---------------------------------------------------------------- registration (languages/registry.py)
CODE = "zh"
NAME = "Chinese"
ALIASES: tuple[str, ...] = ('zho', 'chi', 'cmn')
COLOR = "#D55E00"  # vermillion (Okabe–Ito)
USER_DICT = True  # the tokenizer takes a user dictionary
stem = None  # no stemmer: words are counted as they are


# ---------------------------------------------------------------- sentences (languages/sentences.py)
from discourse.languages import sentences as _sentences  # noqa: E402

#: Chinese sentence facts: 。！？… (and full-width ．, ASCII ! ?) end a sentence where they
#: stand, with the closing quotes and brackets after them; a Latin period before a space
#: ends one too (an English sentence quoted in Chinese text).
SENTENCE_RULES = _sentences.SentenceRules(spaced=".", unspaced="。！？…!?．")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Chinese sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``.

    >>> text = "他说：“我们要脱贫！”大家都同意。「真的吗？」"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['他说：“我们要脱贫！”', '大家都同意。', '「真的吗？」']
    """
    return _sentences.split(text, start, end, rules=SENTENCE_RULES)
