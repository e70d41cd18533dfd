"""Tokens of a corpus, stored compactly: integer ids into a vocabulary and offset arrays.

:func:`tokenize` runs each language's tokenizer (:mod:`discourse.languages`) over the
corpus's segments and keeps, for every token, four integers — the segment's row, the
start and end offsets in the segment's text, and the id of its normalised form — in
NumPy arrays. No Python object is kept per token; strings are made only when a table is
asked for (:meth:`Tokens.to_frame`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _token_cache
from ._chunked import nfc_with_map, tokenize_arrays, worker_count
from ._util import string_ranks
from .languages import get_tokenizer, is_punct
from .languages.lemmas import lemma_ids
from .token_options import corpus_options, lang_stoplist, merged_options, stoplist_option, tokenizers_for

__all__ = ["Tokens", "tokenize", "nfc_with_map", "stoplist_option", "tokenizers_for", "merged_options"]


class Tokens:
    """The tokens of a :class:`~discourse.corpus.Corpus`.

    Attributes
    ----------
    corpus : Corpus
        The corpus the tokens belong to (offsets refer to its segments' text).
    vocab : list of str
        Normalised forms; ``type_id`` indexes it.
    seg_row, start, end, type_id : numpy.ndarray of int32
        Per token: row of its segment in ``corpus.segments``, its character offsets in
        that segment's text, and its type.
    is_punct : numpy.ndarray of bool
        Per type: made only of punctuation or symbols.
    is_stop : numpy.ndarray of bool
        Per token: its normalised form is in its language's stoplist (that of
        :attr:`tokenizers`: the package's function words unless the corpus was read with
        ``stopwords=``).
    tokenizers : dict
        Language -> the :class:`~discourse.languages.Tokenizer` that made its tokens (with
        the corpus's user dictionary and stoplist); :meth:`tokenizer` gives one.

    Examples
    --------
    >>> import discourse
    >>> toks = discourse.load_corpus().filter(lang="fr").tokens()
    >>> df = toks.to_frame()
    >>> df.loc[df["token"] == "d’", "norm"].iloc[0]
    "d'"
    """

    def __init__(self, corpus, *, seg_row, start, end, type_id, vocab, is_stop, is_punct=None, tokenizers=None,
                 lemmas=None, vocab_ranks=None):
        self._vocab_ranks = vocab_ranks  # of vocab_order, when known (kept in the token cache)
        self.corpus = corpus
        self.seg_row = seg_row
        self.start = start
        self.end = end
        self.type_id = type_id
        self.vocab = vocab
        self.is_stop = is_stop
        self.is_punct = _punct_types(vocab) if is_punct is None else is_punct
        self.tokenizers = dict(tokenizers or {})
        self._lemmas = lemmas  # (per token the id of its lemma, the lemmas) once asked for: :meth:`lemma_ids`

    def tokenizer(self, lang: str):
        """The tokenizer of ``lang`` for these tokens: the one that made them, with the
        corpus's user dictionary and stoplist (so a query is cut as the text was)."""
        found = self.tokenizers.get(lang)
        if found is None:
            user_dict, stopwords = corpus_options(self.corpus)
            found = get_tokenizer(lang, user_dict=user_dict.get(lang), stopwords=lang_stoplist(stopwords, lang))
        return found

    @property
    def stoplists(self) -> dict[str, str]:
        """Language -> the stoplist of :attr:`is_stop`, e.g. ``{"fr": "user: my.txt (120 words)",
        "zh": "default"}`` (languages present, sorted)."""
        return {lang: self.tokenizer(lang).stoplist for lang in self.lang_rows()}

    def stoplist_labels(self, stopwords=None, *, langs=None) -> dict[str, str]:
        """The stoplist of each language under a ``stopwords`` option of the analysis
        functions (:meth:`stop_mask`), as recorded in ``DataFrame.attrs["stopwords"]``:
        ``"default"`` (the package's function words), ``"none"`` or ``"user: …"``.

        ``langs`` restricts it to some languages (default: those present).

        >>> import discourse
        >>> toks = discourse.load_corpus().tokens()
        >>> toks.stoplist_labels({"fr": ["la", "le"]}, langs=["fr", "zh"])
        {'fr': 'user: 2 words', 'zh': 'default'}
        """
        stopwords = stoplist_option(stopwords, stacklevel=4)
        present = list(self.lang_rows()) if langs is None else sorted(set(langs))
        if stopwords is False:
            return {lang: "none" for lang in present}
        labels = {lang: self.tokenizer(lang).stoplist for lang in present}
        for lang, value in (stopwords or {}).items():
            label = get_tokenizer(lang, stopwords=value).stoplist
            if lang in labels:
                labels[lang] = label
        return labels

    def stop_mask(self, stopwords=None) -> np.ndarray | None:
        """Per token, whether it is a stopword under a ``stopwords`` option of the analysis
        functions (:func:`discourse.frequencies` …); ``None`` when nothing is a stopword.

        ``None``: the stoplist of these tokens (:attr:`is_stop`); ``False``: none; a
        mapping ``{lang: file or words or False}``: those lists for those languages, the
        tokens' own for the others. ``True`` (before: "list stopwords too") still means
        ``False``, with a ``FutureWarning``.

        >>> import discourse
        >>> toks = discourse.load_corpus().filter(lang="fr").tokens()
        >>> int(toks.stop_mask().sum()) > 0, toks.stop_mask(False) is None
        (True, True)
        >>> frame = toks.to_frame(columns=["norm"])
        >>> sorted(set(frame["norm"][toks.stop_mask({"fr": ["pauvreté"]})]))
        ['pauvreté']
        """
        stopwords = stoplist_option(stopwords, stacklevel=4)
        if stopwords is False:
            return None
        if not stopwords:
            return self.is_stop
        is_stop = self.is_stop.copy()
        rows_of = self.lang_rows()
        index = self.vocab_index()
        for lang, value in stopwords.items():
            tokenizer = get_tokenizer(lang, stopwords=value)  # read (and check) it even if lang is absent
            if lang not in rows_of:
                continue
            in_lang = np.zeros(len(self.corpus), dtype=bool)
            in_lang[rows_of[lang]] = True
            where = np.flatnonzero(in_lang[self.seg_row])
            is_stop_type = np.zeros(len(self.vocab), dtype=bool)
            is_stop_type[[index[w] for w in tokenizer.stopwords if w in index]] = True
            is_stop[where] = is_stop_type[self.type_id[where]]
        return is_stop

    def __len__(self) -> int:
        return len(self.type_id)

    def __repr__(self) -> str:
        return f"<Tokens: {len(self)} tokens, {len(self.vocab)} types>"

    def subset(self, corpus, keep_rows: np.ndarray) -> Tokens:
        """The tokens of the segments kept by ``Corpus.filter`` (``keep_rows``: a boolean
        mask over this corpus's segments), for the filtered ``corpus``: no re-tokenizing."""
        new_row = np.cumsum(keep_rows, dtype=np.int64) - 1
        sel = keep_rows[self.seg_row]
        return Tokens(corpus, seg_row=new_row[self.seg_row[sel]].astype(np.int32), start=self.start[sel],
                      end=self.end[sel], type_id=self.type_id[sel], vocab=self.vocab, is_stop=self.is_stop[sel],
                      is_punct=self.is_punct, tokenizers=self.tokenizers,
                      lemmas=None if self._lemmas is None else (self._lemmas[0][sel], self._lemmas[1]))

    # -- look-up structures, built once on first use -------------------------------
    def memo(self, key, make):
        """``make()``, kept with these tokens under ``key``: a look-up structure derived from
        them (a query's type ids, joined texts, a lemma view) is built once per Tokens."""
        memos = self.__dict__.setdefault("_memos", {})
        if key not in memos:
            memos[key] = make()
        return memos[key]

    def memo_in(self, store, key, make, *, limit: int):
        """``make()``, kept under ``key`` in the memo ``store`` of these tokens (:meth:`memo`), for
        look-ups asked with many keys (a query's type sets, a lexicon's hits): at most ``limit``
        keys are kept, all dropped when that many are (a look-up costs the same however many
        came before)."""
        kept = self.memo(store, dict)
        found = kept.get(key)
        if found is None:
            if len(kept) >= limit:
                kept.clear()
            found = kept[key] = make()
        return found

    def vocab_index(self) -> dict[str, int]:
        """Normalised form -> type id."""
        if getattr(self, "_index", None) is None:
            self._index = {form: i for i, form in enumerate(self.vocab)}
        return self._index

    def positions_of(self, type_ids) -> np.ndarray:
        """Sorted token indices whose type is one of ``type_ids`` (an inverted index)."""
        if getattr(self, "_postings", None) is None:
            order = np.argsort(self.type_id, kind="stable")
            offsets = np.zeros(len(self.vocab) + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.type_id, minlength=len(self.vocab)), out=offsets[1:])
            self._postings = (order, offsets)
        order, offsets = self._postings
        parts = [order[offsets[t]:offsets[t + 1]] for t in np.asarray(type_ids, dtype=np.int64)]
        if len(parts) == 1:  # a stable sort keeps one type's positions in order
            return parts[0]
        return np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)

    def lemma_ids(self) -> tuple[np.ndarray, list[str]]:
        """Per token, the id of its lemma, and the lemmas those ids index (each language's
        distinct norms lemmatised once: :mod:`discourse.languages.lemmas`)."""
        if self._lemmas is None:
            codes, langs = pd.factorize(self.corpus.column("lang"))
            self._lemmas = lemma_ids(self.vocab, self.type_id, codes[self.seg_row], list(langs))
        return self._lemmas

    def vocab_order(self) -> np.ndarray:
        """Place of each type's norm in code-point order (sorts tables by term)."""
        if getattr(self, "_vocab_ranks", None) is None:
            self._vocab_ranks = string_ranks(self.vocab)
        return self._vocab_ranks

    def lang_rows(self) -> dict[str, np.ndarray]:
        """Language -> rows of its segments in ``corpus.segments`` (languages sorted)."""
        if getattr(self, "_rows_by_lang", None) is None:
            codes, langs = pd.factorize(self.corpus.column("lang"), sort=True)
            order = np.argsort(codes, kind="stable")
            bounds = np.searchsorted(codes[order], np.arange(len(langs) + 1))
            self._rows_by_lang = {lang: order[bounds[k] : bounds[k + 1]] for k, lang in enumerate(langs)}
        return self._rows_by_lang

    def doc_codes(self) -> np.ndarray:
        """Per segment, the number of its document (0, 1, … in corpus order)."""
        if getattr(self, "_docs", None) is None:
            self._docs = pd.factorize(self.corpus.column("doc_id"))[0].astype(np.int64)
        return self._docs

    def segment_lengths(self) -> np.ndarray:
        """Length of each segment's text."""
        if getattr(self, "_lengths", None) is None:
            texts = self.corpus.column("text")
            self._lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        return self._lengths

    def segment_bounds(self) -> np.ndarray:
        """``bounds[r]:bounds[r + 1]`` are the token indices of segment row ``r``."""
        if getattr(self, "_bounds", None) is None:
            counts = np.bincount(self.seg_row, minlength=len(self.corpus))
            self._bounds = np.r_[0, np.cumsum(counts)]
        return self._bounds

    def mask(self, *, punct: bool = True, stopwords: bool = True) -> np.ndarray:
        """Boolean mask over tokens: ``False`` for punctuation (``punct=False``) and for
        stopwords (``stopwords=False``: tokens flagged :attr:`is_stop`; here the flags say
        what to keep, unlike the stoplist option of the analysis functions)."""
        keep = np.ones(len(self), dtype=bool)
        if not punct:
            keep &= ~self.is_punct[self.type_id]
        if not stopwords:
            keep &= ~self.is_stop
        return keep

    def to_frame(self, *, columns=None, punct: bool = True, stopwords: bool = True) -> pd.DataFrame:
        """One row per token: ``doc_id, lang, seg_id, align_id, role, position, start, end,
        token, norm, is_punct, is_stop``.

        ``punct=False`` and ``stopwords=False`` leave out punctuation and the tokens of
        the stoplist (``is_stop``). ``position`` is the token's index within its segment;
        ``start, end`` are offsets into the segment's text, so ``text[start:end] ==
        token``. Pass ``columns`` to build only some columns (faster on large corpora), or
        ``"lemma"`` too (:mod:`discourse.languages.lemmas`; the norm in zh and vi).
        """
        keep = self.mask(punct=punct, stopwords=stopwords)
        rows = self.seg_row[keep]
        column = self.corpus.column
        columns = columns or ["doc_id", "lang", "seg_id", "align_id", "role", "position", "start", "end",
                              "token", "norm", "is_punct", "is_stop"]
        out = {}
        for col in columns:
            if col in ("doc_id", "lang", "seg_id", "align_id", "role"):
                out[col] = column(col)[rows]
            elif col == "position":
                out[col] = _positions(self.seg_row)[keep]
            elif col in ("start", "end"):
                out[col] = getattr(self, col)[keep]
            elif col == "token":
                texts = list(column("text"))
                offsets = map(memoryview, (rows, self.start[keep], self.end[keep]))  # Python ints, not numpy scalars
                out[col] = [texts[r][s:e] for r, s, e in zip(*offsets)]
            elif col == "norm":
                vocab = np.asarray(self.vocab, dtype=object)
                out[col] = vocab[self.type_id[keep]]
            elif col == "lemma":
                ids, lemmas = self.lemma_ids()
                out[col] = np.asarray(lemmas, dtype=object)[ids[keep]]
            elif col == "is_punct":
                out[col] = self.is_punct[self.type_id[keep]]
            elif col == "is_stop":
                out[col] = self.is_stop[keep]
            else:
                raise ValueError(f"unknown column {col!r}")
        frame = pd.DataFrame(out, columns=columns)
        if "align_id" in frame:
            frame["align_id"] = pd.array(frame["align_id"], dtype="Int64")
        return frame


