r"""Hierarchical clustering of documents (:func:`document_clusters`), on the TF-IDF
vectors :func:`discourse.similarity` compares.

Not :func:`discourse.clusters`, AntConc's n-gram clusters around a search term: these are
groups of documents. Each language is clustered on its own (its words are its own).

>>> import discourse
>>> result = document_clusters(discourse.load_corpus(), lang="zh", n_clusters=1)
>>> list(result.table.columns), result.table["cluster"].tolist()
(['lang', 'doc_id', 'cluster', 'order'], [1, 1])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .counting import lang_mask, tokens_of
from .errors import InputError
from .frequency import document_term_matrix
from .models import row_labels

__all__ = ["document_clusters", "DocumentClusters", "CLUSTER_METHODS"]

#: The linkage methods :func:`document_clusters` knows.
CLUSTER_METHODS = ("average", "complete", "ward")


@dataclass(frozen=True)
class DocumentClusters:
    """The result of :func:`document_clusters`.

    Attributes
    ----------
    table : pandas.DataFrame
        ``lang``, the document column (the ``by`` name), ``cluster`` (1, 2 … within each
        language, numbered in the dendrogram's leaf order), ``order`` (0, 1 …:
        the document's place among the dendrogram's leaves); rows in corpus order.
    linkage : dict
        Language → scipy's linkage matrix (``(n - 1) × 4``: the two merged nodes, the
        merge height, the size), rows in the order of ``table``'s documents.
    labels : dict
        Language → the documents' labels, in the linkage's row order.
    method : str
        ``average``, ``complete`` or ``ward``.
    left_out : list of (lang, label)
        Documents with no term (every word a stopword or punctuation): not clustered.
    """

    table: pd.DataFrame
    linkage: dict = field(repr=False)
    labels: dict = field(repr=False)
    method: str = "average"
    left_out: list = field(default_factory=list)


def _check(n_clusters, distance_threshold, method) -> None:
    if method not in CLUSTER_METHODS:
        raise InputError(f"method must be one of {', '.join(CLUSTER_METHODS)}, not {method!r}")
    if (n_clusters is None) == (distance_threshold is None):
        raise InputError("document_clusters needs exactly one of n_clusters= (how many clusters) and "
                         "distance_threshold= (where to cut the tree), not "
                         + ("both" if n_clusters is not None else "neither"))
    if n_clusters is not None and (isinstance(n_clusters, bool) or not isinstance(n_clusters, (int, np.integer))
                                   or n_clusters < 1):
        raise InputError(f"n_clusters must be a positive whole number, not {n_clusters!r}")
    if distance_threshold is not None and (isinstance(distance_threshold, bool)
                                           or not isinstance(distance_threshold, (int, float, np.number))
                                           or not np.isfinite(distance_threshold) or distance_threshold < 0):
        raise InputError(f"distance_threshold must be a number ≥ 0, not {distance_threshold!r}")


def _flat(linkage, n: int, n_clusters, distance_threshold) -> np.ndarray:
    """Flat clusters: the tree cut into exactly ``n_clusters``, or at ``distance_threshold``."""
    from scipy.cluster import hierarchy  # deferred: heavy, only for a model

    if n == 1:
        return np.zeros(1, dtype=int)
    if n_clusters is not None:
        return hierarchy.cut_tree(linkage, n_clusters=int(n_clusters)).ravel()
    return hierarchy.fcluster(linkage, t=float(distance_threshold), criterion="distance")


def document_clusters(corpus, *, lang=None, by="doc_id", n_clusters: int | None = None,
                      distance_threshold: float | None = None, method: str = "average", stopwords=None,
                      sublinear_tf: bool = False, role=None) -> DocumentClusters:
    r"""Agglomerative hierarchical clustering of each language's documents on TF-IDF.

    Each document is its TF-IDF vector, exactly as in :func:`discourse.similarity`
    (scikit-learn's ``TfidfTransformer`` on :func:`discourse.document_term_matrix`,
    rows L2-normalised). The tree is scipy's ``linkage`` (Müllner 2011's algorithms;
    Manning, Raghavan & Schütze 2008, ch. 17):

    - ``average`` (UPGMA, the default) and ``complete``: on the cosine distance
      :math:`1 - \cos(a, b)` (0 the same weighted vocabulary, 1 no shared term); a
      cluster's distance to another is the mean (average) or the largest (complete)
      distance between their documents;
    - ``ward``: Ward's minimum-variance criterion on the L2-normalised vectors in
      Euclidean space, where :math:`\lVert a - b\rVert^2 = 2\,(1 - \cos(a, b))`; the merge
      heights are Ward's, not cosine distances.

    Exactly one of ``n_clusters`` and ``distance_threshold`` says where to cut the tree:
    no rule of thumb for the number of clusters suits every corpus, so none is guessed
    (draw :func:`discourse.plot.dendrogram` to choose).

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str or list of str, optional
        Languages (default: all; each clustered on its own).
    by : str or list of str
        What a document is (default ``doc_id``).
    n_clusters : int, optional
        Clusters per language: the tree cut into exactly this many (at most the
        language's documents).
    distance_threshold : float, optional
        Cut the tree here: documents joined at a merge height ≤ this share a cluster.
    method : {"average", "complete", "ward"}
    stopwords, role, sublinear_tf :
        As in :func:`discourse.similarity`.

    Returns
    -------
    DocumentClusters
        ``.table`` (``lang``, the ``by`` column — several columns' names joined by ``_``
        —, ``cluster``, ``order``) and ``.linkage`` for :func:`discourse.plot.dendrogram`.

    Examples
    --------
    >>> import discourse
    >>> result = document_clusters(discourse.load_corpus(), lang="zh", n_clusters=2)
    >>> result.table["cluster"].tolist(), result.linkage["zh"].shape
    ([1, 2], (1, 4))
    >>> result = document_clusters(discourse.load_corpus(), distance_threshold=0.5, method="ward")
    >>> result.table.groupby("lang")["cluster"].nunique().to_dict()
    {'fr': 1, 'vi': 1, 'zh': 2}
    """
    _check(n_clusters, distance_threshold, method)
    from scipy.cluster import hierarchy  # deferred: heavy, only for a model
    from scipy.spatial.distance import squareform  # deferred: heavy, only for a model
    from sklearn.feature_extraction.text import TfidfTransformer  # deferred: heavy, only for a model
    from sklearn.metrics.pairwise import cosine_similarity  # deferred: heavy, only for a model

    column = by if isinstance(by, str) else "_".join(by)
    toks = tokens_of(corpus)
    langs = sorted(pd.unique(toks.corpus.column("lang")[lang_mask(toks.corpus, lang, role=role)]))
    parts, linkages, labels_of, left_out = [], {}, {}, []
    for code in langs:
        dtm = document_term_matrix(toks, lang=code, by=by, stopwords=stopwords, role=role)
        labels = np.array(row_labels(dtm.rows), dtype=object)
        used = np.asarray(dtm.matrix.getnnz(axis=1) > 0) if dtm.matrix.shape[1] else np.zeros(len(labels), bool)
        left_out += [(code, str(label)) for label in labels[~used]]
        labels = labels[used]
        n = len(labels)
        if not n:
            continue
        if n_clusters is not None and n_clusters > n:
            raise InputError(f"n_clusters={n_clusters} is more than the {n} document(s) of language {code!r} "
                             f"with a term; pass n_clusters ≤ {n} (or lang= another language)")
        weights = TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(dtm.matrix[used])
        if n == 1:
            linkage = np.zeros((0, 4))
        elif method == "ward":
            linkage = hierarchy.linkage(weights.toarray(), method="ward")
        else:
            distance = np.clip(1.0 - cosine_similarity(weights), 0.0, 2.0)
            np.fill_diagonal(distance, 0.0)
            linkage = hierarchy.linkage(squareform((distance + distance.T) / 2, checks=False), method=method)
        leaves = hierarchy.leaves_list(linkage) if n > 1 else np.zeros(1, dtype=int)
        order = np.empty(n, dtype=int)
        order[leaves] = np.arange(n)
        flat = _flat(linkage, n, n_clusters, distance_threshold)
        renumber = {c: k + 1 for k, c in enumerate(pd.unique(flat[leaves]))}  # in leaf order: top to bottom on the plot
        parts.append(pd.DataFrame({"lang": code, column: labels.astype(str),
                                   "cluster": [renumber[c] for c in flat], "order": order}))
        linkages[code], labels_of[code] = linkage, labels.astype(str).tolist()
    columns = ["lang", column, "cluster", "order"]
    table = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
    return DocumentClusters(table=table, linkage=linkages, labels=labels_of, method=method, left_out=left_out)
