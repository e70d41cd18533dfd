"""Frame plots: tables of :mod:`discourse.frames` drawn as heatmaps, bars and strips.

* :func:`frame_heatmap`, :func:`frame_bars` — a :func:`discourse.frames.frame_profile`,
  frames × languages;
* :func:`shifts` — a :func:`discourse.frames.translation_shifts` table, kept / softened /
  dropped / added per frame and language pair;
* :func:`frame_strip` — where each frame occurs along one document, in each language.

The old names ``discourse.plot_frame_heatmap``, ``plot_frame_bars``, ``plot_shifts`` and
``plot_frame_strip`` still work for one release, with a ``FutureWarning``.

>>> import discourse
>>> ax = frame_bars(discourse.frame_profile(discourse.load_corpus()), value="per_1k")
>>> "not comparable across languages" in ax.get_xlabel()
True
"""

from __future__ import annotations

import inspect
import warnings

import numpy as np
import pandas as pd

from discourse.corpus import COUNTED_ROLES
from discourse.errors import InputError
from discourse.frames import SHIFT_COLORS, STATUSES, frame_hits, frame_order, load_lexicon, shift_summary

from .base import finish, style, subplots
from .fonts import lang_color

__all__ = ["frame_bars", "frame_heatmap", "frame_strip", "shifts"]

_RATE_NOTE = ("per 1,000 tokens — not comparable across languages: a zh, vi and fr token are different units; "
              "compare languages by unit share")
_SHARE_NOTE = "share of aligned units (paragraphs and titles) in which the frame appears"


def _by_lang(profile: pd.DataFrame, value: str) -> pd.DataFrame:
    """Frame × language table of ``value`` over all documents (pooled, not averaged)."""
    if value not in ("unit_share", "per_1k"):
        raise InputError(f"value must be 'unit_share' or 'per_1k', not {value!r}")
    if profile.empty:
        raise InputError("the profile is empty: the lexicon has no terms in the corpus's languages; "
                         "add terms for them (see discourse.equivalents)")
    num, den = ("units_with_frame", "units") if value == "unit_share" else ("hits", "tokens")
    sums = profile.groupby(["frame", "lang"], sort=False)[[num, den]].sum()
    table = (sums[num] / sums[den].where(sums[den] > 0)).unstack("lang")
    if value == "per_1k":
        table = table * 1000
    return table.reindex(index=frame_order(profile))


def _lang_ticks(ax, axis: str) -> None:
    for label in (ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()):
        label.set_color(lang_color(label.get_text()))


