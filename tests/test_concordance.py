"""Keyword in context and the parallel concordance (issue 5)."""

from __future__ import annotations

import doctest
import importlib
import io
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import discourse
from discourse.cli import main
from discourse.errors import InputError
from discourse.concordance import COLUMNS, Concordance, kwic
from discourse.explorer import kwic_explorer
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
    assert list(frame.columns) == COLUMNS + ["text_fr", "text_vi", "rendering_fr", "status_fr", "rendering_vi",
                                             "status_vi"]  # the renderings: tests/test_kwic_renderings.py
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


@pytest.mark.parametrize("options", [dict(lang="fr"), dict(lang="fr", parallel=True)])
def test_changing_a_table_changes_neither_the_concordance_nor_its_next_table(corpus, options):
    conc = kwic(corpus, "respons*", **options)
    before = conc.to_frame()
    table = conc.to_frame()
    assert table is not before
    table.loc[0, "start"], table.loc[1, "end"] = 0, 0  # the offsets were the concordance's own arrays
    table.loc[2, "match"] = "changed"
    table["left"] = "x"
    pd.testing.assert_frame_equal(conc.to_frame(), before)
    pd.testing.assert_frame_equal(conc.sort("position").to_frame(), before)
    assert conc.to_text() == kwic(corpus, "respons*", **options).to_text()
    fresh = kwic(corpus, "respons*", **options)
    first = fresh.to_frame()  # the first table is the caller's own: changing it changes no later one
    first.loc[0, "match"], first["left"] = "changed", "x"
    pd.testing.assert_frame_equal(fresh.to_frame(), before)


@pytest.mark.parametrize("query, options", [("respons*", dict(lang="fr")), ("攻坚", dict(chars=True, sort="R1")),
                                            ("军令状", dict(parallel=True, window=2)), ("zzzz", {}),
                                            ("责任", dict(unit="chars", window=4, doc_id=ZH_FR))])
def test_lines_are_the_context_strings_of_the_table(corpus, query, options):
    # issue 18: each hit's left, match and right text without building a table (NLTK's
    # find_concordance returns its lines so): the same strings as to_frame's, in its order
    conc = kwic(corpus, query, **options)
    lines = conc.lines()
    assert lines == list(conc.to_frame()[["left", "match", "right"]].itertuples(index=False, name=None))
    assert len(lines) == len(conc) and all(type(s) is str for line in lines for s in line)


def test_a_concordance_without_hits_has_the_columns_and_types_of_one_with_hits(corpus):
    none, some = kwic(corpus, "zzzz", lang="fr").to_frame(), kwic(corpus, "respons*", lang="fr").to_frame()
    assert len(none) == 0 and list(none.columns) == COLUMNS
    assert none.dtypes.to_dict() == some.dtypes.to_dict()  # left, match, right were float64


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
    j = min(i + k, int(toks.segment_bounds()[row + 1])) - 1
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
    renderings = out.count('<mark class="discourse-rendering"')  # the hits' renderings (test_kwic_renderings.py)
    assert code == 0 and out.startswith("<!DOCTYPE html>") and out.count("<mark") - renderings == 14
    assert renderings > 0 and "aligned fr" in out


def test_cli_errors(capsys):
    code, _, err = run(capsys, "kwic", "(", "--regex")
    assert code == 1 and "not valid" in err
    code, _, err = run(capsys, "kwic", "x", "--window", "-2")
    assert code == 1 and "window" in err
    with pytest.raises(SystemExit) as exit_:
        main(["kwic", "x", "--sort", "R9"])
    assert exit_.value.code == 2


# ---------------------------------------------------------------------- the parallel view, readable (issue 13.7)
def _paragraphs(conc):
    """The distinct aligned texts of a parallel concordance, by language, and its units."""
    frame = conc.to_frame()
    langs = [c[len("text_"):] for c in frame.columns if c.startswith("text_")]
    texts = {lang: sorted({t for t in frame[f"text_{lang}"] if t}) for lang in langs}
    return frame, texts


def _unmarked(page: str) -> str:
    """The HTML with the highlighting tags taken out (the text as a reader sees it)."""
    import re

    return re.sub(r"</?mark[^>]*>", "", page)


@pytest.mark.parametrize("glossary", [None, {"攻坚": {"vi": ["công kiên"], "fr": ["lutte", "bataille*"]}}],
                         ids=["no glossary", "glossary"])
