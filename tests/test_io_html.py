"""Web pages in (issue 17, item 7): paragraphs from block elements, script/style/nav dropped,
entities decoded, lang attributes honoured, offsets into the extracted text, malformed
HTML read best-effort, a binary file named .html refused."""

from __future__ import annotations

import warnings

import pytest

import discourse
from discourse.cli import main
from discourse.errors import DiscourseWarning, InputError
from discourse.io import html_text, read_html

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>政府工作报告</title>
<style>p { color: red }</style>
<script>var hidden = "<p>不是正文</p>";</script></head>
<body>
<nav><a href="/">首页</a> <a href="/en">英文版</a></nav>
<h1>政府工作报告</h1>
<p>各位代表：现在，我代表国务院，
   向大会报告政府工作。</p>
<p>我们&nbsp;坚决打赢脱贫攻坚战&amp;全面建成小康社会&#12290;<!-- 注释 --></p>
<div lang="fr-FR">Texte placé directement dans le div
  <h2>La pauvreté</h2>
  <p>La pauvreté <b>recule</b> dans les <i>campagnes</i>.</p>
  <ul><li>Premier point de la liste<li lang="en">The second point, in English</ul>
</div>
<table><tr><th>年份</th><td>二〇二一年</td></tr></table>
<blockquote>引用的一段话。</blockquote>
</body></html>
"""


def write(tmp_path, text, name="page.html", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_html_paragraphs_roles_languages_and_dropped_elements(tmp_path):
    corpus = discourse.read(write(tmp_path, PAGE))
    rows = corpus.segments[["doc_id", "lang", "role", "text"]].values.tolist()
    assert rows == [
        ["page", "zh", "title", "政府工作报告"],
        ["page", "zh", "body", "各位代表：现在，我代表国务院， 向大会报告政府工作。"],  # whitespace collapsed
        ["page", "zh", "body", "我们\u00a0坚决打赢脱贫攻坚战&全面建成小康社会。"],  # entities decoded
        ["page", "fr", "body", "Texte placé directement dans le div"],  # a div's own text
        ["page", "fr", "title", "La pauvreté"],
        ["page", "fr", "body", "La pauvreté recule dans les campagnes."],
        ["page", "fr", "body", "Premier point de la liste"],
        ["page", "en", "body", "The second point, in English"],
        ["page", "zh", "body", "年份"],
        ["page", "zh", "body", "二〇二一年"],
        ["page", "zh", "body", "引用的一段话。"],
    ]
    text = html_text(write(tmp_path, PAGE))
    for dropped in ("不是正文", "color", "首页", "英文版", "注释"):
        assert dropped not in text
    assert corpus.documents.set_index("doc_id").loc["page", "title"] == "政府工作报告"


def test_html_offsets_point_into_the_extracted_text(tmp_path):
    path = write(tmp_path, PAGE)
    text = html_text(path)
    corpus = read_html(path)
    for seg in corpus.segments.itertuples():
        assert text[seg.start:seg.end] == seg.text
        assert text.count("\n", 0, seg.start) + 1 == seg.line
    assert len(text.splitlines()) == len(corpus)


def test_without_lang_attributes_paragraphs_are_identified_and_lang_overrides(tmp_path):
    page = ("<p>我们坚决打赢脱贫攻坚战，全面建成小康社会。</p>"
            "<p>Nous avons gagné la bataille contre la pauvreté dans les campagnes.</p>")
    path = write(tmp_path, page, "two.htm")
    assert read_html(path).segments["lang"].tolist() == ["zh", "fr"]
    assert read_html(path, lang="fr").segments["lang"].tolist() == ["fr", "fr"]
    # a language we do not read is kept as und, and counted
    path = write(tmp_path, '<html lang="fr"><p>Oui.</p><p lang="de">Das ist ein deutscher Satz.</p>', "de.html")
    with pytest.warns(DiscourseWarning, match="unknown language"):
        corpus = read_html(path)
    assert corpus.segments["lang"].tolist() == ["fr", "und"]


def test_malformed_html_is_read_best_effort(tmp_path):
    page = ("<p>Premier paragraphe <b>gras <i>et italique</p></div></span> texte perdu hors bloc"
            "<p>Deuxième<br>ligne<p>Troisième<td>cellule sans table</td><p>Fin sans fermeture &amp; entité &bogus;")
    corpus = read_html(write(tmp_path, page), lang="fr")
    assert corpus.segments["text"].tolist() == [
        "Premier paragraphe gras et italique", "texte perdu hors bloc", "Deuxième", "ligne", "Troisième",
        "cellule sans table", "Fin sans fermeture & entité &bogus;"]


def test_unclosed_paragraph_does_not_carry_its_language_on(tmp_path):
    page = '<html lang="zh"><p lang="fr">Une phrase en français.<p>这是中文。<li lang="en">One<li>二'
    assert read_html(write(tmp_path, page)).segments["lang"].tolist() == ["fr", "zh", "en", "zh"]


def test_declared_legacy_charset_is_used(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
            "<body><p>我们坚决打赢脱贫攻坚战</p></body></html>")
    corpus = read_html(write(tmp_path, page, "gbk.html", encoding="gbk"))
    assert corpus.segments["text"].tolist() == ["我们坚决打赢脱贫攻坚战"]


@pytest.mark.parametrize("data, expected", [
    (bytes(range(256)) * 8, "looks like a binary file"),
    (b"\x89PNG\r\n\x1a\n" + bytes(500), "looks like a binary file"),
    (b"", "is empty"),
    (b"<html><script>only()</script></html>", "holds no text"),
])
def test_bad_html_is_refused_naming_the_file(tmp_path, data, expected):
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        discourse.read(path)
    assert expected in str(caught.value) and "bad.html" in str(caught.value)
    assert main(["info", str(path)]) == 1


def test_a_folder_reads_html_files_and_no_html_remnant_warning(tmp_path):
    write(tmp_path, PAGE, "a.html")
    (tmp_path / "b.txt").write_text("Nous avons gagné la bataille contre la pauvreté.\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = discourse.read(tmp_path)
    assert corpus.doc_ids == ["a", "b"]
    assert not [w for w in caught if "HTML remnants" in str(w.message)]
