"""Keyword in context and the parallel concordance (issue 5)."""

from __future__ import annotations

import doctest
import importlib
import io
import json
import sys
import unicodedata
from collections import Counter

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import discourse
from discourse.cli import main
from discourse.errors import InputError
from discourse.concordance import COLUMNS, Concordance, kwic, kwic_explorer
from discourse.query import fold_diacritics

from .conftest import ROOT

GOLDEN = json.loads((ROOT / "tests" / "data" / "kwic" / "golden.json").read_text(encoding="utf-8"))
ZH_VI, ZH_FR = "000_6faf780c4d1388a2", "003_90d6e10e09142168"


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


@pytest.fixture(scope="module")
def texts(corpus):
    """Segment text by (doc_id, lang, seg_id), looked up independently of the concordance."""
    seg = corpus.segments
    return dict(zip(zip(seg["doc_id"], seg["lang"], seg["seg_id"]), seg["text"]))


def check_offsets(frame, texts):
    for row in frame.itertuples(index=False):
        text = texts[row.doc_id, row.lang, row.seg_id]
        assert text[row.start:row.end] == row.match
        assert text[:row.start].endswith(row.left) and text[row.end:].startswith(row.right)


# ---------------------------------------------------------------------- what the issue asks
def test_every_token_of_the_word_is_found(corpus, texts):
    norms = Counter(corpus.tokens().to_frame().query("lang == 'zh'")["norm"])  # the jieba tokens
    frame = kwic(corpus, "责任", lang="zh").to_frame()
    assert len(frame) == norms["责任"] == 4
    assert set(frame["match"]) == {"责任"} and list(frame.columns) == COLUMNS
    check_offsets(frame, texts)


def test_chars_also_finds_the_word_inside_compounds(corpus, texts):
    frame = kwic(corpus, "责任", lang="zh", chars=True).to_frame()
    zh = corpus.segments.query("lang == 'zh'")["text"]
    assert len(frame) == sum(t.count("责任") for t in zh) == 14
    after = {texts[r.doc_id, r.lang, r.seg_id][r.start:r.start + 4] for r in frame.itertuples()}
    for compound in ("责任制", "责任书", "责任体系"):
        assert any(a.startswith(compound) for a in after), compound


def test_multiword_term_and_wildcard(corpus, texts):
    vi = kwic(corpus, "trách nhiệm", lang="vi").to_frame()
    assert len(vi) == 12 and set(vi["match"]) == {"trách nhiệm"}
    fr = kwic(corpus, "respons*", lang="fr").to_frame()
    assert set(fr["match"]) == {"responsabilité", "responsabilités", "responsables"}
    check_offsets(pd.concat([vi, fr]), texts)


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: f"{c['query']} {sorted(c['options'])}")
def test_golden_concordances(corpus, case):
    frame = kwic(corpus, case["query"], **case["options"]).to_frame()
    got = frame[["doc_id", "seg_id", "start", "end", "left", "match", "right"]].values.tolist()
    assert got == case["rows"]


def test_context_is_the_original_text(corpus):
    # Chinese: no spaces added between tokens; French: its own (narrow no-break) spaces kept
    zh = kwic(corpus, "军令状", window=3).to_frame().iloc[0]
    assert (zh["left"], zh["right"]) == (",立下“", "”,实现")
    text = "Il a dit\u202f: « l’acte d’engagement\u00a0» est signé !"
    fr = kwic(discourse.Corpus(pd.DataFrame({"doc_id": ["d"], "lang": ["fr"], "text": [text]})), "acte", window=4)
    row = fr.to_frame().iloc[0]
    assert row["left"] + row["match"] + row["right"] == "dit\u202f: « l’acte d’engagement\u00a0» est"


def test_window_counts_tokens_or_characters(corpus):
    toks = corpus.tokens().to_frame(columns=["doc_id", "lang", "seg_id", "start", "end"])
    conc = kwic(corpus, "trách nhiệm", lang="vi", window=4)
    for row in conc.to_frame().itertuples():
        mine = toks[(toks.doc_id == row.doc_id) & (toks.seg_id == row.seg_id) & (toks.lang == row.lang)]
        before = mine[mine.end <= row.start]
        n_left = int(((mine.start >= row.start - len(row.left)) & (mine.end <= row.start)).sum())
        assert n_left == min(4, len(before))
    chars = kwic(corpus, "攻坚", chars=True, unit="chars", window=3).to_frame()
    assert chars["left"].str.len().max() == 3 and chars["right"].str.len().max() == 3
    assert (kwic(corpus, "军令状", window=0).to_frame()[["left", "right"]] == "").all().all()
    with pytest.raises(InputError, match="window"):
        kwic(corpus, "军令状", window=-1)
    with pytest.raises(InputError, match="unit"):
        kwic(corpus, "军令状", unit="words")


