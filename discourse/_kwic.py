"""The work behind :class:`discourse.Concordance`: each hit's context
(:func:`context_bounds`), the words around it that sort it (:func:`sort_levels`,
:func:`neighbours`), and the parallel concordance — each hit beside the segments that
translate it (same ``doc_id`` and ``align_id``) in every other language, with a
glossary's equivalents found there (:func:`aligned_hits`).

>>> _glossary_entries({"fr": "acte d'engagement"})
[(None, {'fr': ["acte d'engagement"]})]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._util import as_list
from .errors import InputError
from .query import find

__all__ = ["aligned_hits", "context_bounds", "few_bounds", "neighbours", "segment_arrays", "sort_levels", "SORT_KEYS"]

#: The sort keys of a concordance: corpus order, or the 3 words left and right of a hit.
SORT_KEYS = ("position", "L3", "L2", "L1", "R1", "R2", "R3")


def aligned_hits(toks, hits: pd.DataFrame, *, lang, query, options, glossary) -> tuple[pd.DataFrame, list[str]]:
    """The hit table of :meth:`discourse.Concordance.parallel`: ``hits`` (a concordance's
    hit table; ``lang`` the languages it searched, ``query`` and ``options`` how) with, per
    other language, ``text_<lang>`` (the aligned segments, joined by a space) and, with a
    glossary, ``_spans_<lang>`` and ``equiv_<lang>`` (the equivalents found there); and
    those other languages."""
    column = toks.corpus.column
    texts, seg_lang, doc_ids, align_ids = (column(c) for c in ("text", "lang", "doc_id", "align_id"))
    stale = ("text_", "equiv_", "_spans_", "rendering_", "status_", "_rspans_")  # of an earlier parallel()
    hits = hits[[c for c in hits.columns if not c.startswith(stale)]].copy()
    rows = hits["seg_row"].to_numpy()
    aligned = ~pd.isna(align_ids)
    own = set(as_list(lang)) if lang is not None else set(seg_lang[rows])
    langs = sorted(set(seg_lang[aligned]) - (own if len(own) == 1 else set()))
    units = (pd.DataFrame({"doc_id": doc_ids[aligned], "align_id": align_ids[aligned], "lang": seg_lang[aligned],
                           "row": np.flatnonzero(aligned)})
             .groupby(["doc_id", "align_id", "lang"], sort=False)["row"].agg(list).to_dict())
    keys = list(zip(doc_ids[rows], align_ids[rows]))
    entries = _glossary_entries(glossary)
    applies = [_applies(toks, sources, hits, query=query, options=options) for sources, _ in entries]
    for code in langs:
        members = [[] if pd.isna(a) else [r for r in units.get((d, a, code), []) if r != own_row]
                   for (d, a), own_row in zip(keys, rows)]
        hits[f"text_{code}"] = [" ".join(texts[m]) for m in members]
        if not entries:
            continue
        spans = [[] for _ in members]
        looked = np.zeros(len(members), dtype=bool)
        for (_, terms), mask in zip(entries, applies):
            if not terms.get(code):
                continue
            by_row: dict[int, list] = {}
            found = find(toks, terms[code], lang=code, warn=False)[["seg_row", "start", "end"]]
            for r, s, e in found.itertuples(index=False, name=None):  # plain tuples: no namedtuple class made
                by_row.setdefault(r, []).append((s, e))
            for i in np.flatnonzero(mask):
                if members[i]:
                    looked[i] = True
                    offset = 0
                    for r in members[i]:
                        spans[i] += [(offset + s, offset + e) for s, e in by_row.get(r, [])]
                        offset += len(texts[r]) + 1
        spans = [sorted(set(s)) for s in spans]
        hits[f"_spans_{code}"] = spans
        equiv = ["; ".join(dict.fromkeys(t[s:e] for s, e in sp)) if ok else pd.NA
                 for t, sp, ok in zip(hits[f"text_{code}"], spans, looked)]
        hits[f"equiv_{code}"] = pd.array(equiv, dtype="string")
    ordered = [f"text_{code}" for code in langs] + [c for c in hits.columns if c.startswith(("equiv_", "_spans_"))]
    hits = hits[[c for c in hits.columns if c not in ordered] + ordered]
    return hits, langs


def _applies(toks, sources, hits, *, query, options) -> np.ndarray:
    """Which hits a glossary entry applies to: those its source terms match (found with
    the concordance's options) or all when it has none or names the query."""
    if sources is None or (isinstance(query, str) and query in sources):
        return np.ones(len(hits), dtype=bool)
    langs = sorted(pd.unique(toks.corpus.column("lang")[hits["seg_row"]]))
    if not langs:
        return np.zeros(len(hits), dtype=bool)
    case, diacritics = options.get("case", False), options.get("diacritics", True)
    found = [find(toks, sources, lang=langs, case=case, diacritics=diacritics, warn=False)]
    plain = [t for t in sources if "*" not in t and "?" not in t]
    if options.get("chars") and diacritics and plain:  # inside words too, like the hits
        found.append(find(toks, plain, lang=langs, chars=True, case=case, warn=False))
    pairs = (hits[["seg_row", "start", "end"]].reset_index(drop=True).reset_index()
             .merge(pd.concat(found)[["seg_row", "start", "end"]], on="seg_row", suffixes=("", "_source")))
    overlap = (pairs["start"] < pairs["end_source"]) & (pairs["end"] > pairs["start_source"])
    out = np.zeros(len(hits), dtype=bool)
    out[pairs.loc[overlap, "index"].to_numpy(dtype=np.int64)] = True
    return out


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


def segment_arrays(toks) -> dict:
    """The segment columns a concordance table takes its rows from, made once per Tokens
    (so a query's table costs its hits, not the corpus's size): ``doc_id, lang`` (object
    arrays of the strings of a pandas ``str`` array), ``string_dtype`` (that array's dtype),
    ``seg_id`` (int64), ``align_id`` (Int64) and ``text`` (object array).

    >>> import discourse
    >>> arrays = segment_arrays(discourse.load_corpus().tokens())
    >>> arrays["doc_id"].take([0]).tolist(), str(arrays["align_id"].dtype)
    (['000_6faf780c4d1388a2'], 'Int64')
    """
    def arrays():
        column = toks.corpus.column
        strings = {col: pd.array(column(col), dtype="str") for col in ("doc_id", "lang")}
        out = {col: np.asarray(values, dtype=object) for col, values in strings.items()}
        out["string_dtype"] = strings["doc_id"].dtype
        out["seg_id"] = column("seg_id").astype(np.int64)
        out["align_id"] = pd.array(column("align_id"), dtype="Int64")
        out["text"] = column("text")
        return out

    return toks.memo(("kwic_segment_arrays",), arrays)


def context_bounds(toks, hits, window: int, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """Character offsets where each hit's left context starts and its right context ends
    (``hits``: a hit table, or a mapping of its columns to arrays)."""
    if len(hits["seg_row"]) <= 16:  # a rare word's few hits: quicker one by one than with two dozen numpy calls
        lo, hi = few_bounds(toks, [hits[c].tolist() for c in ("seg_row", "first", "last", "start", "end")],
                            window, unit)
        return np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64)
    row, first, last, start, end = (np.asarray(hits[c], dtype=np.int64) for c in ("seg_row", "first", "last", "start",
                                                                                  "end"))
    length = toks.segment_lengths().__getitem__  # length of the text of these segments

    if unit == "chars" or window == 0:
        return np.maximum(start - window, 0), np.minimum(end + window, length(row))
    bounds = toks.segment_bounds()
    left, right = first - window, last - 1 + window  # first and last token of the context
    n = max(len(toks) - 1, 0)
    # left may be below 0 and right past the last token (np.maximum, np.minimum: np.clip's wrapper costs as much again)
    lo = np.where(left >= bounds[row], toks.start[np.maximum(left, 0)], 0)
    # past the segment's last token, the context runs to the end of the segment
    hi = np.where(right < bounds[row + 1], toks.end[np.minimum(right, n)], length(row))
    return np.minimum(lo, start), np.maximum(hi, end)


def few_bounds(toks, columns, window: int, unit: str) -> tuple[list[int], list[int]]:
    """:func:`context_bounds` of a few hits (``columns``: lists of their ``seg_row, first,
    last, start, end``), the same bounds computed hit by hit in Python ints (lists).

    >>> import discourse
    >>> few_bounds(discourse.load_corpus().tokens(), ([12], [1157], [1158], [95], [98]), 3, "tokens")
    ([91], [102])
    """
    length, bound, token_start, token_end = (values.item for values in (toks.segment_lengths(), toks.segment_bounds(),
                                                                        toks.start, toks.end))
    lo, hi = [], []
    for r, first, last, start, end in zip(*columns):
        if unit == "chars" or window == 0:
            lo.append(max(start - window, 0))
            hi.append(min(end + window, length(r)))
            continue
        left, right = first - window, last - 1 + window  # first and last token of the context
        # a context token inside the segment (so a valid index: the segment holds the hit's tokens), else its edge
        lo.append(min(token_start(left), start) if left >= bound(r) else 0)
        hi.append(max(token_end(right), end) if right < bound(r + 1) else length(r))
    return lo, hi


def sort_levels(by) -> list[str]:
    """The sort levels of a ``by`` option (see :meth:`discourse.Concordance.sort`).

    >>> sort_levels("r1"), sort_levels(["L1", "position"])
    (['R1', 'R2', 'R3'], ['L1', 'position'])
    """
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


def neighbours(toks, hits: pd.DataFrame, side: str, k: int) -> list[str]:
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
