"""Term-level renderings beside a parallel concordance (issue 15, item 4).

:func:`rendered_hits` gives each hit of a parallel concordance, per other language, how
the frame-lexicon hit it overlaps is rendered there: the rendering's words, their span in
the aligned text (``text_<lang>``) and the status of
:func:`discourse.frames.renderings.renderings` (``kept``, ``softened``, ``dropped``). The
renderings are computed only here, that is only for a parallel concordance.

A hit is matched to the rendering rows of its segment whose source offsets overlap it
(same ``doc_id``, segment and language). A hit that overlaps no source hit of the
lexicon — a query that is not a lexicon term, and is not inside one — has no rendering:
its ``rendering_<lang>`` and ``status_<lang>`` are missing (NA), never guessed. A hit
that overlaps several rendering rows (a term in two frames, a phrase spanning two terms)
gets their renderings joined by ``"; "`` and the strongest status (kept, then softened,
then dropped): a term is rendered when one of its frames' pairings found words for it.

>>> best_status(["dropped", "softened"])
'softened'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames.renderings import renderings

__all__ = ["rendered_hits", "best_status", "RENDERING_PREFIXES", "STATUS_ORDER"]

#: Hit-table columns this module adds (per other language).
RENDERING_PREFIXES = ("rendering_", "status_", "_rspans_")
#: Statuses of a hit, strongest first.
STATUS_ORDER = ("kept", "softened", "dropped")


def best_status(statuses) -> str:
    """The strongest of some rendering statuses (:data:`STATUS_ORDER`)."""
    return min(statuses, key=STATUS_ORDER.index)


def rendered_hits(corpus, hits: pd.DataFrame, *, base, langs, lexicon=None) -> pd.DataFrame:
    """``hits`` (a parallel concordance's hit table, with its ``text_<lang>`` columns) with,
    per language of ``langs`` but ``und``, ``rendering_<lang>`` (``""`` when dropped, NA
    when the hit overlaps no lexicon hit), ``status_<lang>`` and ``_rspans_<lang>`` (the
    renderings' spans in ``text_<lang>``).

    ``corpus`` is the concordance's corpus (its segments are the hits'); ``base`` the corpus
    :func:`discourse.kwic` was given: the renderings are paired within paragraphs when it is
    ``corpus`` itself, within sentences (``base.to_sentences()``, which is ``corpus``) if not.
    """
    column = corpus.column
    doc_ids, seg_lang, seg_ids, align_ids, texts = (column(c) for c in ("doc_id", "lang", "seg_id", "align_id", "text"))
    hits = hits[[c for c in hits.columns if not c.startswith(RENDERING_PREFIXES)]].copy()
    targets = [code for code in langs if code != "und"]
    rows = hits["seg_row"].to_numpy(np.int64)
    found = _overlapping(corpus, hits, base=base, targets=targets, lexicon=lexicon)
    # where each target segment starts in the text of its aligned unit (text_<lang> joins them by a space)
    where, offset = {}, {}
    for r in np.flatnonzero(~pd.isna(align_ids)):
        key = (doc_ids[r], align_ids[r], seg_lang[r])
        where[(doc_ids[r], seg_lang[r], seg_ids[r])] = r
        offset[r] = offset.get(key, 0)
        offset[key] = offset[r] + len(texts[r]) + 1
    for code in targets:
        rendering = [pd.NA] * len(hits)
        status = [pd.NA] * len(hits)
        spans: list[list[tuple[int, int]]] = [[] for _ in range(len(hits))]
        for i, group in found.get(code, {}).items():
            status[i] = best_status(group["status"])
            named = group.dropna(subset=["rendering"]).sort_values("target_start", kind="stable")
            rendering[i] = "; ".join(dict.fromkeys(named["rendering"]))
            for seg_id, s, e in zip(named["target_seg_id"], named["target_start"], named["target_end"]):
                r = where.get((doc_ids[rows[i]], code, seg_id))
                if r is not None and align_ids[r] == align_ids[rows[i]]:
                    spans[i].append((offset[r] + int(s), offset[r] + int(e)))
        hits[f"rendering_{code}"] = pd.array(rendering, dtype="string")
        hits[f"status_{code}"] = pd.array(status, dtype="string")
        hits[f"_rspans_{code}"] = spans
    return hits


def _overlapping(corpus, hits, *, base, targets, lexicon) -> dict[str, dict[int, pd.DataFrame]]:
    """The rendering rows each hit overlaps: ``{target: {hit position: rows}}``."""
    column = corpus.column
    rows = hits["seg_row"].to_numpy(np.int64)
    keys = pd.DataFrame({"hit": np.arange(len(hits)), "doc_id": column("doc_id")[rows],
                         "source_lang": column("lang")[rows], "source_seg_id": column("seg_id")[rows].astype(np.int64),
                         "start": hits["start"].to_numpy(np.int64), "end": hits["end"].to_numpy(np.int64)})
    unit = "paragraph" if base is corpus else "sentence"
    tables = []
    for source in sorted(set(keys["source_lang"]) - {"und"}):
        others = [code for code in targets if code != source]
        if others:
            tables.append(renderings(base, lexicon, source=source, target=others, unit=unit))
    if not tables:
        return {}
    table = pd.concat(tables, ignore_index=True)
    table = table[(table["status"] != "added") & table["source_seg_id"].notna()]
    table = table.astype({"source_seg_id": "int64", "source_start": "int64", "source_end": "int64"})
    pairs = keys.merge(table, on=["doc_id", "source_lang", "source_seg_id"])
    pairs = pairs[(pairs["source_start"] < pairs["end"]) & (pairs["source_end"] > pairs["start"])]
    out: dict[str, dict[int, pd.DataFrame]] = {}
    for (code, i), group in pairs.groupby(["target_lang", "hit"], sort=False):
        out.setdefault(code, {})[int(i)] = group
    return out
