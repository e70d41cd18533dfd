"""The parallel concordance at term level: each hit's rendering beside it (issue 15, item 4)."""

from __future__ import annotations

import html as html_lib
import io
import re

import pandas as pd
import pytest

import discourse
import discourse._kwic_renderings as kwic_renderings
from discourse.cli import main
from discourse.concordance import kwic
from discourse.frames.renderings import renderings

ZH_VI, ZH_FR = "000_6faf780c4d1388a2", "003_90d6e10e09142168"
BATTLE_VI = "trận chiến công kiên thoát nghèo"


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


def _rendering_marks(page: str, lang: str) -> list[tuple[int, str]]:
    """(offset in the aligned text, marked words) of every rendering highlighted in the
    ``lang`` boxes of a concordance's HTML, offsets counted in the unescaped text."""
    out = []
    for box in re.findall(rf"aligned {lang}</div>(.*?)</div>", page, re.S):
        box = re.sub(r'<b class="discourse-not-rendered"[^>]*>.*?</b> · ', "", box)
        pos = 0
        for piece in re.split(r"(<mark[^>]*>.*?</mark>)", box):
            mark = re.fullmatch(r'<mark class="discourse-rendering"[^>]*>(.*?)</mark>', piece)
            text = html_lib.unescape(re.sub(r"<[^>]+>", "", piece))
            if mark:
                out.append((pos, text))
            pos += len(text)
    return out


@pytest.mark.parametrize("parallel", [True, "sentence"])
def test_a_calque_is_shown_and_highlighted_where_the_renderings_put_it(corpus, parallel):
    conc = kwic(corpus, "脱贫攻坚战", lang="zh", parallel=parallel)
    frame = conc.to_frame()
    assert len(frame) == 3 and set(frame["doc_id"]) == {ZH_VI}
    assert frame["rendering_vi"].tolist() == [BATTLE_VI] * 3 and frame["status_vi"].eq("kept").all()
    assert frame["rendering_fr"].isna().all() and frame["status_fr"].isna().all()  # no French text in 000
    # the offsets: those of the renderings table, independently of the concordance
    table = renderings(corpus, target="vi", unit="sentence" if parallel == "sentence" else "paragraph")
    table = table[(table["source_term"] == "脱贫攻坚战") & (table["frame"] == "battle")]
    expected = sorted(zip(table["target_start"].astype(int), table["rendering"]))
    assert len(expected) == 3
    marks = _rendering_marks(conc.to_html(), "vi")
    assert marks == expected  # each rendering marked once, at its offsets in the aligned text
    for (start, words), text in zip(marks, frame["text_vi"] if parallel == "sentence" else frame["text_vi"][:1]):
        assert text[start:start + len(words)] == words == BATTLE_VI


def test_a_dropped_term_says_so(corpus, capsys):
    conc = kwic(corpus, "军令状", parallel=True)
    row = conc.to_frame().iloc[0]
    assert row["doc_id"] == ZH_FR and row["status_fr"] == "dropped" and row["rendering_fr"] == ""
    assert pd.isna(row["status_vi"]) and row["text_vi"] == ""  # no Vietnamese text to render it in
    page = conc.to_html()
    assert "军令状 — not rendered" in page and not _rendering_marks(page, "fr")
    assert "(not rendered)" in conc.to_text()
    # the command line: the csv has the columns, the table says it
    assert main(["kwic", "军令状", "--parallel", "--format", "csv"]) == 0
    back = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert back[["rendering_fr", "status_fr"]].values.tolist() == [["", "dropped"]]
    assert main(["kwic", "脱贫攻坚战", "--parallel-unit", "sentence", "--format", "csv"]) == 0
    back = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert back["rendering_vi"].tolist() == [BATTLE_VI] * 3 and back["status_vi"].tolist() == ["kept"] * 3
    assert main(["kwic", "军令状", "--parallel"]) == 0
    assert "(not rendered)" in capsys.readouterr().out


def test_only_hits_on_lexicon_terms_get_a_rendering(corpus):
    # 攻坚 inside 脱贫攻坚战 overlaps the lexicon hit, so it has its rendering; 建立 is no term: NA, not guessed
    inside = kwic(corpus, "攻坚", lang="zh", chars=True, parallel=True, doc_id=ZH_VI).to_frame()
    assert len(inside) == 7 and inside["status_vi"].notna().all()
    assert BATTLE_VI in set(inside["rendering_vi"])
    plain = kwic(corpus, "建立", lang="zh", parallel=True).to_frame()
    assert len(plain) > 0 and plain.filter(like="rendering_").isna().all().all()
    assert plain.filter(like="status_").isna().all().all()


def test_renderings_are_computed_only_for_a_parallel_concordance(corpus, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("renderings computed")

    monkeypatch.setattr(kwic_renderings, "renderings", refuse)
    plain = kwic(corpus, "军令状").to_frame()
    assert "rendering_fr" not in plain
    glossary = kwic(corpus, "军令状", glossary={"fr": ["acte d'engagement"]}).to_frame()
    assert "equiv_fr" in glossary and "rendering_fr" not in glossary
    with pytest.raises(AssertionError, match="renderings computed"):
        kwic(corpus, "军令状", parallel=True)


def test_the_explorer_highlights_the_renderings_when_parallel(corpus):
    pytest.importorskip("ipywidgets")
    from discourse.explorer import kwic_explorer

    explorer = kwic_explorer(corpus, query="脱贫攻坚战")
    (box, lang, order), (size, inside, beside) = (row.children for row in explorer.children[:2])
    view = explorer.children[2]
    assert "discourse-rendering" not in view.value  # not parallel: no renderings computed
    beside.value = True
    assert [words for _, words in _rendering_marks(view.value, "vi")] == [BATTLE_VI] * 3
    box.value = "军令状"
    assert "军令状 — not rendered" in view.value