def frame_heatmap(profile: pd.DataFrame, *, value: str = "unit_share", ax=None, title: str | None = None):
    """Frames × languages heatmap of a :func:`discourse.frames.frame_profile`, pooled over documents.

    Parameters
    ----------
    profile : DataFrame
        From :func:`discourse.frames.frame_profile` (filter it first to show one document).
    value : {"unit_share", "per_1k"}
        ``unit_share`` (default) compares languages; ``per_1k`` does not (see
        :func:`discourse.frames.frame_profile`), and the caption says so.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = frame_heatmap(discourse.frame_profile(discourse.load_corpus()))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['fr', 'vi', 'zh']
    """
    table = _by_lang(profile, value)
    table = table.reindex(columns=sorted(table.columns))
    with style():
        if ax is None:
            _, ax = subplots(figsize=(2.2 + 1.1 * max(len(table.columns), 1), 1.6 + 0.45 * len(table)))
        data = np.ma.masked_invalid(table.to_numpy(dtype=float))
        vmax = 1.0 if value == "unit_share" else max(float(np.nanmax(table.to_numpy(dtype=float), initial=0)), 1e-9)
        image = ax.imshow(data, cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
        ax.set_facecolor("#EEEEEE")  # languages without terms for a frame: not measured
        ax.set_xticks(range(len(table.columns)), labels=list(table.columns))
        ax.set_yticks(range(len(table)), labels=list(table.index))
        for (i, j), v in np.ndenumerate(table.to_numpy(dtype=float)):
            text = "–" if np.isnan(v) else (f"{v:.0%}" if value == "unit_share" else f"{v:.1f}")
            dark = not np.isnan(v) and v > 0.6 * vmax
            ax.text(j, i, text, ha="center", va="center", fontsize=11, color="white" if dark else "black")
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        ax.figure.colorbar(image, ax=ax, shrink=0.8)
        ax.set_xlabel(_SHARE_NOTE if value == "unit_share" else _RATE_NOTE, fontsize=9, wrap=True)
        _lang_ticks(ax, "x")
        finish(ax, title)
    return ax


def frame_bars(profile: pd.DataFrame, *, value: str = "unit_share", ax=None, title: str | None = None):
    """Grouped horizontal bars: one group per frame, one bar per language (its colour).

    Parameters and pooling as :func:`frame_heatmap`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = frame_bars(discourse.frame_profile(discourse.load_corpus()))
    >>> len(ax.patches)
    21
    """
    from matplotlib.patches import Patch  # deferred: matplotlib loads on first plot

    table = _by_lang(profile, value)
    langs = sorted(table.columns)
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.4 + 0.35 * len(table) * max(len(langs), 1)))
        height = 0.8 / max(len(langs), 1)
        for k, lang in enumerate(langs):
            ys = np.arange(len(table)) + (k - (len(langs) - 1) / 2) * height
            ax.barh(ys, table[lang].fillna(0).to_numpy(), height=height, color=lang_color(lang))
        ax.set_yticks(range(len(table)), labels=list(table.index))
        if len(table):
            ax.set_ylim(len(table) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.grid(True)
        if value == "unit_share":
            ax.set_xlim(0, 1)
            from matplotlib.ticker import PercentFormatter  # deferred: matplotlib loads on first plot

            ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel(_SHARE_NOTE if value == "unit_share" else _RATE_NOTE, fontsize=9, wrap=True)
        ax.legend(handles=[Patch(facecolor=lang_color(v), label=v) for v in langs], loc="upper left",
                  bbox_to_anchor=(1.0, 1.0))
        finish(ax, title)
    return ax


def shifts(shifts: pd.DataFrame, *, ax=None, title: str | None = None):
    """Stacked bars of kept / softened / dropped / added units per frame and language pair.

    Parameters
    ----------
    shifts : DataFrame
        From :func:`discourse.frames.translation_shifts`.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        One bar per frame and pair, labelled ``frame · zh→fr``.

    Examples
    --------
    >>> import discourse
    >>> ax = shifts(discourse.translation_shifts(discourse.load_corpus()))
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['battle · zh→fr', 'battle · zh→vi']
    """
    from matplotlib.patches import Patch  # deferred: matplotlib loads on first plot

    summary = shift_summary(shifts)
    labels = [f"{f} · {s}→{t}" for f, s, t in zip(summary["frame"], summary["source_lang"], summary["target_lang"])]
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.6 + 0.4 * len(labels)))
        left = np.zeros(len(summary))
        for status in STATUSES:
            values = summary[status].to_numpy(dtype=float)
            ax.barh(range(len(summary)), values, left=left, color=SHIFT_COLORS[status], height=0.7,
                    hatch="//" if status == "added" else None, edgecolor="white")
            for y, (x0, v) in enumerate(zip(left, values)):
                if v:
                    ax.text(x0 + v / 2, y, f"{v:.0f}", ha="center", va="center", fontsize=10,
                            color="white" if status == "added" else "black")
            left += values
        ax.set_yticks(range(len(labels)), labels=labels)
        if labels:
            ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.grid(True)
        ax.set_xlabel("aligned units (a title or paragraph and its translation)")
        ax.legend(handles=[Patch(facecolor=SHIFT_COLORS[s], label=s, hatch="//" if s == "added" else None)
                           for s in STATUSES], loc="upper left", bbox_to_anchor=(1.0, 1.0))
        finish(ax, title)
    return ax