def test_parallel_html_shows_each_aligned_paragraph_once_per_unit(corpus, glossary):
    import html as html_lib

    conc = kwic(corpus, "攻坚", chars=True, parallel=True, glossary=glossary)
    frame, texts = _paragraphs(conc)
    units = frame.groupby(["doc_id", "align_id"]).size()
    assert len(frame) == 14 and units.max() == 7  # 7 hits in one unit: its paragraph was shown 7 times
    page = _unmarked(conc.to_html())
    for lang, paragraphs in texts.items():
        assert paragraphs, lang
        for text in paragraphs:
            assert page.count(html_lib.escape(text)) == 1, (lang, text[:40])
    # the hits of a unit are shown together, then the unit's translations
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", conc.to_html(), re.S)
    shown = [re.search(r"(\d+) · unit (\d+)", r).groups() if "· unit" in r else "aligned" for r in rows[1:]]
    assert shown.count("aligned") == len(units)
    assert [s for s in shown if s != "aligned"] == [(str(s), str(a)) for s, a in zip(frame["seg_id"], frame["align_id"])]


def test_parallel_html_marks_every_equivalent_once(corpus):
    glossary = {"攻坚": {"vi": ["công kiên"], "fr": ["lutte", "bataille*"]}, "军令状": {"fr": ["acte d'engagement"]}}
    conc = kwic(corpus, ["攻坚", "军令状"], chars=True, glossary=glossary)
    page = conc.to_html()
    vi = corpus.filter(doc_id=ZH_VI, lang="vi", align_id=2).segments["text"].iloc[0]
    assert page.count(">công kiên</mark>") == vi.lower().count("công kiên") == 7
    fr = corpus.filter(doc_id=ZH_FR, lang="fr", align_id=3).segments["text"].iloc[0]
    assert page.count(">lutte</mark>") == fr.count("lutte") >= 1
    assert page.count(">acte d’engagement</mark>") == 1
    # unit 2 of the French document: 军令状 has its equivalent, 攻坚 has none, and the view says so
    assert "no equivalent of 攻坚" in page


def test_parallel_html_bounds_and_wraps_the_aligned_text(corpus):
    conc = kwic(corpus, "攻坚", chars=True, parallel=True)
    page = conc.to_html()
    paragraphs = sum(len(t) for t in _paragraphs(conc)[1].values())
    assert paragraphs == 3  # vi: unit 2 of one document; fr: units 2 and 3 of the other
    assert "minmax(24em,40em)" in page  # each aligned text: a column between 24 and 40 em wide
    assert page.count("min-width:24em;max-width:40em;white-space:normal;overflow-wrap:anywhere") == paragraphs
    assert "table-layout:auto" in page  # JupyterLab's tables are table-layout:fixed
    assert not re.search(r"<link|<script|@import|url\(|https?:", page), "the view loads nothing"


def _lab_page(fragment: str, width: int) -> str:
    """A concordance fragment as JupyterLab shows it: inside an output area, with its CSS."""
    from jupyter_core.paths import jupyter_path

    css = next((Path(p) / "index.css" for p in jupyter_path("nbconvert", "templates", "lab", "static")
                if (Path(p) / "index.css").is_file()), None)
    if css is None:
        pytest.skip("JupyterLab's stylesheet (nbconvert's lab template) is not installed")
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css.read_text(encoding="utf-8")}</style>'
            f'</head><body><div class="jp-OutputArea-output jp-RenderedHTMLCommon" style="width:{width}px">'
            f"{fragment}</div></body></html>")


