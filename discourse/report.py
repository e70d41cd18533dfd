"""Execute the notebooks headlessly and write a self-contained HTML report.

``python -m discourse.report [NOTEBOOK_DIR] [OUT_DIR]`` (``make report``) runs every
``NN_*.ipynb`` of ``NOTEBOOK_DIR`` (default ``notebooks``), in name order, each on a
fresh kernel, and writes into ``OUT_DIR`` (default ``build/report``):

* one HTML page per notebook, with its tables and its plots embedded as ``data:`` URIs
  and no script or style loaded from the network, so the folder can be copied to a USB
  stick, a course page or an offline classroom machine; an interactive widget (which
  needs a live kernel) shows as the static HTML it offers (the concordance explorer
  shows its first concordance), or as a note saying it is interactive in JupyterLab;
* ``index.html``, linking the pages in reading order, with each notebook's title, its
  stated duration, how long it took to run, and whether it ran cleanly.

The notebooks are not modified: each runs from a temporary copy of ``NOTEBOOK_DIR`` (so
files a notebook writes, such as an exported figure, land in that copy too), with that
copy as working directory, as in JupyterLab. Teachers' solutions
(``NOTEBOOK_DIR/solutions/``) are left out unless ``--solutions`` is given, in which
case they get a section of their own. The command prints where the report is and exits
with status 1 if a notebook failed (its page is still written, up to the error).
"""

from __future__ import annotations

import argparse
import copy
import datetime as _dt
import html
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from discourse import __version__
from discourse.errors import InputError
from discourse.notebook_run import (
    NOTEBOOK_NAME,
    STRICT_PREAMBLE,
    execute_notebook,
    find_notebooks,
    stderr_warnings,
    title_and_duration,
)

__all__ = ["NOTEBOOK_NAME", "STRICT_PREAMBLE", "NotebookRun", "Report", "build_report", "execute_notebook",
           "find_notebooks", "main", "render_page"]

_SECTIONS = {"notebooks": "Notebooks", "solutions": "Solutions (for teachers)"}

# nbconvert's "lab" template without the scripts it loads from a CDN (require.js, MathJax,
# Mermaid, and the widget loader, an inline script that adds a <script src> for the
# html-manager from unpkg.com when the notebook has widget state): the notebooks need
# none of them, and the report must work offline.  Widgets are made static before the
# export (:func:`_static_widgets`), so the loader would have nothing to do anyway.  A bar
# at the top links back to the index; CJK fonts are listed for the page's own text.
_PAGE_TEMPLATE = """\
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
:root {
  --jp-content-font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Noto Sans",
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
}
nav.discourse-report { font: 14px var(--jp-content-font-family); padding: 8px 16px; border-bottom: 1px solid #ddd; }
</style>
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="discourse-report"><a href="{{ resources.discourse_index }}">&larr; all notebooks</a></nav>
{%- endblock body_header -%}
"""

_INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC",
       "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
