"""A real browser: JupyterLab serves notebook 01, headless Chromium runs it, the outputs show.

The test starts JupyterLab from this test's Python environment on a free loopback port with
a random token, serving a temporary copy of ``notebooks/`` (JupyterLab saves notebooks as
it runs them: the checkout must stay clean), then drives Debian's ``chromium`` with
Playwright for Python (``executable_path``; Playwright never downloads a browser here). It
opens ``01_corpus_and_languages.ipynb``, runs all cells from the **Run** menu, waits until
every code cell has an execution count, and checks that the corpus summary table (an
HTML ``<table>``) and the plot (an ``<img>``) are in the outputs, with no error output. Screenshots
are saved as ``build/browser/01.png`` (the plot) and ``01_summary.png`` (the table) for a person to
look at.

It needs ``/usr/bin/chromium`` (Debian: ``apt-get install chromium fonts-wqy-microhei``)
and the ``playwright`` package (in the ``test`` extra). Without them it is skipped, saying
why; with ``DISCOURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) it fails instead, so that
CI never passes without running it. Budget: about 20 s, 90 s at most.
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

CHROMIUM = os.environ.get("DISCOURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NOTEBOOK = "01_corpus_and_languages.ipynb"
SCREENSHOT = ROOT / "build" / "browser" / "01.png"  # the plot
SCREENSHOT_TABLE = ROOT / "build" / "browser" / "01_summary.png"  # the corpus summary
#: Seconds for: server start, page load with a kernel, running the notebook.
SERVER_START, PAGE_READY, RUN_ALL = 30, 30, 60


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


@pytest.fixture
def browser_available():
    reason = _missing_browser()
    if reason is not None:
        if os.environ.get("DISCOURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test required (DISCOURSE_REQUIRE_BROWSER=1) but {reason}")
        pytest.skip(f"browser test skipped: {reason}")


@pytest.fixture
def lab_server(tmp_path, browser_available):
    """JupyterLab on a free loopback port, serving a copy of notebooks/; always shut down."""
    root = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "solutions"))
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


@pytest.mark.slow
def test_notebook_01_runs_in_jupyterlab_in_a_real_browser(lab_server, tmp_path):
    from playwright.sync_api import sync_playwright

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     env=dict(os.environ, HOME=str(tmp_path)))
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(PAGE_READY * 1000)
            page.goto(f"{lab_server['url']}/lab/tree/{NOTEBOOK}?token={lab_server['token']}")
            notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            notebook.locator(".jp-CodeCell").first.wait_for()
            # The session has its kernel when the toolbar names it, and it is ready when idle.
            notebook.locator(".jp-Toolbar-kernelName", has_text="Python 3").wait_for()
            notebook.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()

            page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
            page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
            # Done when every code cell shows an execution count ("[3]:", not "[ ]:" or "[*]:").
            page.wait_for_function(
                """() => {
                    const prompts = [...document.querySelectorAll(
                        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')];
                    return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
                }""",
                timeout=RUN_ALL * 1000,
            )
            outputs = notebook.locator(".jp-OutputArea-output")
            errors = notebook.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            error_text = [t for t in errors.all_inner_texts() if "Error" in t or "Traceback" in t]

            # the corpus summary: the first output is an HTML table naming the columns and the titles
            summary = notebook.locator(".jp-CodeCell").first.locator(".jp-OutputArea-output table")
            header = summary.locator("th").all_inner_texts()
            body = summary.inner_text()
            summary.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOT_TABLE))
            # the plot: an image, decoded by the browser (not a broken link)
            image = outputs.locator("img").first
            image.scroll_into_view_if_needed()
            size = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
            page.screenshot(path=str(SCREENSHOT))
        finally:
            browser.close()

    assert not error_text, error_text
    assert {"doc_id", "lang", "title", "tokens", "words"} <= set(header), header
    assert "精准扶贫" in body or "脱贫" in body, body[:500]  # Chinese titles in the table
    assert size[0] > 300 and size[1] > 200, f"the plot did not load: {size}"
    assert SCREENSHOT.stat().st_size > 10_000
    # the checkout's notebook was not touched (the server saved its copy, if anything)
    assert '"outputs": []' in (ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8")
