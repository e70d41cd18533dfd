"""Paragraph alignment: constructed cases and the UDHR as gold data."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from discourse.align import align_document, align_paragraphs, numbers_in
from discourse.errors import InputError

NS = "{http://efele.net/udhr}"
#: Share of the UDHR's article paragraphs aligned right, as measured (docs/languages.md);
#: the test fails if alignment gets worse than this.
UDHR_MEASURED = {"fr": 1.0, "vi": 1.0, "en": 1.0}


def _article_paragraphs(path):
    root = ET.parse(path).getroot()
    return [" ".join((p.text or "").split()) for a in root.findall(f"{NS}article") for p in a.iter(f"{NS}para")]


def _pairs(links):
    return {(s, t) for link in links if len(link.src) == 1 and len(link.tgt) == 1 for s in link.src for t in link.tgt}


def test_links_cover_both_sides_once_in_order():
    src = ["一二三四五六七八九十。" * k for k in (1, 5, 2, 8, 3)]
    tgt = ["abcdefghij klmno. " * k for k in (1, 5, 2, 8, 3)]
    links = align_paragraphs(src, tgt)
    assert [i for link in links for i in link.src] == list(range(5))
    assert [j for link in links for j in link.tgt] == list(range(5))
    assert all(link.kind == "1-1" and 0 < link.score <= 1 for link in links)


def test_merged_paragraph_gives_a_2_1_link():
    src = ["短句子。" * 3, "中等长度的句子在这里。" * 4, "另一个中等长度的句子。" * 4, "最后一段很长很长。" * 6]
    tgt = ["Phrase courte ici. " * 3, ("Une phrase de longueur moyenne ici. " * 4) + ("Une autre phrase moyenne. " * 5),
           "Le dernier paragraphe est très long. " * 6]
    links = align_paragraphs(src, tgt)
    assert [(link.src, link.tgt, link.kind) for link in links] == [
        ((0,), (0,), "1-1"), ((1, 2), (1,), "2-1"), ((3,), (2,), "1-1")]


def test_numbers_anchor_otherwise_ambiguous_lengths():
    src = ["2015年6月召开会议。", "2016年10月印发办法。", "2020年如期脱贫。"]
    tgt = ["En juin 2015, une réunion.", "En 2020, la pauvreté éliminée à temps.", "En octobre 2016, des mesures."]
    with_anchors = _pairs(align_paragraphs(src, tgt))
    assert (0, 0) in with_anchors
    assert numbers_in("2015年6月18日")["2015"] == 1


def test_empty_sides():
    assert [link.kind for link in align_paragraphs(["a"], [])] == ["1-0"]
    assert align_paragraphs([], []) == []


@pytest.mark.parametrize("lang,file", [("fr", "udhr_fra.xml"), ("vi", "udhr_vie.xml"), ("en", "udhr_eng.xml")])
def test_udhr_article_paragraphs_align_to_chinese(shared, lang, file):
    """Gold: the UDHR's 50 article paragraphs align one to one in every translation."""
    udhr = shared / "eval" / "udhr"
    zh = _article_paragraphs(udhr / "udhr_cmn_hans.xml")
    other = _article_paragraphs(udhr / file)
    assert len(zh) == len(other) == 50
    pairs = _pairs(align_paragraphs(zh, other))
    accuracy = sum((k, k) in pairs for k in range(50)) / 50
    print(f"UDHR article paragraphs zh–{lang}: {accuracy:.1%} aligned right")
    assert accuracy >= UDHR_MEASURED[lang] - 1e-9


# ------------------------------------------------------------------ align_document (issue 14)
def _document():
    return pd.DataFrame({
        "doc_id": "d",
        "lang": ["zh", "zh", "zh", "und", "fr", "fr", "fr", "fr"],
        "role": ["title", "body", "body", "body", "title", "meta", "body", "body"],
        "text": ["脱贫", "二〇一五年，脱贫攻坚战打响。", "很长的一段话" * 10, "Привет", "Pauvreté", "14-01-2021 | x",
                 "En 2015, la bataille contre la pauvreté commence.", "Un très long paragraphe " * 8],
    })


def test_align_document_numbers_units_in_reading_order_and_leaves_its_input_alone():
    segments = _document()
    before = segments.copy()
    out = align_document(segments)
    pd.testing.assert_frame_equal(segments, before)  # the input is not changed
    assert list(out.columns) == ["doc_id", "lang", "seg_id", "align_id", "role", "text", "align_score"]
    assert out["seg_id"].tolist() == list(range(8))
    # titles pair by position, bodies by length; meta and und get no align_id
    assert out["align_id"].tolist() == [1, 2, 3, pd.NA, 1, pd.NA, 2, 3]
    assert out.loc[out["lang"] == "zh", "align_score"].isna().all()  # the pivot carries no score
    assert out.loc[4, "align_score"] == 1.0 and 0 < out.loc[7, "align_score"] <= 1


def test_align_document_by_order_and_a_bad_mode():
    out = align_document(_document(), how="order")
    assert out["align_id"].tolist() == [1, 2, 3, pd.NA, 1, pd.NA, 2, 3]
    assert out.loc[6, "align_score"] == 1.0
    with pytest.raises(InputError, match="align must be 'length' or 'order', not 'words'"):
        align_document(_document(), how="words")
