"""Execute the notebooks headlessly and write a self-contained HTML report.

``python -m discourse.report [NOTEBOOK_DIR] [OUT_DIR]`` (``make report``) runs every
``*.ipynb`` of ``NOTEBOOK_DIR`` (default ``notebooks``) on a fresh kernel, writes each as
HTML with its plots embedded, and an ``index.html`` linking them, into ``OUT_DIR``
(default ``build/report``). The notebooks themselves are not modified.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

__all__ = ["build_report"]


def build_report(notebooks="notebooks", out="build/report", *, timeout: int = 300) -> Path:
    """Execute each notebook in ``notebooks`` and write HTML pages plus an index.

    Parameters
    ----------
    notebooks : str or Path
        Folder of ``.ipynb`` files, run in name order with that folder as working directory.
    out : str or Path
        Folder for the report (created if needed).
    timeout : int
        Seconds a cell may take.

    Returns
    -------
    Path
        The report's ``index.html``.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    src, out = Path(notebooks), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    items = []
    for path in sorted(src.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(src)}}).execute()
        body, _ = exporter.from_notebook_node(nb)
        page = out / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        title = next((c.source.splitlines()[0].lstrip("# ") for c in nb.cells if c.cell_type == "markdown" and c.source),
                     path.stem)
        items.append(f'<li><a href="{html.escape(page.name)}">{html.escape(path.stem)}</a> — {html.escape(title)}</li>')
    index = out / "index.html"
    index.write_text(
        "<!doctype html><meta charset='utf-8'><title>discourse report</title>"
        "<h1>discourse: executed notebooks</h1><ul>" + "".join(items) + "</ul>",
        encoding="utf-8",
    )
    return index


if __name__ == "__main__":
    args = sys.argv[1:]
    index = build_report(*args[:2])
    print(f"report written: {index.resolve()}")
