"""Lexical diversity per document, grouped by language: :func:`diversity`.

The plot carries its caveat as a caption: a diversity value counts the tokenizer's
words, and a Chinese (jieba), a Vietnamese (pyvi) and a French "word" are different
units, so only bars of one language compare.

>>> import pandas as pd
>>> t = pd.DataFrame({"doc_id": ["a", "b", "a"], "lang": ["zh", "zh", "fr"], "measure": "mtld",
...                   "value": [60.0, 75.0, 80.0], "tokens": 500, "types": 200})
>>> ax = diversity(t)
>>> len(ax.patches), CAPTION[:40]
(3, 'Compare bars within one language only: z')
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.errors import InputError

from .base import DEFAULT_FIGSIZE, finish, rows_of, style, subplots
from .fonts import lang_color

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["diversity", "CAPTION"]

#: The caption of :func:`diversity` (why values do not compare across languages).
CAPTION = ("Compare bars within one language only: zh, vi and fr values count different units "
           "(jieba words, pyvi compounds, French words), so a higher bar in another language "
           "does not mean a more varied text.")

_NAMES = {"ttr": "TTR", "mattr": "MATTR", "mtld": "MTLD", "hdd": "HD-D"}


def diversity(table: Any, *, measure: str | None = None, label: str = "doc_id", ax: Any = None,
              title: str | None = None) -> Axes:
    """Bars of one diversity measure, one per document, grouped and coloured by language.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :func:`discourse.lexical_diversity` (``lang, measure, value`` and the
        *label* column).
    measure : str, optional
        Which measure to draw when the table has several (default: the only one).
    label : str
        The column naming a bar (default ``doc_id``).
    ax : matplotlib.axes.Axes, optional
    title : str, optional
        Default: the measure's name.

    Returns
    -------
    matplotlib.axes.Axes
        With :data:`CAPTION` as the x-axis label, under the bars (a NaN value, a text too short for the
        measure, draws no bar and keeps its label).

    Examples
    --------
    >>> import discourse
    >>> table = discourse.lexical_diversity(discourse.load_corpus(), measure="mattr")
    >>> ax = diversity(table)
    >>> [t.get_text() for t in ax.get_xticklabels()][:1]
    ['003_90d6e10e09142168']
    """
    from matplotlib.patches import Patch  # deferred: `import discourse.plot` stays light (no matplotlib until a plot)

    missing = [c for c in ("lang", "measure", "value", label) if c not in table.columns]
    if missing:
        raise InputError(f"diversity: the table has no column {', '.join(map(repr, missing))}; "
                         "pass a table of discourse.lexical_diversity")
    data, measure = rows_of(table, "measure", measure, what="diversity", noun="measure", option="measure")
    data = data.sort_values("lang", kind="mergesort")
    x, labels, colours = [], [], []
    pos, previous = 0.0, None
    for lang, name in zip(data["lang"].astype(str), data[label].astype(str)):
        if previous is not None and lang != previous:
            pos += 0.6  # a gap between languages
        x.append(pos)
        labels.append(name)
        colours.append(lang_color(lang))
        previous, pos = lang, pos + 1
    values = pd.to_numeric(data["value"]).to_numpy(dtype=float)
    with style():
        if ax is None:
            _, ax = subplots(figsize=(max(DEFAULT_FIGSIZE[0], 0.5 * len(x) + 2), DEFAULT_FIGSIZE[1]))
        drawn = ~np.isnan(values)
        ax.bar(np.asarray(x)[drawn], values[drawn], color=np.asarray(colours, dtype=object)[drawn], width=0.8)
        ax.set_xticks(x, labels=labels, rotation=45, ha="right")
        for tick in ax.get_xticklabels():
            tick.set_parse_math(False)
        handles = [Patch(color=lang_color(lang), label=lang) for lang in pd.unique(data["lang"].astype(str))]
        ax.legend(handles=handles, title="language")
        ax.set_ylabel(_NAMES.get(measure, measure))
        ax.yaxis.grid(True)
        ax.set_xlabel(textwrap.fill(CAPTION, 80), fontsize="small", loc="left")
        finish(ax, title if title is not None else f"Lexical diversity ({_NAMES.get(measure, measure)})")
    return ax
