"""Clusters: the n-grams that contain a search term (AntConc's Clusters/N-Grams tool), as
:func:`discourse.clusters` (the module is not named `clusters`: importing it would hide the function).

:func:`clusters` finds a term with :func:`discourse.find` (a word, a phrase, a wildcard
pattern, a regular expression) and lists the word sequences of ``n`` tokens around each
occurrence that contain it, with where the term stands in them (``left``: the cluster
starts with the term; ``right``: it ends with it; ``middle``), their frequency and their
range (the documents they occur in; AntConc's "Range").

References
----------
Anthony, L. (2023). *AntConc* (Version 4.2) [Computer software], Clusters/N-Grams tool.
Tokyo: Waseda University. https://www.laurenceanthony.net/software/antconc/
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.counting import check_top, lang_mask, tokens_of
from discourse.lemma_tokens import norm_tokens
from discourse.errors import InputError
from discourse.query import find

__all__ = ["clusters", "CLUSTER_COLUMNS", "POSITIONS"]

#: Columns of the table returned by :func:`clusters`.
CLUSTER_COLUMNS = ("lang", "term", "cluster", "n", "position", "count", "doc_freq")

#: Where the term may stand in a cluster (the ``position`` option); ``"any"``: anywhere.
POSITIONS = ("left", "right", "any")


def _sizes(n) -> list[int]:
    lo, hi = (n, n) if not isinstance(n, (tuple, list, range)) else (min(n), max(n)) if len(n) else (0, -1)
    for size in (lo, hi):
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or not 2 <= size <= 10:
            raise InputError(f"n is the cluster size in tokens, 2 to 10, or a range (lo, hi) of sizes such as "
                             f"(2, 4); not {n!r}")
    return list(range(int(lo), int(hi) + 1))


def clusters(corpus, term, *, n=(2, 4), position="any", lang=None, min_count=1, punct=False, sep=" ",
             top=None, regex=False, case=False, diacritics=True, role=None, form="norm"):
    r"""The clusters of a term: the n-grams of ``n`` tokens that contain it, with its position.

    A cluster is ``n`` consecutive tokens of one segment (a paragraph) containing an
    occurrence of ``term`` and at least one other token, crossing no punctuation unless
    ``punct=True`` (the n-grams of :func:`discourse.frequencies`). Its ``position`` is
    where the occurrence stands: ``"left"`` (the cluster starts with it: AntConc's
    "On Left"), ``"right"`` (it ends with it) or ``"middle"``. For a cluster *w* of size
    :math:`n` at position *p*,

    .. math:: \mathrm{count}(w, p) = |\{ i : t_i \dots t_{i+n-1} = w,\ \text{the term at place } p \}|,
              \qquad \mathrm{doc\_freq}(w, p) = |\{ \text{documents with such an } i \}|

    (each token position ``i`` counted once for a cluster and position, even when the
    term occurs twice in it). No stoplist applies: clusters with function words
    (*de la*, *的*) are what the tool is for.

    Parameters
    ----------
    corpus : Corpus or Tokens
    term : str or list of str
        The search term (as in :func:`discourse.find`); a phrase counts as its tokens.
    n : int or (int, int), keyword-only
        The cluster size in tokens, or the smallest and largest (default: 2 to 4);
        2 to 10, and more than the term's own tokens.
    position : str, keyword-only
        ``"any"`` (default), ``"left"`` or ``"right"``: keep the clusters where the term
        stands there (:data:`POSITIONS`).
    lang : str or list of str, optional
        Only these languages (each gets its own rows).
    min_count : int, keyword-only
        Leave out clusters counted fewer times.
    punct : bool, keyword-only
        Let clusters contain punctuation.
    sep : str, keyword-only
        Joins the tokens (their normalised forms) of a cluster.
    top : int, optional
        Keep the first ``top`` clusters of each language.
    regex, case, diacritics :
        How the term is matched (:func:`discourse.find`).
    role : str or list of str, optional
        Segment roles searched (default: titles and body text, as everywhere).
    form : {"norm", "lemma"}, keyword-only
        A cluster's words as normalised forms (default) or lemmas (clusters alike by lemma
        are one row); the term is matched as a query all the same (``"lemma:assumer"``).

    Returns
    -------
    pandas.DataFrame
        :data:`CLUSTER_COLUMNS`: ``lang, term, cluster, n, position, count, doc_freq``,
        one row per (language, cluster, position), ordered by language, then ``count``
        descending, then cluster and position.

    Examples
    --------
    >>> import discourse
    >>> table = clusters(discourse.load_corpus(), "trách nhiệm", n=2, position="right", top=2)
    >>> table[["cluster", "position", "count", "doc_freq"]].values.tolist()
    [['chế độ trách nhiệm', 'right', 5, 1], ['chịu trách nhiệm', 'right', 5, 1]]
    """
    sizes = _sizes(n)
    if position not in POSITIONS:
        raise InputError(f"position must be one of {', '.join(POSITIONS)}; not {position!r}")
    check_top(top)
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise InputError(f"min_count is a whole number ≥ 1, not {min_count!r}")
    toks = tokens_of(corpus, form=form)
    seg_mask = lang_mask(toks.corpus, lang, role=role)
    hits = find(norm_tokens(toks), term, lang=lang, regex=regex, case=case, diacritics=diacritics)
    hits = hits[seg_mask[hits["seg_row"].to_numpy()]]
    first, last = hits["first"].to_numpy(np.int64), hits["last"].to_numpy(np.int64)
    total = len(toks)
    is_punct = toks.is_punct[toks.type_id] if total else np.zeros(0, dtype=bool)
    inside = np.r_[0, np.cumsum(is_punct)]
    seg_row = np.asarray(toks.seg_row)
    found = []  # (start, size, position code: 0 left, 1 middle, 2 right)
    for size in sizes:
        for before in range(size):  # tokens of the cluster before the term
            start = first - before
            end = start + size
            ok = (start >= 0) & (end <= total) & (end >= last) & (end - last + before > 0)
            start, end, f, l = start[ok], end[ok], first[ok], last[ok]
            ok = (seg_row[start] == seg_row[f]) & (seg_row[end - 1] == seg_row[f])
            if not punct:
                ok &= inside[end] == inside[start]
            code = np.where(before == 0, 0, np.where(end == l, 2, 1))[ok]
            found.append(np.stack([start[ok], np.full(ok.sum(), size), code], axis=1))
    places = np.unique(np.concatenate(found), axis=0) if found else np.zeros((0, 3), np.int64)
    names = np.array(["left", "middle", "right"])
    if position != "any":
        places = places[names[places[:, 2]] == position]
    vocab = np.asarray(toks.vocab, dtype=object)
    seg_lang = toks.corpus.column("lang")
    doc_codes = toks.doc_codes()
    frame = pd.DataFrame({
        "lang": seg_lang[seg_row[places[:, 0]]] if len(places) else np.zeros(0, dtype=object),
        "cluster": [sep.join(vocab[toks.type_id[s:s + k]]) for s, k, _ in places],
        "n": places[:, 1].astype(np.int64),
        "position": names[places[:, 2]],
        "doc": doc_codes[seg_row[places[:, 0]]] if len(places) else np.zeros(0, np.int64),
    })
    keys = ["lang", "cluster", "n", "position"]
    table = (frame.groupby(keys, sort=False).agg(count=("doc", "size"), doc_freq=("doc", "nunique"))
             .reset_index())
    table = table[table["count"] >= min_count]
    table.insert(1, "term", term if isinstance(term, str) else " | ".join(term))
    order = {"left": 0, "middle": 1, "right": 2}
    table = table.assign(_p=table["position"].map(order), _c=-table["count"])
    table = table.sort_values(["lang", "_c", "cluster", "_p"], kind="mergesort").drop(columns=["_p", "_c"])
    if top is not None:
        table = table.groupby("lang", sort=False).head(top)
    table = table.reset_index(drop=True)[list(CLUSTER_COLUMNS)]
    return table.astype({"count": "int64", "doc_freq": "int64", "n": "int64"})
