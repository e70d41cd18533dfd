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

import warnings

import numpy as np
import pandas as pd

from discourse.corpus import COUNTED_ROLES
from discourse._forked import fork_workers, pieces_of, run_pieces
from discourse._util import cyclic_gc_paused
from discourse.errors import DiscourseWarning, InputError

from .association import Association, aligned_rows
from .lexicon import load_lexicon
from ._hits import find_hits, warn_unmatched
from ._render_hits import UnitHits
from ._render_table import rendering_table
from ._render_unit import pair_unit
from .rendering_summary import unit_shifts

__all__ = ["RENDERING_COLUMNS", "METHODS", "PAIR_MIN_CHARS", "renderings", "unit_shifts"]

RENDERING_COLUMNS = ["doc_id", "align_id", "frame", "source_lang", "source_term", "source_start", "source_end",
                     "target_lang", "rendering", "target_start", "target_end", "method", "status", "calque",
                     "source_seg_id", "target_seg_id"]
METHODS = ("lexicon", "reading", "dictionary", "learned", "none")
#: Below this many characters of aligned text (source and targets), the units are paired in one process by
#: default (about a second of pairing, which starting workers and sending their rows back would eat up).
PAIR_MIN_CHARS = 400_000


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


def renderings(corpus, lexicon=None, *, source: str = "zh", target=None, unit: str = "sentence",
               n_jobs=None) -> pd.DataFrame:
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
    n_jobs : int, optional
        Worker processes pairing the units (default: ``$DISCOURSE_JOBS`` if set, else one
        up to 400,000 characters of aligned text and above that the free cores, as
        :meth:`Corpus.tokens` counts them). The table is the same with any number; where
        processes are not forked (macOS, Windows), one process pairs all units.

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
    with cyclic_gc_paused():  # the pairing's many small objects live to the end, with no cycles
        return _rendered(corpus, units, toks, lex, source, targets, text, order, length, n_jobs)


def _rendered(corpus, units, toks, lex, source, targets, text, order, length, n_jobs) -> pd.DataFrame:
    """:func:`renderings`' table, from the aligned units' texts (`text`), their order and lengths."""
    found = find_hits(units, toks, lex, role=COUNTED_ROLES)
    warn_unmatched(toks, lex, found, warn=None, stacklevel=4)  # (renderings, then this function)
    uh = UnitHits(units, found, lex.names)
    hits = {c: units.column(c)[uh.rows] for c in ("doc_id", "lang", "align_id")} | {"match": uh.match}
    aligned = aligned_rows(units)  # what each language pair's Association shares
    literal_langs = {}
    for frame, lang, kind in zip(*(lex.terms[c].tolist() for c in ("frame", "lang", "kind"))):
        if kind == "literal":
            literal_langs.setdefault(frame, set()).add(lang)
    jobs = []  # per target language: its associations, frames and units
    for tgt in targets:
        frames = [f for f in lex.names if {source, tgt} <= literal_langs.get(f, set())]
        pairs = [k[:2] for k in order if k[2] == source and (k[0], k[1], tgt) in order]
        jobs.append((tgt, Association(units, hits, source, tgt, aligned=aligned), frames, pairs))
    cache = {}  # what a unit's frames share: its sentence anchors, its clause ends (one per process)

    def pair(piece):  # the rows of some units of one target language
        k, lo, hi = piece
        tgt, learned, frames, pairs = jobs[k]
        rows = []
        for d, a in pairs[lo:hi]:
            for frame in frames:
                src = uh.slice(d, a, source, frame)
                tg = uh.slice(d, a, tgt, frame)
                if len(src) or any(uh.lit[i] for i in tg):
                    rows += pair_unit(d, a, frame, source, tgt, src, tg, uh, text, order, length, learned, cache)
        return rows

    workers = fork_workers(n_jobs, chars=sum(length.values()), min_chars=PAIR_MIN_CHARS)
    pieces = [(k, lo, hi) for k, job in enumerate(jobs) for lo, hi in pieces_of(len(job[3]), workers)]
    rows = [row for part in run_pieces(pair, pieces, workers=workers) for row in part]
    out = rendering_table(rows, RENDERING_COLUMNS, {d: i for i, d in enumerate(corpus.doc_ids)},
                          {f: i for i, f in enumerate(lex.names)})
    out.attrs["frames"] = lex.names
    out.attrs["unit"] = "paragraph" if units is corpus else "sentence"
    return out
