"""Plots of the package's tables, in one style that draws zh, vi, fr and en alike.

Every plot takes a table (the result of an analysis function) and returns the Axes it
drew on; every plot is drawn inside :func:`style`, whose font family list draws Chinese,
Vietnamese, French and English in one label without boxes (:mod:`discourse.plot.fonts`).

* style, colours, fonts, export (:mod:`~discourse.plot.fonts`, :mod:`~discourse.plot.base`,
  :mod:`~discourse.plot.export`): :func:`style`, :func:`rc_params`, :func:`subplots`,
  :func:`savefig`, :func:`lang_color`, :func:`font_family`, :func:`set_label_fonts` …;
* terms (:mod:`~discourse.plot.terms`): :func:`bar_terms`, :func:`top_terms`,
  :func:`keyness`, :func:`collocates`; :func:`keyness_groups` (one keyness panel per group,
  :mod:`~discourse.plot.keyness_groups`);
* distribution (:mod:`~discourse.plot.distribution`): :func:`dispersion`, :func:`trend`;
* frames (:mod:`~discourse.plot.frames`): :func:`frame_heatmap`, :func:`frame_bars`,
  :func:`shifts`, :func:`frame_strip`.

Importing the package changes no global matplotlib state: it does not even import
matplotlib.  The only global effect is :func:`ensure_font`, run on first use, which adds
the shipped font to matplotlib's font list; it never changes ``rcParams``.

Examples
--------
>>> import pandas as pd
>>> from discourse import plot
>>> df = pd.DataFrame({"term": ["脱贫攻坚", "thoát nghèo", "responsabilité"],
...                    "n": [12, 7, 5], "lang": ["zh", "vi", "fr"]})
>>> ax = plot.bar_terms(df, term_col="term", value_col="n", lang_col="lang")
>>> len(ax.patches)
3
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "terms"
>>> [p.name for p in plot.savefig(ax.figure, out, formats=["png", "pdf"])]
['terms.png', 'terms.pdf']
"""

from .base import DEFAULT_FIGSIZE, rc_params, set_label_fonts, style, subplots
from .distribution import dispersion, trend
from .lexical import diversity  # issue 17: lexical diversity
from .models import ca_biplot, dendrogram, similarity_heatmap, topic_terms  # issue 17: document models
from .network import collocation_network  # issue 17: collocation networks
from .export import savefig
from .fonts import CJK_FAMILY, CYCLE_COLORS, FONT_FAMILY, FONT_FILE, LANG_COLORS, ensure_font, font_family, \
    font_path, lang_color
from .frames import frame_bars, frame_heatmap, frame_strip, shifts
from .keyness_groups import keyness_groups
from .renderings import calque_shares, rendering_bars, retention
from .terms import bar_terms, collocates, keyness, top_terms

__all__ = [
    # style, colours, fonts, export
    "CJK_FAMILY", "CYCLE_COLORS", "DEFAULT_FIGSIZE", "FONT_FAMILY", "FONT_FILE", "LANG_COLORS", "ensure_font",
    "font_family", "font_path", "lang_color", "rc_params", "savefig", "set_label_fonts", "style", "subplots",
    # terms
    "bar_terms", "collocates", "keyness", "top_terms",
    "keyness_groups",  # issue 17: one keyness panel per group
    # distribution
    "dispersion", "trend",
    # frames
    "frame_bars", "frame_heatmap", "frame_strip", "shifts",
    # renderings
    "calque_shares", "rendering_bars", "retention",
    # issue 17: diversity, models, networks
    "diversity", "similarity_heatmap", "topic_terms", "ca_biplot", "collocation_network",
    "dendrogram",  # issue 17: document clusters
]


def __dir__() -> list[str]:
    """Tab completion shows the public plotting API only (not the submodules it is made of)."""
    return sorted(__all__)
