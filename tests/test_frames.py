"""Frame lexicons, frame profiles, translation shifts and their plots, on the seed corpus.

Golden cases are in ``tests/data/frames/``: ``mini.csv`` (a lexicon saved the way a
French-locale spreadsheet saves CSV) with the profile and shifts it must give on the
seed corpus (``mini_profile.csv``, ``mini_shifts.csv``, checked by hand against the
token listing), and one malformed lexicon per error with the file, line and message
it must be refused with (``malformed.csv``).
"""

from __future__ import annotations

import io
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

import discourse
from discourse import plot
from discourse.cli import main
from discourse.errors import InputError
from discourse.frames import (
    Lexicon,
    frame_hits,
    frame_profile,
    lexicon_coverage,
    load_lexicon,
    shift_summary,
    translation_shifts,
)

from .conftest import ROOT

DATA = ROOT / "tests" / "data" / "frames"
DOC_VI, DOC_FR = "000_6faf780c4d1388a2", "003_90d6e10e09142168"


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


@pytest.fixture(scope="module")
def mini():
    return Lexicon.read(DATA / "mini.csv")


@pytest.fixture(scope="module")
def shifts(corpus):
    return translation_shifts(corpus)


pytestmark = pytest.mark.usefixtures("agg")  # the Agg backend, figures closed (conftest)


# ----------------------------------------------------------------------------- lexicons
def test_read_spreadsheet_csv(mini):
    """BOM, semicolons, a comment line, an empty line, an empty kind, a quoted cell."""
    assert mini.name == "mini" and len(mini) == 12 and mini.langs == ["fr", "vi", "zh"]
    assert mini.names == ["battle", "responsibility"]
    assert mini.frames.set_index("frame").loc["battle", "label"] == "Battle metaphor"
    terms = mini.terms.set_index("term")
    assert terms.loc["*攻坚*", "kind"] == "literal"  # empty kind
    assert terms.loc["élimination de la pauvreté", "kind"] == "neutral"  # NEUTRAL, any case
    assert terms.loc["acte d'engagement", "note"] == "for 责任书; also 军令状"


@pytest.mark.parametrize("case", pd.read_csv(DATA / "malformed.csv", keep_default_na=False).to_dict("records"),
                         ids=lambda c: c["read"])
def test_malformed_lexicon_is_refused_with_file_and_line(case):
    with pytest.raises(InputError) as err:
        Lexicon.read(DATA / case["read"])
    assert err.value.path == str(DATA / case["file"])
    assert err.value.line == (int(case["line"]) if case["line"] != "" else None)
    assert case["message"] in str(err.value)
    if case["line"] != "":
        assert f"{case['file']}, line {case['line']}: " in str(err.value)


def test_from_dict_validates_and_names_the_entry():
    with pytest.raises(InputError, match=r"frame 'battle', lang 'fra', term 'bataille': unknown language"):
        Lexicon.from_dict({"battle": {"fra": ["bataille"]}})
    with pytest.raises(InputError, match="the term is empty"):
        Lexicon.from_dict({"battle": {"fr": ["bataille", " "]}})
    with pytest.raises(InputError, match="listed twice"):
        Lexicon.from_dict({"battle": {"fr": {"literal": ["lutte"], "neutral": ["Lutte"]}}})
    with pytest.raises(InputError, match="unknown kind 'metaphor'"):
        Lexicon.from_dict({"battle": {"fr": {"metaphor": ["lutte"]}}})
    with pytest.raises(InputError, match="dict"):
        Lexicon.from_dict({})


def test_dict_lexicon_works_like_the_file(corpus, mini):
    as_dict = {
        "battle": {"zh": ["*攻坚*", "军令状"], "vi": ["trận chiến", "công kiên", "đánh thắng"],
                   "fr": {"literal": ["bataille*", "lutt*"],
                          "neutral": ["acte d'engagement", "élimination de la pauvreté"]}},
        "responsibility": {"zh": "责任制", "vi": ["chế độ trách nhiệm"], "fr": ["responsabilit*"]},
    }
    lex = Lexicon.from_dict(as_dict, definitions={"battle": "Poverty as an enemy to storm."})
    assert lex.frames.set_index("frame").loc["battle", "definition"] == "Poverty as an enemy to storm."
    pd.testing.assert_frame_equal(frame_profile(corpus, lex), frame_profile(corpus, mini))
    pd.testing.assert_frame_equal(translation_shifts(corpus, as_dict), translation_shifts(corpus, mini))


