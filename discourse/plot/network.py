"""The collocation network plot: :func:`collocation_network`.

Drawn with the package's matplotlib style (every label in the font list that covers
Chinese, Vietnamese and French); networkx gives the layout only.

>>> import pandas as pd
>>> from discourse.network import CollocationNetwork
>>> net = CollocationNetwork(
...     nodes=pd.DataFrame({"lang": "zh", "term": ["责任", "主体", "落实"], "step": [0, 1, 1], "freq": [4, 2, 3]}),
...     edges=pd.DataFrame({"lang": "zh", "source": "责任", "target": ["主体", "落实"], "step": 1,
...                         "co_freq": [2, 2], "mi": 5.0, "t_score": 1.2, "log_likelihood": 9.0,
...                         "log_dice": [12.5, 12.0]}))
>>> sorted(t.get_text() for t in collocation_network(net).texts)
['主体', '落实', '责任']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.errors import InputError

from .base import finish, style, subplots
from .fonts import lang_color

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["collocation_network"]


def _widths(values: np.ndarray) -> np.ndarray:
    """Edge widths 0.6 … 3.6 from the measure's values (all equal: 1.5)."""
    lo, hi = np.nanmin(values), np.nanmax(values)
    return np.full(len(values), 1.5) if hi <= lo else 0.6 + 3.0 * (values - lo) / (hi - lo)


def collocation_network(net: Any, *, seed: int = 0, ax: Any = None, title: str | None = None) -> Axes:
    """Draw a :func:`discourse.collocation_network`: words as dots, collocations as lines.

    A dot's colour is its language's, its size grows with the word's frequency, the
    words asked for (step 0) have a black ring; a line's width grows with the edge's
    measure (the network's ``measure``). The layout is networkx's spring layout
    (Fruchterman & Reingold 1991), seeded, so the same network draws the same.

    Parameters
    ----------
    net : CollocationNetwork
    seed : int
        Seed of the layout (default 0).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> net = discourse.collocation_network(discourse.load_corpus(), "trách nhiệm", top=3)
    >>> ax = collocation_network(net)
    >>> len(ax.texts) == len(net.nodes)
    True
    """
    import networkx as nx  # deferred: heavy, only for a network's layout

    if not len(getattr(net, "nodes", ())):
        raise InputError("network: the network has no word to draw")
    graph = net.to_networkx() if hasattr(net, "to_networkx") else None
    if graph is None:
        raise InputError("network: pass the result of discourse.collocation_network")
    positions = nx.spring_layout(graph, seed=seed, weight=None)
    measure = getattr(net, "measure", "log_dice")
    with style():
        if ax is None:
            _, ax = subplots(figsize=(9, 7))
        if len(net.edges):
            widths = _widths(net.edges[measure].to_numpy(dtype=float))
            for row, width in zip(net.edges.itertuples(index=False), widths):
                (x0, y0), (x1, y1) = positions[(row.lang, row.source)], positions[(row.lang, row.target)]
                ax.plot([x0, x1], [y0, y1], color="#999999", linewidth=width, zorder=1)
        freq = net.nodes["freq"].to_numpy(dtype=float)
        sizes = 40 + 260 * np.sqrt(freq / max(freq.max(), 1))
        for row, size in zip(net.nodes.itertuples(index=False), sizes):
            x, y = positions[(row.lang, row.term)]
            ax.scatter([x], [y], s=size, color=lang_color(row.lang), zorder=2,
                       edgecolor="black" if row.step == 0 else "white", linewidth=1.6 if row.step == 0 else 0.8)
            label = ax.annotate(str(row.term), (x, y), xytext=(5, 0), textcoords="offset points",
                                fontsize=10 if row.step == 0 else 9, va="center", zorder=3)
            label.set_parse_math(False)
        for lang in dict.fromkeys(net.nodes["lang"].astype(str)):
            ax.scatter([], [], color=lang_color(lang), label=lang)
        ax.legend(title="language", loc="best")
        ax.set_axis_off()
        finish(ax, title if title is not None else f"Collocation network ({measure}; ringed: the words asked for)")
    return ax
