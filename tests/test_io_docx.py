"""Word documents in (issue 17, item 7): paragraphs in document order, tables' cells too,
headings as titles, offsets into the extracted text, and a clear error for a bad file."""

from __future__ import annotations

import io
import warnings
import zipfile

import docx
import pytest

import discourse
from discourse.cli import main
from discourse.errors import DiscourseWarning, InputError
from discourse.io import docx_text, read_docx

ZH = "我们坚决打赢脱贫攻坚战，全面建成小康社会。"
FR = "Nous avons gagné la bataille contre la pauvreté dans les campagnes."


def make_docx(path, *, title=None):
    d = docx.Document()
    d.add_heading("脱贫攻坚", level=1)
    d.add_paragraph(ZH)
    d.add_paragraph("")  # an empty paragraph: no segment
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "表格第一格", "表格第二格"
    merged = table.cell(1, 0).merge(table.cell(1, 1))  # one cell spanning two columns: read once
    merged.text = "合并的单元格"
    d.add_heading("La pauvreté", level=2)
    p = d.add_paragraph("Première ligne")
    p.add_run().add_break()  # Shift+Enter: a line of its own
    p.add_run(FR)
    if title:
        d.core_properties.title = title
    d.save(path)
    return path


def test_docx_paragraphs_in_document_order_with_roles_and_languages(tmp_path):
    corpus = discourse.read(make_docx(tmp_path / "report.docx"))
    rows = corpus.segments[["doc_id", "lang", "role", "text"]].values.tolist()
    assert rows == [
        ["report", "zh", "title", "脱贫攻坚"],
        ["report", "zh", "body", ZH],
        ["report", "zh", "body", "表格第一格"],
        ["report", "zh", "body", "表格第二格"],
        ["report", "zh", "body", "合并的单元格"],
        ["report", "fr", "title", "La pauvreté"],
        ["report", "fr", "body", "Première ligne"],
        ["report", "fr", "body", FR],
    ]
    # the versions are aligned: titles with titles
    titles = corpus.segments.query("role == 'title'")
    assert titles["align_id"].nunique() == 1
    assert corpus.documents.set_index("doc_id").loc["report", "langs"] == "fr,zh"


def test_docx_offsets_point_into_the_extracted_text(tmp_path):
    path = make_docx(tmp_path / "report.docx")
    text = docx_text(path)
    corpus = read_docx(path)
    assert len(corpus) == 8
    for seg in corpus.segments.itertuples():
        assert text[seg.start:seg.end] == seg.text
        assert text.count("\n", 0, seg.start) + 1 == seg.line
    assert text.startswith("脱贫攻坚\n" + ZH + "\n\n表格第一格\n")  # the empty paragraph is an empty line


def test_docx_lang_given_and_title_from_core_properties(tmp_path):
    corpus = discourse.read(make_docx(tmp_path / "r.docx", title="Rapport 2021"), lang="fr")
    assert set(corpus.column("lang")) == {"fr"}
    assert corpus.documents.set_index("doc_id").loc["r", "title"] == "Rapport 2021"
    # tokens and counts work on it as on any corpus
    assert discourse.frequencies(corpus, lang="fr", top=1)["count"].iloc[0] >= 1


def test_a_folder_reads_docx_files(tmp_path):
    make_docx(tmp_path / "a.docx")
    (tmp_path / "b.txt").write_text(FR + "\n", encoding="utf-8")
    corpus = discourse.read(tmp_path)
    assert corpus.doc_ids == ["a", "b"]


def test_cli_reads_a_docx(tmp_path, capsys):
    path = make_docx(tmp_path / "report.docx")
    assert main(["segments", str(path), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "表格第二格" in out and FR in out


def _zip(path, files: dict):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("kind, expected", [
    ("not a zip", "is not a .docx file"),
    ("cut short", "is not a .docx file"),
    ("zip without word/document.xml", "has no word/document.xml"),
    ("encrypted", "is encrypted (password-protected)"),
    ("broken document.xml", "cannot be read as a Word document"),
    ("empty", "is empty"),
    ("no text", "holds no text"),
])
def test_bad_docx_is_refused_naming_the_file(tmp_path, kind, expected):
    path = tmp_path / "bad.docx"
    if kind == "not a zip":
        path.write_text("Ceci n'est pas un document Word.", encoding="utf-8")
    elif kind == "cut short":
        good = make_docx(tmp_path / "good.docx").read_bytes()
        path.write_bytes(good[: len(good) // 2])
    elif kind == "zip without word/document.xml":
        _zip(path, {"content.xml": "<office:document/>", "mimetype": "application/vnd.oasis.opendocument.text"})
    elif kind == "encrypted":  # Word saves a password-protected .docx as an OLE2 compound file
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    elif kind == "broken document.xml":
        good = zipfile.ZipFile(make_docx(tmp_path / "good.docx"))
        files = {name: good.read(name) for name in good.namelist()}
        files["word/document.xml"] = b"<w:document><w:body><w:p>"
        _zip(path, files)
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        docx.Document().save(path)
    with pytest.raises(InputError) as caught:
        discourse.read(path)
    assert expected in str(caught.value) and "bad.docx" in str(caught.value)


def test_cli_bad_docx_exits_1_with_the_message(tmp_path, capsys):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 broken")
    assert main(["info", str(path)]) == 1
    err = capsys.readouterr().err
    assert "bad.docx" in err and "Traceback" not in err


def test_bad_docx_in_a_folder_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "bad.docx").write_text("not a docx", encoding="utf-8")
    (tmp_path / "good.txt").write_text(FR + "\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = discourse.read(tmp_path)
    assert corpus.doc_ids == ["good"]
    assert any("bad.docx" in str(w.message) for w in caught if issubclass(w.category, DiscourseWarning))


def test_docx_from_bytes_saved_by_python_docx_round_trips_tracked_insertions(tmp_path):
    # text inside <w:ins> (a tracked insertion) and inline content controls is part of the text
    d = docx.Document()
    d.add_paragraph("Avant")
    d.save(buffer := io.BytesIO())
    archive = zipfile.ZipFile(buffer)
    files = {name: archive.read(name) for name in archive.namelist()}
    xml = files["word/document.xml"].decode()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    assert w in xml
    xml = xml.replace("<w:t>Avant</w:t></w:r>",
                      '<w:t>Avant</w:t></w:r><w:ins w:id="1" w:author="x"><w:r><w:t xml:space="preserve"> inséré'
                      "</w:t></w:r></w:ins>")
    files["word/document.xml"] = xml.encode()
    path = _zip(tmp_path / "ins.docx", files)
    assert read_docx(path, lang="fr").segments["text"].tolist() == ["Avant inséré"]
