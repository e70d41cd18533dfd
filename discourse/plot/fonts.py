"""Colours and fonts of every plot of the package.

* :data:`LANG_COLORS` / :func:`lang_color`: one fixed colour per language (Okabe–Ito);
  :data:`CYCLE_COLORS`: the colours of series that are not languages.
* The font family list (:data:`FONT_FAMILY`, :func:`font_family`), able to draw Chinese,
  Vietnamese, French and English in one label without boxes:

  - ``DejaVu Sans`` (matplotlib's own font) first, so Latin, Vietnamese (ư, ỡ, ặ, Đ ...)
    and French letters come from it: CJK fonts often lack Vietnamese letters or draw
    them with ill-fitting diacritics;
  - then the font shipped with the package, ``Noto Sans CJK SC Discourse`` (a subset of
    Noto Sans CJK SC: all of GB2312, every hanzi of the bundled Chinese corpora, CJK
    punctuation and full-width forms; SIL Open Font License 1.1; see ``data/fonts/``);
  - then, for the rare hanzi outside that subset, whichever common CJK system fonts are
    installed (``Noto Sans CJK SC``, ``Source Han Sans SC``, ``WenQuanYi Micro Hei`` ...).

  Matplotlib picks a font per character along that list, so ``"脱贫 — thoát nghèo"`` is
  drawn from two fonts in one label.

Importing this module does not import matplotlib.  Its only global effect is
:func:`ensure_font`, run on first use, which adds the shipped font to matplotlib's font
list (``matplotlib.font_manager.fontManager.addfont``); it never changes ``rcParams``.

>>> lang_color("vi") == LANG_COLORS["vi"]
True
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from discourse._data import data_path
from discourse.languages import registry

__all__ = ["CJK_FAMILY", "CYCLE_COLORS", "FONT_FAMILY", "FONT_FILE", "LANG_COLORS", "ensure_font", "font_family",
           "font_path", "lang_color"]

# --------------------------------------------------------------------------- colours

#: One fixed colour per language code, from the Okabe–Ito palette (distinguishable with
#: the common colour-vision deficiencies and in greyscale by lightness); each language's
#: module declares its ``COLOR`` (:mod:`discourse.languages.registry`). Every plot of the
#: package colours a language with this colour.
LANG_COLORS: Mapping[str, str] = MappingProxyType({code: registry.color(code) for code in registry.LANGS})

#: The rest of the Okabe–Ito palette, in the order used for series that are not languages
#: (the colour cycle of :func:`discourse.plot.style`).
CYCLE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")


def lang_color(lang: str | None) -> str:
    """Return the colour of a language code, as a ``#RRGGBB`` string.

    Parameters
    ----------
    lang : str or None
        A language code: ``"zh"``, ``"vi"``, ``"fr"``, ``"en"`` or ``"und"``.  Case, a
        region or script suffix (``"zh-Hans"``, ``"fr_FR"``) and the three-letter
        ISO 639-2 codes (``"vie"``, ``"fra"``) are accepted.

    Returns
    -------
    str
        The language's colour from :data:`LANG_COLORS`; the ``"und"`` grey for ``None``
        or an unknown code.

    Examples
    --------
    >>> lang_color("zh")
    '#D55E00'
    >>> lang_color("fr_FR") == lang_color("fra") == LANG_COLORS["fr"]
    True
    >>> lang_color("xx") == LANG_COLORS["und"]
    True
    """
    return registry.color(lang)


# --------------------------------------------------------------------------- fonts

#: Family name of the font shipped in ``data/fonts/`` (renamed from Noto Sans CJK SC so
#: that the subset never shadows a full Noto Sans CJK SC installed on the system).
CJK_FAMILY = "Noto Sans CJK SC Discourse"

#: File name of the shipped font, under the package's ``data/fonts/``.
FONT_FILE = "NotoSansCJKsc-Discourse-Regular.ttf"

#: The font family list, in order of preference per character.  :func:`font_family`
#: gives the part of it that is installed, which is what :func:`style` uses.
FONT_FAMILY: tuple[str, ...] = (
    "DejaVu Sans",  # Latin, Vietnamese, French: shipped with matplotlib
    CJK_FAMILY,  # hanzi and CJK punctuation: shipped with this package
    # System fallbacks for hanzi outside the shipped subset, used only when installed:
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Noto Sans CJK TC",
    "Source Han Sans TC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Droid Sans Fallback",
)

_font_lock = threading.Lock()


def font_path() -> Path:
    """Return the path of the shipped CJK font file.

    Examples
    --------
    >>> font_path().name
    'NotoSansCJKsc-Discourse-Regular.ttf'
    """
    return data_path("fonts", FONT_FILE)


def ensure_font() -> Path:
    """Register the shipped CJK font with matplotlib, once.

    Calls ``matplotlib.font_manager.fontManager.addfont`` with the shipped font unless
    the font manager already lists that file, so it is idempotent and cheap to call
    before every plot (:func:`style` does).  This is the module's only global effect:
    it adds one font to matplotlib's list of known fonts (for this process only; no
    file is written and ``rcParams`` are not changed).

    Returns
    -------
    pathlib.Path
        The path of the registered font file.

    Raises
    ------
    FileNotFoundError
        If the font file is missing from the installation.

    Examples
    --------
    >>> path = ensure_font()
    >>> from matplotlib import font_manager
    >>> any(f.name == CJK_FAMILY for f in font_manager.fontManager.ttflist)
    True
    >>> ensure_font() == path  # a second call registers nothing more
    True
    """
    path = font_path()
    from matplotlib import font_manager  # deferred: matplotlib loads on first plot, not on import

    with _font_lock:
        manager = font_manager.fontManager
        fname = os.fsdecode(path)
        if not any(entry.fname == fname for entry in manager.ttflist):
            if not path.is_file():
                raise FileNotFoundError(
                    f"the font shipped with discourse is missing: {path}; "
                    "reinstall the package (`pip install -e .` in a checkout)"
                )
            manager.addfont(fname)
    return path


def font_family() -> list[str]:
    """Return the installed part of :data:`FONT_FAMILY`, in order.

    Registers the shipped font first (:func:`ensure_font`).  Families that are not
    installed are left out, so that matplotlib does not log "font family not found"
    for each of them.

    Returns
    -------
    list of str
        Always starts with ``"DejaVu Sans"`` and :data:`CJK_FAMILY`.

    Examples
    --------
    >>> font_family()[:2]
    ['DejaVu Sans', 'Noto Sans CJK SC Discourse']
    """
    ensure_font()
    from matplotlib import font_manager  # deferred: matplotlib loads on first plot, not on import

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return [family for family in FONT_FAMILY if family in installed or family == "DejaVu Sans"]
