"""Every notebook runs top to bottom on a fresh kernel, cleanly, and is committed clean."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Seconds one notebook may take on a 2-core machine (kernel start included).
BUDGET = 120


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them before committing"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_cleanly(path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    # warnings (missing glyphs, deprecations) become errors inside the kernel
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        "import warnings; warnings.simplefilter('error'); "
        "warnings.filterwarnings('ignore', category=DeprecationWarning, module='(?!discourse)')"))
    NotebookClient(nb, timeout=BUDGET, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            if output.get("name") == "stderr":
                assert "Glyph" not in output["text"] and "Warning" not in output["text"], output["text"]
