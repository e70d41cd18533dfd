"""Translation shifts: per aligned unit and frame, is the source's frame **kept**,
**softened**, **dropped**, or **added** in a translation (:func:`translation_shifts`),
and how often (:func:`shift_summary`).

>>> import discourse
>>> shift_summary(translation_shifts(discourse.load_corpus()))["frame"].iloc[0]
'battle'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.corpus import COUNTED_ROLES
from discourse.errors import InputError
from discourse.sentence_units import at_unit

from ._forms import group_forms
from .lexicon import load_lexicon
from .profile import frame_hits, frame_order

__all__ = ["SHIFT_COLORS", "SHIFT_COLUMNS", "STATUSES", "shift_summary", "translation_shifts"]

SHIFT_COLUMNS = ["doc_id", "align_id", "frame", "source_lang", "target_lang", "status", "source_terms",
                 "target_terms"]
STATUSES = ("kept", "softened", "dropped", "added")
#: Colours of the shift statuses (Okabe–Ito colours not used for languages).
SHIFT_COLORS = {"kept": "#56B4E9", "softened": "#F0E442", "dropped": "#CC79A7", "added": "#666666"}
_ROLES = COUNTED_ROLES  # shifts compare titles and body text, not meta lines


def translation_shifts(corpus, lexicon=None, *, source: str = "zh", target=None,
                       unit: str = "paragraph") -> pd.DataFrame:
    """What happens to each frame between a source language and its translations.

    The unit of comparison is the **aligned unit**: the segments of one document that
    share an ``align_id`` (a paragraph or title and its translations). For each unit
    present in both languages and each frame with terms in both, a side *has the frame*
    when it has a literal term of it; then

    * **kept** — source and target have the frame;
    * **softened** — the source has it, the target only a neutral rendering of it;
    * **dropped** — the source has it, the target neither;
    * **added** — the target has it, the source does not.

    Units where neither side has the frame get no row, and neither do units missing
    in one language (e.g. a title that was not translated). The decision is per unit,
    not per term: a paragraph with three battle terms in Chinese and one in French is
    *kept*. Every row lists the terms behind it, so a reader can check it.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
        Anything :func:`load_lexicon` takes (bundled poverty-alleviation lexicon by
        default).
    source : str
        The language translated from (default ``"zh"``).
    target : str or list of str, optional
        The languages translated into (default: every other language of the corpus but
        ``und``).
    unit : {"paragraph", "sentence"}
        The aligned unit compared: paragraphs (the segments, by default) or sentence
        units (``corpus.to_sentences()``; ``align_id`` is then the sentence unit's).

    Returns
    -------
    DataFrame
        ``doc_id, align_id, frame, source_lang, target_lang, status, source_terms,
        target_terms``; terms are the forms found, separated by ``"; "``, neutral ones
        marked ``(neutral)``.

    Examples
    --------
    >>> import discourse
    >>> s = translation_shifts(discourse.load_corpus(), target="fr")
    >>> battle = s.query("frame == 'battle'")
    >>> battle[["align_id", "status", "source_terms", "target_terms"]].values.tolist()[0]
    [2, 'softened', '脱贫攻坚; 军令状', 'acte d’engagement (neutral)']
    >>> battle[["align_id", "status"]].values.tolist()[1]
    [3, 'kept']
    """
    lex = load_lexicon(lexicon)
    corpus = at_unit(corpus, unit)
    langs = corpus.langs
    if source not in langs:
        raise InputError(f"the corpus has no text in the source language {source!r}; it has {', '.join(langs)}")
    if target is None:
        targets = [t for t in langs if t not in (source, "und")]
    else:
        targets = [target] if isinstance(target, str) else list(target)
    unknown = [t for t in targets if t not in langs]
    if unknown:
        raise InputError(f"the corpus has no text in {', '.join(map(repr, unknown))}; it has {', '.join(langs)}")
    align_id = pd.Series(corpus.column("align_id")).astype("Int64")
    units = pd.DataFrame({"doc_id": corpus.column("doc_id"), "align_id": align_id, "lang": corpus.column("lang")})
    units = units[corpus.mask(role=list(_ROLES)) & units["align_id"].notna().to_numpy()].drop_duplicates()
    hits = frame_hits(corpus, lex)
    hits = hits[hits["align_id"].notna()]
    keys = ["doc_id", "align_id", "frame"]
    lit, neu = hits[hits["kind"] == "literal"], hits[hits["kind"] == "neutral"]
    by_lang = group_forms(lit, keys + ["lang"])[keys + ["lang", "forms"]]
    neutral = group_forms(neu, keys + ["lang"], suffix=" (neutral)")[keys + ["lang", "forms"]]
    terms = lex.terms
    literal_langs = terms[terms["kind"] == "literal"].groupby("frame")["lang"].agg(set)
    doc_order = {d: i for i, d in enumerate(corpus.doc_ids)}
    parts = []
    src_units = units[units["lang"] == source][["doc_id", "align_id"]]
    src = by_lang[by_lang["lang"] == source].drop(columns="lang").rename(columns={"forms": "s"})
    for tgt in targets:
        pairs = src_units.merge(units[units["lang"] == tgt][["doc_id", "align_id"]], on=["doc_id", "align_id"])
        frames = [f for f in lex.names if {source, tgt} <= literal_langs.get(f, set())]
        tl = by_lang[by_lang["lang"] == tgt].drop(columns="lang").rename(columns={"forms": "t"})
        tn = neutral[neutral["lang"] == tgt].drop(columns="lang").rename(columns={"forms": "n"})
        cells = pd.concat([src[keys], tl[keys]]).drop_duplicates()
        cells = cells[cells["frame"].isin(frames)].merge(pairs, on=["doc_id", "align_id"])
        cells = cells.merge(src, on=keys, how="left").merge(tl, on=keys, how="left").merge(tn, on=keys, how="left")
        if not len(cells):
            continue
        s, t, n = (cells[c].notna().to_numpy() for c in ("s", "t", "n"))
        status = np.where(s, np.where(t, "kept", np.where(n, "softened", "dropped")), "added")
        target_terms = [(a or "") if b is None else b if a is None else f"{a}; {b}" for a, b in
                        zip(cells["t"].astype(object).where(t, None), cells["n"].astype(object).where(n, None))]
        parts.append(pd.DataFrame({
            "doc_id": cells["doc_id"].astype(object).to_numpy(), "align_id": cells["align_id"].to_numpy(dtype=np.int64),
            "frame": cells["frame"].astype(object).to_numpy(), "source_lang": source, "target_lang": tgt,
            "status": status.astype(object), "source_terms": cells["s"].astype(object).where(s, "").to_numpy(),
            "target_terms": target_terms}))
    rows = pd.concat(parts, ignore_index=True).to_dict("split")["data"] if parts else []
    out = pd.DataFrame(rows, columns=SHIFT_COLUMNS)
    order = {f: i for i, f in enumerate(lex.names)}
    out = out.assign(_d=out["doc_id"].map(doc_order), _f=out["frame"].map(order))
    out = out.sort_values(["_d", "align_id", "_f", "target_lang"], kind="stable")[SHIFT_COLUMNS]
    out["align_id"] = out["align_id"].astype("int64")
    out = out.reset_index(drop=True)
    out.attrs["frames"] = lex.names  # the lexicon's order, for summaries and plots
    return out


def shift_summary(shifts: pd.DataFrame) -> pd.DataFrame:
    """Counts and rates of the shift statuses per frame and language pair.

    ``source_units`` = kept + softened + dropped (aligned units whose source has the
    frame); ``kept_rate``, ``softened_rate``, ``dropped_rate`` divide by it; ``added``
    counts units where only the target has the frame.

    Parameters
    ----------
    shifts : DataFrame
        From :func:`translation_shifts`.

    Returns
    -------
    DataFrame
        ``frame, source_lang, target_lang, source_units, kept, softened, dropped,
        added, kept_rate, softened_rate, dropped_rate``.

    Examples
    --------
    >>> import discourse
    >>> s = shift_summary(translation_shifts(discourse.load_corpus()))
    >>> s.query("frame == 'battle'")[["target_lang", "kept", "softened", "dropped"]].values.tolist()
    [['fr', 1, 1, 0], ['vi', 1, 0, 0]]
    """
    keys = ["frame", "source_lang", "target_lang"]
    counts = pd.crosstab([shifts[k] for k in keys], shifts["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts.columns.name = None
    counts = counts.reset_index()
    order = {f: i for i, f in enumerate(frame_order(shifts))}
    counts = counts.sort_values(keys, key=lambda c: c.map(order) if c.name == "frame" else c, kind="stable")
    counts["source_units"] = counts["kept"] + counts["softened"] + counts["dropped"]
    for status in ("kept", "softened", "dropped"):
        counts[f"{status}_rate"] = counts[status] / counts["source_units"].where(counts["source_units"] > 0)
    columns = keys + ["source_units", *STATUSES, "kept_rate", "softened_rate", "dropped_rate"]
    return counts[columns].reset_index(drop=True)
