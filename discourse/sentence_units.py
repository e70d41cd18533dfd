"""The corpus at sentence level: sentences aligned across a document's versions.

Per document, the *pivot* version (``zh`` when present, else the document's first
language) is aligned with each other version by :func:`discourse.sentence_align.align_sentences`
— all documents of a language pair at once, so that word equivalents are learned over the
whole corpus (a first pass per document, Dice association over its confident 1-1 links,
a second pass with them, as :func:`~discourse.sentence_align.align_documents` does), with
the paragraphs' ``align_id`` as paragraph numbers, so links prefer linked paragraphs but may
cross their boundaries. Titles are aligned with titles, body with body; a ``meta``
line (series name, ``date | source``) is a unit of its own.

A **sentence unit** is a connected group of linked sentences across all the versions
(union–find over the beads): a 2-1 bead is one unit, and so is a pivot sentence with its
French and Vietnamese partners. A sentence with no partner is a unit of its own. Units are
numbered 1, 2 … per document in reading order (the pivot version's order; a sentence
only the translation has comes after the pivot sentence before it). A sentence's
``align_score`` is the lowest score of the beads it is in (``NaN`` for a sentence that was
not aligned: a meta line, a one-version document), ``low_confidence`` whether any of them
is flagged.

:class:`SentenceLevel` holds the :class:`~discourse.corpus.Corpus` methods of the sentence
level (:meth:`~SentenceLevel.sentences`, :meth:`~SentenceLevel.to_sentences`,
:meth:`~SentenceLevel.alignment_view`, :meth:`~SentenceLevel.with_links`); this module
uses the corpus's public interface only and does not import :mod:`discourse.corpus`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import discourse  # the aligner (sentence_align, anchors, sentences) and alignment_view load on first use
from discourse import _sentence_cache as kept
from discourse.errors import InputError

__all__ = ["align_corpus", "at_unit", "SentenceLevel", "SentenceAlignment", "UNITS", "COLUMNS"]

#: The aligned units every cross-language analysis can count by.
UNITS = ("paragraph", "sentence")
#: The columns of :meth:`SentenceLevel.sentences`, in order.
COLUMNS = ("doc_id", "lang", "seg_id", "sent_id", "align_id", "paragraph_align_id", "role", "start", "end",
           "file_start", "file_end", "line", "align_score", "low_confidence", "text")
_STREAMS = {"title": 0, "meta": 1, "body": 2}


def at_unit(corpus, unit: str):
    """``corpus`` itself for ``unit="paragraph"``, its sentence-level corpus
    (:meth:`SentenceLevel.to_sentences`) for ``unit="sentence"``.

    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> at_unit(corpus, "paragraph") is corpus, len(at_unit(corpus, "sentence")) > len(corpus)
    (True, True)
    """
    if unit not in UNITS:
        raise InputError(f"unit={unit!r} is not an aligned unit; use one of {', '.join(UNITS)}")
    return corpus if unit == "paragraph" else corpus.to_sentences()


class _Groups:
    """Union–find over row numbers."""

    def __init__(self, n: int):
        self.parent = np.arange(n)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def join(self, rows) -> None:
        rows = list(rows)
        for r in rows[1:]:
            a, b = self.find(rows[0]), self.find(r)
            if a != b:
                self.parent[max(a, b)] = min(a, b)


def _pair_beads(jobs: dict, source_lang: str, target_lang: str) -> dict:
    """``{key: beads}`` for ``jobs = {key: (src, tgt, para_s, para_t)}`` with sentences on both sides,
    equivalents learned over all (:func:`discourse.sentence_align.document_beads`)."""
    jobs = {key: job for key, job in jobs.items() if job[0] and job[1]}
    return discourse.sentence_align.document_beads(jobs, source_lang=source_lang, target_lang=target_lang)


def align_corpus(corpus, *, cache: bool = True) -> pd.DataFrame:
    """The sentences of ``corpus`` (:func:`discourse.sentences.sentences`) aligned into units.

    With ``cache`` (the default), units aligned before for the same sentences, by the same
    aligner and tokenizers, are read back from the user cache directory instead of aligned
    again (:mod:`discourse._sentence_cache`), and new ones are kept there.

    Returns
    -------
    DataFrame
        :data:`COLUMNS`: ``align_id`` the sentence unit, ``paragraph_align_id`` the
        segment's own ``align_id``, ``align_score`` and ``low_confidence`` from the beads.

    Examples
    --------
    >>> import discourse
    >>> table = align_corpus(discourse.load_corpus())
    >>> doc = table[table["doc_id"].str.startswith("003") & (table["role"] == "body")]
    >>> sorted(doc.groupby("align_id")["lang"].agg("".join).unique())  # a 1-2 bead is one unit
    ['frfrzh', 'frzh']
    """
    table = discourse.sentences.sentences(corpus).rename(columns={"align_id": "paragraph_align_id"})
    n = len(table)
    if cache:
        tokenizers = {lang: discourse.languages.get_tokenizer(lang) for lang in sorted(set(table["lang"]))}
        cache_key = kept.key(table, tokenizers)
        found = kept.load(cache_key, n)
        if found is not None:
            table["align_id"] = pd.array(found["align_id"], dtype="Int64")
            table["align_score"] = found["align_score"]
            table["low_confidence"] = found["low_confidence"]
            return table[list(COLUMNS)]
    groups = _Groups(n)
    score = np.full(n, np.nan)
    low = np.zeros(n, dtype=bool)
    coord = table["sent_id"].to_numpy(dtype=float).copy()
    stream = table["role"].map(_STREAMS).to_numpy()
    para = table["paragraph_align_id"].astype("float").fillna(-1 - table["seg_id"]).astype("int64").to_numpy()
    jobs: dict = {}
    rows_of: dict = {}  # (pivot, lang) -> {(doc_id, role): (pivot rows, lang rows)}
    texts = table["text"].to_numpy()
    doc_langs = table.groupby("doc_id", sort=False)["lang"].unique()  # each document's languages, as they come
    for (doc_id, role), part in table[table["role"] != "meta"].groupby(["doc_id", "role"], sort=False):
        langs = list(doc_langs[doc_id])
        pivot = "zh" if "zh" in langs else langs[0]
        part_langs = part["lang"].to_numpy()
        rows = {lang: part.index[part_langs == lang].to_numpy() for lang in langs}
        coord[rows[pivot]] = np.arange(len(rows[pivot]))
        for lang in langs:
            if lang != pivot and len(rows[lang]):
                src, tgt = rows[pivot], rows[lang]
                rows_of.setdefault((pivot, lang), {})[(doc_id, role)] = src, tgt
                jobs.setdefault((pivot, lang), {})[(doc_id, role)] = (
                    texts[src].tolist(), texts[tgt].tolist(),
                    para[src].tolist() if role == "body" else None, para[tgt].tolist() if role == "body" else None)
    for (pivot, lang), pair_jobs in jobs.items():
        for key, beads in _pair_beads(pair_jobs, pivot, lang).items():
            src, tgt = rows_of[(pivot, lang)][key]
            last = -1.0
            columns = beads[["source_ids", "target_ids", "score", "low_confidence"]]
            for s_ids, t_ids, s, flag in columns.itertuples(index=False, name=None):  # (no namedtuple class)
                members = [src[i] for i in s_ids] + [tgt[j] for j in t_ids]
                groups.join(members)
                score[members] = np.fmin(score[members], s)
                low[members] |= bool(flag)
                here = float(min(s_ids)) if s_ids else last + 0.5
                last = float(max(s_ids)) if s_ids else last
                coord[[tgt[j] for j in t_ids]] = here
    root = np.array([groups.find(i) for i in range(n)], dtype=np.int64)
    lang_rank = table["lang"].map({lang: k for k, lang in enumerate(["zh", *sorted(set(table["lang"]) - {"zh"})])})
    keys = pd.DataFrame({"doc_id": table["doc_id"], "root": root, "stream": stream, "coord": coord,
                         "lang": lang_rank.to_numpy(), "sent": table["sent_id"].to_numpy()})
    first = keys.groupby(["doc_id", "root"], sort=False)[["stream", "coord", "lang", "sent"]].transform("min")
    keys[["stream", "coord", "lang", "sent"]] = first
    table["align_id"] = _numbered(keys, ["stream", "coord", "lang", "sent"])
    table["align_score"] = score
    table["low_confidence"] = low
    if cache and not table["align_id"].isna().any():
        kept.store(cache_key, table["align_id"].to_numpy(dtype=np.int64), score, low)
    return table[list(COLUMNS)]


def _numbered(keys: pd.DataFrame, by: list[str]) -> pd.array:
    """Dense numbers 1, 2 … per ``doc_id`` of ``keys.root`` ordered by ``by``."""
    if keys.empty:
        return pd.array([], dtype="Int64")
    units = keys.drop_duplicates(["doc_id", "root"]).sort_values(by, kind="stable")
    units = units.assign(number=units.groupby("doc_id", sort=False).cumcount() + 1)
    out = keys[["doc_id", "root"]].merge(units[["doc_id", "root", "number"]], on=["doc_id", "root"], how="left")
    return pd.array(out["number"].to_numpy(), dtype="Int64")


def _from_segments(corpus) -> pd.DataFrame:
    """The sentence table of a sentence-level corpus: each segment is a sentence."""
    seg = corpus.segments
    return pd.DataFrame({
        "doc_id": seg["doc_id"], "lang": seg["lang"], "seg_id": seg["paragraph"], "sent_id": seg["seg_id"],
        "align_id": seg["align_id"], "paragraph_align_id": pd.array(seg["paragraph_align_id"], dtype="Int64"),
        "role": seg["role"], "start": seg["sentence_start"], "end": seg["sentence_start"] + seg["text"].str.len(),
        "file_start": seg["start"], "file_end": seg["end"], "line": seg["line"],
        "align_score": seg["align_score"], "low_confidence": seg["low_confidence"].astype(bool), "text": seg["text"],
    }, columns=list(COLUMNS))


def _corrected(table: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the ``align_id`` (and scores, when given) of ``links``, renumbered per document."""
    keys = ["doc_id", "lang", "sent_id"]
    given = [c for c in ("align_score", "low_confidence") if c in links]
    merged = table.merge(links[keys + ["align_id", *given]], on=keys, how="left", suffixes=("", "_new"))
    out = table.copy()
    new = merged["align_id_new"].to_numpy()
    has = pd.notna(new)
    root = np.where(has, np.asarray(pd.array(new, dtype="Int64").fillna(-1), dtype=np.int64),
                    np.asarray(table["align_id"].fillna(-1), dtype=np.int64))
    for col in given:
        out[col] = np.where(has, merged[f"{col}_new"], table[col])
    out["low_confidence"] = out["low_confidence"].astype(bool)
    out["align_score"] = out["align_score"].astype(float)
    keys_frame = pd.DataFrame({"doc_id": table["doc_id"], "root": root,
                               "old": table["align_id"].fillna(0).astype("int64"), "sent": table["sent_id"]})
    keys_frame[["old", "sent"]] = keys_frame.groupby(["doc_id", "root"], sort=False)[["old", "sent"]].transform("min")
    out["align_id"] = _numbered(keys_frame, ["old", "sent"])
    return out


