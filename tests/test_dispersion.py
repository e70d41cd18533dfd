"""Tests of discourse.dispersion against published and hand-derived values."""

from __future__ import annotations

import doctest
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse.dispersion as D
from discourse.errors import InputError

DATA = Path(__file__).parent / "data" / "stats"
HYPOTHESIS = settings(max_examples=200, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])

WORKED = pd.read_csv(DATA / "dispersion_worked_examples.csv")


def _numbers(text):
    return [float(x) for x in str(text).split()]


def _measure(name, freqs, sizes):
    if name == "juilland_d":
        return D.juilland_d(freqs, sizes=sizes)
    return getattr(D.gries_dp(freqs, sizes), name)


@pytest.mark.parametrize("row", WORKED.to_dict("records"),
                         ids=[f"{r.case}-{r.measure}" for r in WORKED.itertuples()])
def test_worked_examples(row):
    value = _measure(row["measure"], _numbers(row["freqs"]), _numbers(row["sizes"]))
    assert abs(round(value, int(row["decimals"])) - row["expected"]) < 1e-9, (value, row["source"])


def test_juilland_d_for_unequal_parts_by_hand():
    # Gries (2008) example: v = (1, 2, 3, 4, 5), s = (.18, .2, .2, .2, .22).
    # Size-normalised frequencies x = v / s = (50/9, 10, 15, 20, 250/11)
    #   = (5.5556, 10, 15, 20, 22.7273); mean = 14.65657
    # deviations: -9.10101, -4.65657, 0.34343, 5.34343, 8.07071
    # squares:    82.8284, 21.6836, 0.1179, 28.5523, 65.1363; sum = 198.3185
    # population sd = sqrt(198.3185 / 5) = 6.297913; V = sd / mean = 0.429699
    # D = 1 - V / sqrt(5 - 1) = 1 - 0.214850 = 0.785150
    x = [50 / 9, 10, 15, 20, 250 / 11]
    mean = sum(x) / 5
    sd = math.sqrt(sum((xi - mean) ** 2 for xi in x) / 5)
    assert 1 - (sd / mean) / 2 == pytest.approx(0.785150, abs=1e-6)
    assert D.juilland_d([1, 2, 3, 4, 5], sizes=[.18, .2, .2, .2, .22]) == pytest.approx(
        0.785150, abs=1e-6)
    # sizes given as token counts rather than proportions give the same value
    assert D.juilland_d([1, 2, 3, 4, 5], sizes=[1800, 2000, 2000, 2000, 2200]) == pytest.approx(
        0.785150, abs=1e-6)


def test_equal_sizes_give_the_original_juilland_d():
    v = [0, 4, 3, 2, 1]
    assert D.juilland_d(v, sizes=[7, 7, 7, 7, 7]) == pytest.approx(D.juilland_d(v))


def test_dp_sizes_may_be_token_counts():
    res = D.gries_dp([1, 2, 3, 4, 5], [1800, 2000, 2000, 2000, 2200])
    assert res.dp == pytest.approx(0.18) and res.dp_norm == pytest.approx(0.18 / 0.82)


def test_two_dimensional_input_is_row_wise():
    freqs = np.array([[1, 2, 3, 4, 5], [0, 4, 3, 2, 1], [0, 0, 0, 0, 0]])
    sizes = [.18, .2, .2, .2, .22]
    d = D.juilland_d(freqs, sizes=sizes)
    res = D.gries_dp(freqs, sizes)
    assert d.shape == res.dp.shape == res.dp_norm.shape == (3,)
    for i in range(2):
        assert d[i] == pytest.approx(D.juilland_d(freqs[i], sizes=sizes))
        assert res.dp[i] == pytest.approx(D.gries_dp(freqs[i], sizes).dp)
    assert np.isnan(d[2]) and np.isnan(res.dp[2]) and np.isnan(res.dp_norm[2])


def test_undefined_cases_are_nan():
    assert math.isnan(D.juilland_d([0, 0, 0]))
    assert math.isnan(D.juilland_d([5]))  # one part
    assert math.isnan(D.gries_dp([0, 0], [1, 1]).dp)


@HYPOTHESIS
@given(st.lists(st.integers(0, 1000), min_size=2, max_size=20).filter(lambda v: sum(v) > 0),
       st.data())
