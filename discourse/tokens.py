"""Tokens of a corpus, stored compactly: integer ids into a vocabulary and offset arrays.

:func:`tokenize` runs each language's tokenizer (:mod:`discourse.languages`) over the
corpus's segments and keeps, for every token, four integers — the segment's row, the
start and end offsets in the segment's text, and the id of its normalised form — in
NumPy arrays. No Python object is kept per token; strings are made only when a table is
asked for (:meth:`Tokens.to_frame`).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import tempfile
import unicodedata

import numpy as np
import pandas as pd

from ._util import string_ranks

__all__ = ["Tokens", "tokenize", "nfc_with_map", "stoplist_option", "tokenizers_for"]


def nfc_with_map(text: str) -> tuple[str, np.ndarray | None]:
    """NFC-normalise ``text`` and map each offset of the result back to ``text``.

    Returns ``(nfc_text, mapping)`` where ``mapping[i]`` is the offset in ``text`` of
    offset ``i`` in ``nfc_text`` (``len(mapping) == len(nfc_text) + 1``), or ``None`` when
    ``text`` is already NFC (the usual case, and free).

    >>> nfc, mapping = nfc_with_map("xoa\\u0301 đói")
    >>> nfc, mapping.tolist()
    ('xoá đói', [0, 1, 2, 4, 5, 6, 7, 8])
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces, mapping = [], []
    start = 0
    # Normalise cluster by cluster (a starter plus its combining marks), so every output
    # character maps to the start of the cluster it came from.
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            chunk = unicodedata.normalize("NFC", text[start:i])
            pieces.append(chunk)
            mapping.extend([start] + [i] * (len(chunk) - 1) if len(chunk) > 1 else [start])
            start = i
    mapping.append(len(text))
    return "".join(pieces), np.asarray(mapping, dtype=np.int64)


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

    def __init__(self, corpus, *, seg_row, start, end, type_id, vocab, is_stop, is_punct=None, tokenizers=None):
        self.corpus = corpus
        self.seg_row = seg_row
        self.start = start
        self.end = end
        self.type_id = type_id
        self.vocab = vocab
        self.is_stop = is_stop
        self.is_punct = _punct_types(vocab) if is_punct is None else is_punct
        self.tokenizers = dict(tokenizers or {})

    def tokenizer(self, lang: str):
        """The tokenizer of ``lang`` for these tokens: the one that made them, with the
        corpus's user dictionary and stoplist (so a query is cut as the text was)."""
        found = self.tokenizers.get(lang)
        if found is None:
            from .languages import get_tokenizer

            user_dict, stopwords = _corpus_options(self.corpus)
            found = get_tokenizer(lang, user_dict=user_dict.get(lang), stopwords=_lang_stoplist(stopwords, lang))
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
        from .languages import get_tokenizer

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
        from .languages import get_tokenizer

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
                      is_punct=self.is_punct, tokenizers=self.tokenizers)

    # -- look-up structures, built once on first use -------------------------------
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
        token``. Pass ``columns`` to build only some columns (faster on large corpora).
        """
        keep = self.mask(punct=punct, stopwords=stopwords)
        rows = self.seg_row[keep]
        seg = self.corpus._segments
        columns = columns or ["doc_id", "lang", "seg_id", "align_id", "role", "position", "start", "end",
                              "token", "norm", "is_punct", "is_stop"]
        out = {}
        for col in columns:
            if col in ("doc_id", "lang", "seg_id", "align_id", "role"):
                out[col] = seg[col].to_numpy()[rows]
            elif col == "position":
                out[col] = _positions(self.seg_row)[keep]
            elif col in ("start", "end"):
                out[col] = getattr(self, col)[keep]
            elif col == "token":
                texts = seg["text"].to_numpy()
                out[col] = [texts[r][s:e] for r, s, e in zip(rows, self.start[keep], self.end[keep])]
            elif col == "norm":
                vocab = np.asarray(self.vocab, dtype=object)
                out[col] = vocab[self.type_id[keep]]
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
    from .languages import is_punct

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
        segmented again. A corrupt or unreadable cache file is ignored and rewritten.
    n_jobs : int, optional
        Worker processes for segmentation. Default: all cores for corpora of more than
        two million characters, else one (starting workers costs more than it saves).

    Returns
    -------
    Tokens
    """
    seg = corpus._segments
    texts = seg["text"].tolist()
    langs = seg["lang"].to_numpy()
    tokenizers = tokenizers_for(pd.unique(langs), user_dict=user_dict, stopwords=stopwords)
    key = _cache_key(texts, langs, tokenizers) if cache else None
    arrays = _cache_load(key, len(texts)) if key else None
    if arrays is None:
        arrays = _tokenize_arrays(texts, langs, tokenizers, n_jobs=n_jobs)
        arrays["is_punct"] = _punct_types(arrays["vocab"])
        if key:
            _cache_store(key, arrays)
    return Tokens(corpus, **arrays, tokenizers=tokenizers)


