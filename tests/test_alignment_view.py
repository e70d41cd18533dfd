"""Checking and correcting sentence links (issue 20, item 4): the HTML view, the links CSV out
and back in, corrections that persist through save/load, a TMX of the sentence units."""

from __future__ import annotations

import pandas as pd
import pytest

import discourse
from discourse.alignment_view import LINK_COLUMNS, export_links
from discourse.errors import InputError

DOC3 = "003_90d6e10e09142168"


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


def test_view_is_side_by_side_coloured_and_escaped():
    corpus = discourse.Corpus(pd.DataFrame({
        "doc_id": "d", "lang": ["zh", "zh", "fr", "fr"], "align_id": [1, 2, 1, 2],
        "text": ["卡瓦诺<b>法官</b>发言。", "投票推迟。", "Le juge <b>Kavanaugh</b> parle.", "Le vote est reporté."]}))
    view = corpus.alignment_view("d")
    frame = view.to_frame()
    assert list(frame.columns) == ["doc_id", "align_id", "align_score", "low_confidence", "text_fr", "text_zh"]
    assert frame["text_fr"].tolist() == ["Le juge <b>Kavanaugh</b> parle.", "Le vote est reporté."]
    page = view._repr_html_()
    assert "&lt;b&gt;Kavanaugh&lt;/b&gt;" in page and "<b>Kavanaugh" not in page
    assert "hsl(" in page  # coloured by score
    with pytest.raises(InputError, match="no document"):
        corpus.alignment_view("nope")


def test_low_confidence_links_are_marked(corpus):
    table = corpus.sentences()
    table["low_confidence"] = table["sent_id"] == 2
    flagged = corpus.with_links(table)
    page = flagged.alignment_view(DOC3)._repr_html_()
    assert page.count("⚠ low confidence") == 1
    assert corpus.alignment_view(DOC3)._repr_html_().count("⚠ low confidence") == 0


def test_export_correct_read_back_and_persist(corpus, tmp_path):
    path = export_links(corpus, tmp_path / "links.csv")
    links = pd.read_csv(path)
    assert list(links.columns) == LINK_COLUMNS and len(links) == len(corpus.sentences())
    with pytest.raises(InputError, match="exists"):
        export_links(corpus, path)
    # split « Les responsables principaux … » off the 1-2 unit it shares with « Depuis le XVIIIe … »
    row = links.index[(links["doc_id"] == DOC3) & links["text"].str.startswith("Les responsables principaux")][0]
    before = links.loc[row, "align_id"]
    links.loc[row, "align_id"] = 999
    links.to_csv(tmp_path / "fixed.csv", index=False)
    fixed = corpus.with_links(tmp_path / "fixed.csv")
    table = fixed.sentences()
    moved = table[(table["doc_id"] == DOC3) & table["text"].str.startswith("Les responsables principaux")]
    depuis = table[(table["doc_id"] == DOC3) & table["text"].str.startswith("Depuis le XVIIIe")]
    assert moved["align_id"].iloc[0] != depuis["align_id"].iloc[0]
    assert moved["align_id"].iloc[0] == before + 1  # renumbered in reading order, right after its old unit
    doc = table[table["doc_id"] == DOC3]
    assert sorted(doc["align_id"].unique()) == list(range(1, doc["align_id"].nunique() + 1))
    assert corpus.sentences()["align_id"].equals(discourse.load_corpus().sentences()["align_id"])  # unchanged
    # the sentence-level corpus and every analysis follow the corrected links
    assert fixed.alignment(unit="sentence").shape[0] == corpus.alignment(unit="sentence").shape[0] + 1
    # persisting: save / load keep the corrections
    saved = fixed.save(tmp_path / "fixed.jsonl")
    assert '"link"' in saved.read_text(encoding="utf-8")
    again = discourse.load_corpus(saved)
    assert again.sentences()["align_id"].tolist() == table["align_id"].tolist()
    assert '"link"' not in corpus.save(tmp_path / "plain.jsonl").read_text(encoding="utf-8")
    # a selection keeps them
    fr = fixed.filter(lang="fr").sentences()
    assert fr["align_id"].tolist() == table.loc[table["lang"] == "fr", "align_id"].tolist()


def test_tmx_of_the_sentence_units(corpus, tmp_path):
    level = corpus.to_sentences()
    path = discourse.write_tmx(level, tmp_path / "units.tmx")
    back = discourse.read_tmx(path)
    wide = level.alignment()
    two = wide[(wide.filter(like="text_") != "").sum(axis=1) >= 2]
    assert back.segments.groupby(["doc_id", "align_id"]).ngroups >= len(two)
    units = level.segments.groupby(["doc_id", "align_id", "lang"])["text"]
    joined = set(units.agg(" ".join)) | set(units.agg("".join))  # a unit's sentences, one text per language
    assert set(back.segments["text"]) <= joined
    assert set(level.segments["text"]) & set(back.segments["text"])


@pytest.mark.parametrize("edit, message, line", [
    (lambda t: t.assign(doc_id=["zzz"] + t["doc_id"].tolist()[1:]), "no document 'zzz'", 2),
    (lambda t: t.assign(sent_id=t["sent_id"].where(t.index != 3, 500)), "no sentence 500", 5),
    (lambda t: t.assign(align_id=t["align_id"].astype(object).where(t.index != 1, "two")), "not a whole number", 3),
    (lambda t: t.assign(text=t["text"].where(t.index != 4, "autre chose")), "text differs", 6),
    (lambda t: pd.concat([t, t.iloc[[0]]], ignore_index=True), "listed twice", None),
])
def test_bad_links_name_file_and_line(corpus, tmp_path, edit, message, line):
    table = corpus.sentences()[LINK_COLUMNS]
    bad = edit(table)
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(InputError, match=message) as err:
        corpus.with_links(path)
    assert err.value.path == str(path)
    if line is not None:
        assert err.value.line == line
    else:
        assert err.value.line == len(bad) + 1


def test_a_file_that_is_not_a_links_csv(corpus, tmp_path):
    path = tmp_path / "links.csv"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(InputError, match="UTF-8") as err:
        corpus.with_links(path)
    assert err.value.path == str(path)
    path.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a links CSV") as err:
        corpus.with_links(path)
    assert err.value.line == 1
    path.write_text("doc_id,lang,sent_id,align_id\nx,fr,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="fields") as err:
        corpus.with_links(path)
    assert err.value.line == 2