def test_ranges_and_extremes(freqs, data):
    n = len(freqs)
    sizes = data.draw(st.lists(st.floats(0.01, 100), min_size=n, max_size=n))
    d = D.juilland_d(freqs, sizes=sizes)
    res = D.gries_dp(freqs, sizes)
    assert 0 <= d <= 1
    assert 0 <= res.dp <= 1 and 0 <= res.dp_norm <= 1 + 1e-12
    assert res.dp_norm >= res.dp
    # proportional to the part sizes -> perfectly dispersed on both measures
    s = np.asarray(sizes) / sum(sizes)
    assert D.juilland_d(s * 1000, sizes=sizes) == pytest.approx(1)
    assert D.gries_dp(s * 1000, sizes).dp == pytest.approx(0, abs=1e-12)
    # everything in the smallest part -> DPnorm = 1, D = 0
    lump = np.zeros(n)
    lump[int(np.argmin(s))] = 7
    assert D.gries_dp(lump, sizes).dp_norm == pytest.approx(1)
    assert D.juilland_d(lump, sizes=sizes) == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("call", [
    lambda: D.gries_dp([1, 2], [1, 2, 3]),
    lambda: D.gries_dp([1, 2], [1, 0]),
    lambda: D.juilland_d([1, -2]),
    lambda: D.juilland_d([]),
    lambda: D.juilland_d([[[1]]]),
])
def test_bad_input(call):
    with pytest.raises(InputError):
        call()


def test_dispersion_table():
    counts = pd.DataFrame({"p1": [1, 0, 0], "p2": [2, 0, 0], "p3": [3, 9, 0],
                           "p4": [4, 0, 0], "p5": [5, 0, 0]},
                          index=["even", "lumpy", "absent"])
    sizes = pd.Series({"p5": .22, "p4": .2, "p3": .2, "p2": .2, "p1": .18})  # any order
    table = D.dispersion_table(counts, sizes)
    assert table.columns.tolist() == ["term", "count", "parts_with_term", "juilland_d",
                                      "dp", "dp_norm"]
    assert table["term"].tolist() == ["even", "lumpy", "absent"]
    assert table["count"].tolist() == [15, 9, 0]
    assert table["parts_with_term"].tolist() == [5, 1, 0]
    even = table.iloc[0]
    assert round(even.dp, 2) == 0.18 and round(even.dp_norm, 4) == 0.2195
    assert round(even.juilland_d, 4) == 0.7852
    assert table.iloc[1].juilland_d == 0 and table.iloc[1].dp == pytest.approx(0.8)
    assert table.iloc[2][["juilland_d", "dp", "dp_norm"]].isna().all()


def test_dispersion_table_bad_input():
    counts = pd.DataFrame({"p1": [1], "p2": [2]}, index=["w"])
    with pytest.raises(InputError, match="no size"):
        D.dispersion_table(counts, pd.Series({"p1": 1}))
    with pytest.raises(InputError):
        D.dispersion_table(counts.to_numpy(), [1, 1])
    with pytest.raises(InputError):
        D.dispersion_table(counts, [1, 1, 1])