def stoplist_option(stopwords, *, stacklevel: int = 3):
    """Check a ``stopwords`` option: ``None``, ``False`` or ``{lang: file or words or False}``.

    ``True`` meant "list stopwords too" before the option became the stoplist; it still
    means ``False`` (no stoplist), with a ``FutureWarning``.

    >>> stoplist_option({"fr": ["le", "la"]})
    {'fr': ['le', 'la']}
    """
    import warnings

    from .languages.base import language_options

    if stopwords is True:
        warnings.warn("stopwords=True (list stopwords too) is now stopwords=False (no stoplist: every word "
                      "listed); stopwords=True will stop working in a later release", FutureWarning,
                      stacklevel=stacklevel)
        return False
    if stopwords is None or stopwords is False:
        return stopwords
    if isinstance(stopwords, (str, os.PathLike)):
        from .errors import InputError

        raise InputError(f"stopwords maps a language to its stoplist, e.g. stopwords={{'fr': {str(stopwords)!r}}}; "
                         "False for no stoplist")
    return language_options("stopwords", stopwords)


def _lang_stoplist(stopwords, lang: str):
    """The ``stopwords`` option of :func:`get_tokenizer` for one language."""
    if stopwords is None or stopwords is False:
        return stopwords
    return stopwords.get(lang)


def tokenizers_for(langs, *, user_dict=None, stopwords=None) -> dict:
    """Language -> tokenizer for ``langs``, with the ``user_dict`` and ``stopwords`` options
    of :func:`tokenize` (every language they name is checked, present or not).

    >>> tokenizers_for(["fr"], stopwords={"fr": ["le"]})["fr"].stoplist
    'user: 1 word'
    """
    from .languages import get_tokenizer
    from .languages.base import language_options

    user_dict = language_options("user_dict", user_dict)
    stopwords = stoplist_option(stopwords, stacklevel=4)
    named = set(user_dict) | (set(stopwords) if isinstance(stopwords, dict) else set())
    out = {}
    for lang in [*langs, *sorted(named - set(langs))]:
        out[lang] = get_tokenizer(lang, user_dict=user_dict.get(lang), stopwords=_lang_stoplist(stopwords, lang))
    return {lang: out[lang] for lang in langs}


def _corpus_options(corpus) -> tuple[dict, object]:
    """The ``user_dict`` and ``stopwords`` a corpus was read with."""
    options = getattr(corpus, "token_options", None) or {}
    return dict(options.get("user_dict") or {}), options.get("stopwords")


