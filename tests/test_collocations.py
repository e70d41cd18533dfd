"""Tests of discourse.collocations against published values, UCS and NLTK."""

from __future__ import annotations

import doctest
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse.collocations as C
import discourse.keyness as K
from discourse.errors import InputError

DATA = Path(__file__).parent / "data" / "stats"
HYPOTHESIS = settings(max_examples=300, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])

WORKED = pd.read_csv(DATA / "collocations_worked_examples.csv")


def _measure(row):
    if row["measure"] == "log_dice":
        return C.log_dice(row["f_nc"], row["f_n"], row["f_c"])
    func = getattr(C, row["measure"])
    return func(row["f_nc"], row["f_n"], row["f_c"], row["n"], span=row["span"])


@pytest.mark.parametrize("row", WORKED.to_dict("records"),
                         ids=[f"{r.case}-{r.measure}" for r in WORKED.itertuples()])
def test_worked_examples(row):
    value = _measure(row)
    assert abs(round(float(value), int(row["decimals"])) - row["expected"]) < 1e-9, (
        value, row["source"])


def test_manning_schutze_t_score_unrounded():
    # 0.999932 in the book comes from probabilities rounded to 4 significant digits;
    # the exact value of (O - E) / sqrt(O) is 0.999945...
    assert C.t_score(8, 15_828, 4_675, 14_307_668) == pytest.approx(0.999932, abs=2e-5)


# Frequency signatures and scores computed by Evert's UCS toolkit (see docs/statistics.md).
# There f1 is already the number of window tokens (span x node frequency), so span=1.
UCS = pd.read_csv(DATA / "ucs_surface_gold.csv")


