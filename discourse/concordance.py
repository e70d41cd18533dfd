"""Keyword in context: concordances, and parallel concordances beside the translations.

:func:`kwic` finds a query with :func:`discourse.query.find` (words, phrases, wildcards,
regular expressions, lists, on tokens or on raw characters) and cuts each hit's context
from the **original** segment text by character offsets, so Chinese shows without added
spaces and French keeps its own spacing. The result is a :class:`Concordance`: a table
(:meth:`~Concordance.to_frame`), an HTML view in Jupyter with the keyword centred, and a
CSV export. :meth:`Concordance.parallel` puts each hit beside the segments that translate
it (same ``doc_id`` and ``align_id``) in every other language, and, given a glossary,
highlights the equivalents there — or says plainly that there is none.

Conventions (those of AntConc and quanteda where they agree):

* the context is ``window`` tokens on each side within the hit's segment (punctuation
  tokens count, as in quanteda), or ``window`` characters with ``unit="chars"``;
* sorting by ``L1``–``L3`` / ``R1``–``R3`` uses the normalised form of the first, second,
  third *word* left or right of the hit (punctuation is skipped, as in AntConc), compared
  without accents first; ``"R1"`` sorts by R1, then R2, then R3, then position;
* for a match inside a word (``chars=True``) the rest of that word is R1 (and the part
  before the match L1), so 责任 in 责任制 and in 责任书 sort apart;
* ``position`` is corpus order (segment rows, then offset).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pandas as pd

from ._kwic_renderings import rendered_hits
from ._kwic import SORT_KEYS, aligned_hits, neighbours, sort_levels
from ._kwic_table import COLUMNS, context_frame, context_lines
from ._kwic_views import ALIGNED_WIDTH, html_view, text_view
from ._util import as_list, atomic_write
from ._word_hits import concordance_hits
from .errors import InputError
from .query import MAX_WINDOW, fold_diacritics, int_frame
from .sentence_units import at_unit

__all__ = ["Concordance", "kwic", "kwic_explorer", "ALIGNED_WIDTH", "COLUMNS", "MAX_ROWS", "SORT_KEYS"]

#: Hits shown by the HTML view in a notebook (all are in :meth:`Concordance.to_frame`).
MAX_ROWS = 50


def kwic(corpus, query, *, lang=None, window: int = 5, unit: str = "tokens", chars: bool = False,
         regex: bool = False, case: bool = False, diacritics: bool = True, sort=None, doc_id=None,
         parallel: bool | str = False, glossary=None, lexicon=None, **metadata) -> Concordance:
    """Keyword in context: every hit of ``query`` with its left and right context.

    Parameters
    ----------
    corpus : Corpus
    query : str or list of str
        A word, a phrase (``"trách nhiệm"``, ``"中央 统筹"``), a wildcard pattern
        (``"respons*"``), a regular expression (``regex=True``) or a list of these; see
        :func:`discourse.query.find`.
    lang : str or list of str, optional
        Search only these languages (the other languages stay available to
        :meth:`Concordance.parallel`).
    window : int
        Context size on each side: tokens (``unit="tokens"``) or characters
        (``unit="chars"``), never beyond the hit's segment; 0 to
        :data:`~discourse.query.MAX_WINDOW` (1000).
    unit : {"tokens", "chars"}
    chars : bool
        Match the raw characters, also inside words (攻坚 inside 脱贫攻坚战).
    regex, case, diacritics : bool
        As in :func:`discourse.query.find`.
    sort : str or list of str, optional
        ``"position"`` (default: corpus order) or ``"L1"``–``"L3"``, ``"R1"``–``"R3"``;
        see :meth:`Concordance.sort`.
    doc_id : str or list of str, optional
        Search only these documents.
    parallel : bool or {"paragraph", "sentence"}
        Add the aligned units in the other languages (:meth:`Concordance.parallel`):
        ``True`` or ``"paragraph"`` the aligned segments, ``"sentence"`` the aligned
        sentences (the concordance is then of ``corpus.to_sentences()``: ``seg_id`` is
        the sentence's, ``align_id`` its sentence unit), with how each hit of a frame
        term is rendered there (``rendering_<lang>``, ``status_<lang>``; see
        :meth:`Concordance.parallel`). Spelt apart from ``unit``, which is the context
        window's (tokens or characters).
    glossary : mapping, optional
        Equivalents to highlight in the aligned segments (implies ``parallel``, without
        the renderings unless ``parallel`` is given too).
    lexicon : Lexicon, str or Path, optional
        The frame lexicon whose renderings a parallel concordance shows (anything
        :func:`discourse.load_lexicon` takes; the bundled one by default).
    **metadata
        Other conditions, as in :meth:`Corpus.filter` (``role="body"``, ``date=…``).

    Returns
    -------
    Concordance

    Examples
    --------
    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> conc = kwic(corpus, "军令状", window=3)
    >>> conc.to_frame()[["left", "match", "right"]].values.tolist()
    [[',立下“', '军令状', '”,实现']]
    >>> len(kwic(corpus, "责任", lang="zh", chars=True)) > len(kwic(corpus, "责任", lang="zh"))
    True
    """
    if unit not in ("tokens", "chars"):
        raise InputError(f"unknown context unit {unit!r}; use 'tokens' or 'chars'")
    if parallel not in (False, True, "paragraph", "sentence"):
        raise InputError(f"parallel={parallel!r}: use True (or 'paragraph') or 'sentence'")
    corpus_given, corpus = corpus, at_unit(corpus, "sentence" if parallel == "sentence" else "paragraph")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise InputError(f"the window must be a whole number of {unit}, 0 or more (got {window!r})")
    if window > MAX_WINDOW:
        raise InputError(f"a window of {window} {unit} is more than {MAX_WINDOW}: the context never reaches "
                         f"beyond the hit's segment (paragraph); give at most {MAX_WINDOW} {unit} on each side")
    toks = corpus.tokens()
    if lang is not None and not (isinstance(lang, str) and lang in toks.lang_rows()):
        unknown = sorted(set(as_list(lang)) - set(toks.lang_rows()))
        if unknown:
            raise InputError(f"the corpus has no text in language {', '.join(map(repr, unknown))}; "
                             f"its languages are {', '.join(toks.lang_rows())}")
    # the hits stay arrays (no DataFrame) until a table is asked for: a query costs little more than its search
    keep = _kept_rows(corpus, doc_id, metadata) if doc_id is not None or metadata else None
    hits = concordance_hits(toks, query, lang=lang, window=int(window), unit=unit, regex=regex, case=case,
                            diacritics=diacritics, chars=chars, keep_rows=keep)
    conc = Concordance(corpus, hits, query=query, lang=lang, window=int(window), unit=unit,
                       options=dict(chars=chars, regex=regex, case=case, diacritics=diacritics), base=corpus_given)
    if sort is not None:
        conc = conc.sort(sort)
    if parallel or glossary is not None:
        conc = conc.parallel(glossary=glossary, renderings=bool(parallel), lexicon=lexicon)
    return conc


class Concordance:
    """The hits of a query with their context; made by :func:`kwic`.

    ``len(conc)`` is the number of hits; in Jupyter the concordance shows as a table with
    the keyword centred (the first :data:`MAX_ROWS` hits, and how many there are).

    Attributes
    ----------
    corpus : Corpus
        The corpus searched (offsets refer to its segments' text).
    query : str or list of str
    window : int
    unit : str
        ``"tokens"`` or ``"chars"``.
    sorted_by : list of str
        Sort levels, ``["position"]`` for corpus order.

    Examples
    --------
    >>> import discourse
    >>> conc = discourse.kwic(discourse.load_corpus(), "respons*", lang="fr")
    >>> sorted(set(conc.to_frame()["match"]))
    ['responsabilité', 'responsabilités', 'responsables']
    """

    def __init__(self, corpus, hits: pd.DataFrame, *, query, lang=None, window: int = 5, unit: str = "tokens",
                 options=None, sorted_by=("position",), langs=(), base=None):
        self.corpus = corpus
        self.query = query
        self.window = window
        self.unit = unit
        self.sorted_by = list(sorted_by)
        # seg_row, first, last, start, end, lo, hi [, text_xx, equiv_xx, _spans_xx, rendering_xx …]: a DataFrame,
        # or (from kwic) a mapping of those columns to int64 arrays (or, a rare word's, lists of ints), made a
        # DataFrame when first needed (_hits)
        self._arrays = None if isinstance(hits, pd.DataFrame) else dict(hits)
        self._table = hits if isinstance(hits, pd.DataFrame) else None
        self._lang = lang
        self._options = dict(options or {})
        self._langs = list(langs)  # other languages of a parallel concordance
        self._base = corpus if base is None else base  # the corpus kwic() was given (corpus: its sentences)
        self._frame_cache, self._frame_given = None, False  # to_frame(), kept from its second call

    @property
    def _hits(self) -> pd.DataFrame:
        """The hit table (a DataFrame, made on first use)."""
        if self._table is None:
            self._table = int_frame(self._arrays)
        return self._table

    def _replace(self, hits, **changes) -> Concordance:
        kwargs = dict(query=self.query, lang=self._lang, window=self.window, unit=self.unit,
                      options=self._options, sorted_by=self.sorted_by, langs=self._langs, base=self._base)
        kwargs.update(changes)
        return Concordance(self.corpus, hits.reset_index(drop=True), **kwargs)

    def __len__(self) -> int:
        return len(self._arrays["seg_row"]) if self._table is None else len(self._table)

    def __repr__(self) -> str:
        more = f"\n… {len(self) - 10} more" if len(self) > 10 else ""
        return f"<Concordance {self._title()}>" + ("\n" + self.to_text(max_rows=10) + more if len(self) else "")

    def to_text(self, *, max_rows: int | None = None, width: int = 36, text_width: int = 32) -> str:
        """The concordance as plain text for a terminal: ``doc_id, lang, seg_id``, the
        left context right-aligned (cut on its left to ``width`` columns), the match,
        the right context (cut on its right); Chinese characters count as two columns.

        A parallel concordance also shows ``align_id, start, end`` and, per other
        language, a ``text_<lang>`` excerpt of the aligned text of at most ``text_width``
        columns: around the first equivalent found, with every equivalent in
        ``[brackets]`` (and every rendering, see :meth:`parallel`); ``(no equivalent)``
        when the glossary's terms were looked for and not found; ``(not rendered)`` before
        the excerpt of a dropped hit; the text's beginning without a glossary or
        rendering; empty with no aligned text.
        The whole texts are in :meth:`to_frame` (``text_<lang>``).

        Examples
        --------
        >>> import discourse
        >>> conc = discourse.kwic(discourse.load_corpus(), "军令状", glossary={"fr": ["acte d'engagement"]})
        >>> print(conc.to_text())  # doctest: +NORMALIZE_WHITESPACE
        doc_id                lang  seg_id  align_id  start  end            left  match   right             text_fr                           text_vi
        003_90d6e10e09142168  zh         3         2     95   98  责任书》,立下“  军令状  ”,实现了有史以来  … « [acte d’engagement] contre …
        """
        if not len(self):
            return "(no hits)"
        hits = self._hits if max_rows is None else self._hits.iloc[:max_rows]
        return text_view(self._frame(hits), hits, langs=self._langs, width=width, text_width=text_width)

    def _title(self) -> str:
        query = self.query if isinstance(self.query, str) else " | ".join(self.query)
        segs = self._hits["seg_row"].nunique()
        langs = ", ".join(sorted(pd.unique(self.corpus.column("lang")[self._hits["seg_row"]])))
        where = f" in {segs} segment{'s' * (segs != 1)}" + (f" ({langs})" if langs else "") if len(self) else ""
        return (f"{query!r}: {len(self)} hit{'s' * (len(self) != 1)}{where}, context {self.window} {self.unit}, "
                f"sorted by {', '.join(self.sorted_by)}")

    # ------------------------------------------------------------------ tables
    def to_frame(self) -> pd.DataFrame:
        """One row per hit: ``doc_id, lang, seg_id, align_id, start, end, left, match,
        right``; a parallel concordance adds ``text_<lang>`` (the aligned segments in that
        language, ``""`` when there are none) and, with a glossary, ``equiv_<lang>`` (the
        equivalents found there, ``"; "``-separated; ``""`` when none was found; missing
        (NA) when there was nothing to look in or no term for that language), and with
        renderings ``rendering_<lang>, status_<lang>`` (see :meth:`parallel`).

        ``start, end`` are offsets of the match in the segment's text:
        ``text[start:end] == match``. Each call returns its own frame: changing it changes
        neither the concordance nor the next table (the first call's table is the caller's;
        the second is kept, and later calls get a copy-on-write copy of it).
        """
        if self._frame_cache is None:  # built once; each caller gets its own (copy-on-write) frame
            frame = self._frame(self._hits if self._arrays is None else self._arrays)
            if not self._frame_given:  # the first table is the caller's: nothing kept to copy it from
                self._frame_given = True
                return frame
            self._frame_cache = frame
        return self._frame_cache.copy(deep=False)

    def lines(self) -> list[tuple[str, str, str]]:
        """Each hit's ``(left, match, right)`` strings, in order: those of :meth:`to_frame`
        without the table (the text of NLTK's concordance lines; quicker for many queries).

        >>> import discourse
        >>> discourse.kwic(discourse.load_corpus(), "军令状", window=3).lines()
        [(',立下“', '军令状', '”,实现')]
        """
        return context_lines(self.corpus.tokens(), self._hits if self._arrays is None else self._arrays)

    def _frame(self, hits) -> pd.DataFrame:
        """The table of some hits (a hit table, or a mapping of its columns to arrays)."""
        return context_frame(self.corpus.tokens(), hits, langs=self._langs)

    def to_csv(self, path) -> Path:
        """Write :meth:`to_frame` as UTF-8 CSV (atomically: a failed write leaves no
        half-written file) and return the path."""
        return atomic_write(Path(path), self.to_frame().to_csv(index=False, lineterminator="\n"))

    # ------------------------------------------------------------------ sorting
    def sort(self, by="position") -> Concordance:
        """A new concordance sorted by context words.

        Parameters
        ----------
        by : str or list of str
            ``"position"`` (corpus order), or ``"L1"``–``"L3"`` / ``"R1"``–``"R3"``: the
            first, second, third word left or right of the hit (normalised form,
            punctuation skipped; compared without accents, then with them). One key
            sorts by it and the further words on its side (``"R1"`` → R1, R2, R3), as
            AntConc does; a list gives the levels explicitly. Ties keep corpus order.

        Examples
        --------
        >>> import discourse
        >>> conc = discourse.kwic(discourse.load_corpus(), "脱贫攻坚", lang="zh").sort("R1")
        >>> conc.sorted_by
        ['R1', 'R2', 'R3']
        """
        levels = sort_levels(by)
        hits = self._hits
        keys = pd.DataFrame(index=hits.index)
        names = []
        for level in levels:
            if level == "position":
                continue
            words = neighbours(self.corpus.tokens(), hits, level[0], int(level[1]))
            keys[f"{level}_fold"] = [fold_diacritics(w) for w in words]
            keys[level] = words
            names += [f"{level}_fold", level]
        keys["seg_row"], keys["start"], keys["end"] = hits["seg_row"], hits["start"], hits["end"]
        order = keys.sort_values(names + ["seg_row", "start", "end"], kind="mergesort").index
        return self._replace(hits.loc[order], sorted_by=levels)

    # ------------------------------------------------------------------ parallel
    def parallel(self, *, glossary=None, renderings: bool = True, lexicon=None) -> Concordance:
        """Each hit beside the segments that translate it, in every other language.

        Segments translate each other when they share ``doc_id`` and ``align_id``: the
        aligned unit is the paragraph (or title) and its translations. The views show a
        unit's translations once for all its hits (:meth:`to_html`), the terminal table an
        excerpt around the equivalents (:meth:`to_text`); both group hits by unit the
        same way, so a finer alignment (sentences) would change the units, not the views.

        Parameters
        ----------
        glossary : mapping, optional
            Equivalents to look for in the aligned segments, either per source term,
            ``{"军令状": {"fr": ["acte d'engagement"], "vi": ["quân lệnh trạng"]}}`` (an
            entry applies to the hits its source term matches), or for every hit,
            ``{"fr": [...], "vi": [...]}``. A table, or an object whose ``to_frame()``
            gives one, with columns ``lang, term`` works like the latter, and with a
            ``frame`` column too (a :class:`discourse.frames.Lexicon`) like the former,
            one entry per frame: a hit matched by a frame's terms gets that frame's
            terms in the other languages. Terms are found with
            :func:`discourse.query.find` in the aligned segments' tokens, so
            ``"responsabilit*"`` and multi-word terms work.
        renderings : bool
            Add how each hit is rendered in each other language, from
            :func:`discourse.frames.renderings.renderings` (paired within the aligned
            paragraphs, or sentences for ``kwic(…, parallel="sentence")``):
            ``rendering_<lang>`` (the rendering's words, ``""`` when the hit is
            dropped) and ``status_<lang>`` (``kept``, ``softened`` or ``dropped``). A hit
            is matched to the renderings of the frame-lexicon hits it overlaps (same
            segment, overlapping offsets); one that overlaps none — a query that is not a
            lexicon term — gets NA in both: no rendering is guessed. Over several
            renderings (a term in two frames), their words joined by ``"; "`` and the
            strongest status. The views highlight the renderings in the aligned text
            and mark a dropped hit "— not rendered".
        lexicon : Lexicon, str or Path, optional
            The frame lexicon of the renderings (:func:`discourse.load_lexicon`;
            the bundled one by default).

        Returns
        -------
        Concordance
            With ``text_<lang>`` (and ``equiv_<lang>``, ``rendering_<lang>``,
            ``status_<lang>``) columns in :meth:`to_frame`.

        Examples
        --------
        >>> import discourse
        >>> conc = discourse.kwic(discourse.load_corpus(), "军令状")
        >>> par = conc.parallel(glossary={"军令状": {"fr": ["engagement*"], "vi": ["quân lệnh trạng"]}})
        >>> par.to_frame()[["text_fr", "equiv_fr"]].map(bool).values.tolist()
        [[True, True]]
        """
        hits, langs = aligned_hits(self.corpus.tokens(), self._hits, lang=self._lang, query=self.query,
                                   options=self._options, glossary=glossary)
        if renderings:
            hits = rendered_hits(self.corpus, hits, base=self._base, langs=langs, lexicon=lexicon)
        return self._replace(hits, langs=langs)

    # ------------------------------------------------------------------ HTML
    def _repr_html_(self) -> str:
        return self.to_html(max_rows=MAX_ROWS)

    def to_html(self, *, max_rows: int | None = None, page: bool = False) -> str:
        """The concordance as an HTML table (all text escaped): the keyword centred and
        highlighted, left context right-aligned, document and segment shown.

        A parallel concordance groups the hits by aligned unit (units in the order of
        their first hit; a paragraph and its translations, see :meth:`parallel`): below
        the hits of a unit, its text in each other language is shown **once**, side by
        side, wrapped within :data:`ALIGNED_WIDTH` (never squeezed narrower), with the
        equivalents and renderings of every hit highlighted (``<mark>``; a rendering's
        mark has the class ``discourse-rendering``) and a dropped hit marked "— not
        rendered". The styles are inline: the HTML needs no stylesheet.

        Parameters
        ----------
        max_rows : int, optional
            Show only the first hits (the heading says how many there are).
        page : bool
            A complete HTML document (``<!DOCTYPE html>`` …) rather than a fragment.

        Examples
        --------
        >>> import discourse
        >>> conc = discourse.kwic(discourse.load_corpus(), "攻坚", chars=True, parallel=True, doc_id="000_6faf780c4d1388a2")
        >>> html = conc.to_html()
        >>> len(conc), html.count("aligned vi")  # 7 hits, one aligned paragraph
        (7, 1)
        """
        shown = self._hits if max_rows is None else self._hits.iloc[:max_rows]
        return html_view(self._frame(shown), shown, langs=self._langs, title=self._title(), total=len(self),
                         query=self.query, page=page)


# ---------------------------------------------------------------------- helpers
def _kept_rows(corpus, doc_id, metadata) -> np.ndarray:
    """Rows of the segments that ``corpus.filter(doc_id=…, **metadata)`` keeps."""
    return np.flatnonzero(corpus.mask(doc_id=doc_id, **metadata))


def __getattr__(name: str):
    # discourse.concordance.kwic_explorer, as before it moved to discourse.explorer (which
    # imports this module: loaded on first use, not at import, so there is no import cycle)
    if name == "kwic_explorer":
        return importlib.import_module(".explorer", __package__).kwic_explorer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