.ok { color: #007a5a; } .failed { color: #b00020; font-weight: bold; } .warn { color: #9a6700; }
footer { margin-top: 2rem; font-size: 0.85rem; color: #666; }
"""


@dataclass(frozen=True)
class NotebookRun:
    """One executed notebook of a report."""

    notebook: Path
    """The source notebook (unchanged)."""
    page: Path
    """The HTML page written for it."""
    section: str
    """``"notebooks"`` or ``"solutions"``."""
    title: str
    """The first line of its first markdown cell, without the ``#``."""
    duration: str
    """The time it says it takes (``"about 15 minutes"``), or ``""``."""
    seconds: float
    """Wall-clock seconds to execute it, kernel start included."""
    error: str | None = None
    """``None`` if every cell ran; else which cell failed and why."""
    warnings: tuple[str, ...] = field(default=())
    """Warning lines a cell printed on stderr (e.g. a missing glyph)."""

    @property
    def ok(self) -> bool:
        """True if every cell ran without an error."""
        return self.error is None


@dataclass(frozen=True)
class Report:
    """What :func:`build_report` wrote."""

    index: Path
    """The report's ``index.html``."""
    runs: tuple[NotebookRun, ...]
    """One entry per notebook, in the order of the index."""

    @property
    def ok(self) -> bool:
        """True if every notebook ran without an error."""
        return all(run.ok for run in self.runs)

    def to_frame(self):
        """One row per notebook: ``section, notebook, title, duration, page, seconds, ok,
        error, warnings``."""
        import pandas as pd  # deferred: heavy, only for this table

        return pd.DataFrame(
            [{"section": r.section, "notebook": r.notebook.name, "title": r.title, "duration": r.duration,
              "page": str(r.page), "seconds": round(r.seconds, 2), "ok": r.ok, "error": r.error,
              "warnings": len(r.warnings)} for r in self.runs],
            columns=["section", "notebook", "title", "duration", "page", "seconds", "ok", "error", "warnings"],
        )


#: The output type of an ipywidgets view; it only renders with a live kernel (or a
#: widget manager script from the network), never in the report.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

_WIDGET_NOTE = ('<p class="discourse-widget-note"><em>A widget{what}: interactive in JupyterLab (run this '
                "notebook there); a static page cannot show it.</em></p>")


def _static_widgets(nb):
    """A copy of the executed notebook ``nb`` that an HTML page can show without a kernel.

    Each widget output keeps only what a static page can show: the ``text/html`` the
    widget offers beside its view (:func:`discourse.kwic_explorer` offers its
    concordance), else a note naming the widget and saying that it is interactive in
    JupyterLab. The widget state nbclient stores in the notebook's metadata is dropped:
    with no widget view left nothing would read it, and it is what makes nbconvert add
    its widget loader from a CDN.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {}}})
    >>> nb.cells = [nbformat.v4.new_code_cell("w", outputs=[nbformat.v4.new_output(
    ...     "execute_result", execution_count=1,
    ...     data={WIDGET_VIEW: {"model_id": "1"}, "text/plain": "IntSlider(value=3)"})])]
    >>> static = _static_widgets(nb)
    >>> sorted(static.cells[0].outputs[0].data), "widgets" in static.metadata
    (['text/html', 'text/plain'], False)
    >>> WIDGET_VIEW in nb.cells[0].outputs[0].data  # the notebook given is unchanged
    True
    >>> print(static.cells[0].outputs[0].data["text/html"])  # doctest: +ELLIPSIS
    <p class="discourse-widget-note"><em>A widget (<code>IntSlider(value=3)</code>): interactive in JupyterLab...
    """
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            del data[WIDGET_VIEW]
            if "text/html" not in data:
                plain = data.get("text/plain", "")
                plain = "".join(plain) if isinstance(plain, list) else plain
                what = f" (<code>{html.escape(plain)}</code>)" if plain.strip() else ""
                data["text/html"] = _WIDGET_NOTE.format(what=what)
    return nb


def _exporter():
    from jinja2 import DictLoader  # deferred: heavy, only for building a report
    from nbconvert import HTMLExporter  # deferred: heavy, only for building a report

    loader = DictLoader({"discourse_report.html.j2": _PAGE_TEMPLATE})
    return HTMLExporter(extra_loaders=[loader], template_file="discourse_report.html.j2", embed_images=True)


def render_page(nb, *, title: str, index_href: str = "index.html", exporter=None) -> str:
    """The report's HTML page for an executed notebook: self-contained and offline.

    Plots and images are embedded as ``data:`` URIs, no script or stylesheet comes from
    the network, and widgets are static (:func:`_static_widgets`). ``nb`` is not changed.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook (:func:`execute_notebook`).
    title : str
        The page title.
    index_href : str, default "index.html"
        Where the "all notebooks" link at the top of the page goes.
    exporter : nbconvert.HTMLExporter, optional
        The report's exporter, to reuse one across pages (made if not given).

    Returns
    -------
    str
        The whole HTML document.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.cells = [nbformat.v4.new_code_cell("1 + 1", execution_count=1, outputs=[
    ...     nbformat.v4.new_output("execute_result", execution_count=1, data={"text/plain": "2"})])]
    >>> page = render_page(nb, title="Sums")
    >>> "<title>Sums</title>" in page, 'href="index.html"' in page, "<script src" in page
    (True, True, False)
    """
    exporter = exporter or _exporter()
    body, _ = exporter.from_notebook_node(
        _static_widgets(nb), resources={"metadata": {"name": title}, "discourse_index": index_href})
    return body


def build_report(notebooks="notebooks", out="build/report", *, timeout: int = 120, solutions: bool = False,
                 strict: bool = False, on_run: Callable[[NotebookRun, int, int], None] | None = None) -> Report:
    """Execute each notebook of ``notebooks`` and write HTML pages plus an index.

    Parameters
    ----------
    notebooks : str or Path
        The notebooks folder (:func:`find_notebooks`). It is copied to a temporary folder
        and each notebook runs there, so nothing under ``notebooks`` changes.
    out : str or Path
        Folder for the report (created if needed); ``index.html`` and one page per
        notebook (``solutions/NAME.html`` for solutions) are (over)written.
    timeout : int, default 120
        Seconds one cell may take.
    solutions : bool, default False
        Also run the notebooks of ``notebooks/solutions/``, in a section of their own.
    strict : bool, default False
        Turn warnings into errors (see :func:`execute_notebook`).
    on_run : callable, optional
        Called as ``on_run(run, i, n)`` after the ``i``-th of ``n`` notebooks (for progress).

    Returns
    -------
    Report
        ``report.index`` is the ``index.html``; ``report.ok`` is False if a notebook failed.

    Raises
    ------
    discourse.errors.InputError
        If ``notebooks`` is not a folder or holds no ``NN_name.ipynb`` notebook.

    Examples
    --------
    >>> report = build_report("notebooks", "build/report")  # doctest: +SKIP
    >>> report.ok, report.index.name  # doctest: +SKIP
    (True, 'index.html')
    """
    src, out = Path(notebooks), Path(out)
    if not src.is_dir():
        raise InputError("is not a folder of notebooks; give the notebooks folder (e.g. notebooks)", path=src)
    paths = find_notebooks(src, solutions=solutions)
    if not paths:
        raise InputError("has no notebooks named like 01_name.ipynb", path=src)
    out.mkdir(parents=True, exist_ok=True)
    exporter = _exporter()
    runs: list[NotebookRun] = []
    with tempfile.TemporaryDirectory(prefix="discourse-report-") as tmp:
        work = Path(tmp) / src.resolve().name
        shutil.copytree(src, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        for i, path in enumerate(paths, start=1):
            relative = path.relative_to(src)
            section = "solutions" if relative.parts[0] == "solutions" else "notebooks"
            nb, seconds, error = execute_notebook(work / relative, timeout=timeout, strict=strict)
            title, duration = title_and_duration(nb, path.stem)
            page = out / relative.with_suffix(".html")
            page.parent.mkdir(parents=True, exist_ok=True)
            index_href = "../" * (len(relative.parts) - 1) + "index.html"
            page.write_text(render_page(nb, title=title, index_href=index_href, exporter=exporter),
                            encoding="utf-8")
            run = NotebookRun(notebook=path, page=page, section=section, title=title, duration=duration,
                              seconds=seconds, error=error, warnings=stderr_warnings(nb))
            runs.append(run)
            if on_run is not None:
                on_run(run, i, len(paths))
    index = out / "index.html"
    index.write_text(_index_html(runs, out), encoding="utf-8")
    return Report(index=index, runs=tuple(runs))


def _index_html(runs: Sequence[NotebookRun], out: Path) -> str:
    esc = html.escape
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>discourse: the notebooks, executed</title>", f"<style>{_INDEX_CSS}</style></head><body>",
             "<h1>discourse: the notebooks, executed</h1>",
             "<p>Each notebook was run top to bottom on a fresh kernel; its page shows every table and plot.</p>"]
    for section, heading in _SECTIONS.items():
        rows = [r for r in runs if r.section == section]
        if not rows:
            continue
        parts.append(f"<h2>{esc(heading)}</h2><table><thead><tr><th>notebook</th><th>takes</th>"
                     "<th>ran in</th><th>result</th></tr></thead><tbody>")
        for r in rows:
            href = r.page.relative_to(out).as_posix()
            if r.ok:
                result = '<span class="ok">ran cleanly</span>'
            else:
                result = f'<span class="failed">failed</span>: {esc(r.error)}'
            if r.warnings:
                result += f'<br><span class="warn">{len(r.warnings)} warning(s): {esc(r.warnings[0])}</span>'
            parts.append(f'<tr><td><a href="{esc(href)}">{esc(r.title)}</a><br><small>{esc(r.notebook.name)}'
                         f'</small></td><td>{esc(r.duration)}</td><td class="num">{r.seconds:.1f} s</td>'
                         f"<td>{result}</td></tr>")
        parts.append("</tbody></table>")
    stamp = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    parts.append(f"<footer>discourse {esc(__version__)}, Python {esc(sys.version.split()[0])}, "
                 f"executed {esc(stamp)}.</footer></body></html>")
    return "\n".join(parts) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """The command ``python -m discourse.report``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m discourse.report",
        description="Execute every notebook on a fresh kernel and write a self-contained HTML report.")
    parser.add_argument("notebooks", nargs="?", default="notebooks", metavar="NOTEBOOK_DIR",
                        help="the notebooks folder (default: notebooks)")
    parser.add_argument("out", nargs="?", default="build/report", metavar="OUT_DIR",
                        help="where to write the report (default: build/report)")
    parser.add_argument("--solutions", action="store_true",
                        help="also run NOTEBOOK_DIR/solutions/ (a separate section; off by default)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds one cell may take (default: 120)")
    parser.add_argument("--strict", action="store_true", help="turn warnings into errors, as the tests do")
    args = parser.parse_args(argv)

    def progress(run: NotebookRun, i: int, n: int) -> None:
        status = "ok" if run.ok else f"FAILED ({run.error})"
        print(f"[{i}/{n}] {run.notebook.name}: {status}, {run.seconds:.1f} s", flush=True)

    try:
        report = build_report(args.notebooks, args.out, timeout=args.timeout, solutions=args.solutions,
                              strict=args.strict, on_run=progress)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    failed = [r.notebook.name for r in report.runs if not r.ok]
    print(f"report written: {report.index.resolve()}")
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