def test_bundled_lexicons():
    lex = load_lexicon()
    assert lex.name == "poverty_alleviation" and lex.langs == ["en", "fr", "vi", "zh"]
    assert lex.names == ["battle", "responsibility", "central_leadership", "multilevel_governance", "precision",
                         "development", "system"]
    terms = lex.terms
    literal = terms[terms["kind"] == "literal"]
    assert (literal.groupby("frame")["lang"].nunique() == 4).all()  # every frame in every language
    neutral = terms[terms["kind"] == "neutral"]
    assert set(neutral["frame"]) == {"battle"} and set(neutral["lang"]) == {"zh", "vi", "fr", "en"}
    for term in ["*攻坚*", "打赢", "*战场", "军令状", "决战"]:
        assert term in set(literal.query("frame == 'battle' and lang == 'zh'")["term"])
    assert {"élimination de la pauvreté", "acte d'engagement"} <= set(neutral.query("lang == 'fr'")["term"])
    assert (lex.frames["definition"].str.len() > 50).all() and (lex.frames["sources"] != "").all()
    mfc = load_lexicon("media_frames")
    assert len(mfc.names) == 14 and mfc.langs == ["en", "fr"]
    assert (mfc.terms.groupby("frame")["lang"].nunique() == 2).all()
    assert mfc.frames["sources"].str.contains("TEMPLATE").all()  # marked as a starting point
    assert load_lexicon(lex) is lex
    with pytest.raises(InputError, match="no such lexicon file"):
        load_lexicon("no_such_lexicon")


def test_lexicon_views_escape_html():
    lex = Lexicon.from_dict({"<script>alert(1)</script>": {"fr": ["<b>gras</b>"]}}, name="<i>x</i>")
    page = lex._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;i&gt;x&lt;/i&gt;" in page
    assert "<Lexicon '<i>x</i>': 1 frames, 1 terms in fr>" == repr(lex)
    assert list(lex.to_frame().columns) == ["frame", "label", "lang", "term", "kind", "note"]


# ----------------------------------------------------------------------------- matching
def test_terms_match_our_tokens_as_the_lexicon_says(corpus):
    lex = {"f": {"zh": ["攻坚", "*攻坚战"], "vi": ["đánh thắng"], "fr": ["acte d'engagement"]}}
    hits = frame_hits(corpus, lex)
    by_term = hits.groupby("term")["match"].agg(set)
    assert by_term["攻坚"] == {"攻坚"}  # the token 攻坚 only, not inside 脱贫攻坚战
    assert by_term["*攻坚战"] == {"脱贫攻坚战"}
    assert by_term["đánh thắng"] == {"đánh thắng"}  # two tokens in the text
    assert by_term["acte d'engagement"] == {"acte d’engagement"}  # typographic apostrophe in the text
    seg = corpus.segments
    assert all(seg.loc[(seg["doc_id"] == d) & (seg["seg_id"] == s), "text"].iloc[0][a:b] == m
               for d, s, a, b, m in zip(hits["doc_id"], hits["seg_id"], hits["start"], hits["end"], hits["match"]))
    assert not (hits["role"] == "meta").any()  # "Thoát nghèo" in the series line is not counted


def test_overlapping_terms_leftmost_longest_wins(corpus):
    lex = {"battle": {"fr": {"literal": ["lutte"], "neutral": ["la lutte contre la pauvreté"]}}}
    hits = frame_hits(corpus, lex)
    assert hits[["kind", "match"]].values.tolist() == [["neutral", "la lutte contre la pauvreté"]]


def test_coverage_lists_terms_without_hits(corpus):
    cov = lexicon_coverage(corpus)
    assert set(cov["lang"]) == {"zh", "vi", "fr"}  # the corpus has no English
    row = cov.query("frame == 'battle' and term == '*攻坚*'").iloc[0]
    assert row["hits"] == 14 and row["forms"] == "脱贫攻坚战; 脱贫攻坚; 攻坚"
    assert cov.query("term == '决战'")["hits"].tolist() == [0]


