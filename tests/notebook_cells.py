"""What a student sees in a notebook: which code cells draw a plot.

Shared by the notebook tests (executed outputs) and the browser test (rendered page), so
both count the same cells. A *plot cell* is a code cell that calls a drawing function of
the package: ``plot.<name>(…)`` (except the helpers that draw nothing: ``savefig``,
``subplots``, ``style`` …) or ``discourse.plot_<name>(…)``.
"""

from __future__ import annotations

import re

#: ``plot.`` functions that draw nothing by themselves.
NOT_DRAWING = ("savefig", "subplots", "style", "lang_color", "font_family", "font_path", "ensure_font",
               "rc_params")

PLOT_CALL = re.compile(
    r"(?<![\w.])(?:discourse\.)?plot\.(?!(?:%s)\b)[a-z_]\w*\s*\(|(?<![\w.])discourse\.plot_\w+\s*\("
    % "|".join(NOT_DRAWING)
)


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def plot_cells(notebook: dict) -> list[int]:
    """Indices (in ``notebook["cells"]``) of the code cells that draw a plot.

    >>> nb = {"cells": [{"cell_type": "code", "source": "plot.top_terms(freq);"},
    ...                 {"cell_type": "code", "source": "plot.savefig(ax, 'f')"},
    ...                 {"cell_type": "markdown", "source": "plot.top_terms(x)"},
    ...                 {"cell_type": "code", "source": "discourse.plot_shifts(s);"}]}
    >>> plot_cells(nb)
    [0, 3]
    """
    return [i for i, cell in enumerate(notebook.get("cells", []))
            if cell.get("cell_type") == "code" and PLOT_CALL.search(source(cell))]


def image_outputs(cell: dict) -> int:
    """Number of ``image/png`` outputs of an executed code cell."""
    return sum(1 for out in cell.get("outputs", []) if "image/png" in out.get("data", {}))