def _punct_types(vocab: list[str]) -> np.ndarray:
    """Per type: made only of punctuation or symbols (a letter or digit rules it out at C speed)."""
    out = np.zeros(len(vocab), dtype=bool)
    maybe = np.flatnonzero(~np.fromiter(map(str.isalnum, vocab), dtype=bool, count=len(vocab)))
    out[maybe] = [is_punct(vocab[i]) for i in maybe]
    return out


def _positions(seg_row: np.ndarray) -> np.ndarray:
    """Index of each token within its segment (tokens are grouped by segment)."""
    if len(seg_row) == 0:
        return np.zeros(0, dtype=np.int32)
    starts = np.flatnonzero(np.r_[True, seg_row[1:] != seg_row[:-1]])
    lengths = np.diff(np.r_[starts, len(seg_row)])
    return (np.arange(len(seg_row)) - np.repeat(starts, lengths)).astype(np.int32)


def tokenize(corpus, *, user_dict=None, stopwords=None, cache: bool = True, n_jobs: int | None = None) -> Tokens:
    """Tokenize every segment of ``corpus`` with its language's tokenizer.

    Text that is not NFC is normalised for the tokenizer and the offsets mapped back,
    so offsets always point into the original text.

    Parameters
    ----------
    corpus : Corpus
    user_dict : mapping, optional
        ``{lang: file or terms}``: words to keep whole (zh, vi), added to the shipped
        domain dictionary (see :func:`discourse.languages.get_tokenizer`).
    stopwords : None, False or mapping
        The stoplist that sets :attr:`Tokens.is_stop`: ``None`` the package's function
        words; ``False`` none; ``{lang: file or words or False}`` those lists for those
        languages, the package's for the others.
    cache : bool, default True
        Keep the result in the user cache directory (``$DISCOURSE_CACHE_DIR``, else
        ``~/.cache/discourse``) under a key made of the texts, their languages, every
        tokenizer's fingerprint (code version, dictionaries, user dictionary, stoplist)
        and the package version; an unchanged corpus is then read back instead of
        segmented again. A corrupt, unreadable, foreign or altered cache file (its key,
        checksum and offsets are checked) is ignored and rewritten.
    n_jobs : int, optional
        Worker processes for segmentation (1 or more). Default: ``$DISCOURSE_JOBS`` if
        set, else per language one up to two million characters (starting workers costs
        more than it saves) and above that the free cores: those of the CPU affinity less
        those other processes keep busy (:func:`discourse._chunked.worker_count`).

    Returns
    -------
    Tokens
    """
    worker_count(n_jobs, chars=0)  # a bad n_jobs or $DISCOURSE_JOBS is refused even when the cache answers
    texts = corpus.column("text").tolist()
    langs = corpus.column("lang")
    tokenizers = tokenizers_for(pd.unique(langs), user_dict=user_dict, stopwords=stopwords)
    key = _token_cache.key(texts, langs, tokenizers) if cache else None
    arrays = _token_cache.load(key, texts) if key else None
    if arrays is None:
        arrays = tokenize_arrays(texts, langs, tokenizers, n_jobs=n_jobs)
        arrays["is_punct"] = _punct_types(arrays["vocab"])
        arrays["vocab_ranks"] = string_ranks(arrays["vocab"])  # once here, not by every frequency list
        if key:
            _token_cache.store(key, arrays)
    return Tokens(corpus, **arrays, tokenizers=tokenizers)