def test_doctests():
    result = doctest.testmod(D, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# --- dispersion in a corpus: positions and dispersions ---------------------------------

@pytest.fixture(scope="module")
def seed_corpus():
    import discourse

    return discourse.load_corpus()


@pytest.fixture(scope="module")
def words(seed_corpus):
    """Tokens without punctuation of titles and body text (meta lines are not counted),
    numbered within each language and each document version."""
    frame = seed_corpus.tokens().to_frame(punct=False).query("role != 'meta'")
    frame["corpus_offset"] = frame.groupby("lang").cumcount()
    frame["doc_offset"] = frame.groupby(["lang", "doc_id"]).cumcount()
    return frame


def test_positions_locate_every_occurrence(seed_corpus, words):
    pos = D.positions(seed_corpus, ["trách nhiệm", "责任", "responsabilit*"])
    assert list(pos.columns) == list(D.POSITION_COLUMNS)
    for term, lang, expected in (("trách nhiệm", "vi", words["norm"] == "trách nhiệm"),
                                 ("责任", "zh", words["norm"] == "责任"),
                                 ("responsabilit*", "fr", words["norm"].str.startswith("responsabilit"))):
        rows = pos[pos["term"] == term]
        assert set(rows["lang"]) == {lang}
        hand = words[expected]
        assert rows["corpus_offset"].tolist() == hand["corpus_offset"].tolist()
        assert rows["doc_offset"].tolist() == hand["doc_offset"].tolist()
        assert rows["start"].tolist() == hand["start"].tolist()
        assert (rows["corpus_tokens"] == (words["lang"] == lang).sum()).all()
    assert pos["doc_position"].between(0, 1, inclusive="left").all()
    assert pos["corpus_position"].between(0, 1, inclusive="left").all()
    segs = seed_corpus.segments.set_index(["doc_id", "seg_id"])["text"]
    assert all(segs[(d, s)][a:b] == m for d, s, a, b, m in
               zip(pos["doc_id"], pos["seg_id"], pos["start"], pos["end"], pos["match"]))
    assert set(pos.loc[pos["term"] == "responsabilit*", "match"]) == {"responsabilité", "responsabilités"}


def test_positions_with_characters_and_no_hits(seed_corpus):
    pos = D.positions(seed_corpus, "攻坚", lang="zh", chars=True)
    zh = seed_corpus.segments.query("lang == 'zh'")["text"]
    assert len(pos) == zh.str.count("攻坚").sum() == 14 and set(pos["match"]) == {"攻坚"}
    assert D.positions(seed_corpus, "nothing").empty


def test_dispersions_equal_dispersion_table_on_hand_counts(seed_corpus, words):
    table = D.dispersions(seed_corpus, ["脱贫攻坚", "责任", "精准扶贫"], lang="zh")
    zh = words[words["lang"] == "zh"]
    sizes = zh.groupby("doc_id").size()
    counts = pd.DataFrame({doc: [(g["norm"] == t).sum() for t in ("脱贫攻坚", "责任", "精准扶贫")]
                           for doc, g in zh.groupby("doc_id")}, index=["脱贫攻坚", "责任", "精准扶贫"])
    expected = D.dispersion_table(counts, sizes)
    assert list(table.columns) == ["lang", "term", "count", "parts", "parts_with_term", "juilland_d", "dp",
                                   "dp_norm"]
    pd.testing.assert_frame_equal(table.drop(columns=["lang", "parts"]), expected, check_dtype=False)
    assert (table["parts"] == 2).all()


def test_dispersions_over_segments_and_top_terms(seed_corpus, words):
    seg = D.dispersions(seed_corpus, "trách nhiệm", by="segment", lang="vi").iloc[0]
    vi = words[words["lang"] == "vi"]
    per_seg = vi.groupby("seg_id")["norm"].apply(lambda s: (s == "trách nhiệm").sum())
    sizes = vi.groupby("seg_id").size()
    expected = D.gries_dp(per_seg.to_numpy(), sizes.to_numpy())
    assert seg["parts"] == len(sizes) and seg["count"] == 11  # the 12th is in a meta line, not counted
    assert seg["dp"] == pytest.approx(expected.dp) and seg["dp_norm"] == pytest.approx(expected.dp_norm)
    top = D.dispersions(seed_corpus, top=3)
    import discourse

    freq = discourse.frequencies(seed_corpus, top=3)
    assert top[["lang", "term", "count"]].values.tolist() == freq[["lang", "term", "count"]].values.tolist()
    # without lang=, a language where the term does not occur is left out
    assert D.dispersions(seed_corpus, "责任")["lang"].tolist() == ["zh"]
    absent = D.dispersions(seed_corpus, "nothing", lang="zh")
    assert absent["count"].tolist() == [0] and absent["dp"].isna().all()


def test_cli_dispersion(capsys):
    import io

    from discourse.cli import main

    code = main(["dispersion", "--lang", "zh", "--top", "5", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    df = pd.read_csv(io.StringIO(out))
    assert len(df) == 5 and df["term"].iloc[0] == "脱贫攻坚"
    assert {"juilland_d", "dp", "dp_norm", "parts"} <= set(df.columns)
    code = main(["dispersion", "--term", "trách nhiệm", "--by", "segment", "--format", "csv"])
    out, _ = capsys.readouterr()
    assert code == 0 and pd.read_csv(io.StringIO(out))["parts"].tolist() == [3]  # title + 2 paragraphs (meta lines not counted)
    code = main(["dispersion", "--term", "责任", "--term", "trách nhiệm", "--positions", "--format", "csv"])
    out, _ = capsys.readouterr()
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) == 4 + 11
    code = main(["dispersion", "--positions"])
    assert code == 1 and "--term" in capsys.readouterr().err


def test_dispersion_plot(seed_corpus):
    import warnings

    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from discourse import plot

    pos = D.positions(seed_corpus, ["责任", "trách nhiệm", "responsabilit*"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ax = plot.dispersion(pos, title="责任 · trách nhiệm · responsabilité")
            ax.figure.canvas.draw()
        assert [t.get_text() for t in ax.get_yticklabels()] == ["责任 (zh)", "trách nhiệm (vi)",
                                                                "responsabilit* (fr)"]
        ticks = [len(c.get_segments()) for c in ax.collections]
        assert ticks == [4, 11, 5] and ax.get_xlim() == (0, 1)
        colors = [matplotlib.colors.to_hex(c.get_color()[0]).upper() for c in ax.collections]
        assert colors == [plot.LANG_COLORS[k] for k in ("zh", "vi", "fr")]
        assert plot.dispersion(pos, x="doc_position").get_xlabel().startswith("position in the document")
        with pytest.raises(InputError, match="no occurrence"):
            plot.dispersion(pos.iloc[:0])
    finally:
        plt.close("all")


def test_by_is_the_option_and_parts_its_former_name(seed_corpus):
    new = D.dispersions(seed_corpus, ["trách nhiệm", "chịu"], by="segment", lang="vi")
    with pytest.warns(FutureWarning, match=r"dispersions\(by=\.\.\.\)"):
        old = D.dispersions(seed_corpus, ["trách nhiệm", "chịu"], parts="segment", lang="vi")
    pd.testing.assert_frame_equal(new, old)
    by_doc = D.dispersions(seed_corpus, ["trách nhiệm", "chịu"], lang="vi")
    assert (new["parts"] > by_doc["parts"]).all()  # segments, not documents
    with pytest.raises(InputError, match="give only by="):
        D.dispersions(seed_corpus, "chịu", by="segment", parts="doc_id")
