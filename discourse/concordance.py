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

import html
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError
from .query import find, fold_diacritics

__all__ = ["Concordance", "kwic", "kwic_explorer"]

#: The columns of :meth:`Concordance.to_frame`, in order (parallel columns follow).
COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "start", "end", "left", "match", "right"]
SORT_KEYS = ("position", "L3", "L2", "L1", "R1", "R2", "R3")
#: Hits shown by the HTML view in a notebook (all are in :meth:`Concordance.to_frame`).
MAX_ROWS = 50
#: Width bounds of an aligned text in the HTML view (CSS lengths): it wraps within them and is
#: never narrower, however many hits or however long their contexts.
ALIGNED_WIDTH = ("24em", "40em")
_MARK_MATCH = '<mark style="background:#fde68a;font-weight:bold">'
_MARK_EQUIV = '<mark style="background:#bfdbfe;font-weight:bold">'


def kwic(corpus, query, *, lang=None, window: int = 5, unit: str = "tokens", chars: bool = False,
         regex: bool = False, case: bool = False, diacritics: bool = True, sort=None, doc_id=None,
         parallel: bool = False, glossary=None, **metadata) -> Concordance:
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
        (``unit="chars"``), never beyond the hit's segment.
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
    parallel : bool
        Add the aligned segments in the other languages (:meth:`Concordance.parallel`).
    glossary : mapping, optional
        Equivalents to highlight in the aligned segments (implies ``parallel``).
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
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise InputError(f"the window must be a whole number of {unit}, 0 or more (got {window!r})")
    toks = corpus.tokens()
    if lang is not None:
        unknown = sorted(set(_as_list(lang)) - set(toks.lang_rows()))
        if unknown:
            raise InputError(f"the corpus has no text in language {', '.join(map(repr, unknown))}; "
                             f"its languages are {', '.join(toks.lang_rows())}")
    hits = find(toks, query, lang=lang, regex=regex, case=case, diacritics=diacritics, chars=chars)
    if doc_id is not None or metadata:
        hits = hits[np.isin(hits["seg_row"].to_numpy(), _kept_rows(corpus, doc_id, metadata))]
    hits = hits.reset_index(drop=True)
    lo, hi = _context_bounds(toks, hits, int(window), unit)
    hits["lo"], hits["hi"] = lo, hi
    conc = Concordance(corpus, hits, query=query, lang=lang, window=int(window), unit=unit,
                       options=dict(chars=chars, regex=regex, case=case, diacritics=diacritics))
    if sort is not None:
        conc = conc.sort(sort)
    if parallel or glossary is not None:
        conc = conc.parallel(glossary=glossary)
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
                 options=None, sorted_by=("position",), langs=()):
        self.corpus = corpus
        self.query = query
        self.window = window
        self.unit = unit
        self.sorted_by = list(sorted_by)
        self._hits = hits  # seg_row, first, last, start, end, lo, hi [, text_xx, equiv_xx, _spans_xx]
        self._lang = lang
        self._options = dict(options or {})
        self._langs = list(langs)  # other languages of a parallel concordance

    def _replace(self, hits, **changes) -> Concordance:
        kwargs = dict(query=self.query, lang=self._lang, window=self.window, unit=self.unit,
                      options=self._options, sorted_by=self.sorted_by, langs=self._langs)
        kwargs.update(changes)
        return Concordance(self.corpus, hits.reset_index(drop=True), **kwargs)

    def __len__(self) -> int:
        return len(self._hits)

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
        ``[brackets]``; ``(no equivalent)`` when the glossary's terms were looked for and
        not found; the text's beginning without a glossary; empty with no aligned text.
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
        frame = self._frame(hits)
        keep = ["doc_id", "lang", "seg_id", "left", "match", "right"]
        if self._langs:
            keep[3:3] = ["align_id", "start", "end"]
            for lang in self._langs:
                spans = hits[f"_spans_{lang}"] if f"_spans_{lang}" in hits else [[]] * len(hits)
                equiv = frame[f"equiv_{lang}"] if f"equiv_{lang}" in frame else [pd.NA] * len(hits)
                frame[f"text_{lang}"] = [_excerpt(t, sp, e, text_width)
                                         for t, sp, e in zip(frame[f"text_{lang}"], spans, equiv)]
                keep.append(f"text_{lang}")
        return _text_table(frame[keep], width=width, text_width=text_width)

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
        (NA) when there was nothing to look in or no term for that language).

        ``start, end`` are offsets of the match in the segment's text:
        ``text[start:end] == match``.
        """
        return self._frame(self._hits)

    def _frame(self, hits: pd.DataFrame) -> pd.DataFrame:
        seg = self.corpus._segments
        rows = hits["seg_row"].to_numpy()
        texts = seg["text"].to_numpy()[rows]
        out = {col: seg[col].to_numpy()[rows] for col in ("doc_id", "lang", "seg_id", "align_id")}
        out["start"], out["end"] = hits["start"].to_numpy(), hits["end"].to_numpy()
        cuts = list(zip(texts, hits["lo"], hits["start"], hits["end"], hits["hi"]))
        out["left"] = [t[lo:s] for t, lo, s, e, hi in cuts]
        out["match"] = [t[s:e] for t, lo, s, e, hi in cuts]
        out["right"] = [t[e:hi] for t, lo, s, e, hi in cuts]
        frame = pd.DataFrame(out, columns=COLUMNS)
        frame["align_id"] = pd.array(frame["align_id"], dtype="Int64")
        frame["seg_id"] = frame["seg_id"].astype("int64")
        extra = [c for prefix in ("text_", "equiv_") for c in hits.columns if c.startswith(prefix)]
        for col in extra:
            frame[col] = hits[col].array
        return frame

    def to_csv(self, path) -> Path:
        """Write :meth:`to_frame` as UTF-8 CSV (atomically: a failed write leaves no
        half-written file) and return the path."""
        from .corpus import _atomic_write

        path = Path(path)
        _atomic_write(path, self.to_frame().to_csv(index=False, lineterminator="\n"))
        return path

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
        levels = _sort_levels(by)
        hits = self._hits
        keys = pd.DataFrame(index=hits.index)
        names = []
        for level in levels:
            if level == "position":
                continue
            words = _neighbours(self.corpus.tokens(), hits, level[0], int(level[1]))
            keys[f"{level}_fold"] = [fold_diacritics(w) for w in words]
            keys[level] = words
            names += [f"{level}_fold", level]
        keys["seg_row"], keys["start"], keys["end"] = hits["seg_row"], hits["start"], hits["end"]
        order = keys.sort_values(names + ["seg_row", "start", "end"], kind="mergesort").index
        return self._replace(hits.loc[order], sorted_by=levels)

    # ------------------------------------------------------------------ parallel
    def parallel(self, *, glossary=None) -> Concordance:
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

        Returns
        -------
        Concordance
            With ``text_<lang>`` (and ``equiv_<lang>``) columns in :meth:`to_frame`.

        Examples
        --------
        >>> import discourse
        >>> conc = discourse.kwic(discourse.load_corpus(), "军令状")
        >>> par = conc.parallel(glossary={"军令状": {"fr": ["engagement*"], "vi": ["quân lệnh trạng"]}})
        >>> par.to_frame()[["text_fr", "equiv_fr"]].map(bool).values.tolist()
        [[True, True]]
        """
        corpus = self.corpus
        seg = corpus._segments
        toks = corpus.tokens()
        texts = seg["text"].to_numpy()
        hits = self._hits[[c for c in self._hits.columns if not c.startswith(("text_", "equiv_", "_spans_"))]].copy()
        rows = hits["seg_row"].to_numpy()
        aligned = seg["align_id"].notna().to_numpy()
        own = set(_as_list(self._lang)) if self._lang is not None else set(seg["lang"].to_numpy()[rows])
        langs = sorted(set(seg.loc[aligned, "lang"]) - (own if len(own) == 1 else set()))
        units = (seg.loc[aligned, ["doc_id", "align_id", "lang"]].assign(row=np.flatnonzero(aligned))
                 .groupby(["doc_id", "align_id", "lang"], sort=False)["row"].agg(list).to_dict())
        keys = list(zip(seg["doc_id"].to_numpy()[rows], seg["align_id"].to_numpy()[rows]))
        entries = _glossary_entries(glossary)
        applies = [self._applies(toks, sources, hits) for sources, _ in entries]
        for lang in langs:
            members = [[] if pd.isna(a) else [r for r in units.get((d, a, lang), []) if r != own_row]
                       for (d, a), own_row in zip(keys, rows)]
            hits[f"text_{lang}"] = [" ".join(texts[m]) for m in members]
            if not entries:
                continue
            spans = [[] for _ in members]
            looked = np.zeros(len(members), dtype=bool)
            for (_, terms), mask in zip(entries, applies):
                if not terms.get(lang):
                    continue
                by_row: dict[int, list] = {}
                for r, s, e in find(toks, terms[lang], lang=lang, warn=False)[["seg_row", "start", "end"]].itertuples(index=False):
                    by_row.setdefault(r, []).append((s, e))
                for i in np.flatnonzero(mask):
                    if members[i]:
                        looked[i] = True
                        offset = 0
                        for r in members[i]:
                            spans[i] += [(offset + s, offset + e) for s, e in by_row.get(r, [])]
                            offset += len(texts[r]) + 1
            spans = [sorted(set(s)) for s in spans]
            hits[f"_spans_{lang}"] = spans
            equiv = ["; ".join(dict.fromkeys(t[s:e] for s, e in sp)) if ok else pd.NA
                     for t, sp, ok in zip(hits[f"text_{lang}"], spans, looked)]
            hits[f"equiv_{lang}"] = pd.array(equiv, dtype="string")
        ordered = [f"text_{lang}" for lang in langs] + [c for c in hits.columns if c.startswith(("equiv_", "_spans_"))]
        hits = hits[[c for c in hits.columns if c not in ordered] + ordered]
        return self._replace(hits, langs=langs)

    def _applies(self, toks, sources, hits) -> np.ndarray:
        """Which hits a glossary entry applies to: those its source terms match (found with
        this concordance's options) or all when it has none or names the query."""
        if sources is None or (isinstance(self.query, str) and self.query in sources):
            return np.ones(len(hits), dtype=bool)
        langs = sorted(pd.unique(self.corpus.column("lang")[hits["seg_row"]]))
        if not langs:
            return np.zeros(len(hits), dtype=bool)
        case, diacritics = self._options.get("case", False), self._options.get("diacritics", True)
        found = [find(toks, sources, lang=langs, case=case, diacritics=diacritics, warn=False)]
        plain = [t for t in sources if "*" not in t and "?" not in t]
        if self._options.get("chars") and diacritics and plain:  # inside words too, like the hits
            found.append(find(toks, plain, lang=langs, chars=True, case=case, warn=False))
        pairs = (hits[["seg_row", "start", "end"]].reset_index(drop=True).reset_index()
                 .merge(pd.concat(found)[["seg_row", "start", "end"]], on="seg_row", suffixes=("", "_source")))
        overlap = (pairs["start"] < pairs["end_source"]) & (pairs["end"] > pairs["start_source"])
        out = np.zeros(len(hits), dtype=bool)
        out[pairs.loc[overlap, "index"].to_numpy(dtype=np.int64)] = True
        return out

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
        equivalents of every hit highlighted (``<mark>``). The styles are inline: the
        HTML needs no stylesheet.

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
        >>> len(conc), html.count("Trong trận chiến công kiên")  # 7 hits, one aligned paragraph
        (7, 1)
        """
        esc = html.escape
        shown = self._hits if max_rows is None else self._hits.iloc[:max_rows]
        frame = self._frame(shown)
        cell = "padding:2px 6px;vertical-align:top;"
        ctx = cell + "white-space:nowrap;color:#333;"
        head = [f'<p><b>Concordance</b> of {esc(self._title())}</p>']
        if len(shown) < len(self):
            head.append(f"<p>showing {len(shown)} of {len(self)} hits; <code>.to_frame()</code> has them all</p>")
        groups = self._groups(shown) if self._langs else [[i] for i in range(len(shown))]
        if self._langs and len(shown):
            head.append(f"<p>hits grouped by aligned unit ({len(groups)} unit{'s' * (len(groups) != 1)}): "
                        "below the hits of a unit, its text in each other language, once</p>")
        cols = ["doc", "seg", "left", "match", "right"]
        aligns = ["left", "right", "right", "center", "left"]
        fit = "width:1%;" if self._langs else ""  # a full-width table: the contexts take the room
        th = "".join(f'<th style="{cell}{fit * (c not in ("left", "right"))}text-align:{a}">{esc(c)}</th>'
                     for c, a in zip(cols, aligns))
        body = []
        for members in groups:
            for k, i in enumerate(members):
                row = frame.iloc[i]
                align = "" if pd.isna(row["align_id"]) else f" · unit {row['align_id']}"
                tds = [f'<td style="{cell}text-align:left;font-size:85%;white-space:nowrap">{esc(row["doc_id"])}</td>',
                       f'<td style="{cell}text-align:right;font-size:85%;white-space:nowrap">{esc(row["lang"])} '
                       f'{row["seg_id"]}{align}</td>',
                       f'<td style="{ctx}text-align:right">{esc(_one_line(row["left"]))}</td>',
                       f'<td style="{cell}text-align:center;white-space:nowrap">{_MARK_MATCH}{esc(row["match"])}'
                       '</mark></td>',
                       f'<td style="{ctx}text-align:left">{esc(_one_line(row["right"]))}</td>']
                first = k == 0 and self._langs
                body.append(('<tr style="border-top:1px solid #d4d4d4">' if first else "<tr>") + "".join(tds) + "</tr>")
            if self._langs:
                present = [lang for lang in self._langs if shown[f"text_{lang}"].iloc[members[0]]]
                absent = [lang for lang in self._langs if lang not in present]
                boxes = "".join(self._aligned_html(shown, frame, members, lang) for lang in present)
                grid = (f'<div style="display:grid;grid-template-columns:repeat({len(present)},'
                        f'minmax({ALIGNED_WIDTH[0]},{ALIGNED_WIDTH[1]}));gap:4px 1.5em">{boxes}</div>') if present else ""
                none = (f'<div style="font-size:85%;color:#888"><i>no aligned segment</i> in '
                        f'{esc(", ".join(absent))}</div>') if absent else ""
                body.append(f'<tr class="discourse-aligned"><td colspan="{len(cols)}" style="{cell}padding-left:2em;'
                            f'padding-bottom:8px;text-align:left">{grid}{none}</td></tr>')
        width = "width:100%;" if self._langs else ""
        table = (f'<table class="discourse-kwic" style="border-collapse:collapse;table-layout:auto;{width}">'
                 f'<thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table>') if len(frame) else "<p>(no hits)</p>"
        fragment = "<div>" + "".join(head) + table + "</div>"
        if not page:
            return fragment
        query = self.query if isinstance(self.query, str) else " | ".join(self.query)
        return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Concordance: {esc(query)}</title>'
                f'</head><body style="font-family:sans-serif">{fragment}</body></html>\n')

    def _groups(self, hits: pd.DataFrame) -> list[list[int]]:
        """Positions of ``hits`` grouped by aligned unit, in the order of each unit's first
        hit. Hits share a group when they share document and ``align_id`` and so the
        same aligned texts; a hit outside any unit is a group of its own."""
        seg = self.corpus._segments
        rows = hits["seg_row"].to_numpy()
        docs, units = seg["doc_id"].to_numpy()[rows], seg["align_id"].to_numpy()[rows]
        texts = list(zip(*(hits[f"text_{lang}"] for lang in self._langs)))
        groups: dict = {}
        for i, (doc, unit) in enumerate(zip(docs, units)):
            key = ("hit", i) if pd.isna(unit) else (doc, int(unit), texts[i])
            groups.setdefault(key, []).append(i)
        return list(groups.values())

    def _aligned_html(self, hits: pd.DataFrame, frame: pd.DataFrame, members: list[int], lang: str) -> str:
        """The aligned text of one unit in ``lang``, every equivalent of its hits highlighted,
        in a box whose width is bounded by :data:`ALIGNED_WIDTH` (the text wraps)."""
        esc = html.escape
        box = (f'<div style="min-width:{ALIGNED_WIDTH[0]};max-width:{ALIGNED_WIDTH[1]};white-space:normal;'
               'overflow-wrap:anywhere;line-height:1.45;text-align:left">'
               f'<div style="font-size:85%;color:#555">aligned {esc(lang)}</div>')
        text = hits[f"text_{lang}"].iloc[members[0]]
        spans, missing = [], []
        for i in members:
            spans += hits[f"_spans_{lang}"].iloc[i] if f"_spans_{lang}" in hits else []
            equiv = frame[f"equiv_{lang}"].iloc[i] if f"equiv_{lang}" in frame else pd.NA
            if isinstance(equiv, str) and not equiv:  # looked for an equivalent and found none
                missing.append(frame["match"].iloc[i])
        pieces, pos = [], 0
        for s, e in sorted(set(spans)):
            if s < pos:  # overlaps a mark already made
                continue
            pieces += [esc(text[pos:s]), f"{_MARK_EQUIV}{esc(text[s:e])}</mark>"]
            pos = e
        pieces.append(esc(text[pos:]))
        note = ""
        if missing:
            of = f" of {', '.join(esc(m) for m in dict.fromkeys(missing))}" if spans else ""
            note = f'<b style="color:#b91c1c">no equivalent{of}</b> · '
        return f"{box}{note}{''.join(pieces)}</div>"


# ---------------------------------------------------------------------- helpers
def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def _kept_rows(corpus, doc_id, metadata) -> np.ndarray:
    """Rows of ``corpus._segments`` that ``corpus.filter(doc_id=…, **metadata)`` keeps
    (found by filtering a copy that carries each row's number)."""
    import copy

    probe = copy.copy(corpus)
    probe._segments = corpus._segments.assign(_kwic_row=np.arange(len(corpus)))
    probe._tokens = None
    return probe.filter(doc_id=doc_id, **metadata)._segments["_kwic_row"].to_numpy()


def _context_bounds(toks, hits: pd.DataFrame, window: int, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """Character offsets where each hit's left context starts and its right context ends."""
    row, first, last = (hits[c].to_numpy(np.int64) for c in ("seg_row", "first", "last"))
    start, end = hits["start"].to_numpy(np.int64), hits["end"].to_numpy(np.int64)
    length = toks.segment_lengths().__getitem__  # length of the text of these segments

    if unit == "chars" or window == 0:
        return np.maximum(start - window, 0), np.minimum(end + window, length(row))
    bounds = toks.segment_bounds()
    left, right = first - window, last - 1 + window  # first and last token of the context
    n = max(len(toks) - 1, 0)
    lo = np.where(left >= bounds[row], toks.start[np.clip(left, 0, n)], 0)
    inside = right < bounds[row + 1]
    hi = toks.end[np.clip(right, 0, n)].astype(np.int64)
    hi[~inside] = length(row[~inside])  # the context runs to the end of the segment
    return np.minimum(lo, start), np.maximum(hi, end)


def _sort_levels(by) -> list[str]:
    keys = [by] if isinstance(by, str) else list(by)
    levels = []
    for key in keys:
        level = key if key == "position" else str(key).upper()
        if level not in SORT_KEYS:
            raise InputError(f"cannot sort by {key!r}; use position, L1, L2, L3, R1, R2 or R3")
        levels.append(level)
    if isinstance(by, str) and levels[0] != "position":  # "R1" → R1, R2, R3 (AntConc's levels)
        levels = [f"{levels[0][0]}{k}" for k in range(int(levels[0][1]), 4)]
    return levels


def _neighbours(toks, hits: pd.DataFrame, side: str, k: int) -> list[str]:
    """The normalised form of the ``k``-th word left (``side="L"``) or right of each hit,
    within its segment; ``""`` where there is none. Punctuation is skipped; a match that
    starts or ends inside a word makes the rest of that word the first neighbour."""
    row, first, last = (hits[c].to_numpy(np.int64) for c in ("seg_row", "first", "last"))
    start, end = hits["start"].to_numpy(np.int64), hits["end"].to_numpy(np.int64)
    texts = toks.corpus.column("text")
    if side == "L":
        edge = toks.start[first]
        partial = start > edge
        rest = [texts[r][s:x].lower() for r, s, x in zip(row, edge, start)]
    else:
        edge = toks.end[last - 1]
        partial = end < edge
        rest = [texts[r][x:e].lower() for r, x, e in zip(row, end, edge)]
    is_word = ~toks.is_punct[toks.type_id]
    words = np.flatnonzero(is_word)
    before = np.r_[0, np.cumsum(is_word)]  # words among tokens [0, t)
    nth = k - partial.astype(np.int64)  # the word wanted, counting from the hit's edge token
    pos = before[first] - nth if side == "L" else before[last] + nth - 1
    ok = (nth > 0) & (pos >= 0) & (pos < len(words))
    if not len(words):
        return [rest[i] if partial[i] and k == 1 else "" for i in range(len(hits))]
    tok = words[np.clip(pos, 0, len(words) - 1)]
    ok &= toks.seg_row[tok] == row
    vocab = toks.vocab
    return [rest[i] if partial[i] and k == 1 else vocab[toks.type_id[t]] if good else ""
            for i, (t, good) in enumerate(zip(tok, ok))]


def _glossary_entries(glossary) -> list[tuple[list[str] | None, dict[str, list[str]]]]:
    """The glossary as ``[(source terms, or None for every hit, {lang: [terms]})]``."""
    if glossary is None:
        return []
    if not isinstance(glossary, Mapping) and hasattr(glossary, "to_frame"):
        glossary = glossary.to_frame()
    if isinstance(glossary, pd.DataFrame):
        if not {"lang", "term"} <= set(glossary.columns):
            raise InputError("a glossary table needs the columns lang and term (and optionally frame)")
        if "frame" not in glossary.columns:
            return [(None, glossary.groupby("lang")["term"].agg(list).to_dict())]
        # a frame lexicon: a hit matched by a frame's terms gets that frame's terms in the other languages
        return [(list(terms["term"]), terms.groupby("lang")["term"].agg(list).to_dict())
                for _, terms in glossary.groupby("frame", sort=False)]
    if not isinstance(glossary, Mapping):
        raise InputError("give the glossary as a mapping, e.g. {'军令状': {'fr': ['acte d’engagement']}} "
                         "or {'fr': [...], 'vi': [...]}")

    def terms(mapping):
        return {str(lang): [t] if isinstance(t, str) else list(t) for lang, t in mapping.items()}

    if glossary and all(isinstance(v, Mapping) for v in glossary.values()):
        return [([str(source)], terms(v)) for source, v in glossary.items()]
    return [(None, terms(glossary))]


def _one_line(text: str) -> str:
    return " ".join(text.split()) if any(c in text for c in "\n\r\t") else text


def _cells(text: str) -> int:
    """Terminal columns ``text`` takes (CJK characters take two)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    """``text`` on one line, cut to ``width`` terminal columns with "…" on the cut side."""
    text = " ".join(text.split())
    if _cells(text) <= width:
        return text
    chars = list(reversed(text)) if keep_end else list(text)
    out, used = [], 1
    for c in chars:
        used += _cells(c)
        if used > width:
            break
        out.append(c)
    return "…" + "".join(reversed(out)) if keep_end else "".join(out) + "…"


def _excerpt(text: str, spans, equiv, width: int) -> str:
    """An aligned text for the terminal, at most ``width`` columns: around its first
    equivalent, every equivalent in brackets; ``(no equivalent)`` when one was looked for
    and none found; the text's beginning when none was looked for."""
    if not text:
        return ""
    if not spans:
        return "(no equivalent)" if isinstance(equiv, str) else _fit(text, width)
    pieces, pos, first = [], 0, None
    for s, e in sorted(set(spans)):
        if s < pos:
            continue
        pieces.append(text[pos:s])
        first = len("".join(pieces)) if first is None else first
        pieces.append(f"[{text[s:e]}]")
        pos = e
    marked = "".join(pieces) + text[pos:]
    left, rest = " ".join(marked[:first].split(" ")), marked[first:]
    mark = rest[:rest.index("]") + 1]
    budget = max((width - _cells(mark)) // 3, 0)  # a third of the room before the equivalent
    if _cells(" ".join(left.split())) > budget:
        space = " " if left[-1:].isspace() else ""
        left = (_fit(left, budget - len(space), keep_end=True) if budget > len(space) else "…") + space
    return _fit(left + rest, width)


def _text_table(frame: pd.DataFrame, *, width: int = 36, text_width: int = 60) -> str:
    """A plain-text concordance: left context right-aligned and cut on its left, the
    match, the right context cut on its right; columns aligned for CJK text too."""
    columns = []
    for col in frame.columns:
        values = ["" if pd.isna(v) else str(v) for v in frame[col]]
        if col == "left":
            values, right_aligned = [_fit(v, width, keep_end=True) for v in values], True
        elif col == "right":
            values, right_aligned = [_fit(v, width) for v in values], False
        else:
            values = [_fit(v, text_width) for v in values]
            right_aligned = pd.api.types.is_numeric_dtype(frame[col])
        columns.append((col, values, right_aligned))
    lines = []
    for i in range(-1, len(frame)):
        cells = []
        for col, values, right_aligned in columns:
            size = max([_cells(col)] + [_cells(v) for v in values])
            value = col if i < 0 else values[i]
            pad = " " * (size - _cells(value))
            cells.append(pad + value if right_aligned else value + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------------- explorer
def kwic_explorer(corpus=None, *, query: str = "", window: int = 5):
    """An interactive concordance for Jupyter: query box, language, window, sort order,
    "inside words" and "parallel" switches, the concordance below.

    Needs the optional package ipywidgets (``pip install ipywidgets``, or
    ``pip install "discourse[widgets]"``); nothing else in the package does.

    Parameters
    ----------
    corpus : Corpus, optional
        Default: the bundled corpus.
    query : str
        The query to start with.
    window : int
        The context size to start with (tokens).

    Returns
    -------
    ipywidgets.VBox
        Display it in a notebook cell. Where widgets cannot run (an HTML export such as
        ``python -m discourse.report``, a notebook viewer, a front end without
        ipywidgets), it shows as static HTML: the concordance it showed when displayed,
        the settings that made it, and a note that the controls are interactive in
        JupyterLab (its mimebundle has a ``text/html`` entry beside the widget view).

    Examples
    --------
    >>> import discourse
    >>> explorer = discourse.kwic_explorer(query="责任")  # doctest: +SKIP
    >>> bundle = explorer._repr_mimebundle_()  # doctest: +SKIP
    >>> "interactive in JupyterLab" in bundle["text/html"]  # doctest: +SKIP
    True
    """
    try:
        import ipywidgets as widgets
    except ImportError:
        raise ImportError("the concordance explorer needs ipywidgets, which is not installed: "
                          "run `pip install ipywidgets` (or `pip install \"discourse[widgets]\"`) and restart "
                          "the kernel; discourse.kwic(...) works without it") from None
    if corpus is None:
        from .io import load_corpus

        corpus = load_corpus()
    box = widgets.Text(value=query, description="query", continuous_update=False,
                       placeholder="责任, trách nhiệm, respons* …")
    lang = widgets.Dropdown(options=[("all", None)] + [(code, code) for code in corpus.langs], description="language")
    size = widgets.IntSlider(value=window, min=0, max=30, description="window")
    order = widgets.Dropdown(options=list(SORT_KEYS), value="position", description="sort")
    inside = widgets.Checkbox(value=False, description="inside words")
    beside = widgets.Checkbox(value=False, description="parallel")
    view = widgets.HTML()

    def update(_change=None):
        if not box.value.strip():
            view.value = "<p>Type a word, a phrase or a pattern in the query box.</p>"
            return
        try:
            conc = kwic(corpus, box.value, lang=lang.value, window=size.value, sort=order.value,
                        chars=inside.value, parallel=beside.value)
            view.value = conc._repr_html_()
        except InputError as err:
            view.value = f'<p style="color:#b91c1c">{html.escape(str(err))}</p>'

    for control in (box, lang, size, order, inside, beside):
        control.observe(update, names="value")
    update()
    explorer = widgets.VBox([widgets.HBox([box, lang, order]), widgets.HBox([size, inside, beside]), view])
    widget_bundle = explorer._repr_mimebundle_

    def static_bundle(**kwargs):
        # the widget view for front ends that run widgets, and beside it (for those that
        # cannot: HTML exports, viewers) what the explorer shows now, as plain HTML
        data = dict(widget_bundle(**kwargs) or {})
        switches = [name for name, on in (("inside words", inside.value), ("parallel", beside.value)) if on]
        settings = (f"query <code>{html.escape(box.value)}</code>, language {html.escape(lang.value or 'all')}, "
                    f"window {size.value}, sorted by {html.escape(order.value)}"
                    + "".join(f", {name}" for name in switches))
        data["text/html"] = (f'<div class="discourse-kwic-explorer"><p><em>Concordance explorer '
                             f"({settings}): a static copy; the controls are interactive in JupyterLab "
                             f"(with ipywidgets).</em></p>{view.value}</div>")
        return data

    explorer._repr_mimebundle_ = static_bundle
    return explorer
