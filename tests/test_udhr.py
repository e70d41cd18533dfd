"""The bundled Universal Declaration of Human Rights (issue 13, item 5): shipped, loaded by name
everywhere a corpus path is taken, and the practice text of notebook 05 — without ../shared."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

import discourse
from discourse.cli import main
from discourse.errors import InputError

from .conftest import ROOT

LANGS = ["en", "fr", "vi", "zh"]
FIRST_ARTICLE = {"zh": "人人生而自由", "fr": "Tous les êtres humains naissent libres",
                 "vi": "Tất cả mọi người sinh ra đều được tự do", "en": "All human beings are born free"}


@pytest.fixture(scope="module")
def udhr():
    return discourse.load_corpus("udhr")


def test_udhr_is_a_bundled_corpus_of_four_aligned_languages(udhr):
    assert "udhr" in discourse.BUNDLED and udhr.name == "udhr"
    assert udhr.langs == LANGS and udhr.doc_ids == ["udhr"]
    seg = udhr.segments
    titles = seg[seg["role"] == "title"]
    assert titles.groupby("lang").size().to_dict() == dict.fromkeys(LANGS, 32)  # declaration, preamble, 30 articles
    body = seg[(seg["role"] == "body") & seg["align_id"].notna()]
    in_all = body.groupby("align_id")["lang"].nunique()
    assert (in_all == 4).sum() == 58  # 50 article paragraphs + the 8 units of the preamble
    for a in LANGS:  # every pair of languages: the same 58 units
        for b in LANGS:
            shared = set(body.loc[body["lang"] == a, "align_id"]) & set(body.loc[body["lang"] == b, "align_id"])
            assert len(shared) == 58, (a, b)
    # the first paragraph of article 1 is the same unit in the four languages
    wide = udhr.alignment(role="body").set_index("align_id")
    first = wide[wide["text_zh"].str.startswith(FIRST_ARTICLE["zh"])]
    assert len(first) == 1
    for lang, start in FIRST_ARTICLE.items():
        assert unicodedata.normalize("NFC", first[f"text_{lang}"].iloc[0]).startswith(start), lang


def test_udhr_offsets_point_into_the_shipped_files(udhr):
    data = discourse.data_path("udhr").resolve()
    files = {}
    for row in udhr.segments.itertuples():
        path = Path(row.path)
        assert path.resolve().parent == data  # the package's own copy, not ../shared
        text = files.setdefault(path, path.read_text(encoding="utf-8"))
        assert text[row.start:row.end] == row.text
        assert row.text in text.splitlines()[row.line - 1]
    assert len(files) == 4


def test_a_bundled_name_works_on_the_command_line(capsys):
    assert main(["info", "udhr", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(r["lang"] for r in rows) == LANGS and {r["doc_id"] for r in rows} == {"udhr"}
    assert main(["kwic", "自由", "udhr", "--lang", "zh", "--parallel", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 26 and sum("libert" in r["text_fr"] for r in rows) >= 16


def test_unknown_bundled_name_is_a_clear_error(capsys):
    with pytest.raises(InputError, match=r"not the name of a bundled corpus \(poverty_alleviation, gov_work_reports, udhr\)"):
        discourse.load_corpus("udhrr")
    assert main(["info", "udhrr"]) == 1
    assert "udhrr: does not exist, and is not the name of a bundled corpus" in capsys.readouterr().err


def test_a_missing_data_file_is_a_clear_error_not_a_fallback(tmp_path, monkeypatch):
    import discourse._data

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "udhr", data / "udhr")
    (data / "udhr" / "udhr_fra.xml").unlink()  # a broken installation: one language lost
    monkeypatch.setattr(discourse._data, "data_path", lambda *parts: data.joinpath(*parts))
    with pytest.raises(InputError, match=r"udhr_fra\.xml: the data file of the bundled corpus 'udhr' is missing"):
        discourse.load_corpus("udhr")


def test_a_broken_udhr_file_names_its_line(tmp_path):
    path = tmp_path / "udhr_fra.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<udhr iso639-3="fra">\n  <title>Déclaration\n</udhr>\n',
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"udhr_fra\.xml, line 4: is not readable UDHR XML \(mismatched tag"):
        discourse.read_udhr(path)


@pytest.mark.slow
def test_notebook_05_finds_libertes_as_an_installed_package_would(tmp_path, monkeypatch):
    """Notebook 05 run against the package laid out as a wheel installs it (the data inside the
    package, nothing beside it): the 自由 table is not empty and proposes « libertés »."""
    from discourse.report import execute_notebook

    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "discourse", site / "discourse", ignore=shutil.ignore_patterns("__pycache__"))
    (site / "discourse" / "_data").symlink_to(ROOT / "data", target_is_directory=True)
    import nbformat

    work = tmp_path / "notebooks"
    work.mkdir()
    nb = nbformat.read(ROOT / "notebooks" / "05_translation_shifts.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("print(discourse.__file__)"))  # which copy the kernel used
    nbformat.write(nb, work / "05_translation_shifts.ipynb")
    monkeypatch.setenv("PYTHONPATH", str(site))
    assert not (site.parent / "shared").exists() and not (work.parent / "shared").exists()

    nb, _, error = execute_notebook(work / "05_translation_shifts.ipynb", timeout=120, strict=True)
    assert error is None, error
    assert nb.cells[-1].outputs[0]["text"].strip() == str(site / "discourse" / "__init__.py")
    cells = [c for c in nb.cells if c.cell_type == "code" and 'equivalents(udhr, "自由", target="fr"' in c.source]
    assert len(cells) == 1
    table = cells[0].outputs[0]["data"]
    assert "Empty DataFrame" not in table["text/plain"]
    assert "libertés" in table["text/html"] or "liberté" in table["text/html"]
