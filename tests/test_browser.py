"""A real browser: JupyterLab runs every notebook and shows every plot; the report opens offline.

**JupyterLab.** One JupyterLab server, started from this test's Python environment on a
free loopback port with a random token, serves a temporary copy of ``notebooks/``
(JupyterLab saves notebooks as it runs them: the checkout must stay clean). Debian's
``chromium``, driven with Playwright for Python (``executable_path``; Playwright never
downloads a browser here), opens each notebook in turn, runs all cells from the **Run**
menu, waits until every non-empty code cell has an execution count, and checks what a
student sees: no error output, and one rendered image (decoded by the browser, not a
broken link) in each *plot cell* and in no other cell — :func:`tests.notebook_cells.plot_cells`
is the definition of a plot cell, shared with the notebook tests. Notebook 01 is also
checked for its corpus summary (an HTML ``<table>`` with Chinese titles), and the
concordance explorer of 03 for being live (a new query gives new hits). Each notebook's
kernel is shut down after it. Screenshots of the first plot of each notebook are saved as
``build/browser/NN.png`` (``01_summary.png``: the table) for a person to look at.

**The report.** ``python -m discourse.report`` (``make report``) writes the report of the
notebooks into a temporary folder (in the background, while JupyterLab runs); Chromium
opens its index and every page with the network switched off and every request recorded
and routed: a request for anything but a file inside the report folder is refused and
fails the test, naming the URL. Each page must show one decoded image per plot cell, and
no blank widget: the concordance explorer shows its concordance as a table, with a note
that it is interactive in JupyterLab.

It needs ``/usr/bin/chromium`` (Debian: ``apt-get install chromium fonts-wqy-microhei``)
and the ``playwright`` package (in the ``test`` extra). Without them it is skipped, saying
why; with ``DISCOURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) it fails instead, so that
CI never passes without running it. Budget: the notebooks run twice, at the same time (in
JupyterLab, and for the report), plus about 5 s a notebook; a few minutes on 2 cores.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT
from .notebook_cells import plot_cells, source

CHROMIUM = os.environ.get("DISCOURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb") if re.match(r"^\d\d_[a-z0-9_]+\.ipynb$", p.name))
SUMMARY_NOTEBOOK = "01_corpus_and_languages.ipynb"
SHOTS = ROOT / "build" / "browser"
SCREENSHOT_TABLE = SHOTS / "01_summary.png"  # the corpus summary of notebook 01
#: Seconds for: server start, page load with a kernel, running one notebook, building the report.
SERVER_START, PAGE_READY, RUN_ALL, REPORT_BUILD = 30, 60, 150, 900

#: The cells of the notebook in view, in the order of the .ipynb file.
CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell"
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

#: True when every listed cell has an execution count, or the kernel is idle after an error.
RUN_FINISHED = """([cells, indices]) => {
    const all = [...document.querySelectorAll(cells)];
    const prompt = i => (all[i] && all[i].querySelector('.jp-InputPrompt') || {}).textContent || '';
    if (indices.every(i => /^\\[\\d+\\]:$/.test(prompt(i).trim()))) return true;
    const failed = [...document.querySelectorAll(cells + " " + %r)].some(e => /Traceback|Error:/.test(e.textContent));
    return failed && !indices.some(i => prompt(i).includes('*'));
}""" % ERROR_OUTPUT

#: What each cell shows: its prompt, its images (natural size; 0 x 0 = not decoded), its
#: error outputs, its table headers and the text of its output area.
CELL_VIEW = """(cells) => [...document.querySelectorAll(cells)].map(cell => ({
    code: cell.classList.contains('jp-CodeCell'),
    prompt: ((cell.querySelector('.jp-InputPrompt') || {}).textContent || '').trim(),
    images: [...cell.querySelectorAll('.jp-OutputArea-output img')].map(img => [img.naturalWidth, img.naturalHeight]),
    errors: [...cell.querySelectorAll(%r)].map(e => e.innerText).filter(t => /Traceback|Error/.test(t)),
    headers: [...cell.querySelectorAll('.jp-OutputArea-output table th')].map(th => th.innerText.trim()),
    text: ((cell.querySelector('.jp-Cell-outputArea') || {}).innerText || ''),
}))""" % ERROR_OUTPUT

IMAGES_LOADED = """(cells) => [...document.querySelectorAll(cells + ' .jp-OutputArea-output img')]
    .every(i => i.complete)"""


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).is_file():
        return f"{CHROMIUM} not found — install Debian's chromium (apt-get install chromium fonts-wqy-microhei) to run it"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing — pip install -e '.[test]' to run it (no browser download needed)"
    return None


def _lab_settings() -> dict:
    """The JupyterLab settings ``make`` writes to overrides.json, read from the Makefile."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^LAB_SETTINGS\s*:=\s*(.+)$", makefile, re.MULTILINE)
    assert line, "the Makefile defines LAB_SETTINGS (the JupyterLab overrides.json)"
    return json.loads(line[1])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _notebook(name: str) -> dict:
    return json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))


