"""The quick path of the commonest query: one plain word, straight from the word to its hits.

A query that is one word — no space inside, no wildcard (``*``, ``?``), no ``lemma:``,
searched with the default options (not ``regex``, ``case`` or ``chars``; diacritics kept) —
is what :func:`discourse.query.find_hits` would tokenize into one token: its hits are the
positions of that token's type. :func:`word_hits` gives them without parsing the query,
building its element list or sorting the hits again: the word is run through each
language's tokenizer (the corpus's, so it is normalised exactly as there), its norm looked
up in the vocabulary, and the type's positions read from the tokens' inverted index (one
stable argsort, made once per Tokens), which are already in corpus order. The warning about
a word that is in the text but not found as words is :func:`discourse.query.unmatched`'s,
as on the general path. Anything else — a word the tokenizer cuts into several tokens
(``d'un``, a Chinese word the dictionary splits) — returns ``None``: the general path then
answers, so both give the same hits and warnings; but a word cut into tokens one of which
is nowhere in the text (军令状 by the French tokenizer, 军 | 令 | 状, in a corpus without
令) has no hits in that language, as there.

>>> import discourse
>>> toks = discourse.load_corpus().tokens()
>>> {col: values.tolist() for col, values in word_hits(toks, "军令状").items()}
{'seg_row': [12], 'first': [1157], 'last': [1158], 'start': [95], 'end': [98]}
>>> word_hits(toks, "respons*") is None, word_hits(toks, "d'un", lang="fr") is None
(True, True)
"""

from __future__ import annotations

import unicodedata
import warnings

import numpy as np

from ._kwic import context_bounds
from .errors import DiscourseWarning
from .languages.base import RegexTokenizer
from .query import find_hits, unmatched

__all__ = ["concordance_hits", "plain_word", "word_hits"]

_COLUMNS = ("seg_row", "first", "last", "start", "end", "lo", "hi")


def concordance_hits(toks, query, *, lang, window: int, unit: str, regex: bool, case: bool, diacritics: bool,
                     chars: bool, keep_rows=None) -> dict:
    """The hits of a concordance (:func:`discourse.kwic`) with their context bounds ``lo, hi``
    (:func:`~discourse._kwic.context_bounds`), in the segment rows ``keep_rows`` if given:
    :func:`word_hits` for one plain word with the default options (the commonest query),
    else :func:`discourse.query.find_hits`. A warning names the line that called this.

    >>> import discourse
    >>> hits = concordance_hits(discourse.load_corpus().tokens(), "军令状", lang=None, window=3, unit="tokens",
    ...                         regex=False, case=False, diacritics=True, chars=False)
    >>> hits["start"], hits["lo"], hits["hi"]  # a rare word's few hits: lists
    ([95], [91], [102])
    """
    hits = None if regex or case or chars or not diacritics else word_hits(
        toks, query, lang=lang, window=None if keep_rows is not None else window, unit=unit, stacklevel=3)
    if hits is None:
        hits = find_hits(toks, query, lang=lang, regex=regex, case=case, diacritics=diacritics, chars=chars,
                         stacklevel=3)
    if keep_rows is not None:
        keep = np.isin(hits["seg_row"], keep_rows)
        hits = {col: values[keep] for col, values in hits.items()}
    if "lo" not in hits:
        hits["lo"], hits["hi"] = context_bounds(toks, hits, window, unit)
    return hits


def plain_word(query) -> str | None:
    """The word of a query that is one plain word (stripped of surrounding spaces), else ``None``.

    >>> plain_word(" État "), plain_word("trách nhiệm"), plain_word("respons*"), plain_word("lemma:être")
    ('État', None, None, None)
    """
    if not isinstance(query, str):
        return None
    word = query.strip()
    if not word or "*" in word or "?" in word or word.startswith("lemma:") or len(word.split()) != 1:
        return None
    return word


