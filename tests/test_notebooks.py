"""The curated notebooks: committed clean, written to one pattern, and running cleanly.

Every notebook ``notebooks/NN_name.ipynb`` follows these rules (each is a test below, and
the failure message says which rule a notebook breaks):

1. **Clean in git**: committed without outputs or execution counts.
2. **Opens with what it teaches**: the first cell is markdown with a ``# NN · Title`` heading
   (``NN`` = the file's number), "What you will learn" and how long it takes ("about 15 minutes").
3. **One import cell**: the first code cell has ``import discourse``, and every ``import`` of
   the notebook is in that cell (``from discourse import plot``, ``import pandas as pd`` too).
4. **One way to pick the corpus**: ``discourse.load_corpus(...)`` (bundled by default, a path for
   one's own files); the lower-level readers (``discourse.read``, ``read_versions``, ``read_mixed``,
   ``read_table``, ``read_parallel``, ``Corpus.load``) are not used in notebooks. The UDHR reader
   ``discourse.read_udhr`` is allowed, for the gold data beside the checkout.
5. **Thin**: no ``def`` or ``class`` in a code cell (a notebook that needs one means the package
   lacks a function).
6. **Ends with exercises**: a markdown heading ``## Exercises`` followed by 2–3 numbered
   exercises; after it, only markdown (or empty code cells for answers). Solutions a teacher can
   hand out separately are in ``notebooks/solutions/NN_name_solutions.ipynb`` (or ``.md``).
7. **Runs cleanly**: top to bottom on a fresh kernel, in a temporary copy of ``notebooks/`` (so
   files it writes do not land in the checkout), with every warning turned into an error (missing
   glyphs, deprecations raised from our code). How long they take is measured in
   ``benchmarks/bench_notebooks.py`` (against a bare kernel), never asserted here;
   :data:`HANG_GUARD` only stops a notebook that hangs.
8. **Every plot is explained**: a code cell whose output holds an image is followed by a markdown
   cell with "What to notice".
9. ``00_start_here`` names every notebook of the folder (the course's table of contents).
10. **Every plot shows**: executed, each plot cell (:func:`tests.notebook_cells.plot_cells`: a
    code cell calling a drawing function of the package) has an ``image/png`` output, and the
    notebook holds as many images as plot cells.
11. **No empty table**: no output is a table with no rows (``Empty DataFrame``, an empty
    Series, an HTML table with an empty body): a table that comes out empty says nothing, and
    usually means the notebook did not find its data.

Solutions notebooks follow rules 1, 3, 5, 7, 10 and 11.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .notebook_cells import image_outputs, plot_cells

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOK_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
SOLUTIONS = sorted((NOTEBOOK_DIR / "solutions").glob("*.ipynb"))
ALL = NOTEBOOKS + SOLUTIONS

#: Seconds one notebook may take to run on a 2-core machine, kernel start and stop included
#: (measured: 1.5–5 s each with warm caches; the first notebook of a fresh machine also pays
#: for matplotlib's font cache and jieba's dictionary, up to about 10 s). Each cell also
#: times out after this long.
#: Seconds a cell may run before the kernel is stopped: a guard against a hang, not a speed test.
HANG_GUARD = 600
#: Seconds the whole set (course notebooks and solutions) may take, run one after another.

IMPORT_LINE = re.compile(r"^\s*(?:import\s+\w|from\s+[\w.]+\s+import\b)", re.MULTILINE)
DEF_LINE = re.compile(r"^\s*(?:async\s+def|def|class)\s+\w", re.MULTILINE)
OTHER_READERS = re.compile(r"\bdiscourse\.read\(|\bread_versions\(|\bread_mixed\(|\bread_table\(|"
                           r"\bread_parallel\(|\bCorpus\.load\(")
EXERCISES = re.compile(r"^#{2,3}\s+Exercises\s*$", re.MULTILINE | re.IGNORECASE)
NUMBERED = re.compile(r"^\d+\.\s", re.MULTILINE)
DURATION = re.compile(r"\b\d+\s*min(?:ute)?s?\b", re.IGNORECASE)


def _id(path: Path) -> str:
    return path.relative_to(NOTEBOOK_DIR).as_posix()


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _code_cells(nb: dict) -> list[tuple[int, str]]:
    return [(i, _source(c)) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]


def _is_blank(code: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in code.splitlines())


def test_there_are_notebooks():
    assert NOTEBOOKS
    strays = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb") if not NOTEBOOK_NAME.match(p.name))
    assert not strays, f"name notebooks NN_snake_case.ipynb (two digits: the reading order): {strays}"


# ------------------------------------------------------------------------------------- rule 1
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_notebook_is_committed_without_outputs(path):
    nb = _read(path)
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them before committing (rule 1)"


# ------------------------------------------------------------------------------------- rule 2
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_opens_with_title_what_you_learn_and_time(path):
    first = _read(path)["cells"][0]
    assert first["cell_type"] == "markdown", f"{path.name}: the first cell must be markdown (rule 2)"
    text = _source(first)
    number = NOTEBOOK_NAME.match(path.name)[1]
    assert re.match(rf"#\s+{number}\b", text), f"{path.name}: start with a heading '# {number} · Title' (rule 2)"
    assert "what you will learn" in text.lower(), f"{path.name}: say 'What you will learn' in the first cell (rule 2)"
    assert DURATION.search(text), f"{path.name}: say how long it takes, e.g. '(about 15 minutes)' (rule 2)"


# ------------------------------------------------------------------------------------- rule 3
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_notebook_imports_in_one_cell(path):
    cells = _code_cells(_read(path))
    assert cells, f"{path.name}: no code cell"
    first = cells[0][1]
    assert re.search(r"^import discourse\b", first, re.MULTILINE), (
        f"{path.name}: the first code cell must import discourse ('import discourse') (rule 3)")
    late = [i for i, src in cells[1:] if IMPORT_LINE.search(src)]
    assert not late, f"{path.name}: cells {late} import something; move every import to the first code cell (rule 3)"


# ------------------------------------------------------------------------------------- rule 4
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_picks_the_corpus_with_load_corpus(path):
    code = "\n".join(src for _, src in _code_cells(_read(path)))
    assert "discourse.load_corpus(" in code, f"{path.name}: pick the corpus with discourse.load_corpus(...) (rule 4)"
    other = sorted(set(OTHER_READERS.findall(code)))
    assert not other, f"{path.name}: uses {other}; use discourse.load_corpus(path) instead (rule 4)"


# ------------------------------------------------------------------------------------- rule 5
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_notebook_has_no_function_definitions(path):
    found = [i for i, src in _code_cells(_read(path)) if DEF_LINE.search(src)]
    assert not found, (f"{path.name}: cells {found} define a function or class; "
                       "put it in the package and call it (rule 5)")


# ------------------------------------------------------------------------------------- rule 6
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_ends_with_exercises_and_has_solutions(path):
    cells = _read(path)["cells"]
    starts = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and EXERCISES.search(_source(c))]
    assert starts, f"{path.name}: end with a markdown section '## Exercises' (rule 6)"
    start = starts[-1]
    after = cells[start:]
    code_after = [start + k for k, c in enumerate(after) if c["cell_type"] == "code" and not _is_blank(_source(c))]
    assert not code_after, f"{path.name}: cells {code_after} come after '## Exercises'; exercises end the notebook (rule 6)"
    text = _source(cells[start])
    text = text[EXERCISES.search(text).end():] + "".join(_source(c) for c in after[1:] if c["cell_type"] == "markdown")
    count = len(NUMBERED.findall(text))
    assert 2 <= count <= 3, f"{path.name}: give 2–3 numbered exercises, not {count} (rule 6)"
    stem = path.stem
    solutions = [NOTEBOOK_DIR / "solutions" / f"{stem}_solutions.{ext}" for ext in ("ipynb", "md")]
    assert any(p.is_file() for p in solutions), (
        f"{path.name}: add the solutions as notebooks/solutions/{stem}_solutions.ipynb (or .md) (rule 6)")


# ------------------------------------------------------------------------------------- rule 9
def test_start_here_names_every_notebook():
    start = NOTEBOOK_DIR / "00_start_here.ipynb"
    assert start.is_file(), "notebooks/00_start_here.ipynb is the course's entry point"
    text = "\n".join(_source(c) for c in _read(start)["cells"] if c["cell_type"] == "markdown")
    missing = [p.stem for p in NOTEBOOKS if p != start and p.stem not in text]
    assert not missing, f"00_start_here.ipynb: list {missing} in the order of notebooks (rule 9)"


# ------------------------------------------------------------------------------------- rule 7, 8
@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    """Run each notebook once per session (cached), from a temporary copy of notebooks/.

    As a user who installed the package runs them: the kernel's working folder is the
    notebook's folder in the copy, and the kernel imports a copy of the package (code and
    data) from a temporary folder, so that nothing beside the checkout (its ``../shared``
    evaluation data) is within a notebook's reach, neither from the working folder nor
    from ``discourse.data_path()``.
    """
    from discourse.report import execute_notebook

    base = tmp_path_factory.mktemp("notebooks")
    work = base / "notebooks"
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    shutil.copytree(NOTEBOOK_DIR, work, ignore=ignore)
    package = base / "package"
    shutil.copytree(ROOT / "discourse", package / "discourse", ignore=ignore)
    shutil.copytree(ROOT / "data", package / "data", ignore=ignore)
    cache: dict[str, tuple] = {}

    def run(path: Path):
        key = _id(path)
        if key not in cache:
            copy = work / key
            for folder in (copy.parent, work, package / "data"):
                assert not (folder.parent / "shared").exists(), f"{folder.parent / 'shared'} is in reach"
            with pytest.MonkeyPatch.context() as env:  # for the kernel started here only
                env.setenv("PYTHONPATH", str(package))
                cache[key] = execute_notebook(copy, cwd=copy.parent, timeout=HANG_GUARD, strict=True)
        return cache[key]

    return run


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_notebook_runs_cleanly(path, executed):
    nb, _, error = executed(path)
    assert error is None, f"{path.name}: {error} (rule 7; warnings are errors here)"
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = output["text"]
                assert "Glyph" not in text and "Warning" not in text, f"{path.name}, cell {i}: {text} (rule 7)"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_every_plot_is_followed_by_what_to_notice(path, executed):
    nb, _, error = executed(path)
    if error is not None:
        pytest.skip(f"{path.name} did not run: {error}")
    cells = nb.cells
    for i, cell in enumerate(cells):
        images = [o for o in cell.get("outputs", []) if any(k.startswith("image/") for k in o.get("data", {}))]
        if not images:
            continue
        following = next((c for c in cells[i + 1:] if c.cell_type == "markdown"), None)
        assert following is not None and "what to notice" in following.source.lower(), (
            f"{path.name}: cell {i} draws a plot; follow it with a markdown cell '**What to notice:** …' (rule 8)")


# ------------------------------------------------------------------------------------- rule 10, 11
@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_every_plot_cell_shows_an_image(path, executed):
    nb, _, error = executed(path)
    if error is not None:
        pytest.skip(f"{path.name} did not run: {error}")
    cells = plot_cells(nb)
    blank = [i for i in cells if image_outputs(nb.cells[i]) == 0]
    assert not blank, (f"{path.name}: plot cells {blank} show no image (of plot cells {cells}); "
                       "a plot the student cannot see (rule 10)")
    images = sum(image_outputs(cell) for cell in nb.cells)
    assert images == len(cells), (f"{path.name}: {images} images for {len(cells)} plot cells {cells}: "
                                  "one image per plot cell (rule 10)")


EMPTY_TEXT = re.compile(r"\bEmpty DataFrame\b|\bSeries\(\[\],")
EMPTY_HTML = re.compile(r"<tbody>\s*</tbody>|<table\b(?:(?!<tr\b).)*?</table>", re.DOTALL)


def _empty_tables(cell) -> list[str]:
    """The outputs of *cell* that show a table with no rows (text or HTML)."""
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        texts = [output.get("text", "")] if output.get("output_type") == "stream" else []
        texts.append(data.get("text/plain", ""))
        texts = ["".join(t) if isinstance(t, list) else t for t in texts]
        html = data.get("text/html", "")
        html = "".join(html) if isinstance(html, list) else html
        if any(EMPTY_TEXT.search(t) for t in texts) or EMPTY_HTML.search(html):
            found.append(next((t for t in texts if t.strip()), html)[:120])
    return found


def test_empty_tables_are_recognised():
    import pandas as pd

    empty = pd.DataFrame({"candidate": ["libertés"]}).iloc[:0]
    full = pd.DataFrame({"candidate": ["libertés"]})
    cell = {"outputs": [{"output_type": "execute_result",
                         "data": {"text/plain": repr(empty), "text/html": empty._repr_html_()}}]}
    assert len(_empty_tables(cell)) == 1
    assert _empty_tables({"outputs": [{"output_type": "stream", "text": repr(empty["candidate"])}]})
    assert _empty_tables({"outputs": [{"output_type": "display_data", "data": {"text/html": "<table></table>"}}]})
    full_cell = {"outputs": [{"output_type": "execute_result",
                              "data": {"text/plain": repr(full), "text/html": full._repr_html_()}}]}
    assert _empty_tables(full_cell) == []


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_no_output_is_an_empty_table(path, executed):
    nb, _, error = executed(path)
    if error is not None:
        pytest.skip(f"{path.name} did not run: {error}")
    empty = {i: found for i, cell in enumerate(nb.cells) if (found := _empty_tables(cell))}
    assert not empty, f"{path.name}: cells {sorted(empty)} show an empty table: {empty} (rule 11)"


# ------------------------------------------------------------------------------------- the report
def _notebook(path: Path, cells: list[tuple[str, str]]) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.cells = [nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
                for kind, src in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


PLOT_NOTEBOOK = [
    ("md", "# 00 · 脱贫 and thoát nghèo\n\n**What you will learn** (about 1 minute): a plot."),
    ("code", "import pandas as pd\nfrom discourse import plot\n\n"
             "df = pd.DataFrame({'term': ['脱贫攻坚', 'thoát nghèo', 'pauvreté'], 'n': [3, 2, 1],"
             " 'lang': ['zh', 'vi', 'fr']})\n"
             "plot.bar_terms(df, term_col='term', value_col='n', lang_col='lang');"),
    ("code", "df"),
    ("code", "import pathlib\npathlib.Path('written_by_the_notebook.txt').write_text('x')"),
]


@pytest.mark.slow
def test_report_runs_each_notebook_and_writes_a_self_contained_page(tmp_path):
    from discourse.report import build_report

    src = tmp_path / "notebooks"
    good = _notebook(src / "00_plot.ipynb", PLOT_NOTEBOOK)
    bad = _notebook(src / "01_broken.ipynb", [("md", "# 01 · Broken"), ("code", "raise ValueError('on purpose')")])
    _notebook(src / "solutions" / "00_plot_solutions.ipynb", [("code", "1 + 1")])
    before = {p: p.read_bytes() for p in src.rglob("*")  if p.is_file()}

    report = build_report(src, tmp_path / "report", strict=True)

    # the notebooks are untouched and nothing was written beside them
    assert {p: p.read_bytes() for p in src.rglob("*") if p.is_file()} == before
    assert [r.notebook for r in report.runs] == [good, bad]  # solutions left out by default
    assert not report.ok
    assert report.runs[0].ok and report.runs[0].title == "00 · 脱贫 and thoát nghèo"
    assert report.runs[0].duration == "about 1 minute"
    assert report.runs[1].error == "cell 1: ValueError: on purpose"
    frame = report.to_frame()
    assert frame["ok"].tolist() == [True, False]

    index = report.index.read_text(encoding="utf-8")
    assert report.index == tmp_path / "report" / "index.html"
    assert 'href="00_plot.html"' in index and 'href="01_broken.html"' in index
    assert "failed" in index and "on purpose" in index and "Solutions" not in index
    page = (tmp_path / "report" / "00_plot.html").read_text(encoding="utf-8")
    assert re.search(r'<img [^>]*src="data:image/png;base64,', page)  # the plot is in the page
    assert "thoát nghèo" in page and "<table" in page  # the table too
    assert "Glyph" not in page and "Warning" not in page
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:", page), "the page loads something"
    assert 'href="index.html"' in page  # a way back to the index
    assert "on purpose" in (tmp_path / "report" / "01_broken.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_report_command_prints_where_the_report_is(tmp_path):
    src = tmp_path / "nbs"
    _notebook(src / "00_plot.ipynb", PLOT_NOTEBOOK)
    _notebook(src / "solutions" / "00_plot_solutions.ipynb", [("md", "# Solutions"), ("code", "1 + 1")])
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "discourse.report", str(src), str(out), "--solutions"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"report written: {(out / 'index.html').resolve()}" in done.stdout
    assert "[1/2] 00_plot.ipynb: ok" in done.stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Solutions" in index and 'href="solutions/00_plot_solutions.html"' in index
    assert 'href="../index.html"' in (out / "solutions" / "00_plot_solutions.html").read_text(encoding="utf-8")


WIDGET_NOTEBOOK = [
    ("md", "# 00 · Widgets\n\n**What you will learn** (about 1 minute): the explorer."),
    ("code", "import discourse\nimport ipywidgets\n\ndiscourse.kwic_explorer(query='责任')"),
    ("code", "ipywidgets.IntSlider(value=3, description='n')"),
    ("code", "'after the widgets'"),
]


def _cell_outputs(page: str) -> list[str]:
    """The HTML of each code cell's output area in a report page, in order."""
    cells = [cell for cell in re.split(r'<div class="jp-Cell ', page)[1:] if cell.startswith("jp-CodeCell")]
    return [cell.split("jp-Cell-outputWrapper", 1)[1] if "jp-Cell-outputWrapper" in cell else "" for cell in cells]


