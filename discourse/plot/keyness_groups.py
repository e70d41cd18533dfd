"""Faceted keyness: one keyness panel per group of a ``keywords(…, by=COLUMN)`` table.

>>> import discourse
>>> table = discourse.keywords(discourse.load_corpus(), lang="zh", by="doc_id")
>>> axes = keyness_groups(table, top=2)
>>> [ax.get_title() for ax in axes]
['000_6faf780c4d1388a2', '003_90d6e10e09142168']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from discourse.errors import InputError

from .base import set_label_fonts, style, subplots
from .terms import keyness

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["keyness_groups"]


def keyness_groups(table: Any, *, top: int = 5, value: str = "log_ratio", columns: int = 3,
                   ax: Any = None) -> np.ndarray:
    r"""Keyness bars for every group of a group keyness table, one panel per group.

    Each panel is :func:`discourse.plot.keyness` of one group's rows: its ``top``
    strongest positive keywords (the group's language colour) and ``top`` strongest
    negative ones (grey), the bar length *value* signed by ``direction`` — by default
    Log Ratio, :math:`\log_2\frac{(a+0.5\cdot[a=0])/c}{(b+0.5\cdot[b=0])/d}` (Hardie 2014;
    ``a, c`` the word's count and the group's size, ``b, d`` the reference's). Labels in
    Chinese or Vietnamese draw with the package's bundled fonts (:mod:`discourse.plot.base`).

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :func:`discourse.keywords` with ``by=`` (a ``group`` column, then
        ``term``, ``direction``, *value* …), in its order: ranked within each group.
    top : int
        Keywords on each side of each panel.
    value : str
        The bar length, as in :func:`discourse.plot.keyness`.
    columns : int
        Panels per row (the figure has as many rows as it needs).
    ax : sequence of matplotlib.axes.Axes, optional
        At least one Axes per group (the extra ones are hidden); by default a new figure.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One per group, in the order of the table; each titled with its group.

    References
    ----------
    Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for Corpus
    Approaches to Social Science (CASS), Lancaster University.

    Examples
    --------
    >>> import discourse
    >>> table = discourse.keywords(discourse.load_corpus(), lang="zh", by="doc_id", max_p=0.05)
    >>> axes = keyness_groups(table, top=1, columns=2)
    >>> [len(a.patches) for a in axes], axes[0].get_yticklabels()[0].get_text()
    ([2, 2], '扶贫开发')
    """
    if "group" not in getattr(table, "columns", ()):
        raise InputError("keyness_groups: the table has no group column; make it with "
                         "discourse.keywords(corpus, lang=…, by='year'), or plot one target with plot.keyness")
    if isinstance(columns, bool) or not isinstance(columns, (int, np.integer)) or columns < 1:
        raise InputError(f"keyness_groups: columns must be a positive integer, not {columns!r}")
    groups = list(pd.unique(table["group"]))
    if not groups:
        raise InputError("keyness_groups: the table is empty; nothing to plot")
    if ax is None:
        ncols = min(int(columns), len(groups))
        nrows = -(-len(groups) // ncols)
        with style():
            _, ax = subplots(nrows, ncols, figsize=(4.4 * ncols, max(2.6, 0.3 * 2 * top + 1.4) * nrows),
                             squeeze=False)
    axes = np.atleast_1d(np.asarray(ax, dtype=object)).ravel()
    if len(axes) < len(groups):
        raise InputError(f"keyness_groups: the table has {len(groups)} groups; give at least as many Axes "
                         f"(got {len(axes)})")
    for group, axis in zip(groups, axes):
        rows = table[table["group"].isna()] if pd.isna(group) else table[table["group"] == group]
        with style():
            if rows["direction"].isin(["positive", "negative"]).any():
                keyness(rows, top=top, value=value, ax=axis, title=str(group))
            else:  # a group with no keyword (after max_p) gets an empty panel, not an error
                axis.set_title(str(group))
                axis.text(0.5, 0.5, "no keyword", ha="center", va="center", transform=axis.transAxes)
                axis.set_yticks([])
            legend = axis.get_legend()
            if legend is not None and axis is not axes[0]:
                legend.remove()  # one legend is enough: the colours mean the same in every panel
            set_label_fonts(axis)
    for axis in axes[len(groups):]:
        axis.set_visible(False)
    return axes[:len(groups)]
