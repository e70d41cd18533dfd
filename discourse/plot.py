"""The plot base of the package: colours, fonts, style, figure creation and export.

Every plot of the package is drawn inside :func:`style`, which sets a font family list
able to draw Chinese, Vietnamese, French and English in one label without boxes:

* ``DejaVu Sans`` (matplotlib's own font) first, so Latin, Vietnamese (ư, ỡ, ặ, Đ ...)
  and French letters come from it: CJK fonts often lack Vietnamese letters or draw them
  with ill-fitting diacritics;
* then the font shipped with the package, ``Noto Sans CJK SC Discourse`` (a subset of
  Noto Sans CJK SC: all of GB2312, every hanzi of the bundled Chinese corpora, CJK
  punctuation and full-width forms; SIL Open Font License 1.1; see ``data/fonts/``);
* then, for the rare hanzi outside that subset, whichever common CJK system fonts are
  installed (``Noto Sans CJK SC``, ``Source Han Sans SC``, ``WenQuanYi Micro Hei`` ...).

Matplotlib picks a font per character along that list, so ``"脱贫 — thoát nghèo"`` is
drawn from two fonts in one label.

Importing this module changes no global matplotlib state: it does not even import
matplotlib.  The only global effect of the module is :func:`ensure_font`, run on first
use, which adds the shipped font to matplotlib's font list
(``matplotlib.font_manager.fontManager.addfont``); it never changes ``rcParams``.

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

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from discourse._data import data_path
from discourse.languages import registry

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CJK_FAMILY",
    "DEFAULT_FIGSIZE",
    "FONT_FAMILY",
    "FONT_FILE",
    "LANG_COLORS",
    "bar_terms",
    "ensure_font",
    "font_family",
    "font_path",
    "lang_color",
    "rc_params",
    "savefig",
    "style",
    "subplots",
]

# --------------------------------------------------------------------------- colours

#: One fixed colour per language code, from the Okabe–Ito palette (distinguishable with
#: the common colour-vision deficiencies and in greyscale by lightness); each language's
#: module declares its ``COLOR`` (:mod:`discourse.languages.registry`). Every plot of the
#: package colours a language with this colour.
LANG_COLORS: Mapping[str, str] = MappingProxyType({code: registry.color(code) for code in registry.LANGS})

#: The rest of the Okabe–Ito palette, in the order used for series that are not languages.
_CYCLE = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")


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
    from matplotlib import font_manager

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
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return [family for family in FONT_FAMILY if family in installed or family == "DejaVu Sans"]


# --------------------------------------------------------------------------- style

#: Default figure size in inches: 16:9, for slides; at 14-point text it is also
#: legible as a full-width figure in a paper.  For a one-column figure pass e.g.
#: ``figsize=(3.5, 2.6)`` and expect smaller text.
DEFAULT_FIGSIZE = (8.0, 4.5)

_BASE_RC: Mapping[str, Any] = MappingProxyType(
    {
        # Text readable on a projector.
        "font.size": 14,
        "axes.titlesize": 16,
        "axes.labelsize": 14,
        "xtick.labelsize": 12,
        "ytick.labelsize": 12,
        "legend.fontsize": 12,
        "legend.title_fontsize": 12,
        "figure.titlesize": 18,
        # The shipped CJK font has one weight only: a bold title would mix bold Latin
        # with regular hanzi, so titles stay regular.
        "axes.titleweight": "normal",
        "figure.titleweight": "normal",
        "text.usetex": False,
        # Figures.
        "figure.figsize": DEFAULT_FIGSIZE,
        "figure.dpi": 100,
        "figure.constrained_layout.use": True,  # room for long tick labels
        "figure.facecolor": "white",
        "axes.facecolor": "white",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.axisbelow": True,
        "axes.grid": False,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.8,
        "axes.linewidth": 0.8,
        "lines.linewidth": 2.0,
        "legend.frameon": False,
        "image.cmap": "viridis",
        # Export for papers: fonts embedded as TrueType (Type 42), never Type 3 bitmaps;
        # SVG text as paths so the file needs no font on the reader's machine.
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "pdf.use14corefonts": False,
        "svg.fonttype": "path",
        "svg.hashsalt": "discourse",  # stable element ids: identical SVGs on each run
        "savefig.dpi": 300,
        "savefig.bbox": "tight",
        "savefig.pad_inches": 0.05,
        "savefig.facecolor": "white",
        "savefig.transparent": False,
    }
)


def rc_params() -> dict[str, Any]:
    """Return the ``rcParams`` that :func:`style` puts in force.

    Registers the shipped font first (:func:`ensure_font`), since the family list names it.

    Returns
    -------
    dict
        A fresh dict: changing it changes nothing else.

    Examples
    --------
    >>> rc = rc_params()
    >>> rc["pdf.fonttype"], rc["svg.fonttype"], rc["font.family"][:2]
    (42, 'path', ['DejaVu Sans', 'Noto Sans CJK SC Discourse'])
    """
    from cycler import cycler

    families = font_family()
    rc = dict(_BASE_RC)
    rc["font.family"] = families
    rc["font.sans-serif"] = families
    rc["axes.prop_cycle"] = cycler(color=list(_CYCLE))
    return rc


#: ``rcParams`` that :func:`style` leaves alone: they are session state, not style.
_SESSION_RC = ("backend", "interactive")


def _resolve_backend() -> None:
    """Load pyplot's backend now, outside any ``rc_context``.

    pyplot loads its backend when the first figure is made.  In a notebook that is the
    inline backend, whose loading makes IPython turn interactive mode on
    (``matplotlib.interactive(True)``, so that each figure is queued for display after
    its cell).  Loaded inside ``matplotlib.rc_context``, that change would be undone on
    exit (``interactive`` is an rcParam like any other) and no later figure would be
    shown.
    """
    import matplotlib.pyplot as plt

    resolve = getattr(plt, "_get_backend_mod", None)  # matplotlib >= 3.5
    if resolve is not None:
        resolve()
    else:  # pragma: no cover - older matplotlib
        plt.switch_backend(plt.get_backend())


@contextlib.contextmanager
def style(rc: Mapping[str, Any] | None = None) -> Iterator[None]:
    """Context manager (or decorator) putting the package's plot style in force.

    Inside it, matplotlib uses the multilingual font family list (:func:`font_family`),
    text sizes readable on a projector, fonts embedded as TrueType in PDF and PostScript
    (``pdf.fonttype = ps.fonttype = 42``), SVG text as paths, 300-dpi tight-bounding-box
    saving and the Okabe–Ito colour cycle.  It is ``matplotlib.rc_context``: every
    style ``rcParams`` value is restored on exit.

    Two settings are session state, not style, and are never restored: the backend
    and interactive mode.  pyplot's backend is loaded on entry (outside the
    ``rc_context``), and interactive mode is left as it is at the end of the block.
    Otherwise, in a notebook, the first figure of a session (which loads the inline
    backend, and with it turns interactive mode on) would switch interactive mode
    off again on exit, and no later plot of the notebook would be displayed.

    Draw *and save* inside it: matplotlib reads fonts when a text is created and the
    ``pdf.fonttype`` when a figure is saved.  Every plotting function of the package
    wraps its drawing in it; :func:`savefig` wraps the saving.

    Parameters
    ----------
    rc : mapping, optional
        ``rcParams`` to set on top of the package's (e.g. ``{"font.size": 10}``);
        not ``backend`` or ``interactive`` (use ``matplotlib.use`` and
        ``matplotlib.pyplot.ion`` / ``ioff``).

    Raises
    ------
    discourse.errors.InputError
        If *rc* sets ``backend`` or ``interactive``.

    Examples
    --------
    >>> import matplotlib
    >>> with style():
    ...     matplotlib.rcParams["pdf.fonttype"]
    42
    >>> with style({"font.size": 10}):
    ...     matplotlib.rcParams["font.size"]
    10.0
    >>> was = matplotlib.is_interactive()
    >>> with style():
    ...     matplotlib.interactive(True)   # as IPython does when the inline backend loads
    >>> matplotlib.is_interactive()        # kept: the next figure is displayed too
    True
    >>> matplotlib.interactive(was)
    """
    import matplotlib

    params = rc_params()
    if rc:
        session = [key for key in _SESSION_RC if key in rc]
        if session:
            from discourse.errors import InputError

            raise InputError(f"style() does not set {', '.join(map(repr, session))}: use matplotlib.use(...) "
                             "for the backend and matplotlib.pyplot.ion() / ioff() for interactive mode")
        params.update(rc)
    _resolve_backend()
    interactive: bool | None = None
    try:
        with matplotlib.rc_context(params):
            try:
                yield
            finally:
                interactive = matplotlib.is_interactive()
    finally:
        if interactive is not None and matplotlib.is_interactive() != interactive:
            matplotlib.interactive(interactive)


def _set_label_fonts(ax: Axes) -> None:
    """Pin the tick labels of *ax* to the family list, so that tick labels created later,
    at draw time outside :func:`style` (e.g. by a notebook's inline display), still find
    hanzi."""
    try:
        ax.tick_params(labelfontfamily=font_family())
    except (TypeError, ValueError, AttributeError):  # matplotlib < 3.8
        pass


def subplots(*args: Any, **kwargs: Any) -> tuple[Figure, Any]:
    """Create a figure and axes like ``matplotlib.pyplot.subplots``, in the package style.

    The figure is created inside :func:`style`, so its default size is
    :data:`DEFAULT_FIGSIZE` (8 × 4.5 inches, 16:9) with constrained layout, and its tick
    labels draw hanzi even when the figure is displayed later, outside :func:`style`.
    Titles and labels added later should be added inside ``with style():``.

    Parameters
    ----------
    *args, **kwargs
        Passed to ``matplotlib.pyplot.subplots`` (``nrows``, ``ncols``, ``figsize``,
        ``sharex`` ...).

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes or numpy.ndarray of Axes
        As returned by ``matplotlib.pyplot.subplots``.

    Notes
    -----
    The figure is a pyplot figure, and the package never closes a figure it made: the
    caller may still add to it or save it.  In a notebook the inline backend displays
    each new figure after its cell and then closes it (``InlineBackend.close_figures``,
    on by default).  In a script the figures stay open in pyplot until
    ``matplotlib.pyplot.show()`` or ``matplotlib.pyplot.close(fig)``; a script that
    draws many plots should close each one after saving it.

    Examples
    --------
    >>> fig, ax = subplots()
    >>> fig.get_size_inches().tolist()
    [8.0, 4.5]
    >>> with style():
    ...     _ = ax.set_title("脱贫攻坚 · thoát nghèo · responsabilité")
    """
    import matplotlib.pyplot as plt
    import numpy as np

    with style():
        fig, axes = plt.subplots(*args, **kwargs)
        for ax in np.atleast_1d(axes).ravel():
            _set_label_fonts(ax)
    return fig, axes


# --------------------------------------------------------------------------- export

_SAVE_METADATA = {
    # Leave out the creation date so that the same figure gives the same bytes.
    "pdf": {"CreationDate": None},
    "svg": {"Date": None},
}


def _file_mode(target: Path) -> int:
    """Permissions for a new file: the old file's if it exists, else 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _supported_formats(fig: Figure) -> set[str]:
    return {fmt.lower() for fmt in fig.canvas.get_supported_filetypes()}


def _figure_of(obj: Any, *, path: Path) -> Figure:
    """The one figure of a Figure, an Axes, or an array, list or tuple of Axes."""
    import numpy as np
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure

    from discourse.errors import InputError

    if isinstance(obj, (np.ndarray, list, tuple)):
        items = list(np.asarray(obj, dtype=object).ravel()) if isinstance(obj, np.ndarray) else list(obj)
        figures: list[Figure] = []
        for item in items:
            figure = _figure_of(item, path=path)
            if not any(figure is f for f in figures):
                figures.append(figure)
        if not figures:
            raise InputError("savefig: nothing to save (an empty list of Axes)", path=path)
        if len(figures) > 1:
            raise InputError(f"savefig: the Axes belong to {len(figures)} different figures; "
                             "save each figure on its own", path=path)
        return figures[0]
    figure = obj
    while isinstance(figure, Artist) and not isinstance(figure, Figure):
        parent = getattr(figure, "figure", None)  # an Axes, or a SubFigure: up to the figure
        if parent is None or parent is figure:
            break
        figure = parent
    if not isinstance(figure, Figure):
        raise InputError(f"savefig: cannot save a {type(obj).__name__}; give the Figure, an Axes or the "
                         "array of Axes a plot function returns", path=path)
    return figure


def savefig(
    fig: Any,
    path: str | os.PathLike[str],
    *,
    dpi: int = 300,
    formats: Sequence[str] | None = None,
) -> list[Path]:
    """Save a figure for a paper: PNG at *dpi*, PDF and SVG with fonts embedded.

    The figure is saved inside :func:`style`, so PDF and PostScript embed their fonts as
    TrueType (Type 42: selectable, searchable text; the shipped font's name appears in
    the PDF) and SVG draws text as paths.  Each file is written to a temporary file in
    the target folder and then renamed, so a reader never sees a half-written figure.
    The PDF and SVG carry no creation date: saving the same figure twice gives the same
    bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure, matplotlib.axes.Axes or array of Axes
        What a plot function of the package returns: the figure, an Axes of it, or an
        array, list or tuple of Axes of one figure (e.g. :func:`top_terms`'s panels).
    path : str or path-like
        The file to write.  With *formats*, a suffix naming a format (``.png``) is
        replaced by each format's suffix; another suffix is kept (``fig.v2`` gives
        ``fig.v2.png``).  Missing parent folders are created.
    dpi : int, default 300
        Resolution of raster output (PNG, and rasterized parts of PDF/SVG).
    formats : sequence of str, optional
        Formats to write, e.g. ``["png", "pdf", "svg"]``.  By default the format named by
        *path*'s suffix, or all three if *path* has no known format suffix.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of *formats*.

    Raises
    ------
    discourse.errors.InputError
        If a format is not one matplotlib can write, if *fig* is not a figure or Axes,
        or if the Axes given belong to several figures.

    Examples
    --------
    >>> fig, ax = subplots()
    >>> with style():
    ...     _ = ax.set_title("中央统筹、省负总责 — Quốc vụ viện")
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "title.png"
    >>> [p.name for p in savefig(fig, out)]
    ['title.png']
    >>> [p.name for p in savefig(fig, out, formats=["pdf", "svg"])]
    ['title.pdf', 'title.svg']
    >>> import pandas as pd
    >>> freq = pd.DataFrame({"lang": ["zh", "vi"], "term": ["脱贫", "thoát nghèo"], "per_10k": [3.0, 2.0]})
    >>> [p.name for p in savefig(top_terms(freq), out.with_name("panels"), formats=["png"])]
    ['panels.png']
    """
    from discourse.errors import InputError

    path = Path(path)
    figure = _figure_of(fig, path=path)
    supported = _supported_formats(figure)
    suffix = path.suffix.lower().lstrip(".")
    if formats is None:
        fmts = [suffix] if suffix in supported else ["png", "pdf", "svg"]
    else:
        if isinstance(formats, str):
            formats = [formats]
        fmts = [str(f).lower().lstrip(".") for f in formats]
    unknown = [f for f in fmts if f not in supported]
    if unknown:
        raise InputError(
            f"cannot save a figure as {', '.join(unknown)}; "
            f"use one of: {', '.join(sorted(supported))}",
            path=path,
        )
    base = path.with_suffix("") if suffix in supported else path

    written: list[Path] = []
    base.parent.mkdir(parents=True, exist_ok=True)
    with style():
        for fmt in fmts:
            target = base.with_name(f"{base.name}.{fmt}")
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    figure.savefig(fh, format=fmt, dpi=dpi, metadata=_SAVE_METADATA.get(fmt))
                os.chmod(tmp_name, _file_mode(target))  # mkstemp makes it 0o600
                os.replace(tmp_name, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
                raise
            written.append(target)
    return written


# --------------------------------------------------------------------------- plots


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
    import pandas as pd

    from discourse.errors import InputError

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
        colors = [color or _CYCLE[0]] * len(terms)

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
        _set_label_fonts(ax)
        if title is not None:
            ax.set_title(title)
        if langs:
            from matplotlib.patches import Patch

            seen = list(dict.fromkeys(langs))
            handles = [Patch(facecolor=lang_color(v), label=v) for v in seen]
            ax.legend(handles=handles, loc="lower right")
    return ax


# --------------------------------------------------------------------------- frequency, keyness,
# dispersion, collocation and trend plots (issue 4)

__all__ += ["top_terms", "keyness", "dispersion", "collocates", "trend"]

_NEGATIVE = "#999999"  # negative keywords: grey, whatever the language
_ADJUSTED_HATCH = "///"  # keyness bars whose Log Ratio sign is an artefact of the 0.5 for a count of 0


def _lang_panels(table: Any, *, kind: str, value: str, top: int, ax: Any, title: Any) -> Any:
    """One horizontal bar panel per language of *table* (a ``lang`` column), side by side."""
    import numpy as np
    import pandas as pd

    from discourse.errors import InputError

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
    from discourse.errors import InputError

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
    from discourse.errors import InputError

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
    import numpy as np
    import pandas as pd

    from discourse.errors import InputError

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
        from matplotlib.patches import Patch

        handles = [Patch(facecolor=lang_color(lang), label="more frequent in the target"),
                   Patch(facecolor=_NEGATIVE, label="more frequent in the reference")]
        if adjusted.any():
            handles.append(Patch(facecolor=_NEGATIVE if adjusted[negative].any() else lang_color(lang),
                                 hatch=_ADJUSTED_HATCH, edgecolor="white",
                                 label="a count 0 taken as 0.5: length unmeasured"))
        ax.legend(handles=handles, loc="lower right")
        if title is not None:
            ax.set_title(title)
        _set_label_fonts(ax)
    return ax


def dispersion(positions: Any, *, x: str = "corpus_position", ax: Any = None, title: str | None = None) -> Axes:
    """Dispersion plot: one row per term and language, a tick at each occurrence.

    Parameters
    ----------
    positions : pandas.DataFrame
        A table of :func:`discourse.positions` (columns ``term``, ``lang`` and *x*).
    x : str
        ``"corpus_position"`` (default: through all the text of the language, documents
        in corpus order, 0 = start, 1 = end) or ``"doc_position"`` (within each
        document).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> pos = discourse.positions(discourse.load_corpus(), ["责任", "trách nhiệm", "responsabilit*"])
    >>> ax = dispersion(pos)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['责任 (zh)', 'trách nhiệm (vi)', 'responsabilit* (fr)']
    """
    import pandas as pd

    from discourse.errors import InputError

    missing = [c for c in ("term", "lang", x) if c not in positions.columns]
    if missing:
        raise InputError(f"dispersion: the table has no column {', '.join(map(repr, missing))}")
    if not len(positions):
        raise InputError("dispersion: no occurrence to plot (the terms were not found)")
    keys = list(dict.fromkeys(zip(positions["term"].astype(str), positions["lang"].astype(str))))
    with style():
        if ax is None:
            _, ax = subplots(figsize=(DEFAULT_FIGSIZE[0], max(2.2, 0.55 * len(keys) + 1.4)))
        for row, (term, lang) in enumerate(keys):
            sel = (positions["term"].astype(str) == term) & (positions["lang"].astype(str) == lang)
            xs = pd.to_numeric(positions.loc[sel, x]).to_numpy(dtype=float)
            ax.vlines(xs, row - 0.38, row + 0.38, color=lang_color(lang), linewidth=1.2)
        ax.set_yticks(range(len(keys)), labels=[f"{t} ({lang})" for t, lang in keys])
        for label in ax.get_yticklabels():
            label.set_parse_math(False)
        ax.set_ylim(len(keys) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("position in the text (0 = start, 1 = end)" if x == "corpus_position"
                      else "position in the document (0 = start, 1 = end)" if x == "doc_position" else x)
        if title is not None:
            ax.set_title(title)
        _set_label_fonts(ax)
    return ax


def trend(table: Any, *, value: str = "per_10k", ax: Any = None, title: str | None = None) -> Axes:
    """Relative frequency of terms over time (or any numeric group): one line per term.

    Years without a document break the line (a gap is not drawn as a straight line);
    a group without a value (documents with no year) is left out of the plot.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :func:`discourse.trend`: ``lang``, one numeric ``by`` column (the x
        axis, e.g. ``year``), ``term`` and *value*.
    value : str
        ``"per_10k"`` (default) or ``"count"``.
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"lang": "zh", "year": [2019, 2019, 2021, 2021], "term": ["脱贫", "小康"] * 2,
    ...                   "count": [3, 1, 2, 2], "total": 1000, "per_10k": [30.0, 10.0, 20.0, 20.0]})
    >>> ax = trend(t)
    >>> [line.get_label() for line in ax.get_lines()]
    ['脱贫', '小康']
    """
    import numpy as np
    import pandas as pd

    from discourse.errors import InputError

    fixed = {"lang", "term", "count", "total", "per_10k", value}
    xcols = [c for c in table.columns if c not in fixed]
    if len(xcols) != 1 or not {"term", value} <= set(table.columns):
        raise InputError("trend: expected a table of discourse.trend with one group column (e.g. year), "
                         f"term and {value}; got columns {', '.join(map(str, table.columns))}")
    xcol = xcols[0]
    xs = pd.to_numeric(table[xcol], errors="coerce")
    if xs.notna().sum() == 0:
        raise InputError(f"trend: the column {xcol!r} holds no numbers to put on the x axis")
    data = table.assign(_x=xs).dropna(subset=["_x"])
    whole = bool(np.all(data["_x"] == np.round(data["_x"])))
    several_langs = "lang" in data.columns and data["lang"].nunique() > 1
    with style():
        if ax is None:
            _, ax = subplots()
        series = data.groupby(["term", "lang"] if several_langs else ["term"], sort=False)
        for i, (key, rows) in enumerate(series):
            rows = rows.sort_values("_x")
            x, y = rows["_x"].to_numpy(dtype=float), rows[value].to_numpy(dtype=float)
            if whole and len(x):  # every missing year is a NaN: the line breaks there
                full = np.arange(x.min(), x.max() + 1)
                y = pd.Series(y, index=x).reindex(full).to_numpy()
                x = full
            label = " · ".join(map(str, key)) if several_langs else str(key[0] if isinstance(key, tuple) else key)
            ax.plot(x, y, marker="o", markersize=3.5, color=_CYCLE[i % len(_CYCLE)], label=label)
        ax.set_xlabel(xcol)
        ax.set_ylabel("per 10,000 tokens" if value == "per_10k" else value)
        ax.yaxis.grid(True)
        ax.legend()
        if title is not None:
            ax.set_title(title)
        _set_label_fonts(ax)
    return ax
