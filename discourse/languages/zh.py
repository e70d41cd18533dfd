"""Chinese tokenizer: jieba (accurate mode, private instance) plus a domain dictionary."""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import marshal
import math
import mmap
import warnings
from functools import cached_property
from pathlib import Path

from discourse._data import data_path
from discourse._util import atomic_write, remove_stale_temporaries
from discourse.errors import DiscourseWarning, InputError
from discourse.languages._zh_columns import SEPARATOR, block_text, code_points, gap_memo, han_columns
from discourse.languages._zh_rjieba import BLOCK, jieba_dict_file, rjieba_segmenter
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

_UNIT = "\x1f"  # between the texts given to OpenCC at once (unit separator)

#: Blocks and gaps remembered over the chunks of one corpus, at most (≈ 50 MB).
MEMO_LIMIT = 250_000

#: Frequency of a user term given without one: high enough to beat the split of the term
#: and of the longer dictionary words it overlaps in our texts (see zh_domain.txt).
USER_TERM_FREQ = 20000

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
        with open(jieba_dict_file(), "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as dictionary:
            return rjieba_segmenter(self._entries, dictionary)  # (a few pages of dict.txt read, not 5 MB)

    def normalize(self, word: str) -> str:
        return word.translate(_FULL_WIDTH).lower()

    def tokenize(self, text: str) -> list[Token]:
        return self.tokenize_many([text])[0]

    def tokenize_many(self, texts) -> list[list[Token]]:
        counts, starts, ends, types, ids = self.token_columns(list(texts))
        tokens = list(zip(starts.tolist(), ends.tolist(), map(types.__getitem__, ids.tolist())))
        bounds = list(itertools.accumulate(counts, initial=0))
        return [tokens[a:b] for a, b in zip(bounds, bounds[1:])]

    def token_columns(self, texts: list[str], vocab: TypeIds | None = None) -> Columns:
        # jieba's words tile the text. Words with hanzi are tokens as jieba cut them;
        # everything between them (Latin, digits, punctuation, spaces) is a gap, split by
        # the generic rule, so other scripts behave as elsewhere. The texts are cut in one
        # call (joined by a separator that is a block of its own), the columns built with
        # numpy (_zh_columns.han_columns), and a gap that recurs ("，") is split once.
        ids = TypeIds() if vocab is None else vocab  # a word with hanzi is its own norm
        memos = ids.cache.get(self)
        if memos is None or len(memos[0]) + len(memos[1]) > MEMO_LIMIT:  # kept over chunks, to a point
            memos = ids.cache[self] = (_Memo(self._route_words), gap_memo(self.normalize))
        blocks, gaps = memos  # block -> jieba's words (jieba's own search only); gap -> tokens
        prepared = self._simplified(texts)
        joined = SEPARATOR.join(prepared)
        points = code_points(joined)
        seg = self._rjieba
        if seg is not None:
            words = seg.cut(block_text(points), False)
        else:  # split() on a group: blocks at odd places, what lies between them at even ones
            words = []
            for k, part in enumerate(BLOCK.split(joined)):
                if k % 2:
                    words += blocks[part]
                elif part:
                    words.append(part)
        counts, starts, ends, type_ids = han_columns(list(map(len, prepared)), joined, points, words, ids, gaps)
        return counts, starts, ends, ids.types, type_ids

    def _simplified(self, texts: list[str]) -> list[str]:
        """Each text in Simplified characters, or as it is where that changes its length
        (offsets are those of the original) or where OpenCC cannot read it (a lone
        surrogate: OpenCC takes UTF-8); one OpenCC call for all the texts."""
        convert = self._to_simplified
        if convert is None or not texts:
            return list(texts)
        converted = None
        if not any(map(_UNIT.__contains__, texts)):  # OpenCC keeps it, no phrase holds it
            with contextlib.suppress(UnicodeEncodeError):  # (then text by text)
                converted = convert(_UNIT.join(texts)).split(_UNIT)
        if converted is None or len(converted) != len(texts):
            converted = [_convert(convert, text) for text in texts]
        return [new if len(new) == len(old) else old for new, old in zip(converted, texts)]

    @cached_property
    def _prefix_logp(self) -> tuple[dict[str, float | None], float]:
        """jieba's prefix dictionary (its own, plus our domain and user terms) as
        ``{prefix: log P(word)}`` (``None`` for a prefix that is no word), and the log
        probability jieba gives an unknown character."""
        tk = self._jieba
        logtotal = math.log(tk.total)
        return {w: (math.log(f) - logtotal if f else None) for w, f in tk.FREQ.items()}, 0.0 - logtotal

    def _route_words(self, block: str) -> list[str]:
        """jieba's words of one block, by jieba's own search (:func:`_route`)."""
        return [block[s:e] for s, e in _route(block, *self._prefix_logp)]


def _convert(convert, text: str) -> str:
    """``convert(text)``, or ``text`` when OpenCC cannot read it (a lone surrogate)."""
    try:
        return convert(text)
    except UnicodeEncodeError:
        return text


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
