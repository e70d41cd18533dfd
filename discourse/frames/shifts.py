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

from ._forms import form_codes, forms_by_group
from ._hits import find_hits, match_texts, warn_unmatched
from .lexicon import KINDS, load_lexicon
from .profile import frame_order

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
    toks = corpus.tokens()
    hits = find_hits(corpus, toks, lex, role=_ROLES)
    warn_unmatched(toks, lex, hits, warn=None, stacklevel=2)
    plan = lex.plan()
    n_frames = max(len(plan["names"]), 1)
    # a unit: a document's align_id, coded so that codes sort by document order, then align_id
    doc_code, doc_names = pd.factorize(corpus.column("doc_id"))
    align = pd.Series(corpus.column("align_id")).astype("Int64")
    has_align = align.notna().to_numpy()
    aligns = np.unique(align[has_align].to_numpy(dtype=np.int64))
    align_rank = np.full(len(corpus), -1, dtype=np.int64)
    align_rank[has_align] = np.searchsorted(aligns, align[has_align].to_numpy(dtype=np.int64))
    unit_of = doc_code.astype(np.int64) * max(len(aligns), 1) + align_rank
    seg_lang = corpus.column("lang")
    counted = hits["rows_ok"] & has_align
    units_in = {lang: np.unique(unit_of[counted & (seg_lang == lang)]) for lang in [source, *targets]}
    row = hits["seg_row"]
    on_unit = has_align[row]
    cell = unit_of[row] * n_frames + hits["frame"]  # (unit, frame)
    literal = hits["kind"] == KINDS.index("literal")
    hit_lang = seg_lang[row]
    form_code, forms = form_codes(match_texts(corpus.column("text"), row, hits["start"], hits["end"]))

    def forms_of(lang, kind_mask, suffix=""):
        """The cells of ``lang``'s hits of a kind (sorted) and their forms."""
        take = on_unit & kind_mask & (hit_lang == lang)
        keys, group = np.unique(cell[take], return_inverse=True)
        return keys, forms_by_group(group.reshape(-1), form_code[take], forms, len(keys), suffix=suffix)

    src_keys, src_forms = forms_of(source, literal)
    names = np.array(plan["names"], dtype=object)
    parts = []
    for tgt in targets:
        pairs = np.intersect1d(units_in[source], units_in[tgt])
        allowed = np.array([{source, tgt} <= plan["literal_langs"].get(f, set()) for f in plan["names"]], dtype=bool)
        tl_keys, tl_forms = forms_of(tgt, literal)
        tn_keys, tn_forms = forms_of(tgt, ~literal, " (neutral)")
        cells = np.union1d(src_keys, tl_keys)
        cells = cells[allowed[cells % n_frames] & np.isin(cells // n_frames, pairs)] if len(allowed) else cells[:0]
        if not len(cells):
            continue
        s_terms, s = _look_up(cells, src_keys, src_forms)
        t_terms, t = _look_up(cells, tl_keys, tl_forms)
        n_terms, n = _look_up(cells, tn_keys, tn_forms)
        status = np.where(s, np.where(t, "kept", np.where(n, "softened", "dropped")), "added").astype(object)
        target_terms = [f"{a}; {b}" if a and b else a or b for a, b in zip(t_terms, n_terms)]
        parts.append((cells, tgt, status, s_terms, target_terms))
    if not parts:
        out = pd.DataFrame({c: np.zeros(0, dtype=np.int64 if c == "align_id" else object) for c in SHIFT_COLUMNS})
    else:
        cells = np.concatenate([p[0] for p in parts])
        tgt = np.concatenate([np.full(len(p[0]), p[1], dtype=object) for p in parts])
        order = np.lexsort((tgt.astype(str), cells))
        cells, unit = cells[order], cells[order] // n_frames
        width = max(len(aligns), 1)
        out = pd.DataFrame({
            "doc_id": np.asarray(doc_names, dtype=object)[unit // width], "align_id": aligns[unit % width],
            "frame": names[cells % n_frames], "source_lang": np.full(len(cells), source, dtype=object),
            "target_lang": tgt[order], "status": np.concatenate([p[2] for p in parts])[order],
            "source_terms": np.array([x for p in parts for x in p[3]], dtype=object)[order],
            "target_terms": np.array([x for p in parts for x in p[4]], dtype=object)[order]})
    out.attrs["frames"] = lex.names  # the lexicon's order, for summaries and plots
    return out


def _look_up(cells, keys, forms) -> tuple[list[str], np.ndarray]:
    """The forms of each of ``cells`` among ``keys`` (sorted; ``""`` if absent), and whether present."""
    at = np.minimum(np.searchsorted(keys, cells), max(len(keys) - 1, 0))
    present = keys[at] == cells if len(keys) else np.zeros(len(cells), dtype=bool)
    return [forms[i] if p else "" for i, p in zip(at.tolist(), present.tolist())], present


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