def test_sort_by_the_first_word_to_the_right(corpus):
    conc = kwic(corpus, "respons*", lang="fr").sort("R1")
    assert conc.sorted_by == ["R1", "R2", "R3"]
    toks = corpus.tokens().to_frame(columns=["doc_id", "lang", "seg_id", "start", "norm", "is_punct"])
    words = toks[~toks["is_punct"]]
    r1 = []
    for row in conc.to_frame().itertuples():  # independently: the next non-punctuation token's norm
        nxt = words[(words.doc_id == row.doc_id) & (words.lang == row.lang) & (words.seg_id == row.seg_id)
                    & (words.start >= row.end)]
        r1.append(nxt["norm"].iloc[0] if len(nxt) else "")
    assert r1 == sorted(r1, key=lambda w: (fold_diacritics(w), w)) and len(set(r1)) > 3
    back = conc.sort("position").to_frame()
    assert back[["start"]].equals(kwic(corpus, "respons*", lang="fr").to_frame()[["start"]])
    assert kwic(corpus, "respons*", lang="fr", sort="L1").sorted_by == ["L1", "L2", "L3"]
    assert kwic(corpus, "respons*", sort=["R2", "L1"]).sorted_by == ["R2", "L1"]
    with pytest.raises(InputError, match="sort"):
        conc.sort("R4")


def test_filters(corpus):
    assert set(kwic(corpus, "攻坚", chars=True, doc_id=ZH_FR).to_frame()["doc_id"]) == {ZH_FR}
    assert len(kwic(corpus, "trách nhiệm", role="body")) == len(kwic(corpus, "trách nhiệm")) - 2  # title, meta
    dated = corpus.documents.dropna(subset=["date"]).iloc[0]
    assert set(kwic(corpus, "责任", chars=True, date=dated["date"]).to_frame()["doc_id"]) == {dated["doc_id"]}
    with pytest.raises(InputError, match="no text in language"):
        kwic(corpus, "x", lang="de")
    with pytest.raises(InputError, match="not valid"):
        kwic(corpus, "(", regex=True)


# ---------------------------------------------------------------------- parallel
def test_parallel_shows_the_aligned_paragraph_of_each_chinese_hit(corpus):
    conc = kwic(corpus, "责任", lang="zh", chars=True, parallel=True)
    frame = conc.to_frame()
    assert list(frame.columns) == COLUMNS + ["text_fr", "text_vi"]
    wide = corpus.alignment().set_index(["doc_id", "align_id"])
    for row in frame.itertuples():
        unit = wide.loc[(row.doc_id, row.align_id)]
        assert (row.text_fr, row.text_vi) == (unit["text_fr"], unit["text_vi"])
        assert (row.text_vi if row.doc_id == ZH_VI else row.text_fr) or row.align_id == 1  # 003 has no fr title
    assert frame.loc[frame["doc_id"] == ZH_VI, "text_fr"].eq("").all()
    html = conc._repr_html_()
    assert "aligned vi" in html and "no aligned segment" in html
    assert kwic(corpus, "责任", lang="zh").parallel().to_frame().equals(
        kwic(corpus, "责任", lang="zh", parallel=True).to_frame())


def test_glossary_equivalents_highlighted_or_missing(corpus):
    glossary = {"军令状": {"fr": ["acte d'engagement"], "vi": ["quân lệnh trạng"]},
                "攻坚": {"vi": ["công kiên"], "fr": ["lutte", "bataille*"]}}
    frame = kwic(corpus, ["军令状", "攻坚"], chars=True, glossary=glossary).to_frame()
    assert list(frame.columns) == COLUMNS + ["text_fr", "text_vi", "equiv_fr", "equiv_vi"]
    jl = frame[frame["match"] == "军令状"].iloc[0]
    assert jl["equiv_fr"] == "acte d’engagement" and pd.isna(jl["equiv_vi"]) and jl["text_vi"] == ""
    gj = frame[frame["match"] == "攻坚"]
    assert set(gj.loc[gj.doc_id == ZH_VI, "equiv_vi"]) == {"công kiên"}
    assert set(gj.loc[gj.doc_id == ZH_FR, "equiv_fr"].dropna()) == {"", "lutte; bataille"}  # 责任书 paragraph: none
    html = kwic(corpus, ["军令状", "攻坚"], chars=True, glossary=glossary)._repr_html_()
    assert "acte d’engagement</mark>" in html and "công kiên</mark>" in html
    assert "no equivalent" in html and "no aligned segment" in html


