"""Plots of the document models: :func:`similarity_heatmap`, :func:`topic_terms`,
:func:`ca_biplot` (documents and terms, in the language colours) and :func:`dendrogram`.

>>> import pandas as pd
>>> t = pd.DataFrame({"lang": "zh", "doc_a": ["a", "a", "b", "b"], "doc_b": ["a", "b", "a", "b"],
...                   "similarity": [1.0, 0.3, 0.3, 1.0]})
>>> [x.get_text() for x in similarity_heatmap(t).get_xticklabels()]
['a', 'b']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.errors import InputError

from .base import finish, rows_of, set_label_fonts, style, subplots
from .fonts import CYCLE_COLORS, lang_color

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["similarity_heatmap", "topic_terms", "ca_biplot", "dendrogram"]


def _need(table, columns, what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(f"{what}: the table has no column {', '.join(map(repr, missing))}")
    if not len(table):
        raise InputError(f"{what}: the table is empty")


def _one_lang(table, lang, what: str) -> pd.DataFrame:
    return rows_of(table, "lang", lang, what=what, noun="language", option="lang")[0]


def similarity_heatmap(table: Any, *, lang: str | None = None, ax: Any = None, title: str | None = None) -> Axes:
    """Documents × documents heatmap of a :func:`discourse.similarity` table (one language).

    Parameters
    ----------
    table : pandas.DataFrame
        ``lang, doc_a, doc_b, similarity``.
    lang : str, optional
        The language to draw (default: the table's only one).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = similarity_heatmap(discourse.similarity(discourse.load_corpus(), lang="zh"))
    >>> len(ax.texts)
    4
    """
    _need(table, ("lang", "doc_a", "doc_b", "similarity"), "similarity_heatmap")
    data = _one_lang(table, lang, "similarity_heatmap")
    docs = list(pd.unique(data["doc_a"]))
    matrix = data.pivot(index="doc_a", columns="doc_b", values="similarity").reindex(index=docs, columns=docs)
    values = matrix.to_numpy(dtype=float)
    with style():
        if ax is None:
            side = min(3 + 0.45 * len(docs), 14)
            _, ax = subplots(figsize=(side + 1.5, side))
        image = ax.imshow(values, cmap="Blues", vmin=0, vmax=1)
        ax.set_xticks(range(len(docs)), labels=docs, rotation=45, ha="right")
        ax.set_yticks(range(len(docs)), labels=docs)
        for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
            label.set_parse_math(False)
        if len(docs) <= 20:
            for (i, j), v in np.ndenumerate(values):
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8, color="white" if v > 0.6 else "black")
        ax.figure.colorbar(image, ax=ax, shrink=0.8, label="cosine similarity (TF-IDF)")
        ax.tick_params(length=0)
        finish(ax, title if title is not None else f"Document similarity ({data['lang'].iloc[0]})")
    return ax


def topic_terms(model: Any, *, lang: str | None = None, top: int = 8, ax: Any = None,
                title: str | None = None) -> Any:
    """The top terms of each topic, one panel per topic, bars in the language's colour.

    Parameters
    ----------
    model : Topics or pandas.DataFrame
        A :func:`discourse.topics` result (or its ``terms`` table).
    lang : str, optional
        The language (default: the only one).
    top : int
        Terms per topic (default 8).
    ax : ignored unless a sequence of as many Axes as topics
    title : str, optional
        The figure's title.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One per topic.

    Examples
    --------
    >>> import discourse
    >>> axes = topic_terms(discourse.topics(discourse.load_corpus(), lang="zh", n_topics=2))
    >>> len(axes), axes[0].get_title()
    (2, 'topic 1')
    """
    table = getattr(model, "terms", model)
    _need(table, ("lang", "topic", "rank", "term", "weight"), "topic_terms")
    data = _one_lang(table, lang, "topic_terms")
    data = data[data["rank"] <= top]
    numbers = sorted(pd.unique(data["topic"]))
    colour = lang_color(str(data["lang"].iloc[0]))
    with style():
        if ax is None:
            cols = min(len(numbers), 4)
            rows = int(np.ceil(len(numbers) / cols))
            fig, axes = subplots(rows, cols, figsize=(3.0 * cols, 0.28 * top * rows + 1.2 * rows), squeeze=False)
            axes = axes.ravel()
            for extra in axes[len(numbers):]:
                extra.set_visible(False)
        else:
            axes = np.atleast_1d(ax).ravel()
            fig = axes[0].figure
        for panel, number in zip(axes, numbers):
            rows_ = data[data["topic"] == number].sort_values("rank")
            panel.barh(range(len(rows_)), rows_["weight"].to_numpy(dtype=float), color=colour)
            panel.set_yticks(range(len(rows_)), labels=rows_["term"].astype(str).tolist())
            for label in panel.get_yticklabels():
                label.set_parse_math(False)
            panel.invert_yaxis()
            panel.set_title(f"topic {number}")
            panel.tick_params(axis="y", length=0)
            set_label_fonts(panel)
        if title is not None:
            fig.suptitle(title)
    return axes[:len(numbers)]


def ca_biplot(result: Any, *, dims=(1, 2), terms: int = 30, ax: Any = None, title: str | None = None) -> Axes:
    """Symmetric biplot of a :func:`discourse.correspondence_analysis`: documents and terms.

    Documents are squares, terms dots, both in their language's colour; both in
    principal coordinates (the symmetric map: distances between documents, and between
    terms, are χ² distances; a document is near the terms it uses more than expected).

    Parameters
    ----------
    result : CorrespondenceAnalysis
    dims : tuple of two ints
        The axes drawn (default the first two; a one-axis result draws its axis against 0).
    terms : int
        Label the ``terms`` terms of largest mass (default 30; all terms get a dot).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = ca_biplot(discourse.correspondence_analysis(discourse.load_corpus(), top=10))
    >>> ax.get_xlabel()[:10]
    'dimension '
    """
    points = result.wide(dims)
    inertia = result.inertia.set_index("dim")["share"]
    x_col, y_col = (f"dim_{d}" for d in dims)
    if x_col not in points:
        raise InputError(f"ca_biplot: the analysis has no dimension {dims[0]}")
    ys = points[y_col] if y_col in points else pd.Series(0.0, index=points.index)
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8, 7))
        ax.axhline(0, color="#BBBBBB", linewidth=0.8)
        ax.axvline(0, color="#BBBBBB", linewidth=0.8)
        labelled = set(points[points["point"] == "term"].nlargest(terms, "mass").index)
        for i, row in points.iterrows():
            colour, y = lang_color(str(row["lang"])), float(ys.loc[i])
            document = row["point"] == "document"
            ax.scatter(row[x_col], y, marker="s" if document else "o", s=50 if document else 14, color=colour,
                       alpha=1.0 if document else 0.7, edgecolor="black" if document else "none")
            if document or i in labelled:
                text = ax.annotate(str(row["label"]), (row[x_col], y), xytext=(3, 3), textcoords="offset points",
                                   fontsize=9 if document else 8, color=colour)
                text.set_parse_math(False)
        ax.set_xlabel(f"dimension {dims[0]} ({inertia.get(dims[0], np.nan):.1%} of inertia)")
        ax.set_ylabel(f"dimension {dims[1]} ({inertia.get(dims[1], np.nan):.1%} of inertia)" if y_col in points
                      else "(one dimension only)")
        for lang in pd.unique(points["lang"].astype(str)):
            ax.scatter([], [], color=lang_color(lang), label=lang)
        ax.legend(title="language (■ documents, ● terms)")
        finish(ax, title if title is not None else "Correspondence analysis: documents × terms")
    return ax


def _link_colours(linkage, clusters) -> dict:
    """Link id → colour: its cluster's when every document under it is of one cluster, else grey."""
    n = len(clusters)
    members = [{int(c)} for c in clusters]
    colours = {}
    for i, (a, b, _, _) in enumerate(linkage):
        members.append(members[int(a)] | members[int(b)])
        only = members[-1]
        colours[n + i] = CYCLE_COLORS[(next(iter(only)) - 1) % len(CYCLE_COLORS)] if len(only) == 1 else "#999999"
    return colours


def dendrogram(result: Any, *, lang: str | None = None, ax: Any = None, title: str | None = None) -> Axes:
    """The tree of a :func:`discourse.document_clusters` result (one language), leaves on the left.

    Branches inside one flat cluster take that cluster's colour (clusters numbered top to
    bottom as ``table["cluster"]``), the merges above the cut are grey; the leaves are in
    ``table["order"]``.

    Parameters
    ----------
    result : DocumentClusters
    lang : str, optional
        The language to draw (default: the result's only one).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = dendrogram(discourse.document_clusters(discourse.load_corpus(), lang="zh", n_clusters=2))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['000_6faf780c4d1388a2', '003_90d6e10e09142168']
    """
    from scipy.cluster import hierarchy  # deferred: heavy, only for a dendrogram

    langs = list(result.linkage)
    if lang is None:
        if len(langs) != 1:
            raise InputError(f"dendrogram: the result has several languages ({', '.join(langs) or 'none'}); "
                             f"pass lang=")
        lang = langs[0]
    if lang not in result.linkage:
        raise InputError(f"dendrogram: no document of language {lang!r} (the result has {', '.join(langs)})")
    linkage, labels = result.linkage[lang], result.labels[lang]
    if len(labels) < 2:
        raise InputError(f"dendrogram: language {lang!r} has {len(labels)} document; a tree needs 2 or more")
    rows = result.table[result.table["lang"] == lang]
    colours = _link_colours(linkage, rows["cluster"].to_numpy())
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8, min(1.5 + 0.3 * len(labels), 16)))
        hierarchy.dendrogram(linkage, labels=labels, orientation="right", ax=ax,
                             link_color_func=colours.__getitem__)
        # scipy draws the first leaf at the bottom: turn it over, so the order reads top to bottom
        ax.invert_yaxis()
        for label in ax.get_yticklabels():
            label.set_parse_math(False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("Ward merge height (L2-normalised TF-IDF)" if result.method == "ward"
                      else f"cosine distance, TF-IDF ({result.method} linkage)")
        finish(ax, title if title is not None else f"Document clusters ({lang})")
    return ax
