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

import numpy as np
import pandas as pd

from discourse.corpus import COUNTED_ROLES
from discourse.sentence_units import at_unit

from ._forms import form, form_codes, forms_by_group
from ._hits import find_hits, match_texts, warn_unmatched
from .lexicon import KINDS, load_lexicon

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
    toks = corpus.tokens()
    hits = find_hits(corpus, toks, lex, role=role, form=form)
    warn_unmatched(toks, lex, hits, warn=warn, stacklevel=3)
    return _hit_table(corpus, toks, lex, hits)


def _hit_table(corpus, toks, lex, hits) -> pd.DataFrame:
    """The hits of :func:`find_hits` as :func:`frame_hits` lists them."""
    rows = hits["seg_row"]
    if not len(rows):
        return pd.DataFrame(columns=HIT_COLUMNS)
    start, end, first = hits["start"], hits["end"], hits["first"]
    names, kinds = np.array(lex.names, dtype=object), np.array(KINDS, dtype=object)
    term_names = np.array([term for _, term in hits["groups"]], dtype=object)
    out = pd.DataFrame({
        "doc_id": corpus.column("doc_id")[rows], "lang": corpus.column("lang")[rows],
        "seg_id": corpus.column("seg_id")[rows], "align_id": pd.array(corpus.column("align_id")[rows], dtype="Int64"),
        "role": corpus.column("role")[rows], "frame": names[hits["frame"]], "kind": kinds[hits["kind"]],
        "term": term_names[hits["term"]], "match": match_texts(corpus.column("text"), rows, start, end),
        "start": start, "end": end, "position": first - toks.segment_bounds()[rows], "length": hits["last"] - first,
    })
    return out


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
    toks = corpus.tokens()
    hits = find_hits(corpus, toks, lex, role=_ROLES)
    warn_unmatched(toks, lex, hits, warn=None, stacklevel=2)
    plan = lex.plan()
    # the entry of each hit: its frame and its term (entries are distinct by frame, lang and term)
    n_keys = max(len(plan["keys"]), 1)
    key_index = {key: k for k, key in enumerate(plan["keys"])}
    key_of_group = np.array([key_index[g] for g in hits["groups"]], dtype=np.int64)
    entry_code = plan["entry_frame"] * n_keys + plan["entry_key"]
    by_code = np.argsort(entry_code, kind="stable")
    hit_code = hits["frame"] * n_keys + (key_of_group[hits["term"]] if len(hits["term"]) else hits["term"])
    hit_entry = by_code[np.searchsorted(entry_code[by_code], hit_code)]
    form_code, forms = form_codes(match_texts(corpus.column("text"), hits["seg_row"], hits["start"], hits["end"]))
    terms = lex.terms
    keep = terms["lang"].isin(corpus.langs).to_numpy()
    out = terms.loc[keep, ["frame", "lang", "term", "kind"]].reset_index(drop=True)
    if not len(out):  # (the column types a merge with no rows gave)
        out = out.astype(object)
    out["hits"] = np.bincount(hit_entry, minlength=len(terms)).astype("int64")[keep]
    joined = np.array(forms_by_group(hit_entry, form_code, forms, len(terms)), dtype=object)[keep]
    out["forms"] = joined if len(hit_entry) else pd.Series(joined, dtype=object)  # (no hits: as a merge gave)
    return out


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
    toks = corpus.tokens()
    hits = find_hits(corpus, toks, lex, role=_ROLES, form=form)
    warn_unmatched(toks, lex, hits, warn=None, stacklevel=2)
    plan, in_roles = lex.plan(), hits["rows_ok"]
    # versions (document x language) in the table's order: documents in corpus order, then languages
    doc_code, doc_names = pd.factorize(corpus.column("doc_id"))
    lang_names = sorted(set(pd.unique(corpus.column("lang")).tolist()))
    lang_code = pd.Index(lang_names).get_indexer(corpus.column("lang"))
    seg_version = doc_code.astype(np.int64) * len(lang_names) + lang_code
    version_keys, seg_v = np.unique(seg_version[in_roles], return_inverse=True)
    version = np.full(len(corpus), -1, dtype=np.int64)
    version[in_roles] = seg_v.reshape(-1)
    n_versions = len(version_keys)
    align_code = pd.factorize(corpus.column("align_id"))[0].astype(np.int64)  # -1: no align_id
    width = int(align_code.max()) + 2 if len(align_code) else 1
    has_unit = in_roles & (align_code >= 0)
    units = np.bincount(np.unique(version[has_unit] * width + align_code[has_unit]) // width, minlength=n_versions)
    words = toks.mask(punct=False) & in_roles[toks.seg_row]
    tokens = np.bincount(version[toks.seg_row[words]], minlength=n_versions)
    # the grid: every version x every frame with terms in its language, in the lexicon's order
    v_lang = [lang_names[k] for k in (version_keys % max(len(lang_names), 1)).tolist()]
    cell_frames = [plan["frames_of"].get(lang, []) for lang in v_lang]
    per_version = np.array([len(fs) for fs in cell_frames], dtype=np.int64)
    cell_version = np.repeat(np.arange(n_versions), per_version)
    cell_frame = np.array([f for fs in cell_frames for f in fs], dtype=np.int64)
    n_frames = max(len(plan["names"]), 1)
    cell_key = cell_version * n_frames + cell_frame
    hit_cell = np.searchsorted(cell_key, version[hits["seg_row"]] * n_frames + hits["frame"])
    literal = hits["kind"] == KINDS.index("literal")
    n_cells = len(cell_key)
    form_code, forms = form_codes(match_texts(corpus.column("text"), hits["seg_row"], hits["start"], hits["end"]))
    lit_cell, neu_cell = hit_cell[literal], hit_cell[~literal]
    hit_unit = align_code[hits["seg_row"]][literal]
    with_unit = np.unique(lit_cell[hit_unit >= 0] * width + hit_unit[hit_unit >= 0]) // width
    n_hits = np.bincount(lit_cell, minlength=n_cells).astype(np.int64)
    cell_tokens = tokens[cell_version].astype(np.int64)
    cell_units = units[cell_version].astype(np.int64)
    units_with = np.bincount(with_unit, minlength=n_cells).astype(np.int64)
    out = pd.DataFrame({
        "doc_id": np.asarray(doc_names, dtype=object)[version_keys[cell_version] // max(len(lang_names), 1)],
        "lang": np.array(v_lang, dtype=object)[cell_version] if n_cells else np.zeros(0, dtype=object),
        "frame": np.array(plan["names"], dtype=object)[cell_frame] if n_cells else np.zeros(0, dtype=object),
        "hits": n_hits, "tokens": cell_tokens,
        "per_1k": 1000 * n_hits / np.where(cell_tokens > 0, cell_tokens, np.nan),
        "units": cell_units, "units_with_frame": units_with,
        "unit_share": units_with / np.where(cell_units > 0, cell_units, np.nan),
        "terms": _texts(forms_by_group(lit_cell, form_code[literal], forms, n_cells, counted=True)),
        "neutral_hits": np.bincount(neu_cell, minlength=n_cells).astype(np.int64),
        "neutral_terms": _texts(forms_by_group(neu_cell, form_code[~literal], forms, n_cells, counted=True)),
    }, columns=PROFILE_COLUMNS)
    out.attrs["frames"] = lex.names  # the lexicon's order, for summaries and plots
    return out


def _texts(values: list[str]) -> pd.Series:
    """A column of texts, typed as pandas types a list of texts (also when empty)."""
    return pd.Series(values) if values else pd.Series([], dtype=object).astype(str)


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
