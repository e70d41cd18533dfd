r"""Collocation networks (#LancsBox GraphColl, Voyant Links, quanteda's ``textplot_network``).

:func:`collocation_network` starts from one or more node words and adds, a step at a
time, the collocates of every word reached (:func:`discourse.collocates`, in the same
language), keeping those above a threshold of the association measure. The result is two
tidy tables, nodes and edges; :func:`discourse.plot.collocation_network` draws it.

>>> import discourse
>>> net = collocation_network(discourse.load_corpus(), "trách nhiệm", steps=1, top=3)
>>> net.edges[["source", "target", "step"]].values.tolist()
[['trách nhiệm', 'chung', 1], ['trách nhiệm', 'chế độ', 1], ['trách nhiệm', 'chịu', 1]]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._util import as_list
from .collocations import collocates
from .errors import InputError

__all__ = ["collocation_network", "CollocationNetwork", "NETWORK_MEASURES"]

#: Measures an edge can be kept by (the columns of :func:`discourse.collocates`).
NETWORK_MEASURES = ("log_dice", "mi", "t_score", "log_likelihood", "co_freq")

_EDGE_COLUMNS = ["lang", "source", "target", "step", "co_freq", "mi", "t_score", "log_likelihood", "log_dice"]


@dataclass(frozen=True)
class CollocationNetwork:
    """A collocation network: the result of :func:`collocation_network`.

    Attributes
    ----------
    nodes : pandas.DataFrame
        ``lang, term, step, freq``: every word of the network, ``step`` 0 for the words
        asked for, then the step at which a word was first reached; ``freq`` its
        frequency in the language (for a node asked for: its occurrences).
    edges : pandas.DataFrame
        ``lang, source, target, step`` and the collocation figures of
        :func:`discourse.collocates` (``co_freq, mi, t_score, log_likelihood,
        log_dice``), of the pair as first found (``source`` the word expanded).
    measure : str
        The measure the edges were kept by.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    measure: str = "log_dice"

    def to_networkx(self):
        """The network as an undirected ``networkx.Graph`` (node ``(lang, term)``, attributes
        from the tables).

        >>> import discourse
        >>> graph = collocation_network(discourse.load_corpus(), "责任", steps=1, top=4, min_count=1).to_networkx()
        >>> graph.number_of_nodes(), graph.number_of_edges()
        (5, 4)
        """
        import networkx as nx  # deferred: heavy, only for a graph

        graph = nx.Graph()
        for row in self.nodes.itertuples(index=False):
            graph.add_node((row.lang, row.term), lang=row.lang, term=row.term, step=row.step, freq=row.freq)
        for row in self.edges.itertuples(index=False):
            graph.add_edge((row.lang, row.source), (row.lang, row.target), step=row.step, co_freq=row.co_freq,
                           weight=getattr(row, self.measure))
        return graph


def _check(measure, steps, top, threshold) -> None:
    if measure not in NETWORK_MEASURES:
        raise InputError(f"measure must be one of {', '.join(NETWORK_MEASURES)}, not {measure!r}")
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool) or not 1 <= steps <= 5:
        raise InputError(f"steps must be a whole number from 1 to 5, not {steps!r}")
    if top is not None and (not isinstance(top, (int, np.integer)) or isinstance(top, bool) or top < 1):
        raise InputError(f"top must be a positive number of collocates per word, not {top!r}")
    if top is None and threshold is None:
        raise InputError("give top= (collocates per word) or threshold= (the measure's minimum), or both: "
                         "without either a network takes in every word")


