"""Frames across languages: frame lexicons, frame profiles, translation shifts.

A **frame** (Entman 1993) selects some aspects of a reality and makes them salient: a
problem definition, a cause, a moral evaluation, a remedy. Here a frame is measured by
its **terms**: a lexicon lists, per frame and language, the words and phrases that
carry it. Metaphor frames (the battle imagery of 脱贫攻坚战) also list the known
**neutral** renderings of their terms (脱贫攻坚 → « élimination de la pauvreté »), so
that a translation which keeps the meaning but not the metaphor can be told apart from
one that keeps the metaphor or drops the idea.

* :class:`Lexicon` — frames and their terms, read from plain CSV files a teacher can edit
  in a spreadsheet (:meth:`Lexicon.read`, :func:`load_lexicon`) or built from a dict
  (:meth:`Lexicon.from_dict`); validated on load.
* :func:`frame_hits` — every occurrence of a frame term, with its offsets;
  :func:`lexicon_coverage` — what each term of a lexicon matches in a corpus.
* :func:`frame_profile` — per document × language × frame: hits per 1,000 tokens and
  the share of aligned units in which the frame appears.
* :func:`translation_shifts` / :func:`shift_summary` — per aligned unit and frame, is
  the source's frame **kept**, **softened**, **dropped**, or **added** in a translation?
* :func:`renderings` / :func:`rendering_summary` — how **each hit** is rendered (kept,
  softened, dropped, added; with offsets, method and Sino-Vietnamese calques) and the
  hit-level shares with Wilson intervals; :func:`unit_shifts` gives the unit statuses back.
* Plots of these tables are in :mod:`discourse.plot`: :func:`discourse.plot.frame_heatmap`,
  :func:`discourse.plot.frame_bars`, :func:`discourse.plot.shifts`,
  :func:`discourse.plot.frame_strip`.

The package is :mod:`~discourse.frames.lexicon` (lexicons), :mod:`~discourse.frames.profile`
(hits, coverage, profiles) and :mod:`~discourse.frames.shifts` (translation shifts). All
terms of a lexicon are searched together (``_match``), the hits kept as arrays (``_hits``);
profiles, shifts and coverage count those arrays, only :func:`frame_hits` makes a table of
one row per hit. The hits of a lexicon's terms are kept with the corpus's tokens (the last
eight term lists), so that the next frame function called on the same corpus reads them back
instead of searching again.

Matching uses :func:`discourse.query.find` on the corpus's tokens: a term is a word, a
phrase or a wildcard pattern per word, in the syntax of ``find``. So ``攻坚`` matches the
token 攻坚 but not the inside of jieba's token 脱贫攻坚战; the lexicon says ``*攻坚*`` to
match both. Where matches of one frame overlap in a segment, the leftmost is kept (the
longest of those starting at the same token; a literal term before a neutral one), so
a neutral phrase such as « lutte contre la pauvreté » can be listed to override the
literal « lutte » inside it.

Only ``title`` and ``body`` segments are counted: ``meta`` lines (series name, date line,
repeated title) are not text of the document.

Token rates are **not comparable across languages**: a Chinese token (jieba word), a
Vietnamese token (multi-syllable word) and a French token (elisions split) are different
units, and languages say the same thing in different numbers of words. Compare
``per_1k`` between documents of one language; compare languages with ``unit_share``, the
share of aligned units (paragraphs that translate each other) in which a frame appears.

References
----------
Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm. *Journal of
Communication* 43(4), 51–58.

Steen, G. J., Dorst, A. G., Herrmann, J. B., Kaal, A. A., Krennmayr, T. & Pasma, T.
(2010). *A Method for Linguistic Metaphor Identification: From MIP to MIPVU*.
Amsterdam: John Benjamins.

Schäffner, C. (2004). Metaphor and translation: some implications of a cognitive
approach. *Journal of Pragmatics* 36(7), 1253–1269.

Boydstun, A. E., Card, D., Gross, J. H., Resnik, P. & Smith, N. A. (2014). Tracking the
development of media frames within and across policy issues. APSA 2014 Annual Meeting.
"""

from .lexicon import BUNDLED_LEXICONS, FRAME_COLUMNS, KINDS, TERM_COLUMNS, Lexicon, load_lexicon
from .profile import HIT_COLUMNS, PROFILE_COLUMNS, frame_hits, frame_order, frame_profile, lexicon_coverage
from .rendering_summary import SUMMARY_COLUMNS, rendering_summary
from .renderings import METHODS, RENDERING_COLUMNS, renderings, unit_shifts
from .shifts import SHIFT_COLORS, SHIFT_COLUMNS, STATUSES, shift_summary, translation_shifts

__all__ = [
    "BUNDLED_LEXICONS",
    "KINDS",
    "Lexicon",
    "load_lexicon",
    "frame_hits",
    "lexicon_coverage",
    "frame_profile",
    "frame_order",
    "translation_shifts",
    "shift_summary",
    "renderings",
    "rendering_summary",
    "unit_shifts",
    "METHODS",
    "RENDERING_COLUMNS",
    "SUMMARY_COLUMNS",
    "SHIFT_COLORS",
    "STATUSES",
    "TERM_COLUMNS",
    "FRAME_COLUMNS",
    "HIT_COLUMNS",
    "PROFILE_COLUMNS",
    "SHIFT_COLUMNS",
]

#: The frame plots that were here before issue 14, and their names in :mod:`discourse.plot`
#: (this package draws nothing: plots take its tables).
_MOVED = {"plot_frame_heatmap": "frame_heatmap", "plot_frame_bars": "frame_bars", "plot_shifts": "shifts",
          "plot_frame_strip": "frame_strip"}


def __getattr__(name: str):
    if name in _MOVED:
        raise AttributeError(f"discourse.frames.{name} moved to discourse.plot.{_MOVED[name]} (same arguments); "
                             f"discourse.{name} still works for one release")
    raise AttributeError(f"module 'discourse.frames' has no attribute {name!r}")
