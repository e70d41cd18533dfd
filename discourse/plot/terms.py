"""Term plots: bars of terms (:func:`bar_terms`), the top terms per language
(:func:`top_terms`), keyness (:func:`keyness`) and collocates (:func:`collocates`).

Every function takes a table of the package (or any DataFrame with the columns it names)
and returns the Axes it drew on.

>>> import pandas as pd
>>> df = pd.DataFrame({"term": ["脱贫攻坚", "thoát nghèo", "responsabilité"],
...                    "n": [12, 7, 5], "lang": ["zh", "vi", "fr"]})
>>> len(bar_terms(df, term_col="term", value_col="n", lang_col="lang").patches)
3
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

__all__ = ["bar_terms", "collocates", "keyness", "top_terms"]


def bar_terms(
    df: Any,
    *,
    term_col: str,
    value_col: str,
    lang_col: str | None = None,
    ax: Axes | None = None,
    top: int | None = 20,
    title: str | None = None,
    color: str | None = None,
) -> Axes:
    """Horizontal bar chart of terms by value, largest at the top.

    The generic chart behind the package's frequency plots.  Labels may be in any mix of
    Chinese, Vietnamese, French and English.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per bar.
    term_col : str
        Column of the bar labels (converted to text; drawn literally, ``$`` included).
    value_col : str
        Column of the bar lengths (numbers; rows without a value are left out).
    lang_col : str, optional
        Column of language codes: each bar gets its language's colour
        (:func:`lang_color`) and a legend names the languages.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new figure from :func:`subplots`, as tall as the
        number of bars needs.
    top : int or None, default 20
        Draw only the *top* rows with the largest values (all rows if None).  Ties keep
        the order of *df*.
    title : str, optional
        Axes title.
    color : str, optional
        Colour of all bars when *lang_col* is not given (default: Okabe–Ito blue).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; its ``patches`` are the bars.

    Raises
    ------
    discourse.errors.InputError
        If a column is missing or *top* is not a positive integer.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"term": ["脱贫攻坚战", "trách nhiệm", "« acte d’engagement »"],
    ...                    "n": [30, 20, 10], "lang": ["zh", "vi", "fr"]})
    >>> ax = bar_terms(df, term_col="term", value_col="n", lang_col="lang", top=2)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['脱贫攻坚战', 'trách nhiệm']
    """
    needed = [term_col, value_col] + ([lang_col] if lang_col is not None else [])
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise InputError(
            f"bar_terms: no column {', '.join(map(repr, missing))}; "
            f"the table has {', '.join(map(repr, map(str, df.columns)))}"
        )
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise InputError(f"bar_terms: top must be a positive integer or None, not {top!r}")

    data = df.loc[:, needed].copy()
    data[value_col] = pd.to_numeric(data[value_col], errors="coerce")
    data = data.dropna(subset=[value_col])
    data = data.sort_values(value_col, ascending=False, kind="stable")
    if top is not None:
        data = data.head(top)
    terms = ["" if pd.isna(t) else str(t) for t in data[term_col]]
    values = data[value_col].to_numpy(dtype=float)
    if lang_col is not None:
        langs = ["und" if pd.isna(v) else str(v) for v in data[lang_col]]
        colors = [lang_color(v) for v in langs]
    else:
        langs = []
        colors = [color or CYCLE_COLORS[0]] * len(terms)

    with style():
        if ax is None:
            height = max(3.0, 0.32 * len(terms) + 1.4)
            _, ax = subplots(figsize=(DEFAULT_FIGSIZE[0], height))
        positions = list(range(len(terms)))
        ax.barh(positions, values, color=colors, height=0.7)
        ax.set_yticks(positions, labels=terms)
        for label in ax.get_yticklabels():
            label.set_parse_math(False)  # "$" in a term is text, not mathtext
        if terms:
            ax.set_ylim(len(terms) - 0.5, -0.5)  # first (largest) bar at the top
        ax.tick_params(axis="y", length=0)
        ax.xaxis.grid(True)
        ax.set_xlabel(value_col)
        if langs:
            from matplotlib.patches import Patch  # deferred: matplotlib loads on first plot

            seen = list(dict.fromkeys(langs))
            handles = [Patch(facecolor=lang_color(v), label=v) for v in seen]
            ax.legend(handles=handles, loc="lower right")
        finish(ax, title)
    return ax


_NEGATIVE = "#999999"  # negative keywords: grey, whatever the language
_ADJUSTED_HATCH = "///"  # keyness bars whose Log Ratio sign is an artefact of the 0.5 for a count of 0


def _lang_panels(table: Any, *, kind: str, value: str, top: int, ax: Any, title: Any) -> Any:
    """One horizontal bar panel per language of *table* (a ``lang`` column), side by side."""
    missing = [c for c in ("lang", value) if c not in table.columns]
    if missing:
        raise InputError(f"{kind}: the table has no column {', '.join(map(repr, missing))}; "
                         f"it has {', '.join(map(repr, map(str, table.columns)))}")
    if not len(table):
        raise InputError(f"{kind}: the table is empty; nothing to plot")
    langs = list(pd.unique(table["lang"].astype(str)))
    if ax is None:
        tallest = max(min(top, int((table["lang"].astype(str) == lang).sum())) for lang in langs)
        with style():
            _, ax = subplots(1, len(langs), figsize=(max(4.2 * len(langs), 6.0), max(3.0, 0.32 * tallest + 1.4)),
                             squeeze=False)
    axes = np.atleast_1d(np.asarray(ax, dtype=object)).ravel()
    if len(axes) != len(langs):
        raise InputError(f"{kind}: the table has {len(langs)} languages ({', '.join(langs)}); "
                         f"give one Axes per language (got {len(axes)})")
    for lang, axis in zip(langs, axes):
        rows = table[table["lang"].astype(str) == lang]
        bar_terms(rows, term_col=rows.columns[_term_column(rows)], value_col=value, ax=axis, top=top,
                  title=title(lang, rows), color=lang_color(lang))
    return axes


def _term_column(rows: Any) -> int:
    columns = list(rows.columns)
    for name in ("term", "collocate"):
        if name in columns:
            return columns.index(name)
    raise InputError("the table has no term (or collocate) column")


def top_terms(freq: Any, *, top: int = 15, value: str = "per_10k", ax: Any = None) -> Any:
    """The most frequent terms of each language, one panel per language, side by side.

    Parameters
    ----------
    freq : pandas.DataFrame
        A table of :func:`discourse.frequencies` (columns ``lang``, ``term`` and
        *value*), with one group per language (filter a ``by`` table first).
    top : int
        Bars per language.
    value : str
        The bar length: ``"per_10k"`` (default: comparable between texts of different
        lengths in one language), ``"count"`` …
    ax : matplotlib.axes.Axes or sequence of Axes, optional
        One Axes per language (a single Axes for a one-language table); by default a new
        figure with one panel per language.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One per language, in the order of the table.

    Examples
    --------
    >>> import discourse
    >>> freq = discourse.frequencies(discourse.load_corpus(), lang=["zh", "vi", "fr"])
    >>> axes = top_terms(freq, top=5)
    >>> [ax.get_title() for ax in axes]
    ['fr', 'vi', 'zh']
    >>> axes[2].get_yticklabels()[0].get_text()
    '脱贫攻坚'
    """
    if "term" in freq.columns and freq.duplicated(["lang", "term"]).any():
        raise InputError("top_terms: a term is listed more than once in a language: the table has several "
                         "groups (by=…); select one group first")
    return _lang_panels(freq, kind="top_terms", value=value, top=top, ax=ax, title=lambda lang, rows: lang)


def collocates(table: Any, *, top: int = 15, value: str = "log_dice", ax: Any = None) -> Any:
    """Collocates of a node by an association measure, one panel per language.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :func:`discourse.collocates` (columns ``lang``, ``node``, ``collocate``
        and *value*).
    top : int
        Bars per language (the largest values of *value*).
    value : str
        ``"log_dice"`` (default), ``"mi"``, ``"t_score"``, ``"log_likelihood"`` or
        ``"co_freq"``.
    ax : matplotlib.axes.Axes or sequence of Axes, optional
        One Axes per language; by default a new figure.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> table = discourse.collocates(discourse.load_corpus(), ["责任", "trách nhiệm"])
    >>> [ax.get_title() for ax in collocates(table, top=5)]
    ['vi · trách nhiệm', 'zh · 责任']
    """
    def title(lang, rows):
        return f"{lang} · {rows['node'].iloc[0]}" if "node" in rows.columns else lang

    return _lang_panels(table, kind="collocates", value=value, top=top, ax=ax, title=title)


def keyness(table: Any, *, top: int = 10, value: str = "log_ratio", ax: Any = None,
            title: str | None = None) -> Axes:
    """Keyness bars: the strongest positive keywords to the right, negative to the left.

    The keywords are the first ``top`` positive and ``top`` negative rows of *table* (a
    table of :func:`discourse.keywords` or :func:`discourse.keyness.keyness`, ranked by
    its ``measure``, G² by default); each bar's length is *value*, signed: Log Ratio
    (Hardie 2014, default: each unit is a doubling of the relative frequency) is signed
    already; an unsigned statistic such as ``g2`` is drawn negative for negative
    keywords. Positive keywords take the language's colour, negative ones grey.

    **A count of 0.**  Log Ratio replaces a count of 0 by 0.5.  When the target is much
    smaller than the reference, a word absent from the target but rare in the reference
    then gets a *positive* Log Ratio although it is a negative keyword (its
    ``direction``, from the counts themselves); the same happens the other way round
    for a word absent from a small reference.  Such a row is drawn on the side its
    ``direction`` says, in that side's colour, **hatched**, with a legend entry saying
    so: the side is measured, the length (the size of the 0.5-adjusted Log Ratio) is
    not, so these bars come after the measured ones of their side.  These rows have a tiny G² and a p-value near 1; filter on ``p_value`` to keep
    only keywords that can be read (as CQPweb does).  A Log Ratio whose sign contradicts
    its ``direction`` while neither count is 0 is an error (the table was changed).
    The bounds ``log_ratio_ci_low`` and ``log_ratio_ci_high`` are drawn at their value:
    a negative keyword whose upper bound is above 0 is not shown to be rarer.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``term``, ``direction`` and *value* (and ``lang`` for the colour;
        ``target_count`` and ``reference_count`` to check a wrong-signed Log Ratio).
    top : int
        Keywords on each side.
    value : str
        ``"log_ratio"`` (default), ``"g2"``, ``"chi2"``, ``"simple_maths"`` …; must be
        finite for the keywords drawn (``pct_diff`` is infinite for a word absent from
        the reference).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    discourse.errors.InputError
        If a column is missing, *value* is not finite for a keyword drawn, or a Log
        Ratio contradicts its direction with no count of 0 to explain it.

    Examples
    --------
    >>> import discourse
    >>> table = discourse.keywords(discourse.load_corpus(), target="doc_id=003_90d6e10e09142168", lang="zh")
    >>> ax = keyness(table, top=3)
    >>> len(ax.patches)
    6

    A word absent from a 10-word target, seen twice in 10,000 words of reference:

    >>> from discourse.keyness import keyness as keyness_table
    >>> small = keyness_table({"脱贫": 6, "the": 4}, {"the": 9000, "rare": 2},
    ...                       target_total=10, reference_total=10_000)
    >>> rare = small.set_index("term").loc["rare"]
    >>> int(rare["target_count"]), round(float(rare["log_ratio"]), 2), rare["direction"]
    (0, 7.97, 'negative')
    >>> ax = keyness(small)
    >>> bars = dict(zip([t.get_text() for t in ax.get_yticklabels()], ax.patches))
    >>> round(float(bars["rare"].get_width()), 2), bars["rare"].get_hatch()
    (-7.97, '///')
    """
    missing = [c for c in ("term", "direction", value) if c not in table.columns]
    if missing:
        raise InputError(f"keyness: the table has no column {', '.join(map(repr, missing))}")
    if top is None or isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"keyness: top must be a positive integer, not {top!r}")
    pos = table[table["direction"] == "positive"].head(top)
    neg = table[table["direction"] == "negative"].head(top)
    rows = pd.concat([pos, neg])
    if not len(rows):
        raise InputError("keyness: no positive or negative keyword to plot")
    values = rows[value].to_numpy(dtype=float)
    if not np.all(np.isfinite(values)):
        bad = rows.loc[~np.isfinite(values), "term"].tolist()[:3]
        raise InputError(f"keyness: {value} is not finite for {', '.join(map(str, bad))}; "
                         "plot log_ratio (the default) or g2")
    negative = rows["direction"].to_numpy() == "negative"
    adjusted = np.zeros(len(rows), dtype=bool)  # drawn on the side of direction, not of value
    if value in ("log_ratio", "pct_diff"):
        wrong = np.where(negative, values > 0, values < 0)
        if wrong.any():
            # the count that Log Ratio replaced by 0.5: the target's for a negative
            # keyword, the reference's for a positive one (unknown: taken as 0)
            counts = [pd.to_numeric(rows[c], errors="coerce").to_numpy(dtype=float) if c in rows.columns
                      else np.zeros(len(rows)) for c in ("target_count", "reference_count")]
            zero = np.where(negative, counts[0] == 0, counts[1] == 0)
            unexplained = wrong & ~(zero & (value == "log_ratio"))
            if unexplained.any():
                term = rows["term"].to_numpy()[unexplained][0]
                raise InputError(
                    f"keyness: {value} of {term!r} contradicts its direction "
                    f"({rows['direction'].to_numpy()[unexplained][0]}) and no count of 0 explains it: "
                    "the table was changed; recompute it with discourse.keywords, or plot value='g2'")
            adjusted = wrong
            values = np.where(adjusted, -values, values)
    elif value not in ("log_ratio_ci_low", "log_ratio_ci_high"):  # a bound is drawn where it is
        if value == "simple_maths":
            values = np.log2(values)
        values = np.where(negative, -np.abs(values), np.abs(values))
    lang = str(rows["lang"].iloc[0]) if "lang" in rows.columns else None
    colors = [lang_color(lang) if d == "positive" else _NEGATIVE for d in rows["direction"]]
    # positive keywords first, then negative; on each side the measured bars by value, then
    # the hatched ones (their length is not a measurement, so it ranks nothing)
    order = np.lexsort((-values, adjusted, negative))
    terms = [str(t) for t in rows["term"].to_numpy()[order]]
    with style():
        if ax is None:
            _, ax = subplots(figsize=(DEFAULT_FIGSIZE[0], max(3.0, 0.32 * len(terms) + 1.6)))
        positions = list(range(len(terms)))
        bars = ax.barh(positions, values[order], color=[colors[i] for i in order], height=0.7)
        for bar, i in zip(bars, order):
            if adjusted[i]:
                bar.set_hatch(_ADJUSTED_HATCH)
                bar.set_edgecolor("white")  # the hatch lines, white on the bar's colour
        ax.set_yticks(positions, labels=terms)
        for label in ax.get_yticklabels():
            label.set_parse_math(False)
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.axvline(0, color="#444444", linewidth=0.8)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.grid(True)
        ax.set_xlabel(f"log2 {value}" if value == "simple_maths" else value)
        from matplotlib.patches import Patch  # deferred: matplotlib loads on first plot

        handles = [Patch(facecolor=lang_color(lang), label="more frequent in the target"),
                   Patch(facecolor=_NEGATIVE, label="more frequent in the reference")]
        if adjusted.any():
            handles.append(Patch(facecolor=_NEGATIVE if adjusted[negative].any() else lang_color(lang),
                                 hatch=_ADJUSTED_HATCH, edgecolor="white",
                                 label="a count 0 taken as 0.5: length unmeasured"))
        ax.legend(handles=handles, loc="lower right")
        finish(ax, title)
    return ax