# ----------------------------------------------------------------------------- profiles
def test_golden_profile(corpus, mini):
    expected = pd.read_csv(DATA / "mini_profile.csv", keep_default_na=False)
    got = frame_profile(corpus, mini)[list(expected.columns)]
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_profile_columns_and_formulas(corpus):
    p = frame_profile(corpus)
    assert list(p.columns) == ["doc_id", "lang", "frame", "hits", "tokens", "per_1k", "units", "units_with_frame",
                               "unit_share", "terms", "neutral_hits", "neutral_terms"]
    assert len(p) == 2 * 2 * 7  # documents × languages × frames
    assert (p["per_1k"] == 1000 * p["hits"] / p["tokens"]).all()
    assert (p["unit_share"] == p["units_with_frame"] / p["units"]).all()
    toks = corpus.tokens().to_frame(punct=False)
    words = toks[toks["role"] != "meta"].groupby(["doc_id", "lang"]).size()
    assert all(words[(d, l)] == n for d, l, n in zip(p["doc_id"], p["lang"], p["tokens"]))
    assert p.query("doc_id == @DOC_FR and lang == 'fr'")["units"].unique().tolist() == [2]  # no French title
    battle_fr = p.query("doc_id == @DOC_FR and lang == 'fr' and frame == 'battle'").iloc[0]
    assert battle_fr["terms"] == "lutte (1); bataille (1)"
    assert battle_fr["neutral_terms"] == "élimination de la pauvreté (3); acte d’engagement (2)"


def test_profile_leaves_out_languages_the_lexicon_does_not_cover(corpus):
    p = frame_profile(corpus, "media_frames")
    assert set(p["lang"]) == {"fr"}  # en and fr terms only: no zh or vi rows
    assert p["frame"].nunique() == 14


def test_inputs_are_not_changed(corpus, mini):
    before, terms = corpus.segments, mini.terms
    frame_profile(corpus, mini)
    translation_shifts(corpus, mini)
    pd.testing.assert_frame_equal(corpus.segments, before)
    pd.testing.assert_frame_equal(mini.terms, terms)


# ----------------------------------------------------------------------------- shifts
def test_golden_shifts(corpus, mini):
    expected = pd.read_csv(DATA / "mini_shifts.csv", keep_default_na=False)
    pd.testing.assert_frame_equal(translation_shifts(corpus, mini), expected, check_dtype=False)


def test_vietnamese_keeps_the_battle_frame_wherever_the_chinese_has_it(corpus, shifts):
    battle = shifts.query("doc_id == @DOC_VI and frame == 'battle' and target_lang == 'vi'")
    hits = frame_hits(corpus).query("doc_id == @DOC_VI and frame == 'battle' and kind == 'literal'")
    zh_units = set(hits.query("lang == 'zh'")["align_id"])
    assert zh_units == set(battle["align_id"]) == {2}
    assert (battle["status"] == "kept").all()
    assert battle["target_terms"].iloc[0].startswith("trận chiến; công kiên; đánh thắng")


def test_french_pledge_is_softened_and_the_decisive_battle_kept(corpus, shifts):
    """Per paragraph (aligned unit): the first French paragraph renders 《脱贫攻坚责任书》 as
    « acte d'engagement contre la pauvreté » and leaves out 立下"军令状": softened. The
    second keeps « lutte » and « bataille décisive »: kept, although most of its
    Chinese battle terms (脱贫攻坚 ×4) are rendered « élimination de la pauvreté »."""
    battle = shifts.query("doc_id == @DOC_FR and frame == 'battle'")
    assert battle[["align_id", "status"]].values.tolist() == [[2, "softened"], [3, "kept"]]
    first, second = battle.iloc[0], battle.iloc[1]
    assert first["source_terms"] == "脱贫攻坚; 军令状"
    assert first["target_terms"] == "acte d’engagement (neutral)"
    assert "bataille" in second["target_terms"].split("; ") and "战场" in second["source_terms"]
    # 军令状 has no French counterpart at all: the unit's only French battle term is neutral
    fr = frame_hits(corpus).query("doc_id == @DOC_FR and lang == 'fr' and align_id == 2 and frame == 'battle'")
    assert fr["kind"].tolist() == ["neutral"]
    assert 1 not in set(shifts.query("doc_id == @DOC_FR")["align_id"])  # the title has no French version


