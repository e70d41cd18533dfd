"""Translation memories (issue 20): TMX and XLIFF in and out, bad files refused."""

from __future__ import annotations

import os

import pytest

import discourse
from discourse.errors import InputError
from discourse.io.tm import read_tmx, read_xliff, write_tmx, write_xliff

COLUMNS = ["doc_id", "lang", "align_id", "role", "text"]

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="x" srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"/>
<body>
<tu tuid="1">
  <tuv xml:lang="zh-CN"><seg>打赢脱贫攻坚战。</seg></tuv>
  <tuv xml:lang="fr-FR"><seg>Gagner la <bpt i="1">&lt;b&gt;</bpt>bataille<ept i="1">&lt;/b&gt;</ept> contre la pauvreté.</seg></tuv>
  <tuv xml:lang="vi-VN"><seg>Giành thắng lợi trong cuộc chiến thoát nghèo.</seg></tuv>
</tu>
<tu tuid="2">
  <tuv xml:lang="zh-CN"><seg>立下军令状 &amp; 责任书。</seg></tuv>
  <tuv xml:lang="fr-FR"><seg>Signer un engagement.</seg></tuv>
</tu>
</body>
</tmx>
"""


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_tmx_units_languages_and_inline_codes(tmp_path):
    corpus = read_tmx(write(tmp_path, "memo.tmx", TMX))
    seg = corpus.segments
    assert seg[["lang", "align_id"]].values.tolist() == [["zh", 1], ["fr", 1], ["vi", 1], ["zh", 2], ["fr", 2]]
    assert seg["text"].tolist()[1] == "Gagner la bataille contre la pauvreté."  # native codes left out
    assert seg["text"].tolist()[3] == "立下军令状 & 责任书。"
    assert set(seg["doc_id"]) == {"memo"} and set(seg["role"]) == {"body"}
    raw = TMX
    exact = [raw[s:e] == t for s, e, t in zip(seg["start"], seg["end"], seg["text"])]
    assert exact == [True, False, True, False, True]  # markup or an escape inside: the span covers the source
    assert seg["line"].tolist() == [6, 7, 8, 11, 12]


def test_tmx_offsets_in_utf16_files(tmp_path):
    path = write(tmp_path, "memo.tmx", TMX.replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf-16")
    seg = read_tmx(path).segments
    text = path.read_bytes().decode("utf-16")
    assert text[seg["start"][0]:seg["end"][0]] == "打赢脱贫攻坚战。"


def test_tmx_round_trip_keeps_documents_roles_and_units(tmp_path):
    corpus = discourse.load_corpus()
    first = read_tmx(write_tmx(corpus, tmp_path / "a.tmx"))
    again = read_tmx(write_tmx(first, tmp_path / "b.tmx"))
    assert first.segments[COLUMNS].equals(again.segments[COLUMNS])
    assert first.doc_ids == corpus.doc_ids
    units = corpus.alignment()
    assert len(first.filter(lang="zh")) == len(units)
    with pytest.raises(InputError, match="exists already"):
        write_tmx(corpus, tmp_path / "a.tmx")


def test_xliff_12_and_2_read_and_round_trip(tmp_path):
    x12 = write(tmp_path, "doc.xlf", """<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="report.docx" source-language="zh-CN" target-language="fr-FR" datatype="plaintext"><body>
<group id="g"><trans-unit id="1"><source>脱贫攻坚</source><target>la lutte contre la pauvreté</target></trans-unit></group>
<trans-unit id="2"><source>军令状</source></trans-unit>
</body></file></xliff>""")
    seg = read_xliff(x12).segments
    assert seg[COLUMNS[:4]].values.tolist() == [["report.docx", "zh", 1, "body"], ["report.docx", "fr", 1, "body"],
                                              ["report.docx", "zh", 2, "body"]]
    corpus = discourse.load_corpus().filter(lang=["zh", "vi"])
    first = read_xliff(write_xliff(corpus, tmp_path / "a.xlf", source="zh", target="vi"))
    again = read_xliff(write_xliff(first, tmp_path / "b.xlf", source="zh", target="vi"))
    assert first.segments[COLUMNS].equals(again.segments[COLUMNS])
    assert first.langs == ["vi", "zh"]


@pytest.mark.parametrize("text, message, line", [
    ("<tmx><body><tu><tuv xml:lang='zh'><seg>a</seg></tuv></tu>", "not well-formed XML", 1),
    ("<tmx version='1.4'><header/><body>\n</body></tmx>", "holds no translation unit", None),
    ("<tmx version='1.4'><body>\n<tu><tuv xml:lang='xx-YY'><seg>a</seg></tuv></tu></body></tmx>", "'xx-YY'", 2),
    ("<tmx version='1.4'><body>\n<tu><tuv><seg>a</seg></tuv></tu></body></tmx>", "without xml:lang", 2),
    ("<html><body/></html>", "is not a TMX file", 1),
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">]>\n<tmx/>', "entity", 2),
])
def test_bad_tmx_is_refused_with_file_and_line(tmp_path, text, message, line):
    path = write(tmp_path, "bad.tmx", text)
    with pytest.raises(InputError, match=message) as err:
        read_tmx(path)
    assert err.value.path == str(path) and err.value.line == line


def test_bad_xliff_is_refused(tmp_path):
    with pytest.raises(InputError, match="no language"):
        read_xliff(write(tmp_path, "a.xlf", "<xliff version='1.2'><file><body>\n<trans-unit id='1'>"
                                           "<source>a</source></trans-unit></body></file></xliff>"))
    with pytest.raises(InputError, match="not an XLIFF file"):
        read_xliff(write(tmp_path, "b.xlf", TMX))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.tmx"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_tmx(fifo)


def test_read_picks_the_memory_reader_by_suffix(tmp_path):
    write(tmp_path, "memo.tmx", TMX)
    corpus = discourse.read(tmp_path / "memo.tmx")
    assert corpus.langs == ["fr", "vi", "zh"] and len(corpus) == 5
    assert discourse.read(tmp_path).doc_ids == ["memo"]  # a folder holding a memory