def test_parallel_view_in_a_browser_is_never_squeezed_nor_wider_than_the_notebook(corpus):
    import os

    from .test_browser import CHROMIUM, _missing_browser

    missing = _missing_browser()
    if missing:
        if os.environ.get("DISCOURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    conc = kwic(corpus, "攻坚", chars=True, parallel=True)
    starts = [t[:30] for texts in _paragraphs(conc)[1].values() for t in texts]
    script = """(starts) => {
      const area = document.querySelector('.jp-OutputArea-output');
      const em = parseFloat(getComputedStyle(area).fontSize);
      const widths = starts.map(s => {
        let box = null;  // the innermost element holding the whole paragraph
        for (const el of area.querySelectorAll('td, div')) {
          if (el.textContent.includes(s) && (!box || box.contains(el))) box = el;
        }
        return box.getBoundingClientRect().width / em;
      });
      return {widths, table: area.querySelector('table').getBoundingClientRect().width,
              area: area.getBoundingClientRect().width};
    }"""
    got = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for width in (1000, 400):  # a notebook beside the file browser; a narrow window
                page.set_content(_lab_page(conc.to_html(), width))
                got[width] = page.evaluate(script, starts)
        finally:
            browser.close()
    for width, found in got.items():
        assert len(found["widths"]) == len(starts) == 3
        assert all(24 - 0.01 <= w <= 40 + 0.01 for w in found["widths"]), (width, found)  # wrapped, never squeezed
    assert got[1000]["table"] <= got[1000]["area"] + 0.5, got  # no sideways scrolling in a 1000-pixel notebook


# ---------------------------------------------------------------------- the parallel table in a terminal
def test_cli_parallel_table_shows_unit_offsets_and_bounded_excerpts(capsys, corpus):
    code, out, err = run(capsys, "kwic", "攻坚", "--chars", "--parallel")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["doc_id", "lang", "seg_id", "align_id", "start", "end", "left", "match", "right",
                                "text_fr", "text_vi"]
    frame = kwic(corpus, "攻坚", chars=True, parallel=True).to_frame()
    assert len(lines) == 1 + len(frame) == 15
    for line, row in zip(lines[1:], frame.itertuples()):
        assert line.split()[:6] == [row.doc_id, row.lang, str(row.seg_id), str(row.align_id), str(row.start),
                                    str(row.end)]
    longest = max(len(t) for t in frame["text_vi"].tolist() + frame["text_fr"].tolist())
    assert longest > 1000  # the paragraphs are long …
    width = max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in lines)
    assert width <= 200, width  # … the table is not
    assert not any(t[:80] in out for t in frame["text_vi"] if t)  # an excerpt, not the paragraph
    # the whole texts stay in csv and json
    code, out, _ = run(capsys, "kwic", "攻坚", "--chars", "--parallel", "--format", "csv")
    back = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert code == 0 and back["text_vi"].tolist() == frame["text_vi"].tolist()


