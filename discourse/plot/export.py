"""Saving figures for papers and slides: :func:`savefig`.

PNG at 300 dpi, PDF with the fonts embedded as TrueType, SVG with text as paths; each
file written at once (:func:`discourse._util.atomic_write`) and byte-identical when the
same figure is saved again.

>>> from discourse.plot import subplots
>>> import tempfile, pathlib
>>> fig, ax = subplots()
>>> [p.name for p in savefig(fig, pathlib.Path(tempfile.mkdtemp()) / "empty.svg")]
['empty.svg']
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from discourse._util import atomic_write
from discourse.errors import InputError

from .base import style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["savefig"]

_SAVE_METADATA = {
    # Leave out the creation date so that the same figure gives the same bytes.
    "pdf": {"CreationDate": None},
    "svg": {"Date": None},
}


def _supported_formats(fig: Figure) -> set[str]:
    return {fmt.lower() for fmt in fig.canvas.get_supported_filetypes()}


def _figure_of(obj: Any, *, path: Path) -> Figure:
    """The one figure of a Figure, an Axes, or an array, list or tuple of Axes."""
    from matplotlib.artist import Artist  # deferred: matplotlib loads on first plot, not on import
    from matplotlib.figure import Figure  # deferred: matplotlib loads on first plot, not on import

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
    the PDF) and SVG draws text as paths.  Each file is rendered in memory, then written
    to a temporary file in the target folder and renamed
    (:func:`discourse._util.atomic_write`), so a reader never sees a half-written figure;
    a new file gets the mode ``open`` would give it, a file replaced keeps its mode.
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
    >>> from discourse.plot import style, subplots
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
    >>> from discourse.plot import top_terms
    >>> freq = pd.DataFrame({"lang": ["zh", "vi"], "term": ["脱贫", "thoát nghèo"], "per_10k": [3.0, 2.0]})
    >>> [p.name for p in savefig(top_terms(freq), out.with_name("panels"), formats=["png"])]
    ['panels.png']
    """
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

    written: list[Path] = []  # atomic_write makes the missing folders
    with style():
        for fmt in fmts:
            target = base.with_name(f"{base.name}.{fmt}")
            buffer = io.BytesIO()
            figure.savefig(buffer, format=fmt, dpi=dpi, metadata=_SAVE_METADATA.get(fmt))
            written.append(atomic_write(target, buffer.getvalue()))
    return written