def test_glossary_shapes(corpus):
    flat = kwic(corpus, "军令状", glossary={"fr": "engagement*"}).to_frame()
    assert flat["equiv_fr"].iloc[0] == "engagement"

    class Lexicon:  # e.g. a frame lexicon: anything with to_frame() -> lang, term
        def to_frame(self):
            return pd.DataFrame({"lang": ["fr", "vi"], "term": ["acte d’engagement", "trách nhiệm"]})

    lex = kwic(corpus, "军令状", glossary=Lexicon()).to_frame()
    assert lex["equiv_fr"].iloc[0] == "acte d’engagement"

    class FrameLexicon:  # like discourse.frames.Lexicon: terms grouped by frame
        def to_frame(self):
            return pd.DataFrame({"frame": ["battle"] * 3 + ["duty"], "lang": ["zh", "fr", "vi", "fr"],
                                 "term": ["*攻坚*", "lutte", "công kiên", "responsab*"]})

    frames = kwic(corpus, ["攻坚", "军令状"], chars=True, glossary=FrameLexicon()).to_frame()
    assert set(frames.loc[frames["doc_id"] == ZH_FR, "equiv_fr"].dropna()) == {"", "lutte"}  # not responsab*
    assert frames.loc[frames["match"] == "军令状", "equiv_fr"].isna().all()  # no frame names 军令状
    assert set(frames.loc[frames["doc_id"] == ZH_VI, "equiv_vi"]) == {"công kiên"}
    with pytest.raises(InputError, match="glossary"):
        kwic(corpus, "军令状", glossary=["acte"])


# ---------------------------------------------------------------------- views
@pytest.fixture(scope="module")
def hostile():
    return discourse.Corpus(pd.DataFrame({
        "doc_id": ["<b>d</b>", "<b>d</b>"], "lang": ["en", "fr"], "align_id": [1, 1],
        "text": ["Say <script>alert('x')</script> then alert & stop.",
                 "Dire <img src=x onerror=alert(1)> puis « alerte »."],
    }))


def test_html_escapes_all_text(hostile):
    conc = kwic(hostile, "alert", lang="en", window=8, parallel=True)
    assert len(conc) == 2
    for page in (conc._repr_html_(), conc.to_html(page=True)):
        assert "<script>" not in page and "<img" not in page and "<b>d</b>" not in page
        assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page and "&amp;" in page


def test_html_is_truncated_with_a_count(corpus):
    conc = kwic(corpus, "*")
    assert len(conc) == len(corpus.tokens())
    html = conc._repr_html_()
    assert f"showing 50 of {len(conc)} hits" in html and html.count("<tr>") == 51
    assert html.index(">left</th>") < html.index(">match</th>") < html.index(">right</th>")
    assert "<mark" in html and "text-align:right" in html and ZH_VI in html


def test_len_repr_csv(corpus, tmp_path):
    conc = kwic(corpus, "respons*", lang="fr")
    assert isinstance(conc, Concordance) and len(conc) == 7
    assert repr(conc).startswith("<Concordance 'respons*': 7 hits in 2 segments (fr)")
    assert "responsabilités" in repr(conc)
    path = conc.to_csv(tmp_path / "out" / "respons.csv")
    back = pd.read_csv(path, keep_default_na=False)
    assert back["match"].tolist() == conc.to_frame()["match"].tolist() and list(back.columns) == COLUMNS
    assert [p.name for p in path.parent.iterdir()] == ["respons.csv"]  # no temporary file left


def test_the_corpus_is_not_changed(corpus):
    before = corpus.segments
    kwic(corpus, "攻坚", chars=True, doc_id=ZH_FR, glossary={"fr": ["lutte"]}, sort="R1")
    pd.testing.assert_frame_equal(corpus.segments, before)


def test_discourse_kwic_is_callable_after_importing_the_module(corpus):
    import discourse.concordance  # noqa: F401  a submodule import must not shadow the function

    assert len(discourse.kwic(corpus, "军令状")) == 1
    assert discourse.Concordance is Concordance


