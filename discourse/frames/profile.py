"""Frame terms in a corpus: :func:`frame_hits` (every occurrence), :func:`lexicon_coverage`
(what each term matches) and :func:`frame_profile` (how present each frame is in each
document's language versions).

Only ``title`` and ``body`` segments are counted (:data:`discourse.corpus.COUNTED_ROLES`).

>>> import discourse
>>> hits = frame_hits(discourse.load_corpus())
>>> list(hits.columns) == HIT_COLUMNS
True
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd

from discourse.corpus import COUNTED_ROLES
from discourse.errors import DiscourseWarning
from discourse.languages.lemmas import check_form
from discourse.lemma_tokens import union_hits, with_form
from discourse.query import unmatched
from discourse.sentence_units import at_unit

from ._forms import form, group_forms
from ._match import match_terms
from .lexicon import BUNDLED_LEXICONS, KINDS, load_lexicon

__all__ = ["HIT_COLUMNS", "PROFILE_COLUMNS", "frame_hits", "frame_order", "frame_profile", "lexicon_coverage",
           "match_forms"]

HIT_COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "role", "frame", "kind", "term", "match",
               "start", "end", "position", "length"]
PROFILE_COLUMNS = ["doc_id", "lang", "frame", "hits", "tokens", "per_1k", "units", "units_with_frame",
                   "unit_share", "terms", "neutral_hits", "neutral_terms"]
_ROLES = COUNTED_ROLES  # frame profiles and shifts count titles and body text, not meta lines


def frame_hits(corpus, lexicon=None, *, role=_ROLES, warn: bool | None = None, form: str = "norm") -> pd.DataFrame:
    """Every occurrence of a frame term in the corpus.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
        Anything :func:`load_lexicon` takes; the bundled poverty-alleviation lexicon by
        default.
    role : str or tuple of str
        Segment roles searched (default: titles and body paragraphs, not meta lines).
    warn : bool, optional
        Warn about terms that cannot match (below). Default: about your own terms, not
        those of the bundled lexicons (also when your lexicon took them from one);
        ``warn=True`` checks every term.
    form : {"norm", "lemma"}
        Match the terms' words as normalised forms (default) or also by lemma, so
        « responsabilité » finds « responsabilités » (fr, en; :mod:`discourse.lemma_tokens`);
        a wildcard (``ciblé*``) still matches the written forms.

    Returns
    -------
    DataFrame
        One row per hit, in corpus order: ``doc_id, lang, seg_id, align_id, role, frame,
        kind, term`` (the lexicon entry), ``match`` (the text found), ``start, end``
        (character offsets in the segment's text), ``position`` (index of the first
        token in the segment) and ``length`` (tokens). Overlapping hits of one frame are
        reduced to the leftmost-longest.

    Warns
    -----
    DiscourseWarning
        For a term that occurs in the text but cannot match there: the tokenizer keeps
        it inside longer words (印度 in 印度尼西亚) or cuts it otherwise (see
        :func:`discourse.query.unmatched`). The warning names the term and the fix: a
        user dictionary, ``load_corpus(…, user_dict={"zh": ["防汛抗洪"]})``, if the term
        is a word there; a wildcard (``*印度*``) if it should match inside words.

    Examples
    --------
    >>> import discourse
    >>> hits = frame_hits(discourse.load_corpus())
    >>> sorted(set(hits.query("frame == 'battle' and lang == 'fr'")["match"]))
    ['acte d’engagement', 'bataille', 'lutte', 'élimination de la pauvreté']
    """
    lex = load_lexicon(lexicon)
    skip = _bundled_terms() if warn is None else frozenset()
    toks = corpus.tokens()
    roles = [role] if isinstance(role, str) else list(role)
    rows_ok = corpus.mask(role=roles)
    terms = lex.terms
    present = set(toks.lang_rows())
    groups = pd.unique(pd.Series(list(zip(terms["lang"], terms["term"])), dtype=object))
    groups = [key for key in groups if key[0] in present]  # (lang, term) in the lexicon's order
    found = match_terms(toks, groups)
    if check_form(form) == "lemma":  # by lemma, and a wildcard on the written forms too
        found = union_hits(found, match_terms(with_form(toks, "lemma"), groups))
    if warn is not False:
        frames_of: dict[tuple[str, str], list[str]] = {}
        for lang, term, frame in zip(terms["lang"], terms["term"], terms["frame"]):
            frames_of.setdefault((lang, term), []).append(frame)
        bounds = np.searchsorted(found["term"], np.arange(len(groups) + 1))
        for g, (lang, term) in enumerate(groups):
            if (lang, term) in skip:
                continue
            own = {col: found[col][bounds[g]:bounds[g + 1]] for col in ("seg_row", "start", "end")}
            problem = unmatched(toks, term, lang, hits=own, what=f"lexicon term (frame {', '.join(frames_of[(lang, term)])})")
            if problem:
                warnings.warn(problem["message"], DiscourseWarning, stacklevel=2)
    return _hit_table(corpus, toks, lex, groups, found, rows_ok)


def _hit_table(corpus, toks, lex, groups, found, rows_ok) -> pd.DataFrame:
    """The hits of :func:`match_terms` as :func:`frame_hits` gives them: one row per
    lexicon entry of the term, overlaps of one frame reduced to the leftmost-longest."""
    keep = rows_ok[found["seg_row"]]
    found = {col: values[keep] for col, values in found.items()}
    frame_rank = {f: i for i, f in enumerate(lex.names)}
    terms = lex.terms
    entry_group = pd.Series(list(zip(terms["lang"], terms["term"])), dtype=object).map(
        {key: g for g, key in enumerate(groups)})
    entries = pd.DataFrame({"group": entry_group, "frame": terms["frame"].map(frame_rank),
                            "kind": terms["kind"].map({k: i for i, k in enumerate(KINDS)})}).dropna()
    entries = entries.astype("int64").sort_values("group", kind="stable")  # the lexicon's order in a group
    per_group = np.bincount(entries["group"].to_numpy(), minlength=len(groups))
    entry_start = np.r_[0, np.cumsum(per_group)[:-1]] if len(groups) else np.zeros(0, dtype=np.int64)
    # one row per (hit, entry of its term): hits of a term in corpus order, its entries in order
    hit_group = found["term"]
    n_entries = per_group[hit_group] if len(hit_group) else np.zeros(0, dtype=np.int64)
    hit = np.repeat(np.arange(len(hit_group)), n_entries)
    entry = np.repeat(entry_start[hit_group], n_entries) + (
        np.arange(len(hit)) - np.repeat(np.cumsum(n_entries) - n_entries, n_entries))
    frame = entries["frame"].to_numpy()[entry]
    kind = entries["kind"].to_numpy()[entry]
    row, first, last = found["seg_row"][hit], found["first"][hit], found["last"][hit]
    # the entries' rows in the order of a search term by term (group, entry, hit) break ties
    concat = np.lexsort((hit, entry))
    rank = np.empty_like(concat)
    rank[concat] = np.arange(len(concat))
    order = np.lexsort((rank, kind, -last, first, row, frame))
    kept = order[_leftmost_longest(frame[order], row[order], first[order], last[order])]
    kept = kept[np.lexsort((frame[kept], first[kept], row[kept]))]
    if not len(kept):
        return pd.DataFrame(columns=HIT_COLUMNS)
    hit, frame, kind = hit[kept], frame[kept], kind[kept]
    rows, first, last = row[kept], first[kept], last[kept]
    start, end = found["start"][hit], found["end"][hit]
    texts = corpus.column("text").tolist()
    names, kinds = np.array(lex.names, dtype=object), np.array(KINDS, dtype=object)
    term_names = np.array([term for _, term in groups], dtype=object)
    out = pd.DataFrame({
        "doc_id": corpus.column("doc_id")[rows], "lang": corpus.column("lang")[rows],
        "seg_id": corpus.column("seg_id")[rows], "align_id": pd.array(corpus.column("align_id")[rows], dtype="Int64"),
        "role": corpus.column("role")[rows], "frame": names[frame], "kind": kinds[kind],
        "term": term_names[found["term"][hit]] if len(hit) else np.zeros(0, dtype=object),
        "match": [texts[r][s:e] for r, s, e in zip(rows.tolist(), start.tolist(), end.tolist())],
        "start": start, "end": end, "position": first - toks.segment_bounds()[rows], "length": last - first,
    })
    return out.reset_index(drop=True)


def _leftmost_longest(frame, row, first, last) -> np.ndarray:
    """Which hits (sorted by frame, segment, first, longest) a left-to-right scan keeps:
    a hit that starts before the end of the last kept one of its frame and segment is
    dropped. Hits that start after every earlier one ended are kept at once; only the
    groups with an overlap are scanned."""
    n = len(frame)
    keep = np.ones(n, dtype=bool)
    if n < 2:
        return keep
    new_group = np.r_[True, (frame[1:] != frame[:-1]) | (row[1:] != row[:-1])]
    group = np.cumsum(new_group) - 1
    span = int(last.max()) + 1
    running = np.maximum.accumulate(group * span + last)  # the largest end so far, per group
    before = np.r_[-1, running[:-1]] - group * span
    clash = ~new_group & (first < before)
    if not clash.any():
        return keep
    bounds = np.r_[np.flatnonzero(new_group), n]
    for g in np.unique(group[clash]).tolist():
        lo, hi = int(bounds[g]), int(bounds[g + 1])
        end = -1
        for i, (a, b) in enumerate(zip(first[lo:hi].tolist(), last[lo:hi].tolist()), start=lo):
            if a >= end:
                end = b
            else:
                keep[i] = False
    return keep


@functools.cache
def _bundled_terms() -> frozenset:
    """``(lang, term)`` of every bundled lexicon: :func:`frame_hits` does not warn about them
    by default (their known misses are the curators' choice; ``warn=True`` lists them)."""
    return frozenset((lang, term) for name in BUNDLED_LEXICONS
                     for lang, term in load_lexicon(name).terms[["lang", "term"]].itertuples(index=False))


def lexicon_coverage(corpus, lexicon=None) -> pd.DataFrame:
    """Which lexicon terms match in the corpus, and as what: check a lexicon on your texts.

    Returns one row per term of the lexicon's languages present in the corpus:
    ``frame, lang, term, kind, hits, forms`` (the distinct texts matched). A term with
    no hits may be absent from the texts, or written so that it does not match our
    tokens (e.g. a Chinese phrase jieba cuts differently: write its words apart,
    ``党 的 领导``, or use a wildcard, ``*攻坚*``).

    >>> import discourse
    >>> cov = lexicon_coverage(discourse.load_corpus())
    >>> cov.query("term == '*攻坚*'")[["hits", "forms"]].values.tolist()
    [[14, '脱贫攻坚战; 脱贫攻坚; 攻坚']]
    """
    lex = load_lexicon(lexicon)
    hits = frame_hits(corpus, lex)
    keys = ["frame", "lang", "term", "kind"]
    found = hits.groupby(keys, sort=False).agg(hits=("match", "size"),
                                               forms=("match", lambda m: "; ".join(match_forms(m))))
    terms = lex.terms
    terms = terms[terms["lang"].isin(corpus.langs)][keys]
    out = terms.merge(found.reset_index(), on=keys, how="left")
    out["hits"] = out["hits"].fillna(0).astype("int64")
    out["forms"] = out["forms"].fillna("")
    return out.reset_index(drop=True)


def match_forms(matches) -> list[str]:
    """Distinct matched forms (NFC, lowercase, single spaces), in order of first occurrence.

    >>> match_forms(["Lutte", "lutte", "acte  d’engagement"])
    ['lutte', 'acte d’engagement']
    """
    return list(dict.fromkeys(map(form, matches)))


def frame_profile(corpus, lexicon=None, *, unit: str = "paragraph", form: str = "norm") -> pd.DataFrame:
    """How present each frame is in each document's language versions.

    For each document × language × frame of the lexicon that has terms in that
    language (a frame without terms in a language is not measured there, so it gets no
    row):

    * ``hits`` — literal hits (:func:`frame_hits`; neutral renderings are counted apart,
      in ``neutral_hits``, since they carry the meaning without the frame);
    * ``tokens`` — word tokens of the version (titles and body; punctuation left out);
    * ``per_1k`` — ``1000 * hits / tokens``;
    * ``units`` — aligned units (``align_id``) the version has;
    * ``units_with_frame`` — those with at least one literal hit;
    * ``unit_share`` — ``units_with_frame / units``;
    * ``terms`` / ``neutral_terms`` — the forms found, ``"form (count); …"``.

    ``per_1k`` is **not comparable across languages**: a zh token (jieba word), a vi
    token (a multi-syllable word) and a fr token are different units, and a translation
    uses more or fewer of them for the same content. Compare languages with
    ``unit_share``; compare documents of one language with either.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
        Anything :func:`load_lexicon` takes (bundled poverty-alleviation lexicon by
        default).
    unit : {"paragraph", "sentence"}
        The aligned unit of ``units`` and ``unit_share``: paragraphs (the segments, by
        default) or sentence units (``corpus.to_sentences()``); hits and tokens do not
        depend on it.
    form : {"norm", "lemma"}
        How terms match (:func:`frame_hits`): ``"lemma"`` counts « responsabilités » with
        « responsabilité ».

    Returns
    -------
    DataFrame
        ``doc_id, lang, frame, hits, tokens, per_1k, units, units_with_frame,
        unit_share, terms, neutral_hits, neutral_terms``.

    Examples
    --------
    >>> import discourse
    >>> p = frame_profile(discourse.load_corpus())
    >>> p.query("frame == 'battle'")[["lang", "hits", "units", "units_with_frame"]].values.tolist()
    [['vi', 12, 3, 1], ['zh', 9, 3, 1], ['fr', 2, 2, 1], ['zh', 9, 3, 3]]
    """
    lex = load_lexicon(lexicon)
    corpus = at_unit(corpus, unit)
    hits = frame_hits(corpus, lex, form=form)
    toks = corpus.tokens()
    in_roles = corpus.mask(role=list(_ROLES))
    words = toks.mask(punct=False) & in_roles[toks.seg_row]
    keys = ["doc_id", "lang"]
    doc_ids, langs = corpus.column("doc_id"), corpus.column("lang")
    versions = pd.DataFrame({"doc_id": doc_ids[in_roles], "lang": langs[in_roles],
                             "align_id": corpus.column("align_id")[in_roles]})
    versions = versions.groupby(keys, sort=False).agg(units=("align_id", "nunique")).reset_index()
    counts = pd.DataFrame({"doc_id": doc_ids[toks.seg_row[words]], "lang": langs[toks.seg_row[words]]})
    versions = versions.merge(counts.groupby(keys, sort=False).size().rename("tokens").reset_index(),
                              on=keys, how="left")
    covered = lex.terms[["lang", "frame"]].drop_duplicates()
    grid = versions.merge(covered, on="lang")
    order = {f: i for i, f in enumerate(lex.names)}
    doc_order = {d: i for i, d in enumerate(corpus.doc_ids)}
    grid = grid.assign(_d=grid["doc_id"].map(doc_order), _f=grid["frame"].map(order))
    grid = grid.sort_values(["_d", "lang", "_f"], kind="stable")
    k3 = ["doc_id", "lang", "frame"]
    lit, neu = hits[hits["kind"] == "literal"], hits[hits["kind"] == "neutral"]
    agg = group_forms(lit, k3, counted=True, units="align_id").rename(
        columns={"units": "units_with_frame", "forms": "terms"})
    nagg = group_forms(neu, k3, counted=True).rename(columns={"hits": "neutral_hits", "forms": "neutral_terms"})
    out = grid.merge(agg, on=k3, how="left").merge(nagg, on=k3, how="left")
    for col in ("hits", "units_with_frame", "neutral_hits", "tokens"):
        out[col] = out[col].fillna(0).astype("int64")
    for col in ("terms", "neutral_terms"):
        out[col] = out[col].fillna("")
    out["per_1k"] = 1000 * out["hits"] / out["tokens"].where(out["tokens"] > 0)
    out["unit_share"] = out["units_with_frame"] / out["units"].where(out["units"] > 0)
    out = out[PROFILE_COLUMNS].reset_index(drop=True)
    out.attrs["frames"] = lex.names  # the lexicon's order, for summaries and plots
    return out



def frame_order(table: pd.DataFrame) -> list[str]:
    """Frames of a profile or shifts table in the lexicon's order (kept in ``attrs`` by
    :func:`frame_profile` and :func:`discourse.frames.translation_shifts`), else in order
    of appearance.

    >>> import discourse
    >>> frame_order(frame_profile(discourse.load_corpus()))[:2]
    ['battle', 'responsibility']
    """
    present = list(pd.unique(table["frame"]))
    known = [f for f in table.attrs.get("frames", []) if f in present]
    return known + [f for f in present if f not in known]