@contextlib.contextmanager
def _cyclic_gc_paused():
    """Pause Python's cyclic garbage collector for the block, then restore its state.

    Tokenizing a chunk allocates a few objects per token (tuples, strings, pyvi's feature
    dicts) that live until the chunk is done; each allocation burst triggers collections
    that walk them all again, about 7 % of the time on the 10 M-character French
    benchmark. They hold no reference cycles (reference counting frees them), so nothing
    is left uncollected; a cycle made meanwhile is collected once the collector is back.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _tokenize_chunk(tokenizer, texts: list[str], vocab):
    """Tokenize texts (in a worker process or in this one), numbering norms in ``vocab``
    (a :class:`~discourse.languages.base.TypeIds` kept over the chunks a process does).

    Returns per text the number of tokens; flat arrays of offsets (into the original
    texts); the norms ``vocab`` met first in this chunk (in order of first occurrence);
    and per token the index of its norm in ``vocab`` — compact to send back from a worker,
    and interned into the corpus vocabulary once per process and norm, not per token.
    """
    with _cyclic_gc_paused():  # the per-token objects are all freed before it resumes
        known = len(vocab.types)
        counts, start, end, ids = _chunk_arrays(tokenizer, texts, vocab)
        return counts, start, end, vocab.types[known:], ids


def _chunk_arrays(tokenizer, texts: list[str], vocab):
    """The work of :func:`_tokenize_chunk`, whose per-token lists are freed on return."""
    prepared = [nfc_with_map(t) for t in texts]
    counts, starts, ends, _, ids = tokenizer._columns([nfc for nfc, _ in prepared], vocab)
    n = len(ids)
    start = np.fromiter(starts, dtype=np.int32, count=n)
    end = np.fromiter(ends, dtype=np.int32, count=n)
    if any(mapping is not None for _, mapping in prepared):
        bounds = np.r_[0, np.cumsum(counts)]
        for k, (_, mapping) in enumerate(prepared):
            if mapping is not None:  # offsets into the NFC text, mapped back to the original
                a, b = bounds[k], bounds[k + 1]
                start[a:b], end[a:b] = mapping[start[a:b]], mapping[end[a:b]]
    return np.asarray(counts, dtype=np.int64), start, end, np.fromiter(ids, dtype=np.int32, count=n)


PARALLEL_MIN_CHARS = 2_000_000


#: Texts are tokenized in chunks of about this many characters (for workers and the
#: progress bar); a corpus smaller than one chunk is one chunk.
CHUNK_CHARS = 500_000


def _chunked(tokenizer, texts: list[str], rows: np.ndarray, n_jobs: int | None):
    """Tokenize ``texts`` (the segments at ``rows``), in worker processes when worth it;
    yields ``(rows of the chunk, result of _tokenize_chunk)`` in order."""
    from ._progress import progress_bar

    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    total = int(sizes.sum())
    if n_jobs is None:
        n_jobs = (os.cpu_count() or 1) if total > PARALLEL_MIN_CHARS else 1
    pieces_wanted = max(total // CHUNK_CHARS, 4 * n_jobs if n_jobs > 1 else 1, 1)
    cuts = np.searchsorted(np.cumsum(sizes), np.linspace(0, total, pieces_wanted + 1)[1:-1])
    bounds = sorted(set([0, *cuts.tolist(), len(texts)]))
    pieces = [(i, j) for i, j in zip(bounds[:-1], bounds[1:]) if j > i]
    bar = progress_bar(total=total, desc=f"tokenizing {tokenizer.lang}") if len(pieces) > 1 else None
    with contextlib.ExitStack() as stack:
        if bar:
            stack.callback(bar.close)
        if n_jobs > 1 and len(pieces) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            tokenizer.load()  # load dictionaries once here: forked workers inherit them
            context = multiprocessing.get_context()
            inherit = context.get_start_method() == "fork"  # then only (i, j) is sent, not texts
            pool = stack.enter_context(ProcessPoolExecutor(
                max_workers=n_jobs, mp_context=context, initializer=_worker_starts,
                initargs=(tokenizer, texts if inherit else None)))
            results = pool.map(_tokenize_piece, pieces if inherit else [texts[i:j] for i, j in pieces])
        else:
            from .languages.base import TypeIds

            vocab = TypeIds()
            results = ((None, _tokenize_chunk(tokenizer, texts[i:j], vocab)) for i, j in pieces)
        for (i, j), result in zip(pieces, results):
            if bar:
                bar.update(int(sizes[i:j].sum()))
            yield rows[i:j], result


_WORKER: dict = {}  # in a worker process only: its tokenizer, inherited texts and vocabulary


def _worker_starts(tokenizer, texts) -> None:
    """Initializer of a worker process: keep its tokenizer, the texts it inherited by
    forking (None when they come with each piece) and a vocabulary for its chunks."""
    from .languages.base import TypeIds

    _WORKER.update(tokenizer=tokenizer, texts=texts, vocab=TypeIds())


def _tokenize_piece(piece):
    """In a worker: tokenize ``texts[i:j]`` of the inherited texts (``piece = (i, j)``),
    or the texts given. Returns the process id (whose vocabulary numbers the result)
    and the result of :func:`_tokenize_chunk`."""
    texts = _WORKER["texts"][piece[0] : piece[1]] if _WORKER["texts"] is not None else piece
    return os.getpid(), _tokenize_chunk(_WORKER["tokenizer"], texts, _WORKER["vocab"])


def _tokenize_arrays(texts, langs, tokenizers, *, n_jobs) -> dict:
    vocab = _Vocabulary()
    counts = np.zeros(len(texts), dtype=np.int64)
    starts, ends, ids, stops, order = [], [], [], [], []
    for lang, tokenizer in tokenizers.items():
        rows = np.flatnonzero(langs == lang)
        first = len(ids)
        type_ids: dict = {}  # per process that tokenized: its type numbers -> ours
        for chunk_rows, (source, (n, s, e, new_types, local_ids)) in _chunked(
                tokenizer, [texts[r] for r in rows], rows, n_jobs):
            counts[chunk_rows] = n
            starts.append(s)
            ends.append(e)
            # the types new to that process, in order of first occurrence: chunks come in
            # corpus order, so the vocabulary is in order of first occurrence in the
            # corpus, as if interned token by token
            new_ids = np.fromiter(map(vocab.__getitem__, new_types), dtype=np.int32, count=len(new_types))
            type_ids[source] = np.concatenate([type_ids.get(source, new_ids[:0]), new_ids])
            ids.append(type_ids[source][local_ids])
        order.append(np.repeat(rows.astype(np.int32), counts[rows]))
        is_stop_type = np.zeros(len(vocab), dtype=bool)  # the stopwords of this language
        is_stop_type[[vocab[w] for w in tokenizer.stopwords if w in vocab]] = True
        stops += [is_stop_type[chunk_ids] for chunk_ids in ids[first:]]
    if not order:
        empty = np.zeros(0, dtype=np.int32)
        return dict(seg_row=empty, start=empty, end=empty, type_id=empty, vocab=[], is_stop=empty.astype(bool))
    # tokens were gathered language by language; put them in segment order
    seg_of = np.concatenate(order)
    columns = [np.concatenate(a) for a in (starts, ends, ids, stops)]
    if np.any(seg_of[1:] < seg_of[:-1]):  # languages interleaved in the corpus
        perm = np.argsort(seg_of, kind="stable")
        seg_of = seg_of[perm]
        columns = [a[perm] for a in columns]
    start, end, type_id, is_stop = columns
    return dict(seg_row=seg_of, start=start, end=end, type_id=type_id, vocab=list(vocab),
                is_stop=is_stop)


class _Vocabulary(dict):
    """Norm -> type id, a new norm getting the next id (``vocab[norm]`` interns it)."""

    def __missing__(self, norm: str) -> int:
        type_id = self[norm] = len(self)
        return type_id


# ---------------------------------------------------------------------------- cache
_ARRAYS = ("seg_row", "start", "end", "type_id", "is_stop")


def _cache_key(texts, langs, tokenizers) -> str:
    from . import __version__

    h = hashlib.blake2b(digest_size=20)
    h.update(f"discourse {__version__}\n".encode())
    for lang in sorted(tokenizers):
        h.update(f"{lang}={tokenizers[lang].fingerprint}\n".encode())
    # every text's language and length, then all the texts at once (one encode, one update)
    h.update("\x00".join(map(str, langs)).encode("utf-8", "surrogatepass") + b"\x01")
    h.update(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)).tobytes())
    h.update("".join(texts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _cache_path(key: str):
    from .languages.base import user_cache_dir

    return user_cache_dir() / "tokens" / f"{key}.npz"


def _cache_load(key: str, n_segments: int) -> dict | None:
    path = _cache_path(key)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in _ARRAYS}
            vocab = json.loads(npz["vocab"].tobytes().decode("utf-8"))
            is_punct = npz["is_punct"]
        n = len(arrays["type_id"])
        if not (all(len(a) == n for a in arrays.values()) and isinstance(vocab, list)
                and len(is_punct) == len(vocab) and is_punct.dtype == bool
                and (n == 0 or (arrays["seg_row"].max() < n_segments and arrays["type_id"].max() < len(vocab)))):
            raise ValueError("inconsistent arrays")
        return dict(arrays, vocab=vocab, is_punct=is_punct)
    except Exception:  # corrupt, truncated or foreign: drop it and tokenize again
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def _cache_store(key: str, arrays: dict) -> None:
    path = _cache_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            vocab = np.frombuffer(json.dumps(arrays["vocab"], ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
            np.savez(fh, vocab=vocab, is_punct=arrays["is_punct"], **{name: arrays[name] for name in _ARRAYS})
        os.replace(tmp, path)  # atomic: readers see the old file or the whole new one
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
