"""Plots of term renderings (issue 15): :func:`retention` (shares with Wilson intervals),
:func:`rendering_bars` (for one frame, each source term's most frequent renderings) and
:func:`calque_shares` (zh → vi: the share of renderings that are Sino-Vietnamese calques).

>>> import discourse
>>> from discourse.frames import rendering_summary, renderings
>>> ax = retention(rendering_summary(renderings(discourse.load_corpus(), unit="paragraph")))
>>> [t.get_text() for t in ax.get_yticklabels()][:2]
['battle · zh→fr (n=8)', 'battle · zh→vi (n=9)']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.errors import InputError
from discourse.frames import SHIFT_COLORS
from discourse.frames.rendering_summary import SUMMARY_COLUMNS
from discourse.stats import wilson_interval

from .base import finish, style, subplots

__all__ = ["retention", "rendering_bars", "calque_shares"]

_SHOWN = ("kept", "softened", "dropped")


def retention(summary: pd.DataFrame, *, ax=None, title: str | None = None):
    """Kept / softened / dropped shares per frame and language pair, with 95 % Wilson intervals.

    Parameters
    ----------
    summary : DataFrame
        From :func:`discourse.frames.rendering_summary`.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        Per frame and pair (``frame · zh→fr``), three dots (the shares) with their
        intervals; the number of source hits is in the label.

    Examples
    --------
    >>> import discourse
    >>> from discourse.frames import rendering_summary, renderings
    >>> ax = retention(rendering_summary(renderings(discourse.load_corpus(), unit="paragraph")))
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    'battle · zh→fr (n=8)'
    """
    need = {"frame", "source_lang", "target_lang", "source_hits"} | {f"{s}_{x}" for s in _SHOWN
                                                                      for x in ("share", "low", "high")}
    if not need <= set(summary.columns):
        raise InputError("give the table of discourse.rendering_summary(renderings(...))")
    labels = [f"{f} · {s}→{t}" for f, s, t in zip(summary["frame"], summary["source_lang"], summary["target_lang"])]
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.6 + 0.5 * len(labels)))
        y = np.arange(len(summary))
        for k, status in enumerate(_SHOWN):
            share = summary[f"{status}_share"].to_numpy(dtype=float)
            low, high = summary[f"{status}_low"].to_numpy(dtype=float), summary[f"{status}_high"].to_numpy(dtype=float)
            offset = (k - 1) * 0.22
            ax.errorbar(share, y + offset, xerr=[np.clip(np.nan_to_num(share - low), 0, None), np.clip(np.nan_to_num(high - share), 0, None)], fmt="o", color=SHIFT_COLORS[status],
                        ecolor=SHIFT_COLORS[status], capsize=3, label=status, markeredgecolor="black")
        ax.set_yticks(y, labels=[f"{lab} (n={n})" for lab, n in zip(labels, summary["source_hits"])])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of source hits (95 % Wilson interval)")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        finish(ax, title or "How frame hits are rendered")
    return ax


def rendering_bars(renderings: pd.DataFrame, frame: str, *, target: str | None = None, top: int = 5, ax=None,
                   title: str | None = None):
    """For one frame: each source term's most frequent renderings, as stacked bars by status.

    Parameters
    ----------
    renderings : DataFrame
        From :func:`discourse.frames.renderings`.
    frame : str
    target : str, optional
        One target language (default: all, labelled ``term → lang``).
    top : int
        Source terms shown, most frequent first.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> from discourse.frames import renderings
    >>> ax = rendering_bars(renderings(discourse.load_corpus(), unit="paragraph"), "battle", target="fr")
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    '脱贫攻坚 → fr'
    """
    rows = renderings[(renderings["frame"] == frame) & renderings["source_term"].notna()]
    if target is not None:
        rows = rows[rows["target_lang"] == target]
    if rows.empty:
        raise InputError(f"no source hits of frame {frame!r}" + (f" rendered in {target!r}" if target else ""))
    rows = rows.assign(shown=rows["rendering"].fillna("(nothing)").str.lower())
    terms = rows.groupby(["source_term", "target_lang"]).size().sort_values(ascending=False, kind="stable")
    terms = list(terms.index[:top])
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.6 + 0.6 * len(terms)))
        for y, (term, lang) in enumerate(terms):
            g = rows[(rows["source_term"] == term) & (rows["target_lang"] == lang)]
            left = 0
            for (shown, status), n in g.groupby(["shown", "status"]).size().sort_values(ascending=False).items():
                ax.barh(y, n, left=left, color=SHIFT_COLORS[status], edgecolor="white", height=0.7)
                ax.text(left + n / 2, y, shown, ha="center", va="center", fontsize=9)
                left += n
        ax.set_yticks(range(len(terms)), labels=[f"{t} → {lang}" for t, lang in terms])
        ax.invert_yaxis()
        ax.set_xlabel("hits")
        finish(ax, title or f"Renderings of the {frame} frame's terms")
    return ax


def calque_shares(summary: pd.DataFrame, *, ax=None, title: str | None = None):
    """Per frame, the share of the Vietnamese renderings that are Sino-Vietnamese calques, with
    95 % Wilson intervals (:func:`discourse.stats.wilson_interval`, `calques` of the rendered —
    kept or softened — hits).

    Parameters
    ----------
    summary : DataFrame
        From :func:`discourse.frames.rendering_summary`; the zh → vi rows are shown.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        One bar per frame (and per `by` group, if the summary has one), labelled with the
        calques and the rendered hits (``battle (7/9)``).

    Examples
    --------
    >>> import discourse
    >>> from discourse.frames import rendering_summary, renderings
    >>> ax = calque_shares(rendering_summary(renderings(discourse.load_corpus(), unit="paragraph")))
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    'battle (7/9)'
    """
    need = {"frame", "source_lang", "target_lang", "kept", "softened", "calques", "calque_share"}
    if not need <= set(summary.columns):
        raise InputError("give the table of discourse.rendering_summary(renderings(...))")
    rows = summary[(summary["source_lang"] == "zh") & (summary["target_lang"] == "vi")]
    rendered = (rows["kept"] + rows["softened"]).astype(int)
    rows = rows[rendered > 0]
    rendered = rendered[rendered > 0]
    if rows.empty:
        raise InputError("no zh → vi renderings in this summary: calques are Vietnamese readings of Chinese terms")
    groups = [c for c in summary.columns if c not in SUMMARY_COLUMNS]  # the summary's `by` columns
    labels = [" · ".join([str(r[c]) for c in groups] + [r["frame"]]) + f" ({int(r['calques'])}/{n})"
              for (_, r), n in zip(rows.iterrows(), rendered)]
    bounds = np.array([wilson_interval(int(k), int(n)) for k, n in zip(rows["calques"], rendered)])
    share = rows["calque_share"].to_numpy(dtype=float)
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.6 + 0.5 * len(rows)))
        y = np.arange(len(rows))
        ax.barh(y, share, color=SHIFT_COLORS["kept"], edgecolor="black", height=0.6)
        ax.errorbar(share, y, xerr=[share - bounds[:, 0], bounds[:, 1] - share], fmt="none", ecolor="black",
                    capsize=3)
        ax.set_yticks(y, labels=labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the Vietnamese renderings that are calques (95 % Wilson interval)")
        finish(ax, title or "Sino-Vietnamese calques, zh → vi")
    return ax
