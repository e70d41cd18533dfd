"""Chinese tokenizer: jieba (accurate mode, private instance) plus a domain dictionary."""

from __future__ import annotations

import logging
import re
from functools import cached_property

from discourse._data import data_path
from discourse.errors import InputError
from discourse.languages.base import HAN, WIDE_ALNUM, Token, Tokenizer, generic_spans, read_terms, user_cache_dir

__all__ = ["ChineseTokenizer", "HMM"]

#: jieba's HMM guesses new words from runs of unknown characters. Off: on UD GSDSimp test
#: it changes F1 by 0.0016 only (0.7987 off, 0.8003 on; on the PKU test set jieba is better
#: without it, 0.836 against 0.818), and on the seed texts it invents words ("在不断完善中为"
#: gives "中为"; without the domain dictionary "省负总责" gives "省负 | 总责").
HMM = False

#: Frequency of a user term given without one: high enough to beat the split of the term
#: and of the longer dictionary words it overlaps in our texts (see zh_domain.txt).
USER_TERM_FREQ = 20000

_HAN_CHAR = re.compile(f"[{HAN}]")
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

    Runs of Han characters go to a private ``jieba.Tokenizer`` (the global jieba
    tokenizer is never touched); everything else (Latin words, digits, punctuation) is
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
    libraries = ("jieba", "opencc")

    @cached_property
    def _to_simplified(self):
        try:
            import opencc
        except ImportError:  # pragma: no cover - opencc is a dependency
            return None
        return opencc.OpenCC("t2s").convert

    @cached_property
    def _jieba(self):
        import jieba

        tk = jieba.Tokenizer()
        cache = user_cache_dir()
        try:
            cache.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # jieba then fails to write its cache, logs it and goes on
        tk.tmp_dir = str(cache)
        tk.cache_file = f"jieba-{jieba.__version__}.cache"
        logger = logging.getLogger("jieba")
        level = logger.level
        logger.setLevel(logging.WARNING)  # silence "Building prefix dict ..." on stderr
        try:
            tk.initialize()
        finally:
            logger.setLevel(level)
        path = data_path(*self.data_files[0])
        for line in read_terms(path):
            tk.add_word(*_parse_entry(line, None, path))
        for term in self.user_terms:
            tk.add_word(*_parse_entry(term, USER_TERM_FREQ))
        return tk

    def normalize(self, word: str) -> str:
        return word.translate(_FULL_WIDTH).lower()

    def tokenize(self, text: str) -> list[Token]:
        # One jieba call per text (jieba's per-call cost dominates on short runs); its
        # words tile the text, so offsets follow from their lengths. Words with hanzi are
        # tokens as jieba cut them; everything between them (Latin, digits, punctuation,
        # spaces) is re-split by the generic rule, so other scripts behave as elsewhere.
        tokens: list[Token] = []
        normalize = self.normalize
        convert = self._to_simplified
        simplified = convert(text) if convert is not None else text
        if len(simplified) != len(text):
            simplified = text
        text = simplified  # same length: offsets are those of the original
        pos = other = 0
        for word in self._jieba.cut(text, HMM=HMM):
            end = pos + len(word)
            if _HAN_CHAR.search(word):
                if other < pos:
                    tokens += [(s, e, normalize(text[s:e])) for s, e in generic_spans(text, other, pos)]
                tokens.append((pos, end, word))
                other = end
            pos = end
        if other < pos:
            tokens += [(s, e, normalize(text[s:e])) for s, e in generic_spans(text, other, pos)]
        return tokens


TOKENIZER = ChineseTokenizer