def test_doctests():
    result = doctest.testmod(importlib.import_module("discourse.concordance"), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 5 and result.failed == 0


def test_explorer_without_ipywidgets(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import fails as if not installed
    with pytest.raises(ImportError, match="pip install ipywidgets"):
        kwic_explorer()


def test_explorer_with_ipywidgets(corpus):
    pytest.importorskip("ipywidgets")
    explorer = kwic_explorer(corpus, query="责任")
    (box, lang, order), (size, inside, beside) = (row.children for row in explorer.children[:2])
    view = explorer.children[2]
    assert "<mark" in view.value and "4 hits" in view.value
    inside.value = True
    assert "14 hits" in view.value
    lang.value, order.value, size.value, beside.value = "zh", "R1", 2, True
    assert "aligned vi" in view.value and "sorted by R1" in view.value
    box.value = "军令状"
    assert "1 hit " in view.value
    box.value = " "
    assert "Type a word" in view.value


def test_explorer_offers_a_static_html_copy_beside_the_widget(corpus):
    """Where widgets cannot run (the HTML report, a viewer) the explorer is its concordance, not blank."""
    pytest.importorskip("ipywidgets")
    from IPython.core.formatters import DisplayFormatter

    explorer = kwic_explorer(corpus, query="责任")
    data, _ = DisplayFormatter().format(explorer)
    assert "application/vnd.jupyter.widget-view+json" in data  # JupyterLab still gets the widget
    static = data["text/html"]
    assert '<table class="discourse-kwic"' in static and "4 hits" in static and "<mark" in static
    assert "interactive in JupyterLab" in static and "query <code>责任</code>, language all" in static
    (box, lang, order), (size, inside, beside) = (row.children for row in explorer.children[:2])
    lang.value, inside.value, box.value = "zh", True, "<b>"  # the copy follows the controls, escaped
    static = DisplayFormatter().format(explorer)[0]["text/html"]
    assert "query <code>&lt;b&gt;</code>, language zh" in static and "inside words" in static
    assert "<b>" not in static.replace("<b>Concordance</b>", "")


# ---------------------------------------------------------------------- property
def _canon(text: str) -> str:
    return "".join(fold_diacritics(text).lower().replace("’", "'").split())


@st.composite
def spans(draw, corpus):
    toks = corpus.tokens()
    i = draw(st.integers(0, len(toks) - 1))
    k = draw(st.integers(1, 3))
    row = int(toks.seg_row[i])
    j = min(i + k, int(toks._segment_bounds()[row + 1])) - 1
    return row, int(toks.start[i]), int(toks.end[j])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), case=st.booleans(), chars=st.booleans(), window=st.integers(0, 6))
def test_every_hit_points_at_its_match(corpus, texts, data, case, chars, window):
    row, start, end = data.draw(spans(corpus))
    seg = corpus.segments.iloc[row]
    query = seg["text"][start:end]
    if chars:  # a random stretch of raw characters, inside words too
        a = data.draw(st.integers(start, end - 1))
        query = seg["text"][a:data.draw(st.integers(a + 1, end))]
        start, end = a, a + len(query)
    assume(query.strip() and "*" not in query and "?" not in query)
    # A query ending with an elision (d’, l’) tokenizes as d + ’ (fr tokenizer: an elision needs a following word)
    assume(chars or seg["lang"] != "fr" or not query.rstrip().endswith(("’", "'")))
    frame = kwic(corpus, query, lang=seg["lang"], chars=chars, case=case, window=window).to_frame()
    check_offsets(frame, texts)
    assert frame["match"].map(_canon).eq(_canon(query)).all()
    found = frame[(frame.doc_id == seg["doc_id"]) & (frame.seg_id == seg["seg_id"]) & (frame.start <= start)
                  & (frame.end >= end)]
    assert len(found) >= 1, (query, seg["lang"])


# ---------------------------------------------------------------------- command line
def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_table(capsys):
    code, out, err = run(capsys, "kwic", "责任", "--lang", "zh")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["doc_id", "lang", "seg_id", "left", "match", "right"] and len(lines) == 5
    columns = {sum(1 + (unicodedata.east_asian_width(c) in "WF") for c in line[:line.index("责任", 30)])
               for line in lines[1:]}
    assert len(columns) == 1  # left context right-aligned: the matches line up on screen


def test_cli_csv_json_and_sort(capsys):
    code, out, _ = run(capsys, "kwic", "respons*", "--lang", "fr", "--format", "csv", "--sort", "R1", "--window", "2")
    frame = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert code == 0 and list(frame.columns) == COLUMNS and len(frame) == 7
    assert frame["right"].tolist()[:2] == [".", " des départements"]
    code, out, _ = run(capsys, "kwic", "责任", "--chars", "--lang", "zh", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 14 and {"left", "match", "right", "align_id"} <= set(rows[0])


def test_cli_parallel(capsys):
    code, out, _ = run(capsys, "kwic", "责任", "--lang", "zh", "--parallel", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 4
    for row in rows:
        assert row["text_vi"] if row["doc_id"] == ZH_VI else row["text_fr"].startswith("Le 18 juin 2015")
    code, out, _ = run(capsys, "kwic", "军令状", "--parallel")
    assert code == 0 and "text_fr" in out.splitlines()[0] and "La mise en place" in out


def test_cli_html(capsys):
    code, out, _ = run(capsys, "kwic", "攻坚", "--chars", "--parallel", "--format", "html", "--unit", "chars")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and out.count("<mark") == 14 and "aligned fr" in out


def test_cli_errors(capsys):
    code, _, err = run(capsys, "kwic", "(", "--regex")
    assert code == 1 and "not valid" in err
    code, _, err = run(capsys, "kwic", "x", "--window", "-2")
    assert code == 1 and "window" in err
    with pytest.raises(SystemExit) as exit_:
        main(["kwic", "x", "--sort", "R9"])
    assert exit_.value.code == 2
