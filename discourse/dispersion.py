"""Dispersion of a term across the parts of a corpus.

:func:`dispersions` counts terms per corpus part (documents, segments or a metadata
column) and :func:`dispersion_table` measures them; :func:`positions` gives the data of a
dispersion plot. The measures — Juilland's D and Gries' DP / DPnorm — with their formulas,
references and worked examples are in :mod:`discourse.stats.dispersion`, and stay
importable from here (``discourse.dispersion.juilland_d``).

References
----------
Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International
Journal of Corpus Linguistics* 13(4), 403–437.

Juilland, A. & Chang-Rodríguez, E. (1964). *Frequency Dictionary of Spanish Words*. The
Hague: Mouton.

Lijffijt, J. & Gries, S. Th. (2012). Correction to Stefan Th. Gries' "Dispersions and
adjusted frequencies in corpora". *International Journal of Corpus Linguistics* 17(1),
147–149.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.errors import InputError
from discourse import counting
from discourse.query import find
from discourse.stats.dispersion import DPResult, gries_dp, juilland_d
from discourse.stats.tables import UNSET, renamed
from discourse.token_options import stoplist_option

__all__ = ["juilland_d", "gries_dp", "DPResult", "dispersion_table", "positions", "dispersions"]


def dispersion_table(counts_by_part, part_sizes):
    """Dispersion measures for every term of a term × part count table.

    Parameters
    ----------
    counts_by_part : pandas.DataFrame
        Rows = terms (the index), columns = corpus parts, values = counts.
    part_sizes : pandas.Series or array_like
        Size of each part in tokens (or proportions). A Series is aligned to
        the columns by label; anything else must be in column order.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, count, parts_with_term, juilland_d, dp, dp_norm``,
        one row per term in the input order: ``count`` is the total
        frequency, ``parts_with_term`` the range (number of parts where the
        count is > 0), ``juilland_d`` is size-corrected (:func:`juilland_d`
        with ``sizes``), ``dp``/``dp_norm`` from :func:`gries_dp`.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"p1": [1, 0], "p2": [2, 0], "p3": [3, 9],
    ...                        "p4": [4, 0], "p5": [5, 0]}, index=["even", "lumpy"])
    >>> table = dispersion_table(counts, [.18, .2, .2, .2, .22])
    >>> print(table.round(4).to_string(index=False))
     term  count  parts_with_term  juilland_d   dp  dp_norm
     even     15                5      0.7852 0.18   0.2195
    lumpy      9                1      0.0000 0.80   0.9756
    """
    if not isinstance(counts_by_part, pd.DataFrame):
        raise InputError("counts_by_part must be a pandas DataFrame "
                         "(rows = terms, columns = parts)")
    if isinstance(part_sizes, pd.Series):
        missing = [col for col in counts_by_part.columns if col not in part_sizes.index]
        if missing:
            raise InputError(f"part_sizes has no size for the part(s) {missing[:5]}")
        part_sizes = part_sizes.reindex(counts_by_part.columns)
    try:
        v = counts_by_part.to_numpy(dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"counts_by_part must hold numeric counts ({exc})") from None
    if v.shape[1] == 0:
        raise InputError("counts_by_part has no columns (corpus parts)")
    dp = gries_dp(v, part_sizes)
    return pd.DataFrame({
        "term": counts_by_part.index.to_numpy(),
        "count": counts_by_part.sum(axis=1).to_numpy(),
        "parts_with_term": (v > 0).sum(axis=1),
        "juilland_d": juilland_d(v, sizes=part_sizes),
        "dp": dp.dp,
        "dp_norm": dp.dp_norm,
    })


# ---------------------------------------------------------------------------
# Dispersion in a corpus
# ---------------------------------------------------------------------------

#: Columns of the table returned by :func:`positions`.
POSITION_COLUMNS = ("term", "lang", "doc_id", "seg_id", "start", "end", "match", "doc_offset",
                    "doc_tokens", "doc_position", "corpus_offset", "corpus_tokens", "corpus_position")


def _as_terms(terms):
    terms = [terms] if isinstance(terms, str) else list(terms)
    if not terms:
        raise InputError("give at least one term")
    return terms


def positions(corpus, terms, *, lang=None, chars=False, regex=False, punct=False, role=None):
    """Where each occurrence of a term is, through each text: the data of a dispersion plot.

    Each term is found with :func:`discourse.find` (a word, a phrase such as
    ``"trách nhiệm"``, a wildcard pattern, a regular expression with ``regex=True``, or
    raw characters with ``chars=True``). Offsets count tokens of the hit's language
    without punctuation (unless ``punct=True``), as :func:`discourse.frequencies` does.

    Parameters
    ----------
    corpus : Corpus or Tokens
    terms : str or list of str
        Each term is located separately.
    lang : str or list of str, optional
        Search only these languages.
    chars, regex :
        As in :func:`discourse.find`.
    punct : bool
        Count punctuation tokens in the offsets.
    role : str or list of str, optional
        Segment roles searched and counted in the offsets (default: titles and body
        text, not the ``meta`` header lines; as in :func:`discourse.frequencies`).

    Returns
    -------
    pandas.DataFrame
        One row per occurrence, in corpus order within each term: ``term`` (as given),
        ``lang, doc_id, seg_id``, ``start, end`` (character offsets in the segment's
        text), ``match`` (the text found), ``doc_offset`` (tokens of the document's
        version before the hit), ``doc_tokens``, ``doc_position = doc_offset /
        doc_tokens`` (0 = start, 1 = end), and the same over all the corpus's text in
        that language, documents in corpus order: ``corpus_offset, corpus_tokens,
        corpus_position``.

    Examples
    --------
    >>> import discourse
    >>> pos = positions(discourse.load_corpus(), "trách nhiệm")
    >>> len(pos), pos["lang"].unique().tolist(), bool(pos["corpus_position"].between(0, 1).all())
    (11, ['vi'], True)
    """
    toks = counting.tokens_of(corpus)
    terms = _as_terms(terms)
    column = toks.corpus.column
    seg_mask = counting.lang_mask(toks.corpus, lang, role=role)
    kept = toks.mask(punct=punct) & seg_mask[toks.seg_row]
    index = np.flatnonzero(kept)
    doc_group, _ = counting.groups(toks.corpus, "doc_id", seg_mask)
    langs = column("lang")[toks.seg_row[index]]
    groups = doc_group[toks.seg_row[index]]
    frame = pd.DataFrame({"lang": langs, "group": groups})
    corpus_offset = frame.groupby("lang", sort=False).cumcount().to_numpy()
    corpus_tokens = frame.groupby("lang", sort=False)["lang"].transform("size").to_numpy()
    doc_offset = frame.groupby("group", sort=False).cumcount().to_numpy()
    doc_tokens = frame.groupby("group", sort=False)["group"].transform("size").to_numpy()
    texts, doc_ids, seg_ids = column("text"), column("doc_id"), column("seg_id")
    parts = []
    for term in terms:
        hits = find(toks, term, lang=lang, chars=chars, regex=regex)
        hits = hits[seg_mask[hits["seg_row"].to_numpy()]]
        k = np.minimum(np.searchsorted(index, hits["first"].to_numpy()), max(len(index) - 1, 0))
        rows = hits["seg_row"].to_numpy()
        part = pd.DataFrame({
            "term": term,
            "lang": langs[k] if len(index) else [],
            "doc_id": doc_ids[rows],
            "seg_id": seg_ids[rows],
            "start": hits["start"].to_numpy(),
            "end": hits["end"].to_numpy(),
            "match": [texts[r][a:b] for r, a, b in zip(rows, hits["start"], hits["end"])],
            "doc_offset": doc_offset[k] if len(index) else [],
            "doc_tokens": doc_tokens[k] if len(index) else [],
            "corpus_offset": corpus_offset[k] if len(index) else [],
            "corpus_tokens": corpus_tokens[k] if len(index) else [],
        })
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    for col in ("seg_id", "start", "end", "doc_offset", "doc_tokens", "corpus_offset", "corpus_tokens"):
        table[col] = table[col].astype(np.int64)
    table["doc_position"] = table["doc_offset"] / table["doc_tokens"]
    table["corpus_position"] = table["corpus_offset"] / table["corpus_tokens"]
    return table[list(POSITION_COLUMNS)]


def dispersions(corpus, terms=None, *, lang=None, by="doc_id", top=20, chars=False,
                regex=False, punct=False, stopwords=None, role=None, parts=UNSET):
    """Juilland's D and Gries' DP / DPnorm of terms over the parts of a corpus, per language.

    Parameters
    ----------
    corpus : Corpus or Tokens
    terms : str or list of str, optional
        Terms to measure, each found with :func:`discourse.find` (so phrases, wildcards,
        ``regex`` and ``chars`` work). Default: the ``top`` most frequent terms of each
        language (as listed by :func:`discourse.frequencies` with ``punct`` and
        ``stopwords``).
    lang : str or list of str, optional
        Only these languages. Without it, a language where a given term does not occur
        is left out of the table (unless the term occurs nowhere).
    by : str or list of str
        What a corpus part is: ``"doc_id"`` (default: each document's version in the
        language), ``"segment"`` (each paragraph), or any segment or document metadata
        column (``"year"``).
    top : int
        How many terms per language when ``terms`` is not given.
    chars, regex :
        As in :func:`discourse.find`.
    punct : bool
        As in :func:`discourse.frequencies`; part sizes are token counts without
        punctuation unless ``punct=True``.
    stopwords : None, False or mapping
        The stoplist whose words are not among the ``top`` terms chosen when ``terms``
        is not given (as in :func:`discourse.frequencies`: by default the package's
        function words; ``False`` none). Part sizes include stopwords.
    role : str or list of str, optional
        Segment roles counted (default: titles and body text, not the ``meta`` header
        lines; as in :func:`discourse.frequencies`).
    parts : str or list of str
        The former name of ``by`` (accepted with a :class:`FutureWarning`).

    Returns
    -------
    pandas.DataFrame
        ``lang, term, count, parts, parts_with_term, juilland_d, dp, dp_norm``: ``parts``
        is the number of parts of the language (those with at least one token);
        ``juilland_d`` is size-corrected, ``dp``/``dp_norm`` are Gries (2008) and
        Lijffijt & Gries (2012) — see :func:`juilland_d`, :func:`gries_dp` and
        :func:`dispersion_table`. Measures are NaN for a term that does not occur, and
        D and DPnorm for a language with one part. ``attrs["stopwords"]``: the stoplist
        that chose the terms (``"not applied"`` when ``terms`` are given).

    Examples
    --------
    >>> import discourse
    >>> table = dispersions(discourse.load_corpus(), ["脱贫攻坚", "精准扶贫"], lang="zh")
    >>> print(table[["term", "count", "parts", "parts_with_term"]].to_string(index=False))
    term  count  parts  parts_with_term
    脱贫攻坚     10      2                2
    精准扶贫      4      2                1
    """
    by = renamed(by, parts, new_name="by", old_name="parts", function="dispersions", default="doc_id")
    stopwords = stoplist_option(stopwords)
    toks = counting.tokens_of(corpus)
    if by == "segment":
        by = ["doc_id", "seg_id"]
    else:
        by = [c for c in ([by] if isinstance(by, str) else list(by)) if c != "lang"]
    if not by:
        raise InputError("by must name what a corpus part is: 'doc_id', 'segment' or a metadata column")
    seg_mask = counting.lang_mask(toks.corpus, lang, role=role)
    codes, labels = counting.groups(toks.corpus, by, seg_mask)
    units = counting.units(toks, n=1, punct=punct, stopwords=False, seg_mask=seg_mask)
    sizes = np.bincount(codes[toks.seg_row[units.start]], minlength=len(labels))
    if terms is None:
        counting.check_top(top)
        table, _ = counting.count_table(toks, by=by, seg_mask=seg_mask, punct=punct, stopwords=stopwords)
        overall = table.groupby(["lang", "term"], sort=False)["count"].sum().reset_index()
        overall = overall.sort_values(["lang", "count", "term"], ascending=[True, False, True], kind="mergesort")
        chosen = overall.groupby("lang", sort=False).head(top)
        table = table.merge(chosen[["lang", "term"]], on=["lang", "term"])
        counts = {(row.lang, row.term): {} for row in chosen.itertuples()}
        for code, term, group, count in zip(table["lang"], table["term"], table["_group"], table["count"]):
            counts[(code, term)][group] = count
        wanted = list(counts)
    else:
        terms = _as_terms(terms)
        counts = {}
        for term in terms:
            hits = find(toks, term, lang=lang, chars=chars, regex=regex)
            group = codes[hits["seg_row"].to_numpy()]
            group = group[group >= 0]
            for code in sorted(set(labels["lang"])):
                in_lang = (labels["lang"].to_numpy() == code)[group]
                counts[(code, term)] = dict(zip(*np.unique(group[in_lang], return_counts=True)))
        found = {t for (_, t), c in counts.items() if c}
        wanted = [(c, t) for (c, t), v in counts.items() if v or lang is not None or t not in found]
        wanted.sort(key=lambda key: (key[0], terms.index(key[1])))
    columns = ["lang", "term", "count", "parts", "parts_with_term", "juilland_d", "dp", "dp_norm"]
    parts_out = []
    for code in pd.unique(np.array([c for c, _ in wanted], dtype=object)):
        keys = [(c, t) for c, t in wanted if c == code]
        part_ids = np.flatnonzero((labels["lang"].to_numpy() == code) & (sizes > 0))
        column = np.full(len(labels), -1, dtype=np.int64)
        column[part_ids] = np.arange(len(part_ids))
        matrix = np.zeros((len(keys), len(part_ids)))
        for i, key in enumerate(keys):
            groups = np.fromiter(counts[key].keys(), dtype=np.int64, count=len(counts[key]))
            values = np.fromiter(counts[key].values(), dtype=float, count=len(counts[key]))
            inside = column[groups] >= 0 if len(groups) else np.zeros(0, dtype=bool)
            matrix[i, column[groups[inside]]] = values[inside]
        table = dispersion_table(pd.DataFrame(matrix, index=[t for _, t in keys]), sizes[part_ids])
        table.insert(0, "lang", code)
        table.insert(3, "parts", len(part_ids))
        parts_out.append(table)
    table = pd.concat(parts_out, ignore_index=True)[columns] if parts_out else pd.DataFrame(columns=columns)
    for col in ("count", "parts", "parts_with_term"):
        table[col] = table[col].astype(np.int64)
    langs = pd.unique(toks.corpus.column("lang")[seg_mask])
    table.attrs["stopwords"] = (toks.stoplist_labels(stopwords, langs=langs) if terms is None
                                else {code: "not applied" for code in sorted(langs)})
    return table