def collocation_network(corpus, nodes, *, lang=None, window=4, measure: str = "log_dice", threshold=None,
                        steps: int = 2, top: int | None = 10, min_count: int = 2, stopwords=None,
                        role=None) -> CollocationNetwork:
    r"""A collocation network grown from ``nodes``, a step at a time (Brezina, McEnery & Wattam 2015).

    Step 1 takes the collocates of each node (:func:`discourse.collocates`, with its
    window, counting and measures: MI, t-score, G², logDice
    :math:`14 + \log_2 \frac{2 f_{nc}}{f_n + f_c}`), keeps those with ``co_freq ≥
    min_count`` and ``measure ≥ threshold`` and, of them, the ``top`` strongest; step 2
    does the same for every word step 1 added, and so on for ``steps`` steps. A word is
    expanded once; a pair found from both ends is one edge, with the figures of the
    first time it was found (association measures are symmetric in :math:`f_n, f_c`;
    ``co_freq`` may differ a little where windows overlap). Each language's words make
    their own network (a collocate is always of the node's language).

    Brezina, V., McEnery, T. & Wattam, S. (2015), "Collocations in context: a new
    perspective on collocation networks", *International Journal of Corpus
    Linguistics* 20(2), 139–173 (#LancsBox's GraphColl).

    Parameters
    ----------
    corpus : Corpus or Tokens
    nodes : str or list of str
        The words to start from (each matched as :func:`discourse.find` does: a word,
        a phrase, a ``respons*`` pattern); the words added later are matched exactly.
    lang : str or list of str, optional
        Languages (default: every language where a node occurs).
    window : int or (int, int)
        As in :func:`discourse.collocates` (default 4 each side).
    measure : str
        ``"log_dice"`` (default), ``"mi"``, ``"t_score"``, ``"log_likelihood"`` or
        ``"co_freq"``: what ranks and thresholds the edges.
    threshold : float, optional
        Keep edges with ``measure ≥ threshold`` (default: no minimum).
    steps : int
        Expansion steps, 1 to 5 (default 2).
    top : int or None
        The strongest collocates kept per word (default 10; None: all above ``threshold``).
    min_count : int
        Minimum ``co_freq`` of an edge (default 2).
    stopwords, role :
        As in :func:`discourse.collocates` (the stoplist's words are never collocates).

    Returns
    -------
    CollocationNetwork

    Examples
    --------
    >>> import discourse
    >>> net = collocation_network(discourse.load_corpus(), ["责任", "trách nhiệm"], top=3)
    >>> net.nodes.groupby("lang")["term"].count().to_dict()  # 责任's zh collocates occur once each
    {'vi': 9, 'zh': 1}
    >>> sorted(net.edges["step"].unique().tolist())
    [1, 2]
    """
    _check(measure, steps, top, threshold)
    options = dict(window=window, stopwords=stopwords, role=role, sort=measure)  # min_count=1: node_freq known
    node_rows: dict = {}  # (lang, term) -> [step, freq]
    edges: dict = {}  # frozenset pair (and lang) -> row
    frontier = []
    for node in as_list(nodes):
        if not isinstance(node, str) or not node.strip():
            raise InputError(f"a node is a word or phrase, not {node!r}")
        table = collocates(corpus, node, lang=lang, **options)
        if not len(table):
            raise InputError(f"collocation_network: {node!r} has no occurrence with a collocate in the corpus"
                             f"{'' if lang is None else f' (lang={lang!r})'}; check its spelling, or try a "
                             "pattern such as respons*")
        frontier.append((node, table))
    for step in range(1, steps + 1):
        reached = []
        for node, table in frontier:
            for code, rows in table.groupby("lang", sort=True):
                node_rows.setdefault((code, node), [step - 1, int(rows["node_freq"].iloc[0])])
                rows = rows[rows["co_freq"] >= min_count]
                if threshold is not None:
                    rows = rows[rows[measure] >= threshold]
                rows = rows.head(top) if top is not None else rows
                for row in rows.itertuples(index=False):
                    key = (code, frozenset((node, row.collocate)))
                    if key not in edges:
                        edges[key] = (code, node, row.collocate, step, row.co_freq, row.mi, row.t_score,
                                      row.log_likelihood, row.log_dice)
                    if (code, row.collocate) not in node_rows:
                        node_rows[(code, row.collocate)] = [step, int(row.collocate_freq)]
                        reached.append((code, row.collocate))
        if step == steps:
            break
        frontier = [(term, collocates(corpus, re.escape(term), lang=code, regex=True, **options).assign(node=term))
                    for code, term in reached]
    nodes_table = pd.DataFrame([(code, term, s, f) for (code, term), (s, f) in node_rows.items()],
                               columns=["lang", "term", "step", "freq"])
    nodes_table = nodes_table.sort_values(["lang", "step"], kind="mergesort").reset_index(drop=True)
    edges_table = pd.DataFrame(list(edges.values()), columns=_EDGE_COLUMNS)
    edges_table = edges_table.sort_values(["lang", "step"], kind="mergesort").reset_index(drop=True)
    return CollocationNetwork(nodes=nodes_table.astype({"step": np.int64, "freq": np.int64}),
                              edges=edges_table.astype({"step": np.int64, "co_freq": np.int64}), measure=measure)
