"""Hit-level shift statistics from :func:`discourse.frames.renderings`: :func:`rendering_summary`, :func:`unit_shifts`.

>>> import discourse
>>> from discourse.frames.renderings import renderings
>>> s = rendering_summary(renderings(discourse.load_corpus(), unit="paragraph"))
>>> s.query("frame == 'battle'")[["target_lang", "source_hits", "kept", "softened", "dropped"]].values.tolist()
[['fr', 8, 2, 2, 4], ['vi', 9, 9, 0, 0]]
"""

from __future__ import annotations

import pandas as pd

from discourse.errors import InputError
from discourse.stats.proportion import wilson_interval

from .profile import frame_order

__all__ = ["SUMMARY_COLUMNS", "rendering_summary", "unit_shifts"]

SUMMARY_COLUMNS = ["frame", "source_lang", "target_lang", "source_hits", "kept", "softened", "dropped", "added",
                   "kept_share", "kept_low", "kept_high", "softened_share", "softened_low", "softened_high",
                   "dropped_share", "dropped_low", "dropped_high", "calques", "calque_share"]


def rendering_summary(renderings: pd.DataFrame, *, by=None, level: float = 0.95) -> pd.DataFrame:
    """Per frame × language pair (× `by`): how the source hits were rendered, with Wilson intervals.

    ``source_hits`` = kept + softened + dropped; ``<status>_share`` = the status's hits /
    ``source_hits`` with its Wilson interval (``_low``, ``_high``,
    :func:`discourse.stats.proportion.wilson_interval`); ``added`` counts target hits
    without a source counterpart; ``calques`` / ``calque_share``: renderings that are
    Sino-Vietnamese calques, of the rendered (kept or softened) hits (zh → vi; else NaN).

    Parameters
    ----------
    renderings : DataFrame
        From :func:`discourse.frames.renderings.renderings`.
    by : str or list of str, optional
        Columns of `renderings` to break down by as well (``doc_id``, or a metadata column
        merged in).
    level : float
        The intervals' confidence level.

    Returns
    -------
    DataFrame
        ``[by…,] frame, source_lang, target_lang, source_hits, kept, softened, dropped,
        added, kept_share, kept_low, kept_high, softened_…, dropped_…, calques, calque_share``.
    """
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    missing = [c for c in by if c not in renderings.columns]
    if missing:
        raise InputError(f"no column {', '.join(map(repr, missing))} in the renderings; they have "
                         f"{', '.join(renderings.columns)}")
    keys = by + ["frame", "source_lang", "target_lang"]
    order = {f: i for i, f in enumerate(frame_order(renderings))}
    rows = []
    for key, g in renderings.groupby(keys, sort=False):
        counts = g["status"].value_counts()
        kept, softened, dropped, added = (int(counts.get(s, 0)) for s in ("kept", "softened", "dropped", "added"))
        n = kept + softened + dropped
        row = list(key) + [n, kept, softened, dropped, added]
        for k in (kept, softened, dropped):
            low, high = wilson_interval(k, n, level)
            row += [k / n if n else float("nan"), low, high]
        rendered = g[g["status"].isin(["kept", "softened"])]
        flags = rendered["calque"].dropna()
        row += [int(flags.astype(bool).sum()) if len(flags) else 0,
                float(flags.astype(bool).mean()) if len(flags) else float("nan")]
        rows.append(row)
    out = pd.DataFrame(rows, columns=by + SUMMARY_COLUMNS)
    out = out.assign(_f=out["frame"].map(order)).sort_values(by + ["_f", "source_lang", "target_lang"],
                                                              kind="stable")
    return out.drop(columns="_f").reset_index(drop=True)


def unit_shifts(renderings_table: pd.DataFrame) -> pd.DataFrame:
    """The unit-level statuses of :func:`discourse.frames.translation_shifts`, from renderings.

    Per unit, frame and target: **kept** if a source hit is kept; else **softened** if a
    hit is softened by a neutral lexicon term; else **dropped**; **added** when only the
    target has the frame.

    >>> import discourse
    >>> from discourse.frames.renderings import renderings
    >>> r = renderings(discourse.load_corpus(), target="fr", unit="paragraph")
    >>> unit_shifts(r).query("frame == 'battle'")["status"].tolist()
    ['softened', 'kept']
    """
    keys = ["doc_id", "align_id", "frame", "source_lang", "target_lang"]
    lex = renderings_table[renderings_table["method"].isin(["lexicon", "none"]) |
                           (renderings_table["status"] == "dropped")]
    rows = []
    for key, g in renderings_table.groupby(keys, sort=False):
        statuses = set(g["status"])
        lexical = set(lex.loc[lex.index.isin(g.index), "status"])
        if statuses == {"added"}:
            status = "added"
        elif "kept" in lexical:
            status = "kept"
        elif "softened" in lexical:
            status = "softened"
        elif "added" in statuses:
            status = "kept"  # the source has the frame and the target a literal term of it
        else:
            status = "dropped"
        rows.append((*key, status))
    return pd.DataFrame(rows, columns=keys + ["status"])