@pytest.mark.slow
def test_report_shows_widgets_statically_and_loads_nothing(tmp_path):
    from discourse.report import build_report

    from .offline import external_references

    src = tmp_path / "notebooks"
    _notebook(src / "00_widgets.ipynb", WIDGET_NOTEBOOK)
    report = build_report(src, tmp_path / "report", strict=True)
    assert report.ok, report.runs[0].error
    page = (tmp_path / "report" / "00_widgets.html").read_text(encoding="utf-8")

    # nothing is fetched: nbconvert's widget loader (an inline script adding a <script src>
    # from unpkg.com) is gone with the widget state, and no widget view waits for it
    assert external_references(page) == [], external_references(page)
    assert not re.search(r"https?://", "".join(re.findall(r"<script\b.*?</script>", page, re.DOTALL)))
    assert "application/vnd.jupyter.widget" not in page
    explorer, slider, after = _cell_outputs(page)
    # the explorer shows its first concordance, as a table, and says where it is interactive
    assert '<table class="discourse-kwic"' in explorer and "<mark" in explorer and "4 hits" in explorer, explorer[:2000]
    assert "interactive in JupyterLab" in explorer and "query <code>责任</code>" in explorer
    # a widget with nothing static to show gets a note naming it, not a blank cell
    assert "interactive in JupyterLab" in slider and "IntSlider(value=3" in slider, slider[:2000]
    assert "after the widgets" in after


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_report_page_of_each_notebook_is_offline_and_shows_every_output(path, executed):
    """What the report shows for the real notebooks: nothing from the network, no blank widget."""
    from discourse.report import render_page

    from .offline import external_references

    nb, _, error = executed(path)
    if error is not None:
        pytest.skip(f"{path.name} did not run: {error}")
    page = render_page(nb, title=path.stem)
    assert external_references(page) == [], f"{path.name}: the report page loads {external_references(page)}"
    assert "application/vnd.jupyter.widget" not in page, f"{path.name}: a widget is left that needs a kernel"
    outputs = _cell_outputs(page)
    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    assert len(outputs) == len(code)
    for k, i in enumerate(code):
        if "kwic_explorer(" in nb.cells[i].source:
            assert '<table class="discourse-kwic"' in outputs[k] and "interactive in JupyterLab" in outputs[k], (
                f"{path.name}, cell {i}: the concordance explorer shows no static concordance in the report")


def test_report_doctests():
    import doctest

    import discourse.report

    result = doctest.testmod(discourse.report, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 10 and result.failed == 0


def test_report_command_refuses_a_folder_without_notebooks(tmp_path):
    done = subprocess.run([sys.executable, "-m", "discourse.report", str(tmp_path), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "has no notebooks named like 01_name.ipynb" in done.stderr