def test_every_decision_lists_its_terms(shifts):
    assert list(shifts.columns) == ["doc_id", "align_id", "frame", "source_lang", "target_lang", "status",
                                    "source_terms", "target_terms"]
    for row in shifts.itertuples():
        target = row.target_terms.split("; ") if row.target_terms else []
        literal = [t for t in target if not t.endswith(" (neutral)")]
        if row.status == "kept":
            assert row.source_terms and literal
        elif row.status == "softened":
            assert row.source_terms and target and not literal
        elif row.status == "dropped":
            assert row.source_terms and not target
        else:
            assert row.status == "added" and not row.source_terms and literal


def test_dropped_and_added():
    corpus = discourse.Corpus(pd.DataFrame({
        "doc_id": "d", "align_id": [1, 1, 2, 2], "lang": ["zh", "fr"] * 2,
        "text": ["打赢脱贫攻坚战。", "Réduire la pauvreté.",
                 "减少贫困。", "La bataille contre la pauvreté."]}))
    s = translation_shifts(corpus)
    assert s.query("frame == 'battle'")[["align_id", "status", "source_terms", "target_terms"]].values.tolist() == [
        [1, "dropped", "打赢; 脱贫攻坚战", ""], [2, "added", "", "bataille"]]


def test_summary_rates(shifts):
    summary = shift_summary(shifts)
    assert list(summary["frame"].unique())[:2] == ["battle", "responsibility"]  # the lexicon's order
    battle = summary.query("frame == 'battle'").set_index("target_lang")
    assert battle.loc["fr", ["source_units", "kept", "softened", "dropped", "added"]].tolist() == [2, 1, 1, 0, 0]
    assert battle.loc["fr", "kept_rate"] == 0.5 and battle.loc["fr", "softened_rate"] == 0.5
    assert battle.loc["vi", ["source_units", "kept"]].tolist() == [1, 1] and battle.loc["vi", "kept_rate"] == 1.0


def test_shift_arguments(corpus):
    assert set(translation_shifts(corpus, target="vi")["target_lang"]) == {"vi"}
    assert set(translation_shifts(corpus, source="fr")["target_lang"]) <= {"zh"}
    with pytest.raises(InputError, match="source language 'en'"):
        translation_shifts(corpus, source="en")
    with pytest.raises(InputError, match="no text in 'de'"):
        translation_shifts(corpus, target="de")


# ----------------------------------------------------------------------------- plots
def _draw(ax):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing" becomes a failure
        ax.figure.canvas.draw()


def test_plots_render_hanzi_and_vietnamese(corpus, shifts):
    profile = frame_profile(corpus)
    lex = Lexicon.from_dict({"脱贫攻坚 battle": {"zh": ["*攻坚*"], "vi": ["trận chiến", "công kiên"]}})
    zh_vi = frame_profile(corpus, lex)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        axes = [plot.frame_heatmap(profile),
                plot.frame_heatmap(zh_vi, title="trận chiến công kiên · 脱贫攻坚战"),
                plot.frame_bars(profile, value="per_1k"), plot.shifts(shifts, title="脱贫攻坚 → thoát nghèo"),
                plot.frame_strip(corpus, lex, title="Trung ương trù tính chung · 中央统筹")]
    for ax in axes:
        _draw(ax)
        assert isinstance(ax, matplotlib.axes.Axes)
    heat = axes[0]
    assert [t.get_text() for t in heat.get_xticklabels()] == ["fr", "vi", "zh"]
    assert [t.get_text() for t in heat.get_yticklabels()][0] == "battle"
    assert "not comparable across languages" in axes[2].get_xlabel()
    assert "share of aligned units" in heat.get_xlabel()
    assert axes[4].get_yticklabels()[0].get_text() == "脱贫攻坚 battle"


def test_plots_draw_on_a_given_ax_and_count_marks(corpus, shifts):
    from discourse.plot import subplots

    fig, axes = subplots(1, 2)
    assert plot.frame_bars(frame_profile(corpus), ax=axes[0]) is axes[0]
    assert len(axes[0].patches) == 3 * 7  # languages × frames
    assert plot.shifts(shifts, ax=axes[1]) is axes[1]
    assert len(axes[1].patches) == 4 * len(shift_summary(shifts))  # one bar per status and row
    ax = plot.frame_strip(corpus, doc_id=DOC_FR, frames=["battle"])
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == len(frame_hits(corpus).query("doc_id == @DOC_FR and frame == 'battle'"))
    with pytest.raises(InputError, match="no document"):
        plot.frame_strip(corpus, doc_id="nope")
    with pytest.raises(InputError, match="no frame 'nope'"):
        plot.frame_strip(corpus, frames=["nope"])
    with pytest.raises(InputError, match="unit_share"):
        plot.frame_heatmap(frame_profile(corpus), value="hits")
    with pytest.raises(InputError, match="the profile is empty"):
        plot.frame_bars(frame_profile(corpus.filter(lang="zh"), "media_frames"))


