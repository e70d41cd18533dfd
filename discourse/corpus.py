"""The :class:`Corpus`: documents in several language versions, as aligned segments.

A corpus is two tidy tables and nothing else:

``segments``
    one row per paragraph (or sentence) with ``doc_id, lang, seg_id, align_id, role,
    text, path, start, end, line, align_score``. ``seg_id`` numbers a document's
    segments in source order; segments that translate each other share ``align_id``
    within their document (numbered 1, 2 … in reading order); ``role`` is ``title``,
    ``body`` or ``meta``
    (header lines such as the series name and the ``date | source`` line);
    ``path[start:end]`` — in the decoded file, or the table cell for tables — is
    exactly ``text``, and ``line`` is its 1-based line (row for tables).
``documents``
    one row per document with ``doc_id`` and its metadata (``title``, ``series``,
    ``date``, ``source``, ``langs``, ``path``, ``encoding`` and any table columns).

Corpora are never changed in place: :meth:`Corpus.filter` returns a new one.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from . import _saved
from ._selection import segment_frame, segment_mask
from ._util import as_list
from .errors import InputError
from .languages import get_tokenizer
from .languages.registry import language_options
from .sentence_units import SentenceLevel, at_unit
from .tokens import merged_options, stoplist_option, tokenize, tokenizers_for

__all__ = ["Corpus", "ROLES", "COUNTED_ROLES"]

ROLES = ("title", "body", "meta")
#: Roles counted by default by every count, total and denominator (frequencies, keywords,
#: collocates, dispersion, trend, TF-IDF, frame profiles and shifts, equivalents): the
#: ``meta`` header lines (series name, ``date | source`` line …) describe a document and
#: are left out; the functions of :mod:`discourse.frequency`, :mod:`discourse.keyness`,
#: :mod:`discourse.collocations` and :mod:`discourse.dispersion` count them with
#: ``role=ROLES``.
COUNTED_ROLES = ("title", "body")


class Corpus(SentenceLevel):
    """Aligned multilingual segments with document metadata.

    Build one with :func:`discourse.read` (files), :func:`load_corpus` (the bundled
    corpus or a saved one) or directly from a segments table.

    Parameters
    ----------
    segments : DataFrame
        At least ``doc_id, lang, text``; ``seg_id``, ``align_id``, ``role`` and the
        offset columns are filled in when missing.
    documents : DataFrame, optional
        One row per document with ``doc_id`` and metadata columns.
    name : str, optional

    Examples
    --------
    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> corpus.langs
    ['fr', 'vi', 'zh']
    >>> corpus.filter(lang="zh", role="body").segments.shape[0]
    4
    """

    def __init__(self, segments: pd.DataFrame, documents: pd.DataFrame | None = None, *, name: str | None = None):
        missing = {"doc_id", "lang", "text"} - set(segments.columns)
        if missing:
            raise InputError(f"a corpus needs the columns doc_id, lang and text; missing: {', '.join(sorted(missing))}")
        seg = segments.reset_index(drop=True).copy()
        seg["doc_id"] = seg["doc_id"].astype(str)
        if "seg_id" not in seg:
            seg["seg_id"] = seg.groupby("doc_id", sort=False).cumcount()
        if "align_id" not in seg:
            seg["align_id"] = pd.NA
        if "role" not in seg:
            seg["role"] = "body"
        for col, default in (("path", ""), ("start", 0), ("line", 0), ("align_score", np.nan)):
            if col not in seg:
                seg[col] = default
        if "end" not in seg:
            seg["end"] = seg["start"] + seg["text"].str.len()
        seg["seg_id"] = seg["seg_id"].astype("int64")
        seg["align_id"] = pd.array(seg["align_id"], dtype="Int64")
        for col in ("start", "end", "line"):
            seg[col] = seg[col].astype("int64")
        bad = sorted(set(pd.unique(seg["role"]).tolist()) - set(ROLES))  # unique first: no per-cell iteration
        if bad:
            raise InputError(f"unknown segment role(s) {bad}; use one of {', '.join(ROLES)}")
        first = ["doc_id", "lang", "seg_id", "align_id", "role", "text", "path", "start", "end", "line", "align_score"]
        self._segments = seg[first + [c for c in seg.columns if c not in first]]
        docs = documents.copy() if documents is not None else pd.DataFrame({"doc_id": []})
        if "doc_id" not in docs:
            raise InputError("the documents table needs a doc_id column")
        docs["doc_id"] = docs["doc_id"].astype(str)
        present = pd.DataFrame({"doc_id": pd.unique(seg["doc_id"])})
        docs = present.merge(docs.drop_duplicates("doc_id"), on="doc_id", how="left")
        for col in docs.columns:  # years read back from JSON with gaps come as floats
            values = docs[col]
            if pd.api.types.is_float_dtype(values) and values.notna().any() and (values.dropna() % 1 == 0).all():
                docs[col] = values.astype("Int64")
        self._documents = docs
        self.name = name
        self._tokens = None
        self._token_options: dict = {}  # user_dict, stopwords: set by load_corpus / read (with_tokenizer_options)

    # ------------------------------------------------------------------ construction
    @classmethod
    def concat(cls, corpora: Iterable[Corpus], *, name: str | None = None) -> Corpus:
        """Join corpora; their document ids must differ."""
        corpora = list(corpora)
        ids = [d for c in corpora for d in c.doc_ids]
        dup = sorted({d for d in ids if ids.count(d) > 1})
        if dup:
            raise InputError(f"document id(s) {', '.join(dup)} occur in more than one input; rename the files")
        options = [c._token_options for c in corpora]
        if any(o != options[0] for o in options):
            raise InputError("the corpora were read with different user dictionaries or stoplists; read them "
                             "together, with one user_dict= and stopwords=")
        joined = cls(
            pd.concat([c._segments for c in corpora], ignore_index=True),
            pd.concat([c._documents for c in corpora], ignore_index=True),
            name=name,
        )
        joined._token_options = dict(options[0]) if options else {}
        return joined

    # ------------------------------------------------------------------ views
    @property
    def segments(self) -> pd.DataFrame:
        """The segments table (a copy: changing it does not change the corpus)."""
        return self._segments.copy()

    @property
    def documents(self) -> pd.DataFrame:
        """The documents table (a copy)."""
        return self._documents.copy()

    @property
    def token_options(self) -> dict:
        """The tokenizer options this corpus was read with (``user_dict``, ``stopwords``), a copy."""
        return dict(self._token_options)

    @property
    def langs(self) -> list[str]:
        """Language codes present, sorted."""
        return sorted(self._segments["lang"].unique())

    @property
    def doc_ids(self) -> list[str]:
        """Document ids in corpus order."""
        return list(pd.unique(self._segments["doc_id"]))

    def __len__(self) -> int:
        return len(self._segments)

    def __repr__(self) -> str:
        name = f" {self.name!r}" if self.name else ""
        return (f"<Corpus{name}: {len(self.doc_ids)} documents, {len(self)} segments, "
                f"languages {', '.join(self.langs)}>")

    def to_frame(self, *, metadata: bool = False) -> pd.DataFrame:
        """The segments as a DataFrame; with ``metadata=True`` the document metadata
        columns are joined on (prefixed ``doc_`` where a name clashes)."""
        if not metadata:
            return self.segments
        return self._segments.merge(self._documents, on="doc_id", how="left", suffixes=("", "_doc"))

    def column(self, name: str) -> np.ndarray:
        """One column of the segments table as a read-only array (no copy).

        >>> import discourse
        >>> sorted(set(discourse.load_corpus().column("lang")))
        ['fr', 'vi', 'zh']
        """
        values = self._segments[name].to_numpy()
        view = values.view()
        view.flags.writeable = False
        return view

    def mask(self, *, lang=None, doc_id=None, role=None, align_id=None, strict: bool = False,
             **metadata) -> np.ndarray:
        """Boolean per segment: the segment (or its document) meets every condition.

        Other keywords name a segment column (``seg_id`` …) or a document metadata column
        (``year``, ``date`` …). A value is one value or a list; a string may list values
        separated by commas (``"zh,vi"``, unless a text is written so), and ``"lo-hi"`` or
        ``"lo..hi"`` is an inclusive range of numbers. Numeric columns compare as numbers;
        in a column of text a value matches the text written the same, and a number or
        range no text is written as compares with the texts that read as numbers
        (``year="2015-2020"`` finds ``"2016"``; ``date="2021-01-14"`` stays a date).
        ``strict=True`` makes a condition no segment meets an error.

        >>> import discourse
        >>> corpus = discourse.load_corpus()
        >>> bool((corpus.mask(lang="vi,fr") == corpus.mask(lang=["vi", "fr"])).all())
        True
        >>> corpus.select(corpus.mask(seg_id="2..4", lang="zh")).column("seg_id").tolist()
        [2, 3, 4]
        """
        conditions = {col: value for col, value in
                      (("lang", lang), ("doc_id", doc_id), ("role", role), ("align_id", align_id)) if value is not None}
        return segment_mask(self._segments, self._documents, {**conditions, **metadata}, strict=strict)

    def segment_frame(self, columns) -> pd.DataFrame:
        """One row per segment (in corpus order) with ``columns``, each a segment column or,
        failing that, a document metadata column (years with gaps, stored as ``2020.0``,
        come as integers).

        >>> import discourse
        >>> discourse.load_corpus().segment_frame(["lang", "date"]).iloc[0].tolist()
        ['vi', '2021-01-14']
        """
        return segment_frame(self._segments, self._documents, as_list(columns))

    def select(self, mask, *, tokens: bool = True) -> Corpus:
        """The segments where ``mask`` (a boolean per segment) is true, as a new corpus
        carrying their tokens (nothing is tokenized again; ``tokens=False`` carries none,
        for a corpus to be tokenized elsewhere, e.g. in a worker process); this corpus
        is unchanged.

        >>> import discourse
        >>> corpus = discourse.load_corpus()
        >>> corpus.select(corpus.column("lang") == "vi").langs
        ['vi']
        """
        keep = np.asarray(mask, dtype=bool)
        if keep.shape != (len(self._segments),):
            raise InputError(f"a selection mask has one value per segment ({len(self._segments)}), "
                             f"not shape {keep.shape}")
        seg = self._segments
        sub = Corpus.__new__(Corpus)
        sub._segments = seg[keep].reset_index(drop=True)
        sub._documents = self._documents[self._documents["doc_id"].isin(sub._segments["doc_id"])].reset_index(drop=True)
        sub.name = self.name
        sub._token_options = self._token_options
        sub._tokens = None if self._tokens is None or not tokens else self._tokens.subset(sub, keep)
        self._carry_units(sub)  # a selection keeps the sentence alignment of the sentences it keeps
        return sub

    def filter(self, *, lang=None, doc_id=None, role=None, align_id=None, **metadata) -> Corpus:
        """Segments matching every condition (as in :meth:`mask`, e.g. ``date="2021-01-14"``),
        as a new corpus: ``corpus.select(corpus.mask(...))``; this one is unchanged.

        >>> import discourse
        >>> discourse.load_corpus().filter(lang=["vi", "fr"], role="body").langs
        ['fr', 'vi']
        """
        return self.select(self.mask(lang=lang, doc_id=doc_id, role=role, align_id=align_id, **metadata))

    # ------------------------------------------------------------------ tokens
    def tokens(self, *, user_dict=None, stopwords=None, cache: bool = True, n_jobs: int | None = None):
        """The corpus's tokens (:class:`discourse.tokens.Tokens`), computed once per corpus.

        Parameters
        ----------
        user_dict : mapping, optional
            ``{lang: file or terms}``: words to keep whole (zh, vi), on top of those the
            corpus was read with (``load_corpus(…, user_dict=…)``).
        stopwords : None, False or mapping
            The stoplist of ``is_stop``: ``None`` the corpus's (the package's function
            words unless it was read with ``stopwords=``); ``False`` none; ``{lang: file
            or words}`` those lists for those languages.
        cache, n_jobs :
            Passed to :func:`discourse.tokens.tokenize` (an on-disk cache of unchanged
            corpora; worker processes for large ones).

        Tokens made with the corpus's own options are kept; those of other options are
        made on each call (and read back from the on-disk cache).

        >>> import discourse
        >>> corpus = discourse.load_corpus().filter(lang="zh")
        >>> toks = corpus.tokens(user_dict={"zh": ["脱贫攻坚战"]})
        >>> "脱贫攻坚战" in set(toks.to_frame()["norm"]), toks.stoplists
        (True, {'zh': 'default'})
        """
        if user_dict is None and stopwords is None and self._tokens is not None:  # no work on a repeated call
            return self._tokens
        options = merged_options(self._token_options, user_dict=user_dict, stopwords=stopwords, langs=self.langs)
        if user_dict is None and stopwords is None:
            if self._tokens is None:
                self._tokens = tokenize(self, **options, cache=cache, n_jobs=n_jobs)
            return self._tokens
        return tokenize(self, **options, cache=cache, n_jobs=n_jobs)

    def with_tokenizer_options(self, *, user_dict=None, stopwords=None) -> Corpus:
        """The same corpus, tokenized with a user dictionary and stoplist in place of those it
        was read with (this corpus is unchanged). Options as in :func:`load_corpus`.

        Every analysis of the returned corpus (frequencies, concordances, frames …) uses
        them; :func:`load_corpus` and :func:`discourse.read` take the same options.

        >>> import discourse
        >>> corpus = discourse.load_corpus().with_tokenizer_options(stopwords={"fr": ["pauvreté"]})
        >>> corpus.tokens().stoplists["fr"]
        'user: 1 word'
        """
        user_dict = language_options("user_dict", user_dict)
        stopwords = stoplist_option(stopwords)
        tokenizers_for([], user_dict=user_dict, stopwords=stopwords)  # read and check the files now
        out = self.select(np.ones(len(self), dtype=bool), tokens=False)
        out._token_options = {k: v for k, v in (("user_dict", user_dict), ("stopwords", stopwords)) if v}
        if stopwords is False:
            out._token_options["stopwords"] = False
        return out

    def repairs(self) -> pd.DataFrame:
        """Text repairs the tokenizers make (e.g. Vietnamese words glued together by
        extraction, "mụctiêu" → "mục tiêu"): ``doc_id, lang, seg_id, line, start, end,
        original, repaired`` with ``start, end`` offsets into the segment's text."""
        rows = []
        for seg in self._segments.itertuples(index=False):
            for start, end, original, repaired in get_tokenizer(seg.lang).repairs(seg.text):
                rows.append((seg.doc_id, seg.lang, seg.seg_id, seg.line, start, end, original, repaired))
        return pd.DataFrame(rows, columns=["doc_id", "lang", "seg_id", "line", "start", "end", "original", "repaired"])

    # ------------------------------------------------------------------ summaries
    def summary(self) -> pd.DataFrame:
        """Documents × languages: title, segments by role, tokens and characters.

        Columns: ``doc_id, lang, title, segments, title_segments, body, meta, tokens,
        words, characters`` (``tokens`` counts every token, ``words`` leaves out
        punctuation; both count every segment, ``meta`` lines included). Segments of
        unknown language are the row ``lang == "und"`` of their document, after the
        document's languages; the HTML view of the corpus and ``discourse info`` also
        say how many there are in all.

        Examples
        --------
        >>> import discourse
        >>> table = discourse.load_corpus().summary()
        >>> table[["lang", "segments", "title_segments", "body", "meta"]].values.tolist()
        [['vi', 6, 1, 2, 3], ['zh', 3, 1, 2, 0], ['fr', 2, 0, 2, 0], ['zh', 3, 1, 2, 0]]
        """
        seg = self._segments
        keys = ["doc_id", "lang"]
        out = seg.groupby(keys, sort=False).size().rename("segments").reset_index()
        roles = pd.crosstab([seg["doc_id"], seg["lang"]], seg["role"]).reindex(columns=list(ROLES), fill_value=0)
        roles = roles.rename(columns={"title": "title_segments"}).reset_index()
        titles = seg[seg["role"] == "title"].groupby(keys, sort=False)["text"].first().rename("title").reset_index()
        chars = seg.assign(characters=seg["text"].str.len()).groupby(keys, sort=False)["characters"].sum().reset_index()
        toks = self.tokens().to_frame(columns=["doc_id", "lang", "is_punct"])
        counts = toks.groupby(keys, sort=False).agg(tokens=("is_punct", "size"), punct=("is_punct", "sum")).reset_index()
        counts["words"] = counts["tokens"] - counts["punct"]
        out = (out.merge(titles, on=keys, how="left").merge(roles, on=keys).merge(counts.drop(columns="punct"), on=keys, how="left")
               .merge(chars, on=keys))
        out[["tokens", "words"]] = out[["tokens", "words"]].fillna(0).astype("int64")
        out["title"] = out["title"].fillna("")
        doc_order = out["doc_id"].map({doc: k for k, doc in enumerate(pd.unique(seg["doc_id"]))})
        out = out.iloc[np.lexsort(((out["lang"] == "und").to_numpy(), doc_order.to_numpy()))]  # und last
        columns = ["doc_id", "lang", "title", "segments", "title_segments", "body", "meta", "tokens", "words", "characters"]
        return out[columns].reset_index(drop=True)

    def unknown_note(self) -> str:
        """How many segments are of unknown language, in words: "no segment of unknown
        language" or "3 segments of unknown language ('und'), 2 of them body text, in 1
        document".

        >>> import discourse
        >>> discourse.load_corpus().unknown_note()
        'no segment of unknown language'
        """
        und = self._segments[self._segments["lang"] == "und"]
        if und.empty:
            return "no segment of unknown language"
        n, body, docs = len(und), int((und["role"] == "body").sum()), und["doc_id"].nunique()
        return (f"{n} segment{'s' if n != 1 else ''} of unknown language ('und'), {body} of them body text, "
                f"in {docs} document{'s' if docs != 1 else ''}")

    def alignment(self, *, role=("title", "body"), unit: str = "paragraph") -> pd.DataFrame:
        """Aligned units side by side: one row per ``(doc_id, align_id)``, one text column
        per language (``text_zh``, ``text_fr`` …; several segments of a unit joined by a
        space, a missing translation empty); ``unit="sentence"``: the sentence units."""
        seg = at_unit(self, unit)._segments
        seg = seg[seg["role"].isin(as_list(role)) & seg["align_id"].notna()]
        wide = (seg.groupby(["doc_id", "align_id", "lang"], sort=False)["text"].agg(" ".join)
                .unstack("lang", fill_value="").reset_index())
        wide.columns = [c if c in ("doc_id", "align_id") else f"text_{c}" for c in wide.columns]
        wide.columns.name = None
        return wide.sort_values(["doc_id", "align_id"], kind="stable").reset_index(drop=True)

    def _repr_html_(self) -> str:
        name = f" <b>{html.escape(self.name)}</b>" if self.name else ""
        head = (f"<p>Corpus{name}: {len(self.doc_ids)} documents, {len(self)} segments, "
                f"languages {html.escape(', '.join(self.langs))}; {html.escape(self.unknown_note())}</p>")
        return head + self.summary().to_html(index=False, escape=True)

    # ------------------------------------------------------------------ saving
    def save(self, path, *, force: bool = False) -> Path:
        """Write the corpus as UTF-8 JSON Lines (a header line, one line per document,
        one per segment, one per sentence link if they were corrected by :meth:`with_links`):
        plain, diff-friendly, read back by :func:`load_corpus`.

        The file is written atomically; an existing file is replaced only with
        ``force=True``.
        """
        return _saved.write_tables(path, name=self.name, documents=self._documents, segments=self._segments,
                                   links=self._links_to_save(), force=force)

    @staticmethod
    def is_saved(path) -> bool:
        """Whether ``path`` is a corpus written by :meth:`save` (its first line says so)."""
        return _saved.is_saved(path)

    @classmethod
    def load(cls, path) -> Corpus:
        """Read a corpus written by :meth:`save`."""
        name, documents, segments, links = _saved.read_tables(path, links=True)
        corpus = cls(segments, documents, name=name)
        return corpus if links is None else corpus.with_links(links)
