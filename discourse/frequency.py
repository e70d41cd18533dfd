"""Frequency lists, n-grams, TF-IDF and trends of a corpus, counted per language.

Every table is tidy and **split by language**: a Chinese word and a French word are not
the same unit, so counts across languages mean nothing. The counting conventions —
what a term is, n-grams never crossing a segment or punctuation, stoplists, totals,
header lines left out, ``doc_freq`` and ``rank`` — are those of the counting engine,
:mod:`discourse.counting` (its module docstring states them), which
:func:`discourse.keywords`, :func:`discourse.dispersions` and :func:`discourse.collocates`
count with too.

Examples
--------
>>> import discourse
>>> corpus = discourse.load_corpus()
>>> freq = frequencies(corpus, lang="vi", top=3)
>>> print(freq[["lang", "term", "count", "doc_freq", "rank"]].to_string(index=False))
lang        term  count  doc_freq  rank
  vi trách nhiệm     11         1     1
  vi       chung      8         1     2
  vi thoát nghèo      8         1     2
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from ._util import as_list
from .counting import check_top, count_table, finish, groups, lang_mask, select, tokens_of, units
from .errors import InputError
from .query import find
from .token_options import stoplist_option

__all__ = ["frequencies", "document_term_matrix", "DocumentTermMatrix", "tfidf", "trend", "FREQUENCY_COLUMNS"]

#: Columns of :func:`frequencies` (``by`` columns go after ``lang``).
FREQUENCY_COLUMNS = ("lang", "term", "count", "per_10k", "per_million", "doc_freq", "rank", "total")


# ----------------------------------------------------------------------------- frequencies
def frequencies(corpus, *, n: int = 1, by=None, lang=None, punct: bool = False, stopwords=None,
                min_count: int = 1, top: int | None = None, sep: str = " ", role=None,
                form: str = "norm") -> pd.DataFrame:
    r"""Frequency list of words or n-grams, per language (and per ``by`` group).

    Parameters
    ----------
    corpus : Corpus or Tokens
    n : int
        1 for words, 2–5 for n-grams (never across segments or, unless ``punct=True``,
        punctuation).
    by : str or list of str, optional
        Also split by these columns: a segment column (``doc_id``, ``role`` …) or a
        document metadata column (``year`` …). Every table is split by ``lang``.
    lang : str or list of str, optional
        Only these languages.
    punct : bool
        Count punctuation tokens (default: left out, and not in the totals).
    stopwords : None, False or mapping
        The stoplist: its words are left out of the list (still in the totals).
        ``None`` (default): the package's function words (or the corpus's stoplist, if
        it was read with ``stopwords=``); ``False``: none, every word is listed;
        ``{"fr": file or words, …}``: your lists for those languages.
    min_count : int
        Leave out terms counted fewer times in their group.
    top : int, optional
        Keep the first ``top`` rows of each group (by rank, then term).
    sep : str
        Joins the words of an n-gram.
    role : str or list of str, optional
        Segment roles counted (default: ``title`` and ``body``; the ``meta`` header
        lines only when named, e.g. ``role=("title", "body", "meta")``).
    form : {"norm", "lemma"}
        What a term is: the normalised form (default) or its lemma, so « responsabilités »
        counts with « responsabilité » (fr and en; in zh and vi the lemma is the norm; see
        :mod:`discourse.lemma_tokens`, also for stoplists by lemma).

    Returns
    -------
    DataFrame
        ``lang``, the ``by`` columns, ``term, count, per_10k, per_million, doc_freq, rank,
        total``: ``per_10k = count / total × 10,000`` and ``per_million = count / total ×
        10⁶`` with ``total`` the tokens (or n-gram positions) of the group — see the
        module docstring for what the total includes. Sorted by language, group (corpus
        order), rank and term. ``attrs["stopwords"]`` says which stoplist left words out,
        per language (``"default"``, ``"none"`` or ``"user: …"``).

    Examples
    --------
    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> zh = frequencies(corpus, lang="zh", top=5)
    >>> zh["term"].tolist()[:3]
    ['脱贫攻坚', '工作', '年']
    >>> frequencies(corpus, lang="fr", n=2, top=2)["term"].tolist()
    ['assistance ciblée', 'divers échelons']
    >>> zh.attrs["stopwords"]
    {'zh': 'default'}
    >>> totals = frequencies(corpus, punct=True, stopwords=False).groupby("lang")["per_10k"].sum()
    >>> totals.round(6).tolist()
    [10000.0, 10000.0, 10000.0]
    >>> frequencies(corpus, lang="fr", form="lemma", top=3)["term"].tolist()
    ['mécanisme', 'pauvreté', 'responsabilité']
    """
    check_top(top)
    stopwords = stoplist_option(stopwords)
    toks = tokens_of(corpus, form=form)
    by = [c for c in as_list(by) if c != "lang"]
    seg_mask = lang_mask(toks.corpus, lang, role=role)
    table, _ = count_table(toks, n=n, by=by, seg_mask=seg_mask, punct=punct, stopwords=stopwords, sep=sep)
    term_order = toks.vocab_order()[table["_term"].to_numpy()] if n == 1 else None
    out = finish(table, by=by, min_count=min_count, top=top, term_order=term_order)
    out.attrs["stopwords"] = _stoplists(toks, stopwords, seg_mask)
    return out


def _stoplists(toks, stopwords, seg_mask) -> dict[str, str]:
    """The stoplist of each language of the selection, for ``attrs["stopwords"]``."""
    langs = pd.unique(toks.corpus.column("lang")[seg_mask])
    return toks.stoplist_labels(stopwords, langs=langs)


# ----------------------------------------------------------------------------- TF-IDF
class DocumentTermMatrix(NamedTuple):
    """A sparse document-term count matrix of one language.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts, one row per document (or ``by`` group), one column per term.
    rows : pandas.DataFrame
        The row labels (the ``by`` columns), one row per matrix row.
    terms : pandas.Index
        The column labels (terms), sorted.
    """

    matrix: object
    rows: pd.DataFrame
    terms: pd.Index


def document_term_matrix(corpus, *, lang: str, by="doc_id", n: int = 1, punct: bool = False,
                         stopwords=None, sep: str = " ", role=None, form: str = "norm") -> DocumentTermMatrix:
    """Sparse document-term count matrix of one language, for scikit-learn.

    Built from the package's own tokens (no re-tokenizing), with the conventions of
    :func:`frequencies`. Pass ``matrix`` to any scikit-learn estimator that takes counts
    (``TfidfTransformer``, ``LatentDirichletAllocation`` …).

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str
        The language (one matrix never mixes languages).
    by : str or list of str
        What a row is: a document by default; any segment or metadata column.
    n, punct, stopwords, sep, role, form :
        As in :func:`frequencies`: the words of the stoplist (by default the package's
        function words) are not columns; ``stopwords=False`` keeps every word;
        ``form="lemma"``: the columns are lemmas.

    Returns
    -------
    DocumentTermMatrix
        Its ``rows.attrs["stopwords"]`` says which stoplist left words out.

    Examples
    --------
    >>> import discourse
    >>> dtm = document_term_matrix(discourse.load_corpus(), lang="zh")
    >>> dtm.matrix.shape[0], list(dtm.rows.columns)
    (2, ['doc_id'])
    """
    from scipy import sparse  # deferred: heavy, only for a document-term matrix

    stopwords = stoplist_option(stopwords)
    if not isinstance(lang, str):
        raise InputError("document_term_matrix needs one language: pass lang='zh' (or 'vi', 'fr' …)")
    by = [c for c in as_list(by) if c != "lang"]
    if not by:
        raise InputError("by must name what a row is, e.g. by='doc_id'")
    toks = tokens_of(corpus, form=form)
    seg_mask = lang_mask(toks.corpus, lang, role=role)
    table, groups = count_table(toks, n=n, by=by, seg_mask=seg_mask, punct=punct, stopwords=stopwords, sep=sep)
    labels = groups[by].reset_index(drop=True)
    labels.attrs["stopwords"] = _stoplists(toks, stopwords, seg_mask)
    terms = pd.Index(np.sort(pd.unique(table["term"])), name="term")
    cols = terms.get_indexer(table["term"])
    matrix = sparse.csr_matrix((table["count"].to_numpy(dtype=np.int64), (table["_group"].to_numpy(), cols)),
                               shape=(len(labels), len(terms)))
    return DocumentTermMatrix(matrix, labels, terms)


def tfidf(corpus, *, lang=None, by="doc_id", n: int = 1, punct: bool = False, stopwords=None,
          norm: str | None = "l2", use_idf: bool = True, smooth_idf: bool = True, sublinear_tf: bool = False,
          top: int | None = None, sep: str = " ", role=None, form: str = "norm") -> pd.DataFrame:
    r"""TF-IDF of every term in every document, per language, through scikit-learn.

    The counts come from :func:`document_term_matrix` (our tokens) and go through
    ``sklearn.feature_extraction.text.TfidfTransformer``, so the values are exactly those
    of ``TfidfVectorizer`` run on the same token lists. With the defaults (scikit-learn's)

    .. math::

        \mathrm{tfidf}(t, d) = \mathrm{tf}(t, d) \times \Bigl(\ln\frac{1 + N}{1 + \mathrm{df}(t)} + 1\Bigr),

    then each document's vector is scaled to unit Euclidean length (``norm="l2"``);
    ``N`` is the number of documents of the language and ``df(t)`` those containing t.
    With ``smooth_idf=False`` the idf is :math:`\ln(N / \mathrm{df}) + 1`;
    ``sublinear_tf=True`` uses :math:`1 + \ln \mathrm{tf}` (Manning, Raghavan & Schütze
    2008, *Introduction to Information Retrieval*, ch. 6; scikit-learn user guide
    §6.2.3.4).

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str or list of str, optional
        Languages (each has its own matrix and idf). Default: all.
    by : str or list of str
        What a document is (default ``doc_id``).
    n, punct, stopwords, sep, role, form :
        As in :func:`frequencies`: the words of the stoplist (by default the package's
        function words) are left out; ``stopwords=False`` keeps every word;
        ``form="lemma"``: terms are lemmas.
    norm, use_idf, smooth_idf, sublinear_tf :
        Passed to ``TfidfTransformer``.
    top : int, optional
        Keep the ``top`` terms of each document.

    Returns
    -------
    DataFrame
        ``lang``, the ``by`` columns, ``term, count, tf_idf, rank``: one row per term
        present in a document, sorted by language, document and ``tf_idf`` (descending);
        ``rank`` is the competition rank by ``tf_idf`` within the document.
        ``attrs["stopwords"]``: the stoplist of each language.

    Examples
    --------
    >>> import discourse
    >>> table = tfidf(discourse.load_corpus(), lang="zh", top=1)
    >>> table[["doc_id", "term"]].values.tolist()
    [['000_6faf780c4d1388a2', '工作'], ['003_90d6e10e09142168', '脱贫攻坚']]
    """
    from sklearn.feature_extraction.text import TfidfTransformer  # deferred: heavy, only for TF-IDF

    check_top(top)
    stopwords = stoplist_option(stopwords)
    toks = tokens_of(corpus, form=form)
    by = [c for c in as_list(by) if c != "lang"]
    langs = sorted(pd.unique(toks.corpus.column("lang")[lang_mask(toks.corpus, lang, role=role)]))
    stoplists = toks.stoplist_labels(stopwords, langs=langs)
    parts = []
    for code in langs:
        dtm = document_term_matrix(toks, lang=code, by=by, n=n, punct=punct, stopwords=stopwords, sep=sep,
                                   role=role)
        if dtm.matrix.shape[1] == 0:
            continue
        weights = TfidfTransformer(norm=norm, use_idf=use_idf, smooth_idf=smooth_idf,
                                   sublinear_tf=sublinear_tf).fit_transform(dtm.matrix).tocoo()
        counts = dtm.matrix.tocsr()
        frame = dtm.rows.iloc[weights.row].reset_index(drop=True)
        frame.insert(0, "lang", code)
        frame["term"] = dtm.terms.to_numpy()[weights.col]
        frame["count"] = np.asarray(counts[weights.row, weights.col]).ravel().astype(np.int64)
        frame["tf_idf"] = weights.data
        frame["_row"] = weights.row
        parts.append(frame)
    if not parts:
        empty = pd.DataFrame(columns=["lang", *by, "term", "count", "tf_idf", "rank"])
        empty.attrs["stopwords"] = stoplists
        return empty
    table = pd.concat(parts, ignore_index=True)
    table["rank"] = table.groupby(["lang", "_row"])["tf_idf"].rank(method="min", ascending=False).astype(np.int64)
    table = table.sort_values(["lang", "_row", "rank", "term"], kind="mergesort")
    if top is not None:
        table = table.groupby(["lang", "_row"], sort=False).head(top)
    out = table.drop(columns="_row").reset_index(drop=True)
    out.attrs["stopwords"] = stoplists
    return out


# ----------------------------------------------------------------------------- trend
def trend(corpus, terms, *, by="year", lang=None, chars: bool = False, regex: bool = False,
          punct: bool = False, role=None) -> pd.DataFrame:
    """Relative frequency of terms per year (or any metadata column): a trend table.

    Each term is found with :func:`discourse.find` — so it may be a word, a phrase, a
    wildcard pattern or (``regex=True``) a regular expression — and counted per group.
    For a Chinese morpheme, count the *words containing it* with a wildcard: ``"*攻坚*"``
    counts 攻坚, 脱贫攻坚, 攻坚战 … (as a token, 攻坚 alone misses them: jieba keeps
    脱贫攻坚 whole). ``chars=True`` searches the raw characters instead, also across
    word boundaries: ``脱贫`` is then also found in 摆脱贫困 (摆脱 + 贫困, "shake off
    poverty"), which is not the word 脱贫.

    Parameters
    ----------
    corpus : Corpus or Tokens
    terms : str or list of str
        Each is counted separately.
    by : str or list of str
        The groups (default ``year``, a document metadata column). Documents without a
        value form a group with an empty value (they are not dropped); the
        trend plot leaves that group out.
    lang : str or list of str, optional
        Only these languages.
    chars, regex :
        As in :func:`discourse.find`.
    punct : bool
        Count punctuation in the total (default: no, as in :func:`frequencies`).
    role : str or list of str, optional
        Segment roles counted, hits and totals alike (default: titles and body text, not
        the ``meta`` header lines; as in :func:`frequencies`).

    Returns
    -------
    DataFrame
        ``lang``, the ``by`` columns, ``term, count, total, per_10k``: one row per
        language, group and term (also when the count is 0), ``total`` being the tokens
        of the group and ``per_10k = count / total × 10,000``. Sorted by language, ``by``
        values and the order of ``terms``.

    Examples
    --------
    >>> import discourse
    >>> t = trend(discourse.load_corpus(), ["脱贫", "责任"], by="doc_id", lang="zh", chars=True)
    >>> t[["term", "count"]].values.tolist()
    [['脱贫', 7], ['责任', 7], ['脱贫', 9], ['责任', 7]]
    """
    terms = as_list(terms)
    if not terms:
        raise InputError("trend needs at least one term")
    toks = tokens_of(corpus)
    by = [c for c in as_list(by) if c != "lang"]
    seg_mask = lang_mask(toks.corpus, lang, role=role)
    codes, labels = groups(toks.corpus, by, seg_mask)
    counted = units(toks, n=1, punct=punct, stopwords=False, seg_mask=seg_mask)
    totals = np.bincount(codes[toks.seg_row[counted.start]], minlength=len(labels))
    parts = []
    for term in terms:
        hits = find(toks, term, lang=lang, chars=chars, regex=regex)
        hit_groups = codes[hits["seg_row"].to_numpy()]
        hit_groups = hit_groups[hit_groups >= 0]
        part = labels.copy()
        part["term"] = term
        part["count"] = np.bincount(hit_groups, minlength=len(labels)).astype(np.int64)
        part["total"] = totals.astype(np.int64)
        part["_group"] = np.arange(len(labels))
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["per_10k"] = table["count"] / table["total"].where(table["total"] > 0) * 1e4
    table["_term"] = table["term"].map({t: i for i, t in enumerate(terms)})
    table = table.sort_values(["lang", *by, "_term"], kind="mergesort", na_position="last")
    return table[["lang", *by, "term", "count", "total", "per_10k"]].reset_index(drop=True)
