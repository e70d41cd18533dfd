"""The package's plot style: ``rcParams``, :func:`style`, :func:`subplots`.

Every plot of the package is drawn inside :func:`style`: the multilingual font family
list (:mod:`discourse.plot.fonts`), text sizes readable on a projector, fonts embedded
as TrueType in PDF and SVG text as paths, the Okabe–Ito colour cycle.  Importing this
module changes no matplotlib state and does not import matplotlib.

>>> fig, ax = subplots()
>>> with style():
...     _ = ax.set_title("脱贫攻坚 · thoát nghèo · responsabilité")
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.errors import InputError

from .fonts import CYCLE_COLORS, font_family

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["DEFAULT_FIGSIZE", "finish", "rc_params", "set_label_fonts", "style", "subplots"]

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
    from cycler import cycler  # deferred: comes with matplotlib, loaded on first plot

    families = font_family()
    rc = dict(_BASE_RC)
    rc["font.family"] = families
    rc["font.sans-serif"] = families
    rc["axes.prop_cycle"] = cycler(color=list(CYCLE_COLORS))
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
    import matplotlib.pyplot as plt  # deferred: pyplot loads a backend; `import discourse.plot` stays light

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
    import matplotlib  # deferred: `import discourse.plot` stays light (no matplotlib until a plot)

    params = rc_params()
    if rc:
        session = [key for key in _SESSION_RC if key in rc]
        if session:
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


def set_label_fonts(ax: Axes) -> None:
    """Pin every text of *ax* to the family list: its title, axis labels, tick labels,
    legend and texts, and the tick labels created later, at draw time outside
    :func:`style` (e.g. by a notebook's inline display), so that all of them find hanzi.
    A text the Axes had before the plot drew on it (the title of an Axes made with
    ``plt.subplots()``) keeps the font it was made with otherwise.  Every plot of the
    package calls it (:func:`finish`) after its last text; call it on an Axes of your
    own that you draw on outside :func:`subplots`.

    Examples
    --------
    >>> import matplotlib.figure
    >>> ax = matplotlib.figure.Figure().add_subplot()
    >>> _ = ax.set_title("脱贫攻坚")
    >>> set_label_fonts(ax)
    >>> ax.xaxis.get_major_ticks()[0].label1.get_fontfamily()[:2]
    ['DejaVu Sans', 'Noto Sans CJK SC Discourse']
    >>> ax.title.get_fontfamily()[:2]
    ['DejaVu Sans', 'Noto Sans CJK SC Discourse']
    """
    from matplotlib.text import Text  # deferred: matplotlib loads on first plot

    family = font_family()
    try:
        ax.tick_params(labelfontfamily=family)
    except (TypeError, ValueError, AttributeError):  # matplotlib < 3.8
        pass
    for text in ax.findobj(Text):
        text.set_fontfamily(family)


def finish(ax: Axes, title: str | None = None) -> Axes:
    """The last step of a plot: *title* set (when given) and every text pinned to the family
    list (:func:`set_label_fonts`); returns *ax*.

    Examples
    --------
    >>> import matplotlib.figure
    >>> ax = finish(matplotlib.figure.Figure().add_subplot(), "责任 · trách nhiệm")
    >>> ax.get_title(), ax.title.get_fontfamily()[1]
    ('责任 · trách nhiệm', 'Noto Sans CJK SC Discourse')
    """
    if title is not None:
        ax.set_title(title)
    set_label_fonts(ax)
    return ax


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
    import matplotlib.pyplot as plt  # deferred: pyplot loads a backend; `import discourse.plot` stays light

    with style():
        fig, axes = plt.subplots(*args, **kwargs)
        for ax in np.atleast_1d(axes).ravel():
            set_label_fonts(ax)
    return fig, axes


def rows_of(table, column: str, value=None, *, what: str, noun: str, option: str):
    """The rows of `table` whose `column` is `value` (by default the table's only value), and that value.

    `what` (the plot), `noun` (what a value is) and `option` (the keyword that chooses it) name
    the error when the table has several values and none is chosen, or none of that value.

    >>> import pandas as pd
    >>> rows, lang = rows_of(pd.DataFrame({"lang": ["zh", "zh"]}), "lang", what="plot", noun="language", option="lang")
    >>> len(rows), lang
    (2, 'zh')
    """
    values = list(table[column].unique())
    if value is None:
        if len(values) != 1:
            raise InputError(f"{what}: the table has several {noun}s ({', '.join(map(str, values))}); pass {option}=")
        value = values[0]
    rows = table[table[column] == value]
    if not len(rows):
        raise InputError(f"{what}: no row of {noun} {value!r} (the table has {', '.join(map(str, values))})")
    return rows, value
