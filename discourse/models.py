r"""Document models on our tokens: :func:`similarity` (cosine on TF-IDF) and
:func:`correspondence_analysis` (documents × terms); topics are in
:mod:`discourse.topic_models` (:func:`discourse.topics`).

Every model works on one language's document-term matrix
(:func:`discourse.document_term_matrix`, the package's tokens and stoplists): a Chinese
and a French document share no term, so a similarity across languages would be zero by
construction, not a finding. Tables are tidy and carry a ``lang`` column.

>>> import discourse
>>> table = similarity(discourse.load_corpus(), lang="zh")
>>> table[["doc_a", "doc_b"]].values.tolist()[:2]
[['000_6faf780c4d1388a2', '000_6faf780c4d1388a2'], ['000_6faf780c4d1388a2', '003_90d6e10e09142168']]
>>> same, other = table["similarity"].iloc[:2]
>>> float(same), bool(0 < other < 1)
(1.0, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .counting import lang_mask, tokens_of
from .errors import InputError
from .frequency import document_term_matrix
from .stats.ca import ca

__all__ = ["similarity", "correspondence_analysis", "CorrespondenceAnalysis", "row_labels"]


def row_labels(rows: pd.DataFrame) -> list[str]:
    """One text label per matrix row: the ``by`` values, joined by `` · `` when several.

    >>> row_labels(pd.DataFrame({"doc_id": ["a", "b"], "year": [2019, 2020]}))
    ['a · 2019', 'b · 2020']
    """
    return [" · ".join(map(str, values)) for values in rows.itertuples(index=False, name=None)]


def _langs(corpus, lang, role) -> tuple:
    toks = tokens_of(corpus)
    langs = sorted(pd.unique(toks.corpus.column("lang")[lang_mask(toks.corpus, lang, role=role)]))
    return toks, langs


def similarity(corpus, *, lang=None, by="doc_id", stopwords=None, sublinear_tf: bool = False,
               role=None) -> pd.DataFrame:
    r"""Cosine similarity of every pair of documents of a language, on TF-IDF.

    Each document is its TF-IDF vector (scikit-learn's ``TfidfTransformer`` on
    :func:`discourse.document_term_matrix`, as :func:`discourse.tfidf`: smoothed idf,
    :math:`\mathrm{idf}(t) = \ln\frac{1+N}{1+\mathrm{df}(t)} + 1`), and

    .. math::

        \cos(a, b) = \frac{\mathbf{a}\cdot\mathbf{b}}{\lVert\mathbf{a}\rVert\,\lVert\mathbf{b}\rVert}

    (Salton & McGill 1983; Manning, Raghavan & Schütze 2008, §6.3). 1 is the same
    weighted vocabulary, 0 no shared term. Documents of different languages are never
    compared (they share no term).

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str or list of str, optional
        Languages (default: all; each compared within itself).
    by : str or list of str
        What a document is (default ``doc_id``).
    stopwords, role :
        As in :func:`discourse.frequencies` (the stoplist's words are not terms).
    sublinear_tf : bool
        Weight :math:`1 + \ln \mathrm{tf}` instead of tf.

    Returns
    -------
    DataFrame
        ``lang, doc_a, doc_b, similarity``: every ordered pair of documents of the
        language, itself included (1 on the diagonal; a document with no term has 0
        with every document, itself included),
        in corpus order; ``doc_a``/``doc_b`` are the ``by`` values (joined by `` · ``
        when ``by`` has several columns).

    Examples
    --------
    >>> import discourse
    >>> table = similarity(discourse.load_corpus())
    >>> sorted(table["lang"].unique()), len(table)
    (['fr', 'vi', 'zh'], 6)
    """
    from sklearn.feature_extraction.text import TfidfTransformer  # deferred: heavy, only for a model
    from sklearn.metrics.pairwise import cosine_similarity  # deferred: heavy, only for a model

    toks, langs = _langs(corpus, lang, role)
    parts = []
    for code in langs:
        dtm = document_term_matrix(toks, lang=code, by=by, stopwords=stopwords, role=role)
        labels = row_labels(dtm.rows)
        if dtm.matrix.shape[1]:
            weights = TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(dtm.matrix)
            matrix = cosine_similarity(weights)
            np.fill_diagonal(matrix, (weights.getnnz(axis=1) > 0).astype(float))  # exactly 1 (or 0: no term)
        else:
            matrix = np.zeros((len(labels), len(labels)))
        k = len(labels)
        parts.append(pd.DataFrame({"lang": code, "doc_a": np.repeat(labels, k), "doc_b": np.tile(labels, k),
                                   "similarity": np.clip(matrix.ravel(), 0.0, 1.0)}))
    columns = ["lang", "doc_a", "doc_b", "similarity"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


@dataclass(frozen=True)
class CorrespondenceAnalysis:
    """The result of :func:`correspondence_analysis`: tidy tables of points and axes.

    Attributes
    ----------
    coordinates : pandas.DataFrame
        ``point`` (``"document"`` or ``"term"``), ``lang``, ``label``, ``mass``, ``dim``
        (1, 2 …), ``coordinate`` (principal coordinate): one row per point and dimension.
    inertia : pandas.DataFrame
        ``dim, inertia, share, cumulative``: the principal inertias and their share of
        the total inertia.
    """

    coordinates: pd.DataFrame
    inertia: pd.DataFrame

    def wide(self, dims=(1, 2)) -> pd.DataFrame:
        """The points with one column per dimension (``dim_1``, ``dim_2`` …), for a biplot.

        >>> import discourse
        >>> result = discourse.correspondence_analysis(discourse.load_corpus(), lang="zh", top=20)
        >>> list(result.wide().columns)
        ['point', 'lang', 'label', 'mass', 'dim_1']
        """
        data = self.coordinates[self.coordinates["dim"].isin(dims)]
        out = data.pivot_table(index=["point", "lang", "label", "mass"], columns="dim", values="coordinate",
                               sort=False).reset_index()
        out.columns = [c if isinstance(c, str) else f"dim_{c}" for c in out.columns]
        return out


def correspondence_analysis(corpus, *, lang=None, by="doc_id", top: int = 50, dims: int | None = None,
                            stopwords=None, role=None) -> CorrespondenceAnalysis:
    r"""Correspondence analysis of documents × terms (Benzécri; Greenacre 2007).

    The table is the counts of the ``top`` most frequent terms of each language (the
    stoplist's words left out) in each document × language; its CA
    (:func:`discourse.stats.ca.ca`: SVD of the standardized residuals
    :math:`D_r^{-1/2}(P - rc^\top)D_c^{-1/2}`) places documents and terms in one
    space, near each other when a document uses a term more than its mass predicts;
    distances between documents are :math:`\chi^2` distances of their term profiles.

    With several languages the table is block-diagonal (no term is shared), and the
    first axes (one fewer than the languages, each of principal inertia 1) only
    separate the languages; pass ``lang=`` to compare the documents of one language.
    A document with none of the terms is left out (named in ``attrs["left_out"]``).

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str or list of str, optional
        Languages (default: all).
    by : str or list of str
        What a document is (default ``doc_id``).
    top : int
        Terms per language (default 50).
    dims : int, optional
        Dimensions kept (default: all, ``min(rows, columns) - 1``).
    stopwords, role :
        As in :func:`discourse.frequencies`.

    Returns
    -------
    CorrespondenceAnalysis

    Examples
    --------
    >>> import discourse
    >>> result = correspondence_analysis(discourse.load_corpus(), top=30)
    >>> result.inertia["inertia"].round(6).tolist()[:2]
    [1.0, 1.0]
    >>> sorted(result.coordinates["point"].unique())
    ['document', 'term']
    """
    if not isinstance(top, (int, np.integer)) or isinstance(top, bool) or top < 1:
        raise InputError(f"top must be a positive number of terms per language, not {top!r}")
    if dims is not None and (not isinstance(dims, (int, np.integer)) or isinstance(dims, bool) or dims < 1):
        raise InputError(f"dims must be a positive number of dimensions, not {dims!r}")
    from scipy import sparse  # deferred: heavy, only for a model

    toks, langs = _langs(corpus, lang, role)
    blocks, docs, terms = [], [], []
    for code in langs:
        dtm = document_term_matrix(toks, lang=code, by=by, stopwords=stopwords, role=role)
        totals = np.asarray(dtm.matrix.sum(axis=0)).ravel()
        keep = np.lexsort((dtm.terms.to_numpy(), -totals))[:top]
        blocks.append(dtm.matrix[:, keep])
        docs += [(code, label) for label in row_labels(dtm.rows)]
        terms += [(code, term, total) for term, total in zip(dtm.terms[keep], totals[keep])]
    table = sparse.block_diag(blocks, format="csr").toarray() if blocks else np.zeros((0, 0))
    used = table.sum(axis=1) > 0
    left_out = [label for (_, label), u in zip(docs, used) if not u]
    table, docs = table[used], [d for d, u in zip(docs, used) if u]
    try:
        result = ca(table)
    except ValueError as err:
        raise InputError(f"correspondence_analysis: {err}; this corpus gives {table.shape[0]} documents × "
                         f"{table.shape[1]} terms (more documents or a larger top= are needed)") from None
    k = len(result.inertia) if dims is None else min(int(dims), len(result.inertia))
    frames = []
    for point, labels, masses, coords in (("document", docs, result.row_masses, result.row_coords),
                                          ("term", [(c, t) for c, t, _ in terms], result.col_masses,
                                           result.col_coords)):
        n = len(labels)
        frames.append(pd.DataFrame({
            "point": point, "lang": np.repeat([c for c, _ in labels], k),
            "label": np.repeat([str(t) for _, t in labels], k), "mass": np.repeat(masses, k),
            "dim": np.tile(np.arange(1, k + 1), n), "coordinate": coords[:, :k].ravel()}))
    coordinates = pd.concat(frames, ignore_index=True)
    coordinates.attrs["left_out"] = left_out
    total = result.inertia.sum()
    inertia = pd.DataFrame({"dim": np.arange(1, k + 1), "inertia": result.inertia[:k],
                            "share": result.inertia[:k] / total, "cumulative": np.cumsum(result.inertia[:k]) / total})
    return CorrespondenceAnalysis(coordinates, inertia)
