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
import unicodedata
import warnings

import pandas as pd

from discourse.corpus import COUNTED_ROLES
from discourse.errors import DiscourseWarning
from discourse.query import find, unmatched
from discourse.sentence_units import at_unit

from .lexicon import BUNDLED_LEXICONS, KINDS, load_lexicon

__all__ = ["HIT_COLUMNS", "PROFILE_COLUMNS", "frame_hits", "frame_order", "frame_profile", "lexicon_coverage",
           "match_forms"]

HIT_COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "role", "frame", "kind", "term", "match",
               "start", "end", "position", "length"]
PROFILE_COLUMNS = ["doc_id", "lang", "frame", "hits", "tokens", "per_1k", "units", "units_with_frame",
                   "unit_share", "terms", "neutral_hits", "neutral_terms"]
_ROLES = COUNTED_ROLES  # frame profiles and shifts count titles and body text, not meta lines


def frame_hits(corpus, lexicon=None, *, role=_ROLES, warn: bool | None = None) -> pd.DataFrame:
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
    parts = []
    for (lang, term), entries in lex.terms.groupby(["lang", "term"], sort=False):
        if lang not in corpus.langs:
            continue
        found = find(toks, term, lang=lang, warn=False)
        problem = unmatched(toks, term, lang, hits=found, what=f"lexicon term (frame {', '.join(entries['frame'])})") \
            if warn is not False and (lang, term) not in skip else None
        if problem:
            warnings.warn(problem["message"], DiscourseWarning, stacklevel=2)
        found = found[rows_ok[found["seg_row"].to_numpy()]]
        if len(found):
            for entry in entries.itertuples(index=False):
                parts.append(found.assign(frame=entry.frame, kind=entry.kind, term=term))
    if not parts:
        return pd.DataFrame(columns=HIT_COLUMNS)
    hits = pd.concat(parts, ignore_index=True)
    hits["_kind"] = hits["kind"].map({k: i for i, k in enumerate(KINDS)})
    hits = hits.sort_values(["frame", "seg_row", "first", "last", "_kind"], ascending=[True, True, True, False, True])
    keep, last_end = [], {}
    for i, frame, row, first, last in zip(hits.index, hits["frame"], hits["seg_row"], hits["first"], hits["last"]):
        if first >= last_end.get((frame, row), -1):  # leftmost-longest, per frame and segment
            keep.append(i)
            last_end[(frame, row)] = last
    hits = hits.loc[keep]
    order = {f: i for i, f in enumerate(lex.names)}
    hits = hits.assign(_frame=hits["frame"].map(order)).sort_values(["seg_row", "first", "_frame"])
    rows = hits["seg_row"].to_numpy()
    texts = corpus.column("text")
    bounds = toks.segment_bounds()
    out = pd.DataFrame({
        "doc_id": corpus.column("doc_id")[rows], "lang": corpus.column("lang")[rows],
        "seg_id": corpus.column("seg_id")[rows], "align_id": pd.array(corpus.column("align_id")[rows], dtype="Int64"),
        "role": corpus.column("role")[rows], "frame": hits["frame"].to_numpy(), "kind": hits["kind"].to_numpy(),
        "term": hits["term"].to_numpy(),
        "match": [texts[r][s:e] for r, s, e in zip(rows, hits["start"], hits["end"])],
        "start": hits["start"].to_numpy(), "end": hits["end"].to_numpy(),
        "position": hits["first"].to_numpy() - bounds[rows], "length": (hits["last"] - hits["first"]).to_numpy(),
    })
    return out.reset_index(drop=True)


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


def _form(match: str) -> str:
    """A matched text as listed: NFC, lowercase, single spaces."""
    return unicodedata.normalize("NFC", " ".join(match.lower().split()))


def match_forms(matches) -> list[str]:
    """Distinct matched forms (NFC, lowercase, single spaces), in order of first occurrence.

    >>> match_forms(["Lutte", "lutte", "acte  d’engagement"])
    ['lutte', 'acte d’engagement']
    """
    return list(dict.fromkeys(map(_form, matches)))


def _counted(matches) -> str:
    """``"脱贫攻坚 (6); 打赢 (2)"``: forms by frequency, then first occurrence."""
    forms = pd.Series([_form(m) for m in matches], dtype=object)
    if forms.empty:
        return ""
    counts = forms.value_counts(sort=False).sort_values(ascending=False, kind="stable")
    return "; ".join(f"{form} ({n})" for form, n in counts.items())


def frame_profile(corpus, lexicon=None, *, unit: str = "paragraph") -> pd.DataFrame:
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
    hits = frame_hits(corpus, lex)
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
    agg = lit.groupby(k3).agg(hits=("match", "size"), units_with_frame=("align_id", "nunique"),
                              terms=("match", _counted))
    nagg = neu.groupby(k3).agg(neutral_hits=("match", "size"), neutral_terms=("match", _counted))
    out = grid.merge(agg.reset_index(), on=k3, how="left").merge(nagg.reset_index(), on=k3, how="left")
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
