"""The course notebooks: finding them and running one headlessly (for :mod:`discourse.report`).

:func:`find_notebooks` lists the ``NN_name.ipynb`` notebooks of a folder in reading order;
:func:`execute_notebook` runs one top to bottom on a fresh kernel (nbclient) without
changing the file, and says which cell failed. The pages and the index are built in
:mod:`discourse.report`.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

__all__ = ["NOTEBOOK_NAME", "STRICT_PREAMBLE", "execute_notebook", "find_notebooks", "stderr_warnings",
           "title_and_duration"]

#: A notebook of the course: two digits, an underscore, a name (``01_corpus_and_languages``).
NOTEBOOK_NAME = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")

#: Code run before a notebook under ``strict=True``: every warning becomes an error (a
#: missing glyph, a deprecation in our code), except deprecations raised from inside
#: third-party modules, which the notebook cannot fix.
STRICT_PREAMBLE = (
    "import warnings\n"
    "warnings.simplefilter('error')\n"
    "warnings.filterwarnings('ignore', category=DeprecationWarning, module='(?!discourse)')\n"
    "warnings.filterwarnings('ignore', category=PendingDeprecationWarning, module='(?!discourse)')"
)


def find_notebooks(folder, *, solutions: bool = False) -> list[Path]:
    """The course notebooks of ``folder`` (``NN_name.ipynb``), in reading order.

    Parameters
    ----------
    folder : str or Path
        The notebooks folder.
    solutions : bool, default False
        Also list the notebooks of ``folder/solutions/``, after the others.

    Returns
    -------
    list of Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ["01_b.ipynb", "00_a.ipynb", "scratch.ipynb", "solutions/01_b_solutions.ipynb"]:
    ...     (d / name).parent.mkdir(exist_ok=True); _ = (d / name).write_text("{}")
    >>> [p.name for p in find_notebooks(d)]
    ['00_a.ipynb', '01_b.ipynb']
    >>> [p.name for p in find_notebooks(d, solutions=True)]
    ['00_a.ipynb', '01_b.ipynb', '01_b_solutions.ipynb']
    """
    folder = Path(folder)
    found = sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    if solutions:
        found += sorted(p for p in (folder / "solutions").glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    return found


def execute_notebook(path, *, cwd=None, timeout: int = 120, strict: bool = False):
    """Run a notebook top to bottom on a fresh kernel, without changing the file.

    Parameters
    ----------
    path : str or Path
        The ``.ipynb`` file.
    cwd : str or Path, optional
        Working directory of the kernel (default: the notebook's folder, as in JupyterLab).
    timeout : int, default 120
        Seconds one cell may take.
    strict : bool, default False
        Turn warnings into errors (:data:`STRICT_PREAMBLE`, run on the kernel before the
        first cell and not kept in the result).

    Returns
    -------
    nb : nbformat.NotebookNode
        The executed notebook, with outputs (up to the failing cell if one failed).
    seconds : float
        Wall-clock time, kernel start and stop included.
    error : str or None
        ``None`` if every cell ran; else ``"cell N: ExceptionName: message"`` (``N``
        counts the notebook's cells from 0).
    """
    import nbformat  # deferred: heavy, only for building a report
    from nbclient import NotebookClient  # deferred: heavy, only for building a report
    from nbclient.exceptions import (  # deferred: heavy, only for building a report
        CellExecutionError,
        CellTimeoutError,
        DeadKernelError,
    )

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if strict:
        nb.cells.insert(0, nbformat.v4.new_code_cell(STRICT_PREAMBLE))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd or path.parent)}},
                            # the kernel's own log (e.g. "running over TCP without encryption"
                            # on loopback) is noise here; errors are still printed
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    error = None
    start = time.perf_counter()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        error = _describe_error(nb, exc, offset=1 if strict else 0)
    seconds = time.perf_counter() - start
    if strict:
        nb.cells.pop(0)
    return nb, seconds, error


def _describe_error(nb, exc, *, offset: int) -> str:
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"cell {i - offset}: {output.get('ename')}: {output.get('evalue')}"
    first = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {first[-1] if first else ''}"


def stderr_warnings(nb) -> tuple[str, ...]:
    """The warning lines (``...Warning...``) the cells of an executed notebook printed on stderr."""
    lines = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                lines += [line.strip() for line in output.get("text", "").splitlines() if "Warning" in line]
    return tuple(lines)


def title_and_duration(nb, fallback: str) -> tuple[str, str]:
    """A notebook's title (the first line of its first markdown cell, without ``#``;
    ``fallback`` if it has none) and the time it says it takes (``"about 15 minutes"``, or ``""``).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 01 · Corpus\\n\\nIt takes about 15 minutes.")])
    >>> title_and_duration(nb, "01_corpus")
    ('01 · Corpus', 'about 15 minutes')
    """
    first = next((c.source for c in nb.cells if c.cell_type == "markdown" and c.source.strip()), "")
    lines = first.strip().splitlines()
    title = lines[0].lstrip("#").strip() if lines else fallback
    found = re.search(r"\b(?:about\s+)?\d+(?:\s*[–-]\s*\d+)?\s*min(?:ute)?s?\b", first)
    return title or fallback, found[0] if found else ""
