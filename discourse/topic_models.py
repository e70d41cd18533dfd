r"""Topics of the documents of a language, by NMF or LDA (scikit-learn), on our tokens.

:func:`discourse.topics` fits one model per language on
:func:`discourse.document_term_matrix` and returns :class:`Topics`: the top terms of each
topic and each document's topic shares, as tidy tables.

>>> import discourse
>>> model = topics(discourse.load_corpus(), lang="zh", n_topics=2, top=3)
>>> list(model.terms.columns), list(model.shares.columns)
(['lang', 'topic', 'rank', 'term', 'weight'], ['lang', 'doc_id', 'topic', 'share'])
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .counting import check_top, lang_mask, tokens_of
from .errors import InputError
from .frequency import document_term_matrix
from .models import row_labels

__all__ = ["topics", "Topics", "TOPIC_METHODS"]

#: The methods :func:`topics` knows.
TOPIC_METHODS = ("nmf", "lda")


@dataclass(frozen=True)
class Topics:
    """Topics of a corpus: the result of :func:`topics`.

    Attributes
    ----------
    terms : pandas.DataFrame
        ``lang, topic, rank, term, weight``: the ``top`` terms of each topic (topics
        numbered 1, 2 … within each language), by weight.
    shares : pandas.DataFrame
        ``lang``, the ``by`` column (``doc_id``), ``topic, share``: each document's share of
        each topic (a document's shares sum to 1; NaN for a document with no term).
    models : dict
        Language → the fitted scikit-learn estimator (``NMF`` or
        ``LatentDirichletAllocation``) and its vocabulary, ``(model, terms)``.
    method : str
    """

    terms: pd.DataFrame
    shares: pd.DataFrame
    models: dict = field(repr=False)
    method: str = "nmf"


def _fit(method: str, matrix, n_topics: int, random_state):
    from sklearn.decomposition import NMF, LatentDirichletAllocation  # deferred: heavy, only for topics
    from sklearn.feature_extraction.text import TfidfTransformer  # deferred: heavy, only for topics

    if method == "nmf":
        weights = TfidfTransformer().fit_transform(matrix)
        init = "nndsvda" if n_topics <= min(matrix.shape) else "random"  # nndsvda needs k ≤ min(docs, terms)
        model = NMF(n_components=n_topics, init=init, random_state=random_state, max_iter=500)
        with warnings.catch_warnings():  # sklearn's random init on a one-row matrix: sqrt of a tiny negative
            warnings.filterwarnings("ignore", message="invalid value encountered in sqrt", category=RuntimeWarning)
            return model, model.fit_transform(weights)
    model = LatentDirichletAllocation(n_components=n_topics, random_state=random_state, learning_method="batch")
    return model, model.fit_transform(matrix)


def topics(corpus, *, lang=None, n_topics: int = 5, method: str = "nmf", top: int = 10, by="doc_id",
           random_state=0, stopwords=None, role=None) -> Topics:
    r"""Topic model of each language's documents: NMF (default) or LDA.

    - ``nmf``: non-negative matrix factorization of the TF-IDF matrix,
      :math:`X \approx WH` minimizing :math:`\lVert X - WH\rVert_F^2` (Lee & Seung 1999;
      scikit-learn's ``NMF``, ``init="nndsvda"``, Boutsidis & Gallopoulos 2008, or a
      seeded random start when there are more topics than documents); a
      topic's term weights are its row of :math:`H`, a document's shares its row of
      :math:`W` scaled to sum to 1.
    - ``lda``: latent Dirichlet allocation of the counts (Blei, Ng & Jordan 2003), fitted
      by variational Bayes (Hoffman, Blei & Bach 2010; scikit-learn's
      ``LatentDirichletAllocation``); weights are the topic-term pseudo-counts
      (``components_``), shares the document-topic distribution.

    Terms are the package's tokens, the stoplist's words left out (as in
    :func:`discourse.tfidf`); each language has its own model (its words are its own).
    The same ``random_state`` gives the same topics.

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str or list of str, optional
        Languages (default: all, one model each).
    n_topics : int
        Topics per language (default 5).
    method : {"nmf", "lda"}
    top : int
        Terms listed per topic (default 10).
    by : str
        What a document is (default ``doc_id``).
    random_state : int or None
        Seed of the fit (default 0).
    stopwords, role :
        As in :func:`discourse.frequencies`.

    Returns
    -------
    Topics

    Examples
    --------
    >>> import discourse
    >>> model = topics(discourse.load_corpus(), lang="zh", n_topics=2, top=3, method="lda")
    >>> model.terms.groupby("topic").size().tolist(), model.shares.groupby("doc_id")["share"].sum().round(6).tolist()
    ([3, 3], [1.0, 1.0])
    """
    if method not in TOPIC_METHODS:
        raise InputError(f"method must be one of {', '.join(TOPIC_METHODS)}, not {method!r}")
    if not isinstance(n_topics, (int, np.integer)) or isinstance(n_topics, bool) or n_topics < 1:
        raise InputError(f"n_topics must be a positive whole number, not {n_topics!r}")
    check_top(top)
    if not isinstance(by, str):
        raise InputError(f"by must be one column (e.g. 'doc_id'), not {by!r}")
    toks = tokens_of(corpus)
    langs = sorted(pd.unique(toks.corpus.column("lang")[lang_mask(toks.corpus, lang, role=role)]))
    term_parts, share_parts, models = [], [], {}
    for code in langs:
        dtm = document_term_matrix(toks, lang=code, by=by, stopwords=stopwords, role=role)
        if dtm.matrix.shape[1] == 0:
            continue
        model, doc_topic = _fit(method, dtm.matrix, int(n_topics), random_state)
        models[code] = (model, dtm.terms)
        for k, weights in enumerate(model.components_):
            order = np.lexsort((dtm.terms.to_numpy(), -weights))[:top]
            term_parts.append(pd.DataFrame({"lang": code, "topic": k + 1, "rank": np.arange(1, len(order) + 1),
                                            "term": dtm.terms.to_numpy()[order], "weight": weights[order]}))
        totals = doc_topic.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = np.where(totals > 0, doc_topic / np.where(totals > 0, totals, 1), np.nan)
        labels = row_labels(dtm.rows)
        share_parts.append(pd.DataFrame({"lang": code, by: np.repeat(labels, n_topics),
                                         "topic": np.tile(np.arange(1, n_topics + 1), len(labels)),
                                         "share": shares.ravel()}))
    if not models:
        raise InputError("topics: no term to model (every word is a stopword or punctuation?)")
    terms = pd.concat(term_parts, ignore_index=True)
    shares = pd.concat(share_parts, ignore_index=True)
    return Topics(terms=terms, shares=shares, models=models, method=method)