class SentenceAlignment:
    """A corpus's sentence alignment, computed once (on first use) and kept.

    ``links`` (``doc_id, lang, sent_id, align_id`` …) are corrections read by
    :meth:`SentenceLevel.with_links`; a subset (:meth:`subset`) shares its parent's
    alignment: a filtered corpus keeps the links of the sentences it keeps.
    """

    def __init__(self, corpus, *, links: pd.DataFrame | None = None, parent=None):
        self._corpus, self.links, self._parent = corpus, links, parent
        self._table: pd.DataFrame | None = None
        self._level = None

    def __getstate__(self) -> dict:
        # a selection sent to a worker process (scale.py, n_jobs) must not carry the whole corpus it
        # was selected from: pickled, it keeps its own table if computed (or corrected), else aligns its own
        if self._parent is not None and self._parent.corrected():
            self.table()
        return {**self.__dict__, "_parent": None, "_level": None}

    def table(self) -> pd.DataFrame:
        """The aligned sentences (:data:`COLUMNS`), computed on the first call."""
        if self._table is None:
            corpus = self._corpus
            if self._parent is not None:
                table = self._parent.table()
                kept = pd.MultiIndex.from_arrays([corpus.column("doc_id"), corpus.column("lang"), corpus.column("seg_id")])
                table = table[pd.MultiIndex.from_frame(table[["doc_id", "lang", "seg_id"]]).isin(kept)].reset_index(drop=True)
                table["sent_id"] = table.groupby("doc_id", sort=False)["sent_id"].rank(method="first").astype("int64")
            elif "paragraph" in corpus.segments.columns and "sentence_start" in corpus.segments.columns:
                table = _from_segments(corpus)
            else:
                table = align_corpus(corpus)
            self._table = table if self.links is None else _corrected(table, self.links)
        return self._table

    def corrected(self) -> bool:
        """Whether links were corrected (by this corpus or the one it was selected from)."""
        return self.links is not None or (self._parent is not None and self._parent.corrected())

    def subset(self, corpus) -> SentenceAlignment:
        """The alignment of ``corpus``, a selection of this one's segments."""
        return SentenceAlignment(corpus, parent=self)

    def sentence_corpus(self):
        """The sentence-level corpus (built once)."""
        if self._level is None:
            self._level = _level_corpus(self._corpus, self.table())
        return self._level