@pytest.mark.parametrize("old, new", [("plot_frame_heatmap", "frame_heatmap"), ("plot_frame_bars", "frame_bars"),
                                      ("plot_shifts", "shifts"), ("plot_frame_strip", "frame_strip")])
def test_old_plot_names_warn_and_draw_the_same(corpus, shifts, old, new):
    """Issue 14: the frame plots moved to discourse.plot; the old names work for one release."""
    tables = {"plot_shifts": shifts, "plot_frame_strip": corpus}
    table = tables[old] if old in tables else frame_profile(corpus)
    with pytest.warns(FutureWarning, match=rf"discourse\.{old} is deprecated.*use discourse\.plot\.{new}\b"):
        before = getattr(discourse, old)(table, title="t")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the new name does not warn
        after = getattr(plot, new)(table, title="t")
    assert len(before.patches) == len(after.patches) and len(before.collections) == len(after.collections)
    assert [t.get_text() for t in before.get_yticklabels()] == [t.get_text() for t in after.get_yticklabels()]
    assert before.get_title() == after.get_title() == "t"


def test_frames_draws_nothing_and_names_where_its_old_plots_went():
    """Issue 14: discourse.frames does not import discourse.plot (no circle); its old plot
    names say where the plots are now."""
    with pytest.raises(AttributeError, match=r"discourse\.frames\.plot_shifts moved to discourse\.plot\.shifts"):
        discourse.frames.plot_shifts  # noqa: B018
    assert not [name for name in discourse.frames.__all__ if "plot" in name]


# ----------------------------------------------------------------------------- CLI
def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_frames(capsys):
    code, out, err = run(capsys, "frames", "--format", "csv")
    assert code == 0, err
    df = pd.read_csv(io.StringIO(out))
    assert {"doc_id", "lang", "frame", "hits", "per_1k", "unit_share"} <= set(df.columns)
    assert len(df) == 28
    code, out, err = run(capsys, "frames", "--lexicon", str(DATA / "mini.csv"))
    assert code == 0 and "công kiên (7)" in out


def test_cli_shifts(capsys):
    code, out, err = run(capsys, "shifts", "--source", "zh", "--target", "fr", "--format", "json")
    assert code == 0, err
    df = pd.read_json(io.StringIO(out))
    assert list(df.columns) == ["doc_id", "align_id", "frame", "source_lang", "target_lang", "status",
                                "source_terms", "target_terms"]
    assert df.query("frame == 'battle'")["status"].tolist() == ["softened", "kept"]


def test_cli_malformed_lexicon_exits_1_with_file_and_line(capsys):
    code, out, err = run(capsys, "shifts", "--lexicon", str(DATA / "bad_lang.csv"))
    assert code == 1 and "bad_lang.csv, line 3" in err and "unknown language 'fra'" in err and not out
    code, _, err = run(capsys, "frames", "--lexicon", str(DATA / "no_terms.csv"))
    assert code == 1 and "no_terms.frames.csv, line 3" in err and "Traceback" not in err


# -- issue 18: one batched search for all the terms of a lexicon ------------------------------
OVERLAPPING = {
    "battle": {"zh": ["*攻坚*", "脱贫攻坚", "脱贫 攻坚", "攻坚 战", "打赢 脱贫攻坚战", "战*"],
               "fr": {"literal": ["lutte", "lutt*", "bataille*", "la lutte"],
                      "neutral": ["lutte contre la pauvreté", "lutte contre*", "acte d'engagement"]},
               "vi": ["chiến*", "*chiến", "cuộc chiến", "Giảm nghèo"]},
    "poverty": {"zh": ["贫困", "贫*", "*贫*"], "fr": ["pauvreté", "la pauvreté", "Pauvreté*"],
                "vi": ["nghèo", "giảm nghèo", "*nghèo*"], "en": ["poverty"]},
    "mixed": {"fr": {"literal": ["Lutte"], "neutral": ["la lutte contre", "pauvreté"]},
              "zh": {"neutral": ["攻坚"], "literal": ["*战"]}},
}