def test_cli_glossary_highlights_the_equivalent_in_the_table(capsys):
    code, out, err = run(capsys, "kwic", "攻坚", "--chars", "--glossary", "poverty_alleviation")
    assert code == 0, err
    lines = out.splitlines()
    header = lines[0].split()
    assert header[3:6] == ["align_id", "start", "end"] and header[-2:] == ["text_fr", "text_vi"]
    zh_vi = [line for line in lines[1:] if line.startswith(ZH_VI)]
    assert len(zh_vi) == 7 and all("[công kiên]" in line for line in zh_vi)
    assert any("[acte d’engagement]" in line for line in lines if line.startswith(ZH_FR))
    code, out, _ = run(capsys, "kwic", "攻坚", "--chars", "--glossary", "poverty_alleviation", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and {"equiv_fr", "equiv_vi", "text_fr"} <= set(rows[0])
    code, _, err = run(capsys, "kwic", "攻坚", "--glossary", "no_such_lexicon")
    assert code == 1 and "no_such_lexicon" in err


def test_a_glossary_lexicon_looks_up_its_terms_without_warning_about_them(corpus):
    # the glossary's terms are looked for to mark equivalents, not searched for: a bundled
    # lexicon term found only inside longer words (开发 in 扶贫开发) is no warning to the user
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        conc = discourse.kwic(corpus, "军令状", parallel=True, glossary=discourse.load_lexicon())
    assert len(conc) == 1 and "text_fr" in conc.to_frame()


# ---------------------------------------------------------------------- the one-word quick path (issue 18)
def _recorded(fn):
    """``fn()`` and the warnings it gave, as (category, message)."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn()
    return out, [(w.category, str(w.message)) for w in caught]


def _query_words(toks, sample=None):
    """Distinct words to ask: each language's norms and surface forms, with case variants
    (upper, capitalised), forms with a typo, punctuation, and words that are nowhere."""
    import random

    frame = toks.to_frame(columns=["lang", "token", "norm"])
    words = set(frame["norm"]) | set(frame["token"])
    if sample is not None:
        words = set(random.Random(18).sample(sorted(words), sample))
    words |= {w.upper() for w in words} | {w.capitalize() for w in words} | {w + "zq" for w in list(words)[:300]}
    return sorted(w for w in words if w.strip() and len(w.split()) == 1)


def _both_paths(toks, words, langs):
    """Per word and language, the quick path's hits and warnings beside the general path's."""
    from discourse._kwic import context_bounds
    from discourse._word_hits import word_hits
    from discourse.query import find_hits

    answered = 0
    for word in words:
        for lang in langs:
            quick, quick_warned = _recorded(lambda: word_hits(toks, word, lang=lang, window=5))
            general, general_warned = _recorded(lambda: find_hits(toks, word, lang=lang))
            general["lo"], general["hi"] = context_bounds(toks, general, 5, "tokens")
            if quick is None:  # the general path answers (the word is several tokens)
                assert not quick_warned, word
                continue
            answered += 1
            assert {c: list(v) for c, v in quick.items()} == {c: v.tolist() for c, v in general.items()}, (word, lang)
            assert quick_warned == general_warned, (word, lang)
    return answered


def test_one_word_quick_path_gives_what_the_general_path_gives(corpus):
    """Every distinct word of the seeds (and its case variants, absent variants,
    punctuation) in every language and in all at once: the same hits, context bounds and
    warnings by the quick path as by the general search."""
    toks = corpus.tokens()
    words = _query_words(toks)
    langs = [None, *toks.lang_rows()]
    answered = _both_paths(toks, words, langs)
    assert answered > 0.8 * len(words) * len(langs)  # the quick path answers nearly all of them


def test_one_word_quick_path_agrees_on_the_french_novels(shared):
    """A sample of the words of a French novel of the benchmark corpus (its own case and
    apostrophes, many rare words)."""
    path = sorted((shared / "bench" / "fr_eltec").glob("*.txt"))[0]
    toks = discourse.read_table(pd.DataFrame({"doc_id": [path.stem], "lang": "fr",
                                              "text": [path.read_text(encoding="utf-8")[:200_000]]})).tokens(cache=False)
    words = _query_words(toks, sample=1500)
    assert _both_paths(toks, words, [None, "fr"]) > 0.8 * len(words) * 2


@pytest.mark.parametrize("window", [0, 1, 5, 40, 100_000])
@pytest.mark.parametrize("unit", ["tokens", "chars"])
def test_context_bounds_of_many_hits_are_those_of_few_hits(corpus, window, unit):
    """The bounds of the vectorised path (more than 16 hits) are those computed hit by hit,
    at every token of the seeds and of segments that begin and end with spaces and punctuation
    (or hold no token): the first and last of each segment (contexts that run past its edges)
    included, whatever the window."""
    import numpy as np

    from discourse._kwic import context_bounds, few_bounds

    edges = discourse.Corpus(pd.DataFrame({"doc_id": "edges", "lang": "fr", "seg_id": range(8), "text": [
        "  « Bonjour », dit-il.  ", "   ", "… l'État, enfin !", " — Oui. "] * 2}))
    for toks in (corpus.tokens(), edges.tokens()):
        first = np.arange(len(toks), dtype=np.int64)
        hits = {"seg_row": toks.seg_row[first].astype(np.int64), "first": first, "last": first + 1,
                "start": toks.start[first].astype(np.int64), "end": toks.end[first].astype(np.int64)}
        columns = [hits[c].tolist() for c in ("seg_row", "first", "last", "start", "end")]
        lo, hi = context_bounds(toks, hits, window, unit)
        assert len(first) > 16
        assert (lo.tolist(), hi.tolist()) == few_bounds(toks, columns, window, unit)


@pytest.mark.parametrize("options", [{}, {"window": 0}, {"window": 12, "unit": "chars"}, {"sort": "R1"},
                                     {"doc_id": ZH_FR}, {"lang": "vi", "window": 1000}, {"parallel": True}])
def test_kwic_of_one_word_is_the_same_by_both_paths(corpus, monkeypatch, options):
    """The concordances of many words (rare, frequent, absent, case variants) by the quick
    path and by the general one (the quick path turned off): same table, lines, text,
    HTML, length and warnings."""
    import discourse._word_hits as word_module

    toks = corpus.tokens()
    words = _query_words(toks, sample=60) + ["的", "责任", "responsabilité", "Trách", "nghèo", "zzzz"]
    if "parallel" in options:  # its renderings take long: fewer words
        words = words[::8]

    def outputs(word):
        conc, warned = _recorded(lambda: kwic(corpus, word, **options))
        return conc.to_frame(), conc.lines(), conc.to_text(), conc.to_html(), len(conc), warned

    quick = [outputs(w) for w in words]
    monkeypatch.setattr(word_module, "word_hits", lambda *args, **kwargs: None)
    for word, fast in zip(words, quick):
        slow = outputs(word)
        pd.testing.assert_frame_equal(fast[0], slow[0])
        assert fast[1:] == slow[1:], word