def _plot_check(name: str, nb: dict, cells: list[dict], where: str) -> str | None:
    """Why the plots shown in ``cells`` do not match the plot cells of ``nb`` (None if they do)."""
    expected = plot_cells(nb)
    drawn = {i: sum(1 for w, h in cell["images"] if w > 0 and h > 0) for i, cell in enumerate(cells)}
    shown = sum(drawn.values())
    with_image = [i for i, n in drawn.items() if n]
    if shown == len(expected) and with_image == expected:
        return None
    missing = [i for i in expected if not drawn.get(i)]
    extra = [i for i in with_image if i not in expected]
    return (f"{name} in {where}: {len(expected)} plot cell(s) {expected} but {shown} rendered plot image(s), "
            f"in cells {with_image}" + (f"; no plot in cell(s) {missing}" if missing else "")
            + (f"; an image outside the plot cells in {extra}" if extra else ""))


@pytest.fixture(scope="module")
def browser_available():
    reason = _missing_browser()
    if reason is not None:
        if os.environ.get("DISCOURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test required (DISCOURSE_REQUIRE_BROWSER=1) but {reason}")
        pytest.skip(f"browser test skipped: {reason}")


@pytest.fixture(scope="module")
def chromium(tmp_path_factory, browser_available):
    """One headless Chromium for the module."""
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("chromium-home")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=dict(os.environ, HOME=str(home)))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory, browser_available):
    """JupyterLab on a free loopback port, serving a copy of notebooks/; always shut down."""
    tmp_path = tmp_path_factory.mktemp("lab")
    root = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "solutions"))
    settings = tmp_path / "lab-settings"
    settings.mkdir()
    overrides = _lab_settings()
    # Every cell in the page, even off screen, so that the checks see all outputs.
    overrides.setdefault("@jupyterlab/notebook-extension:tracker", {})["windowingMode"] = "none"
    (settings / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "user-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"), JUPYTER_PREFER_ENV_PATH="1")
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", f"--LabApp.app_settings_dir={settings}",
               "--LabApp.extension_manager=readonly", "--LabApp.news_url=", "--allow-root"]
    log = open(tmp_path / "jupyterlab.log", "w", encoding="utf-8")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited ({server.returncode}):\n{(tmp_path / 'jupyterlab.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer in {SERVER_START} s:\n"
                                f"{(tmp_path / 'jupyterlab.log').read_text()}")
                time.sleep(0.2)
        yield {"url": url, "token": token, "root": root, "log": tmp_path / "jupyterlab.log"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
        log.close()


def _api(server: dict, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{server['url']}{path}", method=method,
                                     headers={"Authorization": f"token {server['token']}"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        body = answer.read()
    return json.loads(body) if body else None


def _shut_down_kernel(server: dict, name: str) -> None:
    """End the session (and kernel) of notebook ``name``, so that kernels do not pile up."""
    for session in _api(server, "/api/sessions"):
        if session.get("path") == name:
            _api(server, f"/api/sessions/{session['id']}", method="DELETE")


def _explorer(cell) -> dict:
    """The concordance explorer of ``cell``, live: its query box, then a new query typed in."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    output = cell.locator(".jp-OutputArea-output").first
    query = output.locator(".widget-text input").first
    query.wait_for()
    seen = {"query": query.input_value(), "before": output.inner_text()}
    query.fill("军令状")
    query.press("Enter")  # continuous_update=False: the query applies on Enter
    try:
        output.get_by_text(re.compile(r"\b1 hit\b")).first.wait_for(timeout=PAGE_READY * 1000)
    except PlaywrightTimeout:
        pass  # the test's assertion says what the explorer showed instead
    seen["after"] = output.inner_text()
    return seen


def _run_in_lab(browser, server: dict, name: str) -> dict:
    """Open notebook ``name`` in JupyterLab, run all its cells, and record what each cell shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    nb = _notebook(name)
    must_run = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and source(c).strip()]
    stem = name.split("_")[0]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(PAGE_READY * 1000)
    result: dict = {"name": name, "nb": nb, "shot": None, "explorers": []}
    try:
        # a workspace of its own, so that JupyterLab does not reopen the notebooks run before
        page.goto(f"{server['url']}/lab/workspaces/nb{stem}/tree/{name}?token={server['token']}")
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        notebook.locator(".jp-CodeCell").first.wait_for()
        # The session has its kernel when the toolbar names it, and it is ready when idle.
        notebook.locator(".jp-Toolbar-kernelName", has_text="Python 3").wait_for()
        notebook.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()

        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        try:
            page.wait_for_function(RUN_FINISHED, arg=[CELLS, must_run], timeout=RUN_ALL * 1000)
            page.wait_for_function(IMAGES_LOADED, arg=CELLS, timeout=PAGE_READY * 1000)
        except PlaywrightTimeout:
            prompts = page.evaluate(CELL_VIEW, CELLS)
            pending = {i: prompts[i]["prompt"] for i in must_run if i < len(prompts)
                       and not re.fullmatch(r"\[\d+\]:", prompts[i]["prompt"])}
            pytest.fail(f"{name}: Run All did not finish in {RUN_ALL} s; cells not done: {pending}")
        result["cells"] = page.evaluate(CELL_VIEW, CELLS)

        cells = page.locator(CELLS)
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code" and "kwic_explorer(" in source(cell):
                result["explorers"].append((i, _explorer(cells.nth(i))))
        plotted = [i for i, c in enumerate(result["cells"]) if any(w > 0 for w, _ in c["images"])]
        SHOTS.mkdir(parents=True, exist_ok=True)
        if plotted:
            cells.nth(plotted[0]).locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
            result["shot"] = SHOTS / f"{stem}.png"
            page.screenshot(path=str(result["shot"]))
        if name == SUMMARY_NOTEBOOK:
            cells.nth(must_run[0]).locator(".jp-OutputArea-output table").first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOT_TABLE))
    finally:
        page.close()
        _shut_down_kernel(server, name)
    return result


@pytest.fixture(scope="module")
def report_build(tmp_path_factory, browser_available):
    """``python -m discourse.report notebooks OUT`` (what ``make report`` runs), started at once
    in the background so that it runs while JupyterLab runs the notebooks; killed at the end
    if nothing waited for it."""
    out = tmp_path_factory.mktemp("report") / "report"
    log = out.parent / "report.log"
    with open(log, "w", encoding="utf-8") as sink:
        build = subprocess.Popen([sys.executable, "-m", "discourse.report", str(NOTEBOOK_DIR), str(out)],
                                 cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    try:
        yield {"process": build, "out": out, "log": log}
    finally:
        if build.poll() is None:
            build.kill()
            build.wait(timeout=10)


@pytest.fixture(scope="module")
def report(report_build) -> Path:
    """The report of notebooks/, once its build has finished."""
    try:
        code = report_build["process"].wait(timeout=REPORT_BUILD)
    except subprocess.TimeoutExpired:
        pytest.fail(f"python -m discourse.report did not finish in {REPORT_BUILD} s")
    output = report_build["log"].read_text(encoding="utf-8")
    assert code == 0, f"python -m discourse.report failed ({code}):\n{output}"
    return report_build["out"]


@pytest.fixture(scope="module")
def lab_runs(chromium, lab_server, report_build):  # report_build: the report is written meanwhile
    """``run(name)``: the notebook run in JupyterLab (once per module) and what it showed."""
    before = {p: p.read_bytes() for p in NOTEBOOK_DIR.glob("*.ipynb")}
    done: dict[str, dict] = {}

    def run(name: str) -> dict:
        if name not in done:
            done[name] = _run_in_lab(chromium, lab_server, name)
        return done[name]

    yield run
    # the checkout's notebooks were not touched (the server saved its copies, if anything)
    assert {p: p.read_bytes() for p in NOTEBOOK_DIR.glob("*.ipynb")} == before


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_and_shows_every_plot(lab_runs, name):
    run = lab_runs(name)
    cells = run["cells"]
    assert len(cells) == len(run["nb"]["cells"]), f"{name}: the page shows {len(cells)} cells, the file has more"
    errors = {i: c["errors"] for i, c in enumerate(cells) if c["errors"]}
    assert not errors, f"{name}: error output in JupyterLab: {errors}"
    broken = {i: c["images"] for i, c in enumerate(cells) if any(w == 0 or h == 0 for w, h in c["images"])}
    assert not broken, f"{name}: images the browser could not decode in cells {sorted(broken)}"
    for i, explorer in run["explorers"]:
        # the explorer is a live widget in JupyterLab: its concordance, then a new query's
        assert explorer["query"] == "责任" and "4 hits" in explorer["before"], f"{name}, cell {i}: {explorer}"
        assert re.search(r"\b1 hit\b", explorer["after"]) and "军令状" in explorer["after"], (
            f"{name}, cell {i}: a new query in the explorer did not update it: {explorer['after'][:500]}")
    problem = _plot_check(name, run["nb"], cells, "JupyterLab")
    assert problem is None, problem
    if run["shot"] is not None:
        assert run["shot"].stat().st_size > 10_000, f"{name}: the screenshot {run['shot']} is (nearly) blank"


@pytest.mark.slow
def test_notebook_01_shows_the_corpus_summary_and_the_plot(lab_runs):
    run = lab_runs(SUMMARY_NOTEBOOK)
    first = next(c for c in run["cells"] if c["code"])  # the corpus summary: an HTML table
    assert {"doc_id", "lang", "title", "tokens", "words"} <= set(first["headers"]), first["headers"]
    assert "精准扶贫" in first["text"] or "脱贫" in first["text"], first["text"][:500]  # Chinese titles
    sizes = [size for c in run["cells"] for size in c["images"]]
    assert sizes and sizes[0][0] > 300 and sizes[0][1] > 200, f"the plot did not load: {sizes}"
    assert SCREENSHOT_TABLE.stat().st_size > 10_000


# ------------------------------------------------------------------------------------- the report
def _open_offline(browser, folder: Path, url: str):
    """``url`` opened with the network off, every request recorded, and every request for
    something outside ``folder`` refused. Returns the context, the page and a function
    giving the requests made so far outside ``folder``."""
    inside = folder.resolve().as_uri() + "/"
    requests: list[str] = []
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 1000})
    context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(inside) else route.abort())
    page = context.new_page()
    page.set_default_timeout(PAGE_READY * 1000)
    page.goto(url)
    page.wait_for_load_state("networkidle")  # scripts that add scripts (a widget loader) have run
    page.wait_for_function("() => [...document.images].every(i => i.complete)")

    def outside() -> list[str]:  # data: URIs are part of the page itself
        return [u for u in requests if not u.startswith(inside) and not u.startswith("data:")]

    return context, page, outside