def frame_strip(corpus, lexicon=None, *, doc_id: str | None = None, frames=None, ax=None,
                title: str | None = None):
    """Where each frame occurs along one document, in each of its language versions.

    The x axis is the document's aligned units in order (1, 2 …; each a cell of width
    one), so a paragraph and its translation sit in the same cell; inside a cell a hit
    is placed by its token position in that language's text. Each frame is a band with
    one row per language (its colour); filled dots are literal terms, hollow dots
    neutral renderings.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
    doc_id : str, optional
        The document (default: the corpus's first).
    frames : list of str, optional
        Frames to show (default: all of the lexicon).
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = frame_strip(discourse.load_corpus(), doc_id="003_90d6e10e09142168")
    >>> ax.get_yticklabels()[0].get_text()
    'battle'
    """
    from matplotlib.lines import Line2D  # deferred: matplotlib loads on first plot

    lex = load_lexicon(lexicon)
    doc_id = corpus.doc_ids[0] if doc_id is None else doc_id
    if doc_id not in corpus.doc_ids:
        raise InputError(f"no document {doc_id!r}; the corpus has {', '.join(corpus.doc_ids)}")
    names = lex.names if frames is None else list(frames)
    unknown = [f for f in names if f not in lex.names]
    if unknown:
        raise InputError(f"the lexicon has no frame {unknown[0]!r}; it has {', '.join(lex.names)}")
    doc = corpus.filter(doc_id=doc_id, role=list(COUNTED_ROLES))
    # token offset of each segment inside its unit (per language), and the unit's size
    seg = pd.DataFrame({"seg_id": doc.column("seg_id"), "lang": doc.column("lang"),
                        "align_id": pd.Series(doc.column("align_id")).astype("Int64"),
                        "n": np.diff(doc.tokens().segment_bounds())})
    seg = seg[seg["align_id"].notna()]
    unit_ids = sorted(seg["align_id"].unique())
    cell = {a: i for i, a in enumerate(unit_ids)}
    langs = sorted(seg["lang"].unique())
    seg = seg.sort_values("seg_id")
    seg["offset"] = seg.groupby(["align_id", "lang"])["n"].cumsum() - seg["n"]
    seg["total"] = seg.groupby(["align_id", "lang"])["n"].transform("sum")
    hits = frame_hits(doc, lex)
    hits = hits[hits["align_id"].notna() & hits["frame"].isin(names)]
    hits = hits.merge(seg[["seg_id", "offset", "total"]], on="seg_id")
    x = hits["align_id"].map(cell) + (hits["offset"] + hits["position"] + hits["length"] / 2) / hits["total"]
    band = 0.8 / max(len(langs), 1)
    y = hits["frame"].map({f: i for i, f in enumerate(names)}) + \
        (hits["lang"].map({v: k for k, v in enumerate(langs)}) - (len(langs) - 1) / 2) * band
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.6 + 0.55 * len(names)))
        for lang in langs:
            for kind, face in (("literal", lang_color(lang)), ("neutral", "none")):
                sel = ((hits["lang"] == lang) & (hits["kind"] == kind)).to_numpy()
                ax.scatter(x[sel], y[sel], s=46, marker="o", facecolors=face, edgecolors=lang_color(lang),
                           linewidths=1.5, zorder=3)
        for i in range(0, len(unit_ids), 2):  # every other unit shaded, so cells read apart
            ax.axvspan(i, i + 1, color="#F2F2F2", zorder=0)
        ax.set_xlim(0, max(len(unit_ids), 1))
        ax.set_xticks([i + 0.5 for i in range(len(unit_ids))], labels=[str(a) for a in unit_ids])
        ax.set_xlabel("aligned unit (position inside a unit: token position in each language's text)")
        ax.set_yticks(range(len(names)), labels=names)
        ax.set_ylim(len(names) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        handles = [Line2D([], [], marker="o", linestyle="", color=lang_color(v), label=v) for v in langs]
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="#444444",
                              label="neutral rendering"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        finish(ax, title if title is not None else doc_id)
    return ax


# --------------------------------------------------------------------------- the old names


def _moved(plot, old: str):
    """``discourse.<old>``: *plot* under its name before issue 14, with a FutureWarning."""

    def moved(*args, **kwargs):
        warnings.warn(f"discourse.{old} is deprecated and will be removed in the next release: "
                      f"use discourse.plot.{plot.__name__} (same arguments)", FutureWarning, stacklevel=2)
        return plot(*args, **kwargs)

    moved.__name__ = moved.__qualname__ = old
    moved.__doc__ = f"Deprecated: :func:`discourse.plot.{plot.__name__}` (same arguments), under its old name."
    moved.__signature__ = inspect.signature(plot)
    return moved


plot_frame_heatmap = _moved(frame_heatmap, "plot_frame_heatmap")
plot_frame_bars = _moved(frame_bars, "plot_frame_bars")
plot_shifts = _moved(shifts, "plot_shifts")
plot_frame_strip = _moved(frame_strip, "plot_frame_strip")
