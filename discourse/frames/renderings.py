"""How each occurrence of a frame term is rendered in a translation (issue 15).

:func:`renderings` pairs every source-language frame hit (:func:`discourse.frames.frame_hits`)
with the words of the aligned target unit that render it, one to one, and says how it was
rendered: **kept** (a literal term of the same frame), **softened** (a neutral rendering),
**dropped** (nothing renders it); target frame hits with no source counterpart are
**added**. :func:`rendering_summary` counts them per frame and language pair with Wilson
intervals; :func:`unit_shifts` gives back the unit-level statuses of
:func:`discourse.frames.translation_shifts`.

How hits are paired, in one aligned unit, for one frame and one target language:

1. Adjacent hits are grouped: source hits with nothing but one character between them
   (打赢|脱贫攻坚战), target hits with at most 12 letters, spaces and apostrophes between them
   (*trận chiến* *công kiên* *thoát nghèo*; *acte d'engagement* dans l'*élimination de
   la pauvreté*). Source **neutral** hits (脱贫 in 如期脱贫) take part, so that the
   neutral rendering of a neutral source term is not given to a literal one; they get
   no row.
2. Source and target groups are paired greedily by score, best first, each used once:
   2 for a literal source with a literal target, 1 for a literal or neutral source with
   a neutral target (a neutral source never takes a literal target), plus, zh → vi, the
   mean of the share of the term's characters the Vietnamese reads and the share of its
   syllables that read one (:func:`~discourse.frames.calques.read_share`,
   :func:`~discourse.frames.calques.read_cover`: 脱贫攻坚 does not take *đánh thắng trận
   chiến công kiên thoát nghèo* from 打赢脱贫攻坚战), or, zh → en, 1 when an English word
   is a CC-CEDICT gloss, plus 0.5 for each side of the source group whose nearest dictionary
   word translates one of the words next to the target group
   (:func:`~discourse.frames.context.agreement`: 责任清晰 ↔ « distinction claire des
   responsabilités », 责任体系 ↔ « système de responsabilités », the French order swapped),
   plus the strongest Dice association (over the corpus's aligned
   units, :class:`~discourse.frames.association.Association`) between the source form and
   a word of the target group's clause co-occurring with it in at least
   :data:`~discourse.frames.association.TRUSTED_COUNT` units (from one, any word found once
   has a Dice of 1: 军令状 would take the « acte d'engagement » of 脱贫攻坚), minus three times the distance between the
   target group's relative position in the unit and the position *expected* for the
   source group: interpolated between the pairs already made and the sentence ends of the
   two sides matched by :func:`~discourse.frames.anchoring.sentence_anchors`, so that a
   translation that runs longer in one place does not shift every later pair
   (签订脱贫攻坚责任书 ↔ « signé un acte d'engagement dans l'élimination de la pauvreté »,
   not the 脱贫攻坚 of the next clause; 创新精准扶贫考核机制 ↔ « mécanisme d'évaluation », not
   the « responsabilités » of the next sentence). Scores are recomputed after each pair;
   a pair that would cross a matched sentence end or a pair already made from another
   source clause (clauses end at , ; : . ! ?, not at 、) is not made: translations
   reorder words inside a clause (a Chinese modifier after its Vietnamese head) but keep
   the order of the clauses, so 立下“军令状” cannot take « Les responsables principaux »,
   which comes before the « acte d'engagement » of the clause before it. Pairs scoring 0
   or less are not made. Two pairs inside one sentence then exchange their targets when
   that scores higher (:func:`~discourse.frames.anchoring.swap_pairs`: 省负总责 … 领导责任制
   ↔ *chế độ trách nhiệm lãnh đạo* … *chịu trách nhiệm chung*, the order swapped).
3. Inside a paired group, source hits take the target hits in order, the last one the
   rest: six literal hits and two renderings give two kept and four softened/dropped,
   never "one is enough". Literal hits left over (more hits than the target group has)
   form a group again and compete for the target groups left (考核督查问责 ↔
   « d'évaluation, d'inspection et de recours en responsabilité », two target groups); when
   the nearest target group the group could still take comes before the one it took, its
   last hits take this one and its first are left over, so that a list keeps its order.
   The greedy pairing itself is :class:`~discourse.frames.pairing.Greedy`.
4. A literal hit left unpaired is looked for in the target unit by Hán-Việt reading (zh–vi,
   method ``reading``) or by dictionary glosses (zh–fr CFDICT, zh–en CC-CEDICT, method
   ``dictionary``, softened) in the clause where its rendering is expected
   (:func:`~discourse.frames.context.dictionary_span`: 省负总责 ↔ « charge par la province »), then
   by association alone (method ``learned``, softened): the target content word with the
   highest Dice with the source form over the corpus's aligned units, co-occurring in at
   least :data:`~discourse.frames.association.LEARNED_MIN_COUNT` units with a Dice of at
   least :data:`~discourse.frames.association.LEARNED_MIN_DICE`, present in this unit
   outside every frame hit; else it is **dropped** (method ``none``).

>>> import discourse
>>> r = renderings(discourse.load_corpus(), target="fr", unit="paragraph")
>>> r.query("source_term == '军令状' and frame == 'battle'")[["method", "status"]].values.tolist()
[['none', 'dropped']]
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from bisect import bisect_left

import numpy as np
import pandas as pd

from discourse.corpus import COUNTED_ROLES
from discourse.errors import DiscourseWarning, InputError

from .anchoring import DISTANCE, expected, sentence_anchors, swap_pairs
from .association import Association, aligned_rows
from .calques import calque, syllables_of
from .context import fallback, has_dictionary, source_neighbours
from .lexicon import load_lexicon
from ._hits import find_hits, warn_unmatched
from ._render_hits import UnitHits
from ._render_scores import SegmentWords, static_scores, target_info
from ._render_table import rendering_table
from .pairing import Greedy
from .rendering_summary import unit_shifts

__all__ = ["RENDERING_COLUMNS", "METHODS", "renderings", "unit_shifts"]

RENDERING_COLUMNS = ["doc_id", "align_id", "frame", "source_lang", "source_term", "source_start", "source_end",
                     "target_lang", "rendering", "target_start", "target_end", "method", "status", "calque",
                     "source_seg_id", "target_seg_id"]
METHODS = ("lexicon", "reading", "dictionary", "learned", "none")
_SOURCE_CLAUSE = re.compile(r"[,;:.!?，；：。！？]")


def _units(corpus, unit):
    if unit not in ("paragraph", "sentence"):
        raise InputError(f"unit must be 'paragraph' or 'sentence', not {unit!r}")
    if unit == "sentence":
        to_sentences = getattr(corpus, "to_sentences", None)
        if to_sentences is None:
            warnings.warn("this corpus has no sentence units yet (Corpus.to_sentences); renderings are paired "
                          "within aligned paragraphs", DiscourseWarning, stacklevel=3)
        else:
            return to_sentences()
    return corpus


def renderings(corpus, lexicon=None, *, source: str = "zh", target=None, unit: str = "sentence") -> pd.DataFrame:
    """How each source frame hit is rendered in each target language, with offsets.

    See the module docstring for how hits are paired. ``calque`` (zh → vi only) says
    whether the Vietnamese rendering reads the Chinese term's characters
    (:func:`discourse.frames.calques.calque` gives the exact definition).

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
        Anything :func:`discourse.load_lexicon` takes (the bundled lexicon by default).
    source : str
        The language translated from (default ``"zh"``).
    target : str or list of str, optional
        The languages translated into (default: every other language but ``und``).
    unit : {"sentence", "paragraph"}
        The aligned units searched: sentences (``corpus.to_sentences()``; while a corpus
        has none, paragraphs, with a warning) or the corpus's segments.

    Returns
    -------
    DataFrame
        One row per source literal hit and target language whose unit exists in both,
        and one per **added** target hit: ``doc_id, align_id, frame, source_lang,
        source_term`` (the text matched), ``source_start, source_end`` (character
        offsets in the source segment's text, as :func:`frame_hits` gives them),
        ``target_lang, rendering`` (the target text, ``None`` when dropped),
        ``target_start, target_end`` (offsets in the target segment's text), ``method``
        (:data:`METHODS`), ``status``, ``calque`` (bool, zh → vi; else ``None``),
        ``source_seg_id, target_seg_id`` (the segments the offsets are in).

    Examples
    --------
    >>> import discourse
    >>> r = renderings(discourse.load_corpus(), target="vi", unit="paragraph")
    >>> r.iloc[0][["source_term", "rendering", "status", "calque"]].tolist()
    ['省负总责', 'chịu trách nhiệm', 'kept', False]
    """
    lex = load_lexicon(lexicon)
    units = _units(corpus, unit)
    langs = units.langs
    if source not in langs:
        raise InputError(f"the corpus has no text in the source language {source!r}; it has {', '.join(langs)}")
    targets = [t for t in langs if t not in (source, "und")] if target is None else (
        [target] if isinstance(target, str) else list(target))
    unknown = [t for t in targets if t not in langs]
    if unknown:
        raise InputError(f"the corpus has no text in {', '.join(map(repr, unknown))}; it has {', '.join(langs)}")
    at_rows = np.flatnonzero(units.mask(role=list(COUNTED_ROLES)) & pd.notna(units.column("align_id")))
    aligned = [units.column(c)[at_rows].tolist() for c in ("doc_id", "lang", "seg_id")]
    aligned.insert(3, pd.Series(units.column("align_id")[at_rows]).astype("int64").tolist())
    text, order, length = {}, {}, {}
    for d, lang, s, a, t in zip(*aligned, units.column("text")[at_rows].tolist()):
        unit_order = order.setdefault((d, a, lang), {})  # units in order of appearance, segments in order
        unit_order[s] = len(unit_order)
        text[(d, lang, s)] = t
        length[(d, lang, s)] = len(t)
    toks = units.tokens()
    found = find_hits(units, toks, lex, role=COUNTED_ROLES)
    warn_unmatched(toks, lex, found, warn=None, stacklevel=3)
    uh = UnitHits(units, found, lex.names)
    hits = {c: units.column(c)[uh.rows] for c in ("doc_id", "lang", "align_id")} | {"match": uh.match}
    aligned = aligned_rows(units)  # what each language pair's Association shares
    literal_langs = {}
    for frame, lang, kind in zip(*(lex.terms[c].tolist() for c in ("frame", "lang", "kind"))):
        if kind == "literal":
            literal_langs.setdefault(frame, set()).add(lang)
    rows, cache = [], {}  # what a unit's frames share: its sentence anchors, its clause ends
    for tgt in targets:
        learned = Association(units, hits, source, tgt, aligned=aligned)
        frames = [f for f in lex.names if {source, tgt} <= literal_langs.get(f, set())]
        pairs = [k[:2] for k in order if k[2] == source and (k[0], k[1], tgt) in order]
        for d, a in pairs:
            for frame in frames:
                src = uh.slice(d, a, source, frame)
                tg = uh.slice(d, a, tgt, frame)
                if len(src) or any(uh.lit[i] for i in tg):
                    rows += _pair_unit(d, a, frame, source, tgt, src, tg, uh, text, order, length, learned, cache)
    out = rendering_table(rows, RENDERING_COLUMNS, {d: i for i, d in enumerate(corpus.doc_ids)},
                          {f: i for i, f in enumerate(lex.names)})
    out.attrs["frames"] = lex.names
    out.attrs["unit"] = "paragraph" if units is corpus else "sentence"
    return out


def _pair_unit(d, a, frame, source, tgt, src, tg, uh, text, order, length, learned, cache):
    """The rows of one unit, frame and target language (module docstring, steps 1–4).

    `src`, `tg`: the unit's source and target hits of the frame (:meth:`UnitHits.slice`).
    A unit with no source group, no target group, or one of each, is paired without
    :class:`Greedy` (what it would do then: no sentence anchor with one source group, a pair
    scoring above 0 made, nothing left to swap)."""
    s_order, t_order = order[(d, a, source)], order[(d, a, tgt)]
    groups, t_groups = uh.groups(src, target=False), uh.groups(tg, target=True)
    pos, lit = uh.pos, uh.lit
    if not groups or not t_groups:
        made = _anchors(cache, d, a, source, tgt, s_order, t_order, length, text) if len(groups) > 1 else []
        return _rows(d, a, frame, source, tgt, src, t_groups, (), {}, uh, text, t_order, learned,
                     _expected_at(src, uh, {}, made, t_order, length, d, tgt), cache)
    t_pos = [pos[tgp[0]] for tgp in t_groups]
    keys_of = tgt if has_dictionary(source, tgt) else None
    glossed = (source, tgt) == ("zh", "en")  # only zh → en compares a target group's words (with glosses)
    syllables = (source, tgt) == ("zh", "vi")
    seg = uh.seg
    t_info = [target_info(tgp, uh, _segment_words(cache, text, d, tgt, seg[tgp[0]]), keys_of, span_words=glossed,
                          syllables=syllables) for tgp in t_groups]
    memo = {}
    if len(groups) == 1 and len(t_groups) == 1:
        sg, tgp = groups[0], t_groups[0]
        ps = pos[sg[0]]
        scores = static_scores(sg, uh, t_info, source, tgt, learned, memo, _near(sg, uh, text, d, source, keys_of))
        rendered, made = {}, []
        if scores and scores[0][1] - DISTANCE * abs(t_pos[0] - ps) > 0.0:  # Greedy.best, no pair made before
            made.append((ps, t_pos[0], None))
            lits = [h for h in sg if lit[h]]
            for k, h in enumerate(lits[:len(tgp)]):
                rendered[h] = tgp[k:] if k == len(lits) - 1 else [tgp[k]]
        return _rows(d, a, frame, source, tgt, src, t_groups, {0} if made else (), rendered, uh, text, t_order,
                     learned, _expected_at(src, uh, rendered, made, t_order, length, d, tgt), cache)
    made = _anchors(cache, d, a, source, tgt, s_order, t_order, length, text) if len(groups) > 1 else []
    anchors, pairs, static, s_pos, used = list(made), [], {}, [], {}
    greedy = Greedy(list(made))
    start = uh.start

    def add(sg):
        i = len(s_pos)
        h0 = sg[0]
        s_pos.append(pos[h0])
        seg_id = seg[h0]
        scores = static_scores(sg, uh, t_info, source, tgt, learned, memo, _near(sg, uh, text, d, source, keys_of))
        for j, score in scores:
            static[(i, j)] = score
        key = ("clauses", d, seg_id)
        ends = cache.get(key)
        if ends is None:  # the clause ends of a source segment, once for all its hits
            ends = cache[key] = [m.start() for m in _SOURCE_CLAUSE.finditer(text[(d, source, seg_id)])]
        greedy.add(s_pos[i], (s_order[seg_id], bisect_left(ends, start[h0])), scores, t_pos)

    for sg in groups:
        add(sg)
    while (best := greedy.best()) is not None:
        _, i, j = best
        greedy.take(i, j, t_pos[j])
        pairs.append([i, j])
        lits = [h for h in groups[i] if lit[h]]
        n = len(t_groups[j])
        if len(lits) > n:  # the hits left over compete again for the groups left
            if _left_before(j, greedy.cands[i], greedy.taken_t, t_pos):
                used[i], rest = lits[-n:], lits[:-n]
            else:
                rest = lits[n:]
            groups.append(rest)
            add(groups[-1])
    if len(pairs) > 1:
        swap_pairs(pairs, [sum(lit[h] for h in g) for g in groups], [len(g) for g in t_groups], static, s_pos, t_pos,
                   anchors)
    rendered = {}
    for i, j in pairs:
        lits = [h for h in groups[i] if lit[h]]
        tgp = t_groups[j]
        for k, h in enumerate(used.get(i, lits[:len(tgp)])):
            rendered[h] = tgp[k:] if k == len(lits) - 1 else [tgp[k]]
    return _rows(d, a, frame, source, tgt, src, t_groups, greedy.taken_t, rendered, uh, text, t_order, learned,
                 _expected_at(src, uh, rendered, greedy.made, t_order, length, d, tgt), cache)


def _near(sg, uh, text, d, source, keys_of):
    """A source group's dictionary neighbours (:func:`source_neighbours`), when the pair has a dictionary."""
    if not keys_of:
        return ()
    return source_neighbours(text[(d, source, uh.seg[sg[0]])], uh.start[sg[0]], uh.end[sg[-1]], keys_of)


def _anchors(cache, d, a, source, tgt, s_order, t_order, length, text):
    """The unit's sentence ends (:func:`sentence_anchors`), once for all its frames."""
    out = cache.get((d, a, tgt))
    if out is None:
        s_len = {s: length[(d, source, s)] for s in s_order}
        t_len = {s: length[(d, tgt, s)] for s in t_order}
        out = cache[(d, a, tgt)] = sentence_anchors(d, source, tgt, s_order, t_order, s_len, t_len, text)
    return out


def _expected_at(src, uh, rendered, made, t_order, length, d, tgt):
    """Where the rendering of each literal source hit nothing renders is expected: (segment, offset)."""
    lit, pos = uh.lit, uh.pos
    left = [h for h in src if lit[h] and h not in rendered]
    if not left:
        return {}
    t_len = {s: length[(d, tgt, s)] for s in t_order}
    return {h: _offset(expected(pos[h], made), t_order, t_len) for h in left}


def _segment_words(cache, text, d, lang, seg_id):
    """The words of a target segment (:class:`SegmentWords`), found once for all its groups and frames."""
    key = ("words", d, lang, seg_id)
    sw = cache.get(key)
    if sw is None:
        sw = cache[key] = SegmentWords(text[(d, lang, seg_id)])
    return sw


def _unit_syllables(cache, text, d, a, tgt, t_order):
    """:func:`~discourse.frames.calques.syllables_of` of each target segment of a unit, once for all its
    frames: the words of :class:`SegmentWords` when the text is in NFC (they are then the same)."""
    key = ("syllables", d, a, tgt)
    out = cache.get(key)
    if out is None:
        out = cache[key] = {}
        for seg_id in t_order:
            sw = _segment_words(cache, text, d, tgt, seg_id)
            out[seg_id] = (tuple(zip(sw.lower, sw.starts, sw.ends)) if unicodedata.is_normalized("NFC", sw.text)
                           else syllables_of(sw.text))
    return out


def _offset(position, t_order, t_len):
    """The target (segment, offset) at a relative position (the inverse of a hit's position)."""
    x = min(max(position, 0.0), 1.0) * len(t_order)
    k = min(int(x), len(t_order) - 1)
    seg_id = next(s for s, n in t_order.items() if n == k)
    return seg_id, round((x - k) * t_len[seg_id])


def _left_before(j, cands, taken_t, t_pos):
    """Whether the target group nearest to `j` that a source group may still take comes before it
    (`cands`: the group's ``(target group, score, position)`` candidates, :attr:`Greedy.cands`).

    Then the group's last hits render `j` and its first are left over: a list keeps its order
    in translation (考核督查问责 ↔ « d'évaluation, d'inspection et de recours en responsabilité »)."""
    left = [(abs(t_pos[m] - t_pos[j]), t_pos[m] < t_pos[j]) for m, _, _ in cands if m not in taken_t]
    return bool(left) and min(left)[1]


def _rows(d, a, frame, source, tgt, src, t_groups, taken_t, rendered, uh, text, t_order, learned, at, cache):
    rows = []
    seg, start, end, lit, match = uh.seg, uh.start, uh.end, uh.lit, uh.match
    texts = syllables = used = None
    for h in src:
        if not lit[h]:
            continue
        part = rendered.get(h)
        term = match[h]
        base = (d, a, frame, source, term, start[h], end[h], tgt)
        if part:
            seg_id = seg[part[0]]
            s, e = start[part[0]], end[part[-1]]
            span = text[(d, tgt, seg_id)][s:e]
            status = "kept" if any(lit[p] for p in part) else "softened"
            rows.append(base + (span, s, e, "lexicon", status, _calque(source, tgt, term, span), seg[h], seg_id))
            continue
        if texts is None:  # the unit's target texts (and, zh → vi, their syllables), once per unit
            texts = {s: text[(d, tgt, s)] for s in t_order}
            used = [(seg[p], start[p], end[p]) for tgp in t_groups for p in tgp]  # learned never takes a hit
            if (source, tgt) == ("zh", "vi"):
                syllables = _unit_syllables(cache, text, d, a, tgt, t_order)
        found = fallback(term, texts, at[h], used, source=source, target=tgt, syllables=syllables,
                         runs=lambda seg_id: _segment_words(cache, text, d, tgt, seg_id))
        if found[3] == "none":
            found = _learned(term, source, tgt, t_order, text, d, learned, used) or found
        rows.append(base + found[:-1] + (seg[h], found[-1]))
    for j, tgp in enumerate(t_groups):
        if j in taken_t:
            continue
        for p in tgp:
            if lit[p]:
                rows.append((d, a, frame, source, None, None, None, tgt, match[p], start[p], end[p], "lexicon",
                             "added", None, None, seg[p]))
    return rows


def _calque(source, tgt, term, span):
    return calque(term, span) if (source, tgt) == ("zh", "vi") else None


def _learned(term, source, tgt, t_order, text, d, learned, used):
    """A rendering of source `term` found by association alone (:meth:`Association.learned`), in the
    unit and not inside a frame hit or another learned rendering; softened (it is not a frame term:
    those are hits, paired or added, above)."""
    for word, _ in learned.learned(term):
        pattern = re.compile(r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W\d_])", re.IGNORECASE)
        for seg_id in t_order:
            taken = None
            for m in pattern.finditer(text[(d, tgt, seg_id)]):
                if taken is None:  # the spans used in this segment
                    taken = [(s, e) for seg, s, e in used if seg == seg_id]
                ms, me = m.span()
                if not any(s < me and ms < e for s, e in taken):
                    used.append((seg_id, ms, me))
                    return (m.group(), m.start(), m.end(), "learned", "softened",
                            _calque(source, tgt, term, m.group()), seg_id)
    return None