def _hits_term_by_term(corpus, lex) -> pd.DataFrame:
    """frame_hits as it was made before issue 18: one `find` a term, then the leftmost-longest scan."""
    from discourse.query import find

    toks, rows_ok, rows = corpus.tokens(), corpus.mask(role=["title", "body"]), []
    for (lang, term), entries in lex.terms.groupby(["lang", "term"], sort=False):
        if lang in corpus.langs:
            found = find(toks, term, lang=lang, warn=False)
            for r, first, last, start, end in found.itertuples(index=False):
                if rows_ok[r]:
                    rows += [(e.frame, e.kind, term, r, first, last, start, end) for e in entries.itertuples()]
    rank = {f: i for i, f in enumerate(lex.names)}
    rows.sort(key=lambda h: (rank[h[0]], h[3], h[4], -h[5], h[1] != "literal"))  # stable: term order breaks ties
    kept, ends = [], {}
    for h in rows:
        if h[4] >= ends.get((h[0], h[3]), -1):
            kept.append(h)
            ends[(h[0], h[3])] = h[5]
    kept.sort(key=lambda h: (h[3], h[4], rank[h[0]]))
    text = corpus.column("text")
    return [(f, k, t, int(r), text[r][s:e], int(s), int(e)) for f, k, t, r, _, _, s, e in kept]


def test_frame_hits_search_all_terms_at_once_with_the_same_hits(corpus, monkeypatch):
    import discourse.frames.profile as profile
    import discourse.query as query

    lex = load_lexicon(OVERLAPPING)
    expected = _hits_term_by_term(corpus, lex)

    def one_term(*args, **kwargs):
        raise AssertionError("frame_hits searched a term alone")

    monkeypatch.setattr(query, "find", one_term)
    monkeypatch.setattr(profile, "find", one_term, raising=False)
    hits = frame_hits(corpus, lex)
    rows = corpus.segments.reset_index(drop=True)
    row_of = {(d, s): i for i, (d, s) in enumerate(zip(rows["doc_id"], rows["seg_id"]))}
    got = [(f, k, t, row_of[(d, s)], m, a, b) for f, k, t, d, s, m, a, b in
           hits[["frame", "kind", "term", "doc_id", "seg_id", "match", "start", "end"]].itertuples(index=False)]
    assert len(expected) > 50 and got == expected
    assert {"mixed", "battle"} <= set(hits["frame"]) and "neutral" in set(hits["kind"])


def test_a_lexicon_file_is_read_once_while_unchanged(tmp_path, monkeypatch):
    import discourse.frames.lexicon as lexicon

    path = tmp_path / "mine.csv"
    path.write_text("frame,lang,term\nbattle,fr,lutte\n", encoding="utf-8")
    reads = []
    read_csv = lexicon._read_csv
    monkeypatch.setattr(lexicon, "_read_csv", lambda *a, **k: reads.append(a) or read_csv(*a, **k))
    assert load_lexicon(path).terms["term"].tolist() == ["lutte"]
    assert load_lexicon(path).terms["term"].tolist() == ["lutte"]
    assert len(reads) == 1
    path.write_text("frame,lang,term\nbattle,fr,lutte\nbattle,fr,combat\n", encoding="utf-8")
    assert load_lexicon(path).terms["term"].tolist() == ["lutte", "combat"]  # changed: read again


def test_the_hits_of_a_term_list_are_searched_once_per_tokens(corpus, monkeypatch):
    from discourse.frames import _match

    searches = []
    search = _match._match_terms
    monkeypatch.setattr(_match, "_match_terms", lambda *a: searches.append(a[1]) or search(*a))
    lex = load_lexicon({"once": {"fr": ["lutte", "acte d'engagement"], "zh": ["*攻坚*"]}})
    first = frame_hits(corpus, lex)
    assert len(searches) == 1 and len(first) > 10
    pd.testing.assert_frame_equal(frame_hits(corpus, lex), first)
    assert len(searches) == 1  # read back: the same hits
    kept = _match.match_terms(corpus.tokens(), list(searches[0]))
    assert len(searches) == 1 and not kept["start"].flags.writeable  # the kept arrays cannot be changed
    for k in range(_match.KEPT):  # other term lists: the oldest are dropped, at most KEPT kept
        _match.match_terms(corpus.tokens(), [("fr", f"mot{k}")])
    assert len(corpus.tokens().memo(("match_terms",), dict)) <= _match.KEPT
    assert len(frame_hits(corpus, lex)) == len(first) and len(searches) == 2 + _match.KEPT