def _level_corpus(corpus, table: pd.DataFrame):
    seg = corpus.segments
    standard = {"doc_id", "lang", "seg_id", "align_id", "role", "text", "start", "end", "line", "align_score"}
    extra = seg[["doc_id", "seg_id"] + [c for c in seg.columns if c not in standard]]
    segments = pd.DataFrame({
        "doc_id": table["doc_id"], "lang": table["lang"], "seg_id": table["sent_id"], "align_id": table["align_id"],
        "role": table["role"], "text": table["text"], "start": table["file_start"], "end": table["file_end"],
        "line": table["line"], "align_score": table["align_score"], "paragraph": table["seg_id"],
        "paragraph_align_id": table["paragraph_align_id"], "low_confidence": table["low_confidence"],
        "sentence_start": table["start"],
    })
    extra = extra.rename(columns={"seg_id": "paragraph"}).drop(columns=[c for c in extra.columns if c in segments
                                                                         and c not in ("doc_id", "seg_id")])
    segments = segments.merge(extra, on=["doc_id", "paragraph"], how="left")
    out = type(corpus)(segments, corpus.documents, name=corpus.name)
    options = corpus.token_options
    return out.with_tokenizer_options(**options) if options else out


class SentenceLevel:
    """The sentence-level methods of :class:`~discourse.corpus.Corpus` (a mixin)."""

    def _units(self) -> SentenceAlignment:
        if getattr(self, "_sentence_units", None) is None:
            self._sentence_units = SentenceAlignment(self)
        return self._sentence_units

    def _carry_units(self, sub) -> None:
        """Give ``sub`` (a selection of this corpus's segments) this corpus's alignment."""
        sub._sentence_units = self._units().subset(sub)

    def _links_to_save(self) -> pd.DataFrame | None:
        if not self._units().corrected():
            return None
        return self._units().table()[["doc_id", "lang", "sent_id", "align_id", "align_score", "low_confidence"]]

    def sentences(self) -> pd.DataFrame:
        """One row per sentence, aligned across the document's versions (computed once).

        Columns :data:`COLUMNS`: as :func:`discourse.sentences.sentences`, with ``align_id``
        the sentence unit (shared by sentences that translate each other, 1, 2 … per
        document in reading order), ``paragraph_align_id`` the paragraph's, and the bead's
        ``align_score`` and ``low_confidence`` (see :mod:`discourse.sentence_units`).

        >>> import discourse
        >>> table = discourse.load_corpus().sentences()
        >>> table.groupby(["doc_id", "align_id"]).ngroups < len(table)
        True
        """
        return self._units().table().copy()

    def to_sentences(self):
        """The corpus with one segment per sentence, so every analysis runs at sentence level.

        ``seg_id`` numbers the sentences per document in reading order (the
        ``sent_id`` of :meth:`sentences`), ``align_id`` is the sentence unit, ``start, end,
        line, path`` point into the file as a segment's do (``path[start:end] == text``);
        ``paragraph`` is the original ``seg_id``, ``sentence_start`` the offset in it, and
        ``align_score``, ``low_confidence``, ``paragraph_align_id`` come from the alignment.
        Built once per corpus.

        >>> import discourse
        >>> level = discourse.load_corpus().to_sentences()
        >>> len(level), bool(level.segments[["paragraph", "align_id"]].notna().all().all())
        (37, True)
        """
        return self._units().sentence_corpus()

    def alignment_view(self, doc_id: str, *, unit: str = "sentence", role=("title", "body")):
        """A side-by-side view of one document's links to check (:class:`discourse.alignment_view.AlignmentView`).

        >>> import discourse
        >>> view = discourse.load_corpus().alignment_view("003_90d6e10e09142168")
        >>> "<table" in view._repr_html_(), list(view.to_frame().columns)[:3]
        (True, ['doc_id', 'align_id', 'align_score'])
        """
        corpus = at_unit(self, unit)
        if doc_id not in corpus.doc_ids:
            raise InputError(f"no document {doc_id!r}; the corpus has {', '.join(corpus.doc_ids)}")
        return discourse.alignment_view.AlignmentView(corpus.sentences(), doc_id, role=role)

    def with_links(self, links):
        """The corpus with corrected sentence links: a CSV written by
        :func:`discourse.alignment_view.export_links` (``align_id`` edited) or its DataFrame.

        Sentences absent from the links keep their unit; units are renumbered 1, 2 … per
        document in reading order. :meth:`save` keeps the corrected links.

        >>> import discourse
        >>> corpus = discourse.load_corpus()
        >>> table = corpus.sentences()
        >>> table.loc[0, "align_id"] = 99
        >>> fixed = corpus.with_links(table)
        >>> fixed.sentences()["align_id"].nunique() >= table["align_id"].nunique()
        True
        """
        frame = discourse.alignment_view.read_links(links, self._units().table())
        out = self.select(np.ones(len(self), dtype=bool))
        out._sentence_units = SentenceAlignment(out, links=frame, parent=self._units())
        return out
