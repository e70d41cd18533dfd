"""Where and when terms occur: :func:`dispersion` (occurrences through the texts) and
:func:`trend` (relative frequency over time).

>>> import pandas as pd
>>> pos = pd.DataFrame({"term": "脱贫", "lang": "zh", "corpus_position": [0.1, 0.5, 0.9]})
>>> [t.get_text() for t in dispersion(pos).get_yticklabels()]
['脱贫 (zh)']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.errors import InputError

from .base import DEFAULT_FIGSIZE, finish, style, subplots
from .fonts import CYCLE_COLORS, lang_color

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["dispersion", "trend"]


def dispersion(positions: Any, *, x: str = "corpus_position", ax: Any = None, title: str | None = None) -> Axes:
    """Dispersion plot: one row per term and language, a tick at each occurrence.

    Parameters
    ----------
    positions : pandas.DataFrame
        A table of :func:`discourse.positions` (columns ``term``, ``lang`` and *x*).
    x : str
        ``"corpus_position"`` (default: through all the text of the language, documents
        in corpus order, 0 = start, 1 = end) or ``"doc_position"`` (within each
        document).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> pos = discourse.positions(discourse.load_corpus(), ["责任", "trách nhiệm", "responsabilit*"])
    >>> ax = dispersion(pos)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['责任 (zh)', 'trách nhiệm (vi)', 'responsabilit* (fr)']
    """
    missing = [c for c in ("term", "lang", x) if c not in positions.columns]
    if missing:
        raise InputError(f"dispersion: the table has no column {', '.join(map(repr, missing))}")
    if not len(positions):
        raise InputError("dispersion: no occurrence to plot (the terms were not found)")
    keys = list(dict.fromkeys(zip(positions["term"].astype(str), positions["lang"].astype(str))))
    with style():
        if ax is None:
            _, ax = subplots(figsize=(DEFAULT_FIGSIZE[0], max(2.2, 0.55 * len(keys) + 1.4)))
        for row, (term, lang) in enumerate(keys):
            sel = (positions["term"].astype(str) == term) & (positions["lang"].astype(str) == lang)
            xs = pd.to_numeric(positions.loc[sel, x]).to_numpy(dtype=float)
            ax.vlines(xs, row - 0.38, row + 0.38, color=lang_color(lang), linewidth=1.2)
        ax.set_yticks(range(len(keys)), labels=[f"{t} ({lang})" for t, lang in keys])
        for label in ax.get_yticklabels():
            label.set_parse_math(False)
        ax.set_ylim(len(keys) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("position in the text (0 = start, 1 = end)" if x == "corpus_position"
                      else "position in the document (0 = start, 1 = end)" if x == "doc_position" else x)
        finish(ax, title)
    return ax


def trend(table: Any, *, value: str = "per_10k", ax: Any = None, title: str | None = None) -> Axes:
    """Relative frequency of terms over time (or any numeric group): one line per term.

    Years without a document break the line (a gap is not drawn as a straight line);
    a group without a value (documents with no year) is left out of the plot.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :func:`discourse.trend`: ``lang``, one numeric ``by`` column (the x
        axis, e.g. ``year``), ``term`` and *value*.
    value : str
        ``"per_10k"`` (default) or ``"count"``.
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"lang": "zh", "year": [2019, 2019, 2021, 2021], "term": ["脱贫", "小康"] * 2,
    ...                   "count": [3, 1, 2, 2], "total": 1000, "per_10k": [30.0, 10.0, 20.0, 20.0]})
    >>> ax = trend(t)
    >>> [line.get_label() for line in ax.get_lines()]
    ['脱贫', '小康']
    """
    fixed = {"lang", "term", "count", "total", "per_10k", value}
    xcols = [c for c in table.columns if c not in fixed]
    if len(xcols) != 1 or not {"term", value} <= set(table.columns):
        raise InputError("trend: expected a table of discourse.trend with one group column (e.g. year), "
                         f"term and {value}; got columns {', '.join(map(str, table.columns))}")
    xcol = xcols[0]
    xs = pd.to_numeric(table[xcol], errors="coerce")
    if xs.notna().sum() == 0:
        raise InputError(f"trend: the column {xcol!r} holds no numbers to put on the x axis")
    data = table.assign(_x=xs).dropna(subset=["_x"])
    whole = bool(np.all(data["_x"] == np.round(data["_x"])))
    several_langs = "lang" in data.columns and data["lang"].nunique() > 1
    with style():
        if ax is None:
            _, ax = subplots()
        series = data.groupby(["term", "lang"] if several_langs else ["term"], sort=False)
        for i, (key, rows) in enumerate(series):
            rows = rows.sort_values("_x")
            x, y = rows["_x"].to_numpy(dtype=float), rows[value].to_numpy(dtype=float)
            if whole and len(x):  # every missing year is a NaN: the line breaks there
                full = np.arange(x.min(), x.max() + 1)
                y = pd.Series(y, index=x).reindex(full).to_numpy()
                x = full
            label = " · ".join(map(str, key)) if several_langs else str(key[0] if isinstance(key, tuple) else key)
            ax.plot(x, y, marker="o", markersize=3.5, color=CYCLE_COLORS[i % len(CYCLE_COLORS)], label=label)
        ax.set_xlabel(xcol)
        ax.set_ylabel("per 10,000 tokens" if value == "per_10k" else value)
        ax.yaxis.grid(True)
        ax.legend()
        finish(ax, title)
    return ax