def _repeated(corpus, copies: int):
    """The corpus `copies` times, as new documents (what the benchmark measures on)."""
    seg, docs = corpus.segments, corpus.documents
    return discourse.Corpus(pd.concat([seg.assign(doc_id=seg["doc_id"] + f"_{k}") for k in range(copies)],
                                      ignore_index=True),
                            pd.concat([docs.assign(doc_id=docs["doc_id"] + f"_{k}") for k in range(copies)],
                                      ignore_index=True))


def test_profile_and_shifts_count_the_hits_without_making_their_table(corpus, monkeypatch):
    import discourse.frames.profile as profile
    import discourse.frames.shifts as shifts
    from discourse.frames._forms import form

    big, lex = _repeated(corpus, 3), load_lexicon(OVERLAPPING)
    hits = frame_hits(big, lex)

    def no_table(*args, **kwargs):
        raise AssertionError("the hit table was made")

    monkeypatch.setattr(profile, "frame_hits", no_table)
    monkeypatch.setattr(shifts, "frame_hits", no_table, raising=False)
    p = frame_profile(big, lex).set_index(["doc_id", "lang", "frame"])
    s = translation_shifts(big, lex)
    keys = ["doc_id", "lang", "frame"]
    lit = hits[hits["kind"] == "literal"]
    counted = p[p["hits"] > 0]
    assert counted["hits"].sum() == len(lit) and len(counted) > 20
    assert counted["hits"].to_dict() == lit.groupby(keys).size().to_dict()
    assert counted["units_with_frame"].to_dict() == lit.groupby(keys)["align_id"].nunique().to_dict()
    for key, group in list(lit.groupby(keys))[:40]:
        forms = group["match"].map(form).value_counts(sort=False)
        assert sorted(p.loc[key, "terms"].split("; ")) == sorted(f"{f} ({n})" for f, n in forms.items())
    assert (p["tokens"] > 0).all() and {"kept", "softened"} <= set(s["status"]) and len(s) > 20
    on_unit = hits.dropna(subset=["align_id"])
    for row in s.head(60).itertuples():
        unit = on_unit[(on_unit["doc_id"] == row.doc_id) & (on_unit["align_id"] == row.align_id)
                       & (on_unit["frame"] == row.frame)]
        source = unit[(unit["lang"] == row.source_lang) & (unit["kind"] == "literal")]
        assert row.source_terms == "; ".join(dict.fromkeys(source["match"].map(form)))
        assert (row.status == "added") == source.empty


def test_match_texts_are_made_once_per_distinct_text_and_the_hash_has_a_fallback(corpus, monkeypatch):
    import discourse.frames._codes as codes
    import discourse.frames._forms as forms
    import discourse.frames._hits as hits_module

    big, lex = _repeated(corpus, 3), load_lexicon(OVERLAPPING)
    hits = frame_hits(big, lex)
    texts = big.column("text")
    rows = pd.Index(list(zip(big.column("doc_id"), big.column("seg_id")))).get_indexer(
        list(zip(hits["doc_id"], hits["seg_id"])))
    assert hits["match"].tolist() == [texts[r][s:e] for r, s, e in zip(rows, hits["start"], hits["end"])]
    assert len({id(m) for m in hits["match"]}) == hits["match"].nunique() < len(hits) / 3
    tables = [frame_hits(big, lex), frame_profile(big, lex), translation_shifts(big, lex)]
    assert codes.sequence_codes(np.array([1, 2, 1, 2]), np.array([2, 2]))[0].tolist() == [0, 0]
    monkeypatch.setattr(hits_module, "sequence_codes", lambda *a: None)  # as if two texts had one hash
    monkeypatch.setattr(forms, "sequence_codes", lambda *a: None)
    for got, expected in zip([frame_hits(big, lex), frame_profile(big, lex), translation_shifts(big, lex)], tables):
        pd.testing.assert_frame_equal(got, expected)