@pytest.mark.slow
def test_report_index_opens_offline_and_links_every_notebook(chromium, report):
    context, page, outside = _open_offline(chromium, report, (report / "index.html").as_uri())
    try:
        links = page.locator("a[href$='.html']")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        results = page.locator("tbody tr").all_inner_texts()
        page.locator("a[href$='.html']").first.click()
        page.wait_for_load_state("load")
        first_page = page.url
        requested = outside()
    finally:
        context.close()
    assert not requested, f"the report index requested, outside its folder: {requested}"
    assert hrefs == [Path(name).with_suffix(".html").name for name in NOTEBOOKS], hrefs
    assert all("ran cleanly" in row for row in results), results
    assert first_page == (report / hrefs[0]).as_uri()


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_report_page_opens_offline_and_shows_every_plot(chromium, report, name):
    page_file = report / Path(name).with_suffix(".html").name
    nb = _notebook(name)
    context, page, outside = _open_offline(chromium, report, page_file.as_uri())
    try:
        cells = page.evaluate(CELL_VIEW, ".jp-Notebook .jp-Cell")
        blank = page.locator(".jupyter-widgets, script[type='application/vnd.jupyter.widget-view+json']").count()
        explorers = []
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code" and "kwic_explorer(" in source(cell):
                output = page.locator(".jp-Notebook .jp-Cell").nth(i).locator(".jp-OutputArea-output")
                explorers.append((i, output.locator("table.discourse-kwic").first.is_visible(),
                                  output.inner_text()))
        page.locator("nav.discourse-report a").click()  # the way back to the index
        page.wait_for_load_state("load")
        back = page.url
        requested = outside()
    finally:
        context.close()
    assert not requested, f"{page_file.name} requested, outside the report folder: {requested}"
    assert len(cells) == len(nb["cells"]), f"{page_file.name} shows {len(cells)} cells, {name} has {len(nb['cells'])}"
    assert blank == 0, f"{page_file.name}: {blank} widget output(s) left that need a kernel (blank offline)"
    for i, visible, text in explorers:
        assert visible and "4 hits" in text and "interactive in JupyterLab" in text, (
            f"{page_file.name}, cell {i}: the concordance explorer shows no static concordance: {text[:500]}")
    problem = _plot_check(name, nb, cells, "the report")
    assert problem is None, problem
    assert back == (report / "index.html").as_uri()