def test_agrees_with_ucs_toolkit():
    f, f1, f2, n = (UCS[col].to_numpy(dtype=float) for col in ("f", "f1", "f2", "N"))
    sign = np.sign(f - f1 * f2 / n)
    np.testing.assert_allclose(C.mi(f, f1, f2, n) / math.log2(10), UCS["am_mi_log10"],
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(C.t_score(f, f1, f2, n), UCS["am_t_score"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(sign * C.log_likelihood(f, f1, f2, n),
                               UCS["am_log_likelihood_signed"], rtol=1e-8, atol=1e-10)
    # the same table through keyness.chi2: collocate in / outside the windows
    np.testing.assert_allclose(sign * K.chi2(f, f2 - f, f1, n - f1),
                               UCS["am_chi_squared_signed"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(sign * K.chi2(f, f2 - f, f1, n - f1, yates=True),
                               UCS["am_chi_squared_corr_signed"], rtol=1e-9, atol=1e-12)


def test_span_is_the_same_as_counting_window_tokens():
    # span x node frequency plays the role of UCS's f1 (R1)
    for func in (C.mi, C.t_score, C.log_likelihood):
        assert func(10, 50, 300, 100_000, span=8) == pytest.approx(func(10, 400, 300, 100_000))
    assert C.mi(10, 50, 300, 100_000, span=8) == pytest.approx(
        C.mi(10, 50, 300, 100_000) - 3)  # log2(8)


# --- NLTK as an independent implementation (window 1, no span adjustment) --------------

@st.composite
def _bigram_counts(draw):
    n = draw(st.integers(10, 10**8))
    f_n = draw(st.integers(1, n // 2))
    f_c = draw(st.integers(1, n - f_n))
    f_nc = draw(st.integers(1, min(f_n, f_c)))
    return f_nc, f_n, f_c, n


@HYPOTHESIS
@given(_bigram_counts())
def test_agrees_with_nltk(counts):
    from nltk.metrics.association import BigramAssocMeasures as bam

    f_nc, f_n, f_c, n = counts
    assert C.mi(f_nc, f_n, f_c, n) == pytest.approx(bam.pmi(f_nc, (f_n, f_c), n), rel=1e-9,
                                                    abs=1e-9)
    assert C.t_score(f_nc, f_n, f_c, n) == pytest.approx(
        bam.student_t(f_nc, (f_n, f_c), n), rel=1e-9, abs=1e-9)
    assert C.log_likelihood(f_nc, f_n, f_c, n) == pytest.approx(
        bam.likelihood_ratio(f_nc, (f_n, f_c), n), rel=1e-6, abs=1e-6)


@HYPOTHESIS
@given(_bigram_counts())
def test_log_likelihood_agrees_with_scipy(counts):
    scipy_stats = pytest.importorskip("scipy.stats")
    f_nc, f_n, f_c, n = counts
    table = [[f_nc, f_c - f_nc], [f_n - f_nc, n - f_n - f_c + f_nc]]
    if min(sum(table[0]), sum(table[1]), f_n, n - f_n) == 0:
        return
    expected = scipy_stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    assert C.log_likelihood(f_nc, f_n, f_c, n) == pytest.approx(expected, rel=1e-5, abs=1e-5)


@HYPOTHESIS
@given(_bigram_counts())
def test_log_dice_properties(counts):
    f_nc, f_n, f_c, n = counts
    value = C.log_dice(f_nc, f_n, f_c)
    assert value <= 14 + 1e-12
    assert value == pytest.approx(14 + math.log2(2 * f_nc / (f_n + f_c)))
    assert C.log_dice(f_nc, f_c, f_n) == pytest.approx(value)  # symmetric


def test_zero_cooccurrence():
    assert C.mi(0, 10, 10, 1000) == -math.inf
    assert C.t_score(0, 10, 10, 1000) == -math.inf
    assert C.log_dice(0, 10, 10) == -math.inf
    assert C.log_likelihood(0, 10, 10, 1000) > 0


def test_impossible_table_gives_nan():
    assert math.isnan(C.log_likelihood(20, 10, 10, 1000))


def test_bad_span():
    with pytest.raises(InputError):
        C.mi(1, 2, 3, 100, span=0)


# --- the tidy table ---------------------------------------------------------------------

PAIRS = pd.Series({"tea": 10, "the": 40, "rare": 1})
FREQS = pd.Series({"tea": 100, "the": 6_000, "rare": 2, "cup": 90})


def test_collocation_table():
    table = C.collocation_table(PAIRS, 100, FREQS, 100_000, span=2)
    assert tuple(table.columns) == C.COLLOCATION_COLUMNS
    assert table["collocate"].tolist() == ["tea", "rare", "the"]  # logDice 10.68, 8.33, 7.75
    row = table.set_index("collocate").loc["tea"]
    assert row.mi == pytest.approx(math.log2(10 / (100 * 100 * 2 / 100_000)))
    assert row.t_score == pytest.approx((10 - 0.2) / math.sqrt(10))
    assert row.log_likelihood == pytest.approx(K.g2(10, 90, 200, 100_000 - 200))
    assert row.log_dice == pytest.approx(14 + math.log2(0.1))
    by_mi = C.collocation_table(PAIRS, 100, FREQS, 100_000, span=2, sort="mi")
    assert by_mi["mi"].is_monotonic_decreasing
    filtered = C.collocation_table(dict(PAIRS), 100, dict(FREQS), 100_000, span=2, min_count=5)
    assert filtered["collocate"].tolist() == ["tea", "the"]


@pytest.mark.parametrize("kwargs, message", [
    (dict(collocate_freqs=pd.Series({"tea": 100})), "no frequency"),
    (dict(pairs_counts=pd.Series({"tea": 200})), "exceeds"),
    (dict(span=2000), "exceeds corpus_size"),
    (dict(sort_by="dice"), "sort_by"),
    (dict(sort="dice"), "sort must be log_dice, mi, t_score, log_likelihood or co_freq"),
    (dict(pairs_counts=[1, 2]), "pandas Series"),
])
@pytest.mark.filterwarnings("ignore:collocation_table.sort_by:FutureWarning")
def test_collocation_table_bad_input(kwargs, message):
    args = dict(pairs_counts=PAIRS, node_freq=100, collocate_freqs=FREQS,
                corpus_size=100_000, span=2)
    args.update(kwargs)
    with pytest.raises(InputError, match=message):
        C.collocation_table(args.pop("pairs_counts"), args.pop("node_freq"),
                            args.pop("collocate_freqs"), args.pop("corpus_size"), **args)


def test_span_is_required_in_the_table():
    with pytest.raises(TypeError):
        C.collocation_table(PAIRS, 100, FREQS, 100_000)


def test_doctests():
    result = doctest.testmod(C, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# --- collocates in a corpus -------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_corpus():
    import discourse

    return discourse.load_corpus()


def _window_counts(corpus, lang, is_node, left, right):
    """Collocate counts by hand: every window position once, the node's own tokens excluded,
    within one segment, punctuation not counted, in titles and body text (meta lines are
    not counted)."""
    from collections import Counter

    frame = corpus.tokens().to_frame(punct=False)
    frame = frame[(frame["lang"] == lang) & (frame["role"] != "meta")]
    counts, slots, nodes = Counter(), 0, 0
    for _, seg in frame.groupby(["doc_id", "seg_id"], sort=False):
        norms = seg["norm"].tolist()
        hits = [i for i in range(len(norms)) if is_node(norms[i])]
        nodes += len(hits)
        window = {j for i in hits for j in range(i - left, i + right + 1)
                  if 0 <= j < len(norms) and j not in hits}
        counts.update(norms[j] for j in window)
        slots += len(window)
    return counts, slots, nodes, Counter(frame["norm"]), len(frame)


@pytest.mark.parametrize("node, lang, is_node, window", [
    ("trách nhiệm", "vi", lambda n: n == "trách nhiệm", (4, 4)),
    ("责任", "zh", lambda n: n == "责任", (3, 3)),
    ("responsabilit*", "fr", lambda n: n.startswith("responsabilit"), (2, 5)),
])
def test_collocates_equal_a_count_by_hand(seed_corpus, node, lang, is_node, window):
    table = C.collocates(seed_corpus, node, lang=lang, window=window, stopwords=False)
    counts, slots, nodes, freqs, size = _window_counts(seed_corpus, lang, is_node, *window)
    assert dict(zip(table["collocate"], table["co_freq"])) == dict(counts)
    assert set(table["node_freq"]) == {nodes} and set(table["window_tokens"]) == {slots}
    assert set(table["corpus_tokens"]) == {size}
    expected = C.collocation_table(pd.Series(counts), nodes, pd.Series(freqs), size, span=slots / nodes)
    pd.testing.assert_frame_equal(table[list(C.COLLOCATION_COLUMNS)], expected, check_dtype=False)
    assert (table["co_freq"] <= table["collocate_freq"]).all()


def test_collocates_options(seed_corpus):
    import discourse

    table = C.collocates(seed_corpus, ["责任", "trách nhiệm", "responsabilit*"], top=5)
    assert list(table.columns) == list(C.COLLOCATES_COLUMNS)
    assert table.groupby("lang").size().to_dict() == {"fr": 5, "vi": 5, "zh": 5}
    nodes = table.groupby("lang")["node"].first().to_dict()
    assert nodes == {"fr": "responsabilit*", "vi": "trách nhiệm", "zh": "责任"}  # the alternative found there
    stops = seed_corpus.tokens().to_frame().query("is_stop")["norm"]
    assert not set(table["collocate"]) & set(stops)  # stopwords take window places but are not listed
    right = C.collocates(seed_corpus, "trách nhiệm", window=(0, 1), stopwords=False)
    phrase_hits = discourse.find(seed_corpus.tokens(), "trách nhiệm chung")
    phrase_hits = phrase_hits[seed_corpus.segments["role"].to_numpy()[phrase_hits["seg_row"]] != "meta"]
    assert right.set_index("collocate").loc["chung", "co_freq"] == len(phrase_hits) == 4  # + 1 in a meta line
    by_mi = C.collocates(seed_corpus, "trách nhiệm", sort="mi", min_count=3)
    assert by_mi["mi"].is_monotonic_decreasing and by_mi["co_freq"].min() >= 3
    phrase = C.collocates(seed_corpus, "chịu trách nhiệm", stopwords=False)
    assert phrase["node_freq"].iloc[0] == 5 and "chịu" not in set(phrase["collocate"])  # + 1 in a meta line
    with_meta = C.collocates(seed_corpus, "chịu trách nhiệm", stopwords=False, role=("title", "body", "meta"))
    assert with_meta["node_freq"].iloc[0] == 6
    assert C.collocates(seed_corpus, "nothing").empty
    with pytest.raises(InputError, match="window"):
        C.collocates(seed_corpus, "责任", window=-1)
    with pytest.raises(InputError, match="empty"):
        C.collocates(seed_corpus, "责任", window=(0, 0))


def test_cli_collocates(capsys):
    import io

    from discourse.cli import main

    code = main(["collocates", "trách nhiệm", "--lang", "vi", "--top", "5", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    df = pd.read_csv(io.StringIO(out))
    assert len(df) == 5 and set(df["lang"]) == {"vi"}
    assert {"collocate", "co_freq", "mi", "t_score", "log_likelihood", "log_dice"} <= set(df.columns)
    assert df["log_dice"].is_monotonic_decreasing
    code = main(["collocates", "责任", "--left", "0", "--right", "2", "--sort", "co_freq", "--format", "json"])
    out, _ = capsys.readouterr()
    rows = pd.read_json(io.StringIO(out))
    assert code == 0 and set(rows["window_tokens"]) == {8} and rows["co_freq"].is_monotonic_decreasing


def test_collocates_plot(seed_corpus):
    import warnings

    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from discourse import plot

    table = C.collocates(seed_corpus, ["责任", "trách nhiệm", "responsabilit*"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            axes = plot.collocates(table, top=6)
            axes[0].figure.canvas.draw()
        assert [ax.get_title() for ax in axes] == ["fr · responsabilit*", "vi · trách nhiệm", "zh · 责任"]
        assert all(len(ax.patches) == 6 for ax in axes)
        assert axes[1].get_yticklabels()[0].get_text() == table[table["lang"] == "vi"]["collocate"].iloc[0]
    finally:
        plt.close("all")


def test_sort_is_the_option_and_sort_by_its_former_name(seed_corpus):
    new = C.collocation_table(PAIRS, 100, FREQS, 100_000, span=2, sort="mi")
    with pytest.warns(FutureWarning, match=r"collocation_table\(sort=\.\.\.\)"):
        old = C.collocation_table(PAIRS, 100, FREQS, 100_000, span=2, sort_by="mi")
    pd.testing.assert_frame_equal(new, old)
    assert new["collocate"].tolist() == ["rare", "tea", "the"] and new["mi"].is_monotonic_decreasing
    new = C.collocates(seed_corpus, "trách nhiệm", sort="t_score", min_count=2)
    with pytest.warns(FutureWarning, match=r"collocates\(sort=\.\.\.\)"):
        old = C.collocates(seed_corpus, "trách nhiệm", sort_by="t_score", min_count=2)
    pd.testing.assert_frame_equal(new, old)
    assert new["t_score"].is_monotonic_decreasing and not new.equals(C.collocates(seed_corpus, "trách nhiệm",
                                                                                   min_count=2))
    with pytest.raises(InputError, match="give only sort="):
        C.collocates(seed_corpus, "trách nhiệm", sort="mi", sort_by="t_score")