def word_hits(toks, query: str, *, lang=None, window: int | None = None, unit: str = "tokens", warn: bool = True,
              stacklevel: int = 2) -> dict | None:
    """:func:`discourse.query.find_hits` of a one-word query with the default options
    (``{column: int64 array}``, columns ``seg_row, first, last, start, end``; with a
    ``window``, also each hit's context bounds ``lo, hi``, those of
    :func:`~discourse._kwic.context_bounds`, and lists of Python ints rather than arrays
    for at most 16 hits: what a concordance of a rare word needs), or ``None`` when ``query`` is not one plain
    word or a language's tokenizer cuts it into several tokens (the general path answers
    those). ``stacklevel`` is the warning's (2: the line that called this function)."""
    word = plain_word(query)
    if word is None:
        return None
    rows_of = toks.lang_rows()
    langs = list(rows_of) if lang is None else ([lang] if isinstance(lang, str) else list(lang))
    word = unicodedata.normalize("NFC", word)
    vocab = toks.vocab_index()
    type_ids = []
    for code in langs:
        if len(rows_of.get(code, ())) == 0:
            continue
        ids = [vocab.get(norm) for norm in _norms(toks, code, word)]  # normalised as the text is
        if len(ids) > 1 and None not in ids:  # several tokens, all in the text (防汛 | 抗洪): the general path's
            return None
        type_ids.append((code, ids[0] if len(ids) == 1 else None))  # None: a token not in the text, so no hits
    parts = []
    for code, type_id in type_ids:  # once the word is known to be one token everywhere: no half-given warnings
        cand = toks.positions_of([type_id]) if type_id is not None else np.zeros(0, dtype=np.int64)
        if len(cand) and len(rows_of[code]) < len(toks.segment_lengths()):  # a type id is shared by the languages
            cand = cand[_row_languages(toks)[toks.seg_row[cand]] == list(rows_of).index(code)]
        parts.append(cand)
        # a word found as words, which its tokenizer keeps as one token, is never reported (unmatched's first rule)
        if warn and not len(cand):
            empty = np.zeros(0, dtype=np.int64)
            problem = unmatched(toks, query, code, hits={"seg_row": empty, "start": empty, "end": empty})
            if problem:
                warnings.warn(problem["message"], DiscourseWarning, stacklevel=stacklevel)
    nonempty = [cand for cand in parts if len(cand)]
    cand = (nonempty[0] if len(nonempty) == 1 else np.sort(np.concatenate(nonempty)) if nonempty
            else np.zeros(0, dtype=np.int64)).astype(np.int64, copy=False)
    # token order is corpus order (segment rows, then offsets): the hits are sorted, each once
    if window is not None and len(cand) <= 16:  # a rare word's few hits: Python ints, no array made
        return dict(zip(_COLUMNS, _few_word_hits(toks, cand.tolist(), window, unit)))
    hits = {"seg_row": toks.seg_row[cand].astype(np.int64), "first": cand, "last": cand + 1,
            "start": toks.start[cand].astype(np.int64), "end": toks.end[cand].astype(np.int64)}
    if window is not None:
        hits["lo"], hits["hi"] = context_bounds(toks, hits, window, unit)
    return hits


def _few_word_hits(toks, first: list[int], window: int, unit: str) -> list[list[int]]:
    """The columns :data:`_COLUMNS` of one-token hits at token indices ``first``, as lists:
    the bounds those of :func:`~discourse._kwic.few_bounds` (the same rule, hit by hit, in one
    loop with the hit's own columns).

    >>> import discourse
    >>> _few_word_hits(discourse.load_corpus().tokens(), [1157], 3, "tokens")
    [[12], [1157], [1158], [95], [98], [91], [102]]
    """
    seg_row, token_start, token_end, length, bound = (values.item for values in (
        toks.seg_row, toks.start, toks.end, toks.segment_lengths(), toks.segment_bounds()))
    columns = rows, lasts, starts, ends, lo, hi = [], [], [], [], [], []
    by_chars = unit == "chars" or window == 0
    for p in first:
        r, start, end = seg_row(p), token_start(p), token_end(p)
        rows.append(r), lasts.append(p + 1), starts.append(start), ends.append(end)
        if by_chars:
            lo.append(max(start - window, 0))
            hi.append(min(end + window, length(r)))
        else:  # a context token inside the segment (a valid index: the segment holds the hit), else its edge
            lo.append(min(token_start(p - window), start) if p - window >= bound(r) else 0)
            hi.append(max(token_end(p + window), end) if p + window < bound(r + 1) else length(r))
    return [rows, first, *columns[1:]]


def _norms(toks, code: str, word: str) -> list[str]:
    """The norms of the tokens ``toks.tokenizer(code).tokenize(word)`` gives. For a tokenizer
    of one regular expression that does not change how it tokenizes, a word its pattern
    matches whole (the first match spans it, none follows) is one token, normalised by its
    ``normalize``: no tokenizing call."""
    tokenizer = toks.tokenizer(code)
    rx = toks.memo(("word_hits_pattern", code), lambda: _whole_pattern(tokenizer))
    if rx is not None:
        m = rx.match(word)
        if m is not None and m.end() == len(word) and rx.search(word, len(word)) is None:
            return [tokenizer.normalize(word)]
    return [norm for _, _, norm in tokenizer.tokenize(word)]


def _whole_pattern(tokenizer):
    """The compiled pattern of a :class:`~discourse.languages.base.RegexTokenizer` whose
    tokens are its pattern's matches (as it compiles it), or ``None`` for another tokenizer."""
    cls = type(tokenizer)
    if (not isinstance(tokenizer, RegexTokenizer) or cls.tokenize is not RegexTokenizer.tokenize
            or cls.tokenize_many is not RegexTokenizer.tokenize_many):
        return None
    return tokenizer.regex


def _row_languages(toks) -> np.ndarray:
    """Per segment row, the index of its language in ``toks.lang_rows()`` (made once per Tokens)."""
    def make():
        out = np.full(len(toks.segment_lengths()), -1, dtype=np.int64)
        for k, rows in enumerate(toks.lang_rows().values()):
            out[rows] = k
        return out

    return toks.memo(("word_hits_row_languages",), make)
