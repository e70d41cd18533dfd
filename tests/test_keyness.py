"""Tests of discourse.keyness against published values and an independent implementation."""

from __future__ import annotations

import doctest
import math
from decimal import Decimal, localcontext
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse.keyness as K
from discourse.errors import InputError

DATA = Path(__file__).parent / "data" / "stats"
HYPOTHESIS = settings(max_examples=300, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


def _rounds_to(value, expected, decimals):
    return abs(round(float(value), int(decimals)) - expected) < 1e-9


# --- published / worked examples ----------------------------------------------

WORKED = pd.read_csv(DATA / "keyness_worked_examples.csv")

MEASURES = {
    "g2": lambda a, b, c, d: K.g2(a, b, c, d),
    "g2_2cell": lambda a, b, c, d: K.g2(a, b, c, d, form="2cell"),
    "chi2": lambda a, b, c, d: K.chi2(a, b, c, d),
    "chi2_yates": lambda a, b, c, d: K.chi2(a, b, c, d, yates=True),
    "p_chi2_yates": lambda a, b, c, d: K.p_value(K.chi2(a, b, c, d, yates=True)),
    "log_ratio": K.log_ratio,
    "pct_diff": K.pct_diff,
    "simple_maths": K.simple_maths,
}


@pytest.mark.parametrize("row", WORKED.to_dict("records"),
                         ids=[f"{r.case}-{r.measure}" for r in WORKED.itertuples()])
def test_worked_examples(row):
    value = MEASURES[row["measure"]](row["a"], row["b"], row["c"], row["d"])
    assert _rounds_to(value, row["expected"], row["decimals"]), (value, row["source"])


def test_worked_examples_cover_every_measure():
    assert set(WORKED["measure"]) == set(MEASURES)


def test_keyness_table_reproduces_the_ucrel_example():
    table = K.keyness(pd.Series({"w": 52}), pd.Series({"w": 57}),
                      target_total=50_000, reference_total=75_000)
    row = table.iloc[0]
    assert round(row.g2_2cell, 2) == 2.65
    assert round(row.g2, 3) == 2.654
    assert round(row.chi2, 3) == 2.700 and round(row.chi2_yates, 3) == 2.388
    assert round(row.log_ratio, 4) == 0.4525
    assert round(row.pct_diff, 2) == 36.84
    assert round(row.simple_maths, 3) == 1.368
    assert row.p_value == pytest.approx(math.erfc(math.sqrt(row.g2 / 2)))


# Rows of the CQPweb-checked gold standard of pandas-association-measures (see
# tests/data/stats/README.md). lrc_normal is the bound of the Wald interval nearer
# zero, clamped at 0, at level 1 - 0.05/599 (Bonferroni over the 599 rows).
CQPWEB = pd.read_csv(DATA / "log_ratio_cqpweb_gold.csv")


def _cqpweb_counts(df):
    return df["f"], df["f2"] - df["f"], df["f1"], df["N"] - df["f1"]


def test_log_ratio_matches_cqpweb_gold():
    a, b, c, d = _cqpweb_counts(CQPWEB)
    np.testing.assert_allclose(K.log_ratio(a, b, c, d), CQPWEB["lr"], rtol=0, atol=1e-12)


def test_log_ratio_ci_matches_cqpweb_conservative_estimate():
    a, b, c, d = _cqpweb_counts(CQPWEB)
    low, high = K.log_ratio_ci(a, b, c, d, level=1 - 0.05 / 599)
    conservative = np.where(K.log_ratio(a, b, c, d) >= 0,
                            np.maximum(low, 0), np.minimum(high, 0))
    np.testing.assert_allclose(conservative, CQPWEB["lrc_normal"], rtol=0, atol=1e-10)


@pytest.mark.parametrize("statistic, p, decimals", [
    # the critical values printed with the UCREL log-likelihood calculator
    (3.84, 0.05, 2), (6.63, 0.01, 2), (10.83, 0.001, 3), (15.13, 0.0001, 4),
])
def test_p_value_at_the_usual_critical_values(statistic, p, decimals):
    assert round(float(K.p_value(statistic)), decimals) == p


# --- properties and an independent implementation ------------------------------------

def _tables(max_total=10**9):
    """(a, b, c, d) with both corpora non-empty and non-degenerate margins."""
    return st.tuples(
        st.integers(1, max_total), st.integers(1, max_total),
    ).flatmap(lambda cd: st.tuples(
        st.integers(0, cd[0]), st.integers(0, cd[1]), st.just(cd[0]), st.just(cd[1]),
    )).filter(lambda t: t[0] + t[1] > 0 and t[0] + t[1] < t[2] + t[3])


@HYPOTHESIS
@given(_tables(10**6) | _tables(10**9) | _tables(50))
def test_g2_and_chi2_agree_with_scipy(table):
    scipy_stats = pytest.importorskip("scipy.stats")
    a, b, c, d = table
    observed = np.array([[a, b], [c - a, d - b]], dtype=float)
    ll = scipy_stats.chi2_contingency(observed, correction=False, lambda_="log-likelihood")
    # scipy sums O*ln(O/E) directly and loses digits to cancellation when N is large
    # (see the exact test below), hence the absolute tolerance
    assert K.g2(a, b, c, d) == pytest.approx(ll[0], rel=1e-5, abs=1e-5)
    pearson = scipy_stats.chi2_contingency(observed, correction=False)
    assert K.chi2(a, b, c, d) == pytest.approx(pearson[0], rel=1e-9, abs=1e-9)
    yates = scipy_stats.chi2_contingency(observed, correction=True)
    assert K.chi2(a, b, c, d, yates=True) == pytest.approx(yates[0], rel=1e-9, abs=1e-9)


def _g2_exact(a, b, c, d):
    """G2 of the 2x2 table in 60-digit decimal arithmetic, straight from the definition."""
    with localcontext() as ctx:
        ctx.prec = 60
        n = Decimal(c + d)
        cells = [(a, a + b, c), (b, a + b, d), (c - a, c + d - a - b, c), (d - b, c + d - a - b, d)]
        total = sum(Decimal(o) * (Decimal(o) * n / (Decimal(row) * Decimal(col))).ln()
                    for o, row, col in cells if o > 0)
        return float(2 * total)


@HYPOTHESIS
@given(_tables(10**6) | _tables(10**9) | _tables(50))
def test_g2_is_accurate_to_full_precision(table):
    assert K.g2(*table) == pytest.approx(_g2_exact(*table), rel=1e-9, abs=1e-12)


def test_g2_keeps_its_digits_for_a_rare_word_in_a_big_corpus():
    # 2 occurrences in 15 million tokens against 0 in 1: exact G2 = 2.6635826818515345e-07;
    # summing O*ln(O/E) directly (as scipy does) gives 2.69e-07
    assert K.g2(0, 2, 1, 15_017_368) == pytest.approx(2.6635826818515345e-07, rel=1e-12)
    # and when E is far from O (a one-token reference corpus): exact 42.06023729877293
    assert K.g2(0, 1, 499_999_996, 1) == pytest.approx(_g2_exact(0, 1, 499_999_996, 1), rel=1e-12)


@HYPOTHESIS
@given(st.floats(0, 200, allow_nan=False))
def test_p_value_agrees_with_scipy_chi2_sf(x):
    scipy_stats = pytest.importorskip("scipy.stats")
    assert K.p_value(x) == pytest.approx(scipy_stats.chi2.sf(x, 1), rel=1e-9, abs=1e-300)


@HYPOTHESIS
@given(_tables(10**6))
def test_two_cell_form_is_the_ucrel_formula(table):
    a, b, c, d = table
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    expected = 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)
    assert K.g2(a, b, c, d, form="2cell") == pytest.approx(expected, rel=1e-7, abs=1e-7)
    # the two non-word cells can only add to the statistic
    assert K.g2(a, b, c, d) >= K.g2(a, b, c, d, form="2cell") - 1e-9


@HYPOTHESIS
@given(_tables(10**6))
def test_swapping_the_corpora(table):
    a, b, c, d = table
    assert K.g2(b, a, d, c) == pytest.approx(K.g2(a, b, c, d), rel=1e-9, abs=1e-9)
    assert K.chi2(b, a, d, c) == pytest.approx(K.chi2(a, b, c, d), rel=1e-9, abs=1e-9)
    assert K.log_ratio(b, a, d, c) == pytest.approx(-K.log_ratio(a, b, c, d), abs=1e-9)
    low, high = K.log_ratio_ci(a, b, c, d)
    low2, high2 = K.log_ratio_ci(b, a, d, c)
    assert low == pytest.approx(-high2, abs=1e-9) and high == pytest.approx(-low2, abs=1e-9)


@HYPOTHESIS
@given(_tables(10**6), st.floats(0.5, 0.999))
def test_log_ratio_ci_contains_the_estimate_and_widens_with_level(table, level):
    a, b, c, d = table
    lr = K.log_ratio(a, b, c, d)
    low, high = K.log_ratio_ci(a, b, c, d, level=level)
    wide_low, wide_high = K.log_ratio_ci(a, b, c, d, level=(1 + level) / 2)
    assert low <= lr <= high
    assert wide_low <= low and high <= wide_high
    z = (high - lr) * math.log(2) / math.sqrt(
        1 / max(a, .5) - 1 / c + 1 / max(b, .5) - 1 / d)
    assert z == pytest.approx(NormalDist().inv_cdf((1 + level) / 2), rel=1e-9)


def test_vectorised_and_scalar_results_agree():
    a = np.array([52, 288, 0, 10])
    b = np.array([57, 114_099, 5, 0])
    c = np.array([50_000, 92_965, 1_000, 1_000])
    d = np.array([75_000, 104_570_472, 2_000, 2_000])
    for func in (K.g2, K.chi2, K.log_ratio, K.pct_diff, K.simple_maths):
        vector = func(a, b, c, d)
        assert vector.shape == (4,)
        for i in range(4):
            np.testing.assert_allclose(vector[i], func(a[i], b[i], c[i], d[i]))
    assert isinstance(K.g2(1, 2, 3, 4), float)  # numpy.float64 is a float


def test_zero_conventions():
    # 0 ln 0 = 0: a word absent from one corpus still gets a finite G2
    assert np.isfinite(K.g2(10, 0, 1000, 1000)) and K.g2(10, 0, 1000, 1000) > 0
    assert K.g2(0, 0, 1000, 1000) == 0 and K.chi2(0, 0, 1000, 1000) == 0
    # Log Ratio: a zero count becomes 0.5; both zero is undefined
    assert K.log_ratio(10, 0, 1000, 1000) == pytest.approx(math.log2(10 / 0.5))
    assert K.log_ratio(0, 10, 1000, 1000) == pytest.approx(math.log2(0.5 / 10))
    assert math.isnan(K.log_ratio(0, 0, 1000, 1000))
    assert K.log_ratio(10, 0, 1000, 1000, zero_adjust=1) == pytest.approx(math.log2(10))
    # %DIFF: zero reference is +inf unless a substitute is given; -100 when absent from target
    assert K.pct_diff(3, 0, 1000, 1000) == math.inf
    assert math.isnan(K.pct_diff(0, 0, 1000, 1000))
    assert K.pct_diff(0, 3, 1000, 1000) == -100
    assert K.pct_diff(3, 0, 1000, 1000, zero_reference=1e-18) == pytest.approx(3e20)
    # Simple maths never divides by zero
    assert K.simple_maths(3, 0, 1_000_000, 1_000_000) == 4


def test_impossible_tables_give_nan():
    assert math.isnan(K.g2(11, 0, 10, 100))  # more occurrences than tokens
    assert math.isnan(K.chi2(-1, 0, 10, 100))


def test_yates_never_increases_the_statistic_and_stops_at_zero():
    assert K.chi2(1, 1, 1000, 1000, yates=True) == 0  # |O - E| = 0 < 0.5
    assert K.chi2(52, 57, 50_000, 75_000, yates=True) < K.chi2(52, 57, 50_000, 75_000)


def test_p_value_bonferroni():
    p = K.p_value(3.841459)
    assert K.p_value(3.841459, n_comparisons=10) == pytest.approx(10 * p)
    assert K.p_value(0.1, n_comparisons=1000) == 1.0
    assert math.isnan(K.p_value(float("nan")))
    with pytest.raises(InputError):
        K.p_value(1.0, n_comparisons=0)


def test_bad_options_are_refused():
    with pytest.raises(InputError):
        K.g2(1, 2, 3, 4, form="3cell")
    with pytest.raises(InputError):
        K.log_ratio_ci(1, 2, 3, 4, level=95)


# --- the tidy table ---------------------------------------------------------------------

TARGET = pd.Series({"war": 52, "peace": 5, "the": 3000, "treaty": 20})
REFERENCE = pd.Series({"war": 57, "peace": 40, "the": 4500, "cake": 30})


def _table(**kwargs):
    return K.keyness(TARGET, REFERENCE, target_total=50_000, reference_total=75_000, **kwargs)


def test_keyness_columns_and_values():
    table = _table()
    assert tuple(table.columns) == K.KEYNESS_COLUMNS
    assert set(table["term"]) == {"war", "peace", "the", "treaty", "cake"}
    row = table.set_index("term").loc["cake"]  # missing from the target: count 0
    assert row.target_count == 0 and row.reference_count == 30
    assert row.g2 == pytest.approx(K.g2(0, 30, 50_000, 75_000))
    assert row.log_ratio == pytest.approx(math.log2((0.5 / 50_000) / (30 / 75_000)))
    assert (table["target_total"] == 50_000).all() and (table["reference_total"] == 75_000).all()
    assert table["target_count"].dtype == np.int64 and table["target_total"].dtype == np.int64
    weighted = K.keyness(pd.Series({"w": 1.5}), pd.Series({"w": 2.0}),
                         target_total=10, reference_total=10)
    assert weighted["target_count"].dtype == np.float64
    assert table["direction"].tolist() == ["positive", "positive", "none", "negative", "negative"]


def test_keyness_order_positive_then_negative_by_strength():
    table = _table()
    assert table["term"].tolist() == ["treaty", "war", "the", "cake", "peace"]
    pos = table[table.direction == "positive"]
    neg = table[table.direction == "negative"]
    assert pos["g2"].is_monotonic_decreasing and neg["g2"].is_monotonic_decreasing
    by_lr = _table(measure="log_ratio")
    neg = by_lr[by_lr.direction == "negative"]
    assert neg["log_ratio"].is_monotonic_increasing  # most negative first
    assert by_lr.index.tolist() == list(range(len(by_lr)))


def test_keyness_default_totals_are_the_sums():
    table = K.keyness(TARGET, REFERENCE).set_index("term")
    assert (table["target_total"] == TARGET.sum()).all()
    assert (table["reference_total"] == REFERENCE.sum()).all()


def test_keyness_accepts_dicts_and_filters_by_min_count():
    table = K.keyness(dict(TARGET), dict(REFERENCE), target_total=50_000,
                      reference_total=75_000, min_count=25)
    assert set(table["term"]) == {"war", "peace", "the", "cake"}


def test_keyness_bonferroni_multiplies_by_number_of_rows():
    plain = _table().set_index("term")["p_value"]
    corrected = _table(bonferroni=True).set_index("term")["p_value"]
    expected = np.minimum(plain * len(plain), 1.0)
    pd.testing.assert_series_equal(corrected, expected.loc[corrected.index])


@pytest.mark.parametrize("kwargs, message", [
    (dict(target=pd.Series([1, 2], index=["a", "a"])), "more than once"),
    (dict(target=pd.Series({"a": -1})), "non-negative"),
    (dict(target=[1, 2]), "pandas Series"),
    (dict(target_total=10), "smaller than the count"),
    (dict(reference_total=0), "positive"),
    (dict(measure="odds"), "measure must be one of"),
])
def test_keyness_bad_input(kwargs, message):
    args = dict(target=TARGET, reference=REFERENCE)
    args.update(kwargs)
    with pytest.raises(InputError, match=message):
        K.keyness(args.pop("target"), args.pop("reference"), **args)


def test_doctests():
    result = doctest.testmod(K, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# --- keyness of corpora: discourse.keywords --------------------------------------------

SEED_A, SEED_B = "000_6faf780c4d1388a2", "003_90d6e10e09142168"


@pytest.fixture(scope="module")
def seed_corpus():
    import discourse

    return discourse.load_corpus()


def _hand_counts(corpus, doc_id, lang):
    """Counts and token total of one document version, counted in Python from the tokens table."""
    from collections import Counter

    frame = corpus.tokens().to_frame()
    words = frame[(frame["doc_id"] == doc_id) & (frame["lang"] == lang) & ~frame["is_punct"]]
    return pd.Series(Counter(words.loc[~words["is_stop"], "norm"])), len(words)


def test_keywords_equal_keyness_on_hand_counts(seed_corpus):
    table = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh")
    a, c = _hand_counts(seed_corpus, SEED_B, "zh")
    b, d = _hand_counts(seed_corpus, SEED_A, "zh")
    expected = K.keyness(a, b, target_total=c, reference_total=d)
    assert list(table.columns) == ["lang", *K.KEYNESS_COLUMNS] and set(table["lang"]) == {"zh"}
    pd.testing.assert_frame_equal(table.drop(columns="lang"), expected)
    assert (table["target_total"] == c).all() and (table["reference_total"] == d).all()


def test_keywords_reference_forms(seed_corpus, seeds):
    rest = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh")
    chosen = K.keywords(seed_corpus, f"doc_id={SEED_A}", target={"doc_id": SEED_B}, lang="zh")
    pd.testing.assert_frame_equal(rest, chosen)
    # the target from one corpus, the reference from another
    other = K.keywords(seed_corpus.filter(doc_id=SEED_B), seeds.filter(doc_id=SEED_A), lang="zh")
    pd.testing.assert_frame_equal(rest, other)
    # a plain frequency list, with its corpus size
    b, d = _hand_counts(seed_corpus, SEED_A, "zh")
    listed = K.keywords(seed_corpus, b, target=f"doc_id={SEED_B}", lang="zh", reference_total=d)
    pd.testing.assert_frame_equal(rest, listed)
    frame = pd.DataFrame({"term": b.index, "count": b.to_numpy()})
    pd.testing.assert_frame_equal(rest, K.keywords(seed_corpus, frame, target=f"doc_id={SEED_B}",
                                                   lang="zh", reference_total=d))


def test_keywords_frequency_list_is_normalised_and_filtered(seed_corpus):
    fr = seed_corpus.filter(lang="fr")
    ref = pd.DataFrame({"term": ["Pauvreté", "pauvreté", "le", ",", "ville"], "count": [60, 40, 5000, 900, 7]})
    table = K.keywords(fr, ref, reference_total=100_000).set_index("term")
    assert table.loc["pauvreté", "reference_count"] == 100  # Pauvreté + pauvreté
    assert "le" not in table.index and "," not in table.index  # stopwords, punctuation: as in the target
    assert table.loc["ville", "target_count"] == 0 and table.loc["ville", "direction"] == "negative"
    kept = K.keywords(fr, ref, reference_total=100_000, stopwords=False).set_index("term")
    assert "le" in kept.index


def test_keywords_ngrams_and_metadata_selection(seed_corpus):
    table = K.keywords(seed_corpus, target="date=2021-01-14", lang="zh", n=2)
    assert all(len(t.split(" ")) == 2 for t in table["term"])
    assert table["target_total"].iloc[0] < 195  # bigram positions, not tokens


@pytest.mark.parametrize("kwargs, message", [
    (dict(target=f"doc_id={SEED_A}"), "pass lang="),
    (dict(lang="zh"), "whole corpus"),
    (dict(target="doc_id=nope", lang="zh"), "no text has doc_id='nope'"),
    (dict(target=f"doc_id={SEED_A}", lang="zh", reference_total=10), "reference_total"),
    (dict(target="lang=zh", lang="zh"), "all the zh text"),
])
def test_keywords_bad_input(seed_corpus, kwargs, message):
    with pytest.raises(InputError, match=message):
        K.keywords(seed_corpus, **kwargs)


def test_cli_keyness(capsys, tmp_path):
    import io

    from discourse.cli import main

    code = main(["keyness", "--lang", "zh", "--target", f"doc_id={SEED_A}", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    df = pd.read_csv(io.StringIO(out), dtype={"term": str})
    assert {"term", "target_count", "reference_count", "target_total", "reference_total", "g2",
            "log_ratio", "p_value", "g2_2cell", "chi2", "chi2_yates", "pct_diff", "simple_maths"} <= set(df.columns)
    assert (df["target_total"] == 195).all() and (df["reference_total"] == 176).all()
    top = df.iloc[0]
    assert top["direction"] == "positive" and top["g2"] == pytest.approx(K.g2(top.target_count, top.reference_count,
                                                                               195, 176))
    # a frequency list as reference, --top keeps N of each direction (--max-p 1: not only the significant ones)
    freq = tmp_path / "ref.csv"
    freq.write_text("term,count\n脱贫攻坚,2\n发展,500\n经济,300\n", encoding="utf-8")
    code = main(["keyness", "--lang", "zh", "--reference-list", str(freq), "--reference-total", "100000",
                 "--top", "2", "--max-p", "1", "--format", "json"])
    out, err = capsys.readouterr()
    rows = pd.read_json(io.StringIO(out))
    assert code == 0, err
    assert rows["direction"].tolist() == ["positive", "positive", "negative", "negative"]
    assert set(rows["reference_total"]) == {100_000} and rows["term"].iloc[0] == "脱贫攻坚"
    # another corpus as reference (a saved file)
    saved = tmp_path / "c.jsonl"
    import discourse

    discourse.load_corpus().filter(doc_id=SEED_A).save(saved)
    code = main(["keyness", "--lang", "zh", "--target", f"doc_id={SEED_B}", "--reference-corpus", str(saved),
                 "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert pd.read_csv(io.StringIO(out))["reference_total"].iloc[0] == 195
    code = main(["keyness", "--target", f"doc_id={SEED_A}"])
    assert code == 1 and "--lang" in capsys.readouterr().err
    code = main(["keyness", "--lang", "zh", "--reference-total", "5"])
    assert code == 1 and "--reference-list" in capsys.readouterr().err


def test_keywords_top_and_max_p(seed_corpus):
    full = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh")
    assert (full["p_value"] > 0.05).any() and (full["p_value"] <= 0.05).sum() > 4
    significant = full[full["p_value"] <= 0.05]
    pd.testing.assert_frame_equal(K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh", max_p=0.05),
                                  significant.reset_index(drop=True))
    by_hand = pd.concat([significant[significant["direction"] == "positive"].head(3),
                         significant[significant["direction"] == "negative"].head(3)], ignore_index=True)
    both = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh", max_p=0.05, top=3)
    pd.testing.assert_frame_equal(both, by_hand)
    assert both["direction"].tolist() == ["positive"] * 3 + ["negative"] * (len(both) - 3)
    # top alone: N of each direction, strongest by the measure; the rows of neither side left out
    for measure in ("g2", "log_ratio"):
        ranked = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh", measure=measure)
        top = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh", measure=measure, top=2)
        pd.testing.assert_frame_equal(top, pd.concat([ranked[ranked["direction"] == "positive"].head(2),
                                                      ranked[ranked["direction"] == "negative"].head(2)],
                                                     ignore_index=True))
    # Bonferroni over 177 terms: nothing in two short documents is significant, an empty table says so
    none = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh", bonferroni=True, max_p=0.05)
    assert len(none) == 0 and list(none.columns) == ["lang", *K.KEYNESS_COLUMNS]


@pytest.mark.parametrize("kwargs, message", [
    (dict(top=0), "top is"), (dict(top=-1), "top is"), (dict(top=2.5), "top is"), (dict(top=True), "top is"),
    (dict(max_p=0), "max_p"), (dict(max_p=1.5), "max_p"), (dict(max_p="0.05"), "max_p"),
    (dict(max_p=float("nan")), "max_p"),
])
def test_keywords_top_and_max_p_bad_values(seed_corpus, kwargs, message):
    with pytest.raises(InputError, match=message):
        K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh", **kwargs)


def _cli(capsys, *argv):
    import io

    from discourse.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return pd.read_csv(io.StringIO(out), dtype={"term": str})


def test_cli_keyness_shows_the_significant_top_20_of_each_direction(capsys, tmp_path):
    # 30 words the seeds lack, frequent in the reference: 30 significant negative keywords; 5 rare ones: not
    freq = tmp_path / "ref.csv"
    freq.write_text("term,count\n" + "".join(f"词{i},5000\n" for i in range(30))
                    + "".join(f"稀{i},1\n" for i in range(5)), encoding="utf-8")
    options = ["keyness", "--lang", "zh", "--reference-list", str(freq), "--reference-total", "200000",
               "--format", "csv"]
    shown = _cli(capsys, *options)
    assert shown["direction"].tolist() == ["positive"] * 20 + ["negative"] * 20
    assert (shown["p_value"] <= 0.05).all()
    everything = _cli(capsys, *options, "--top", "0", "--max-p", "1")
    assert len(everything) > 40 and (everything["p_value"] > 0.05).any()
    expected = pd.concat([everything[(everything["direction"] == d) & (everything["p_value"] <= 0.05)].head(20)
                          for d in ("positive", "negative")], ignore_index=True)
    pd.testing.assert_frame_equal(shown, expected)
    # the filter and the number are the user's
    some = _cli(capsys, *options, "--top", "5", "--max-p", "0.001")
    assert len(some) == 10 and (some["p_value"] <= 0.001).all()


def test_cli_keyness_default_on_two_documents(capsys, seed_corpus):
    shown = _cli(capsys, "keyness", "--lang", "zh", "--target", f"doc_id={SEED_B}", "--format", "csv")
    full = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh")
    assert 0 < len(shown) < len(full) and (shown["p_value"] <= 0.05).all()
    assert shown["term"].tolist() == full.loc[full["p_value"] <= 0.05, "term"].tolist()  # fewer than 20 a side
    # nothing significant after Bonferroni: no rows, and the user is told how to see them all
    from discourse.cli import main

    code = main(["keyness", "--lang", "zh", "--target", f"doc_id={SEED_B}", "--bonferroni", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0 and out.strip() == ",".join(["lang", *K.KEYNESS_COLUMNS]) and "--max-p 1" in err


def test_cli_reference_corpus_is_read_with_the_reading_options(capsys, tmp_path, seed_corpus):
    import discourse

    ref = tmp_path / "ref.jsonl"
    ref.write_text('{"title": "r1", "content": "打赢脱贫攻坚战。发展经济。"}\n'
                   '{"title": "r2", "content": "经济发展，人民生活改善。"}\n', encoding="utf-8")
    shown = _cli(capsys, "keyness", "--lang", "zh", "--text-col", "content", "--id-col", "title",
                 "--reference-corpus", str(ref), "--top", "0", "--max-p", "1", "--format", "csv")
    reference = discourse.read(ref, text_col="content", id_col="title", lang="zh")
    expected = K.keywords(seed_corpus.filter(lang="zh"), reference, lang="zh")
    assert shown["reference_total"].iloc[0] == expected["reference_total"].iloc[0] > 0
    assert shown["term"].tolist() == expected["term"].tolist()
    assert shown["reference_count"].tolist() == expected["reference_count"].tolist()


def _years_table(tmp_path):
    path = tmp_path / "years.jsonl"
    rows = [("r2014", "2014", "经济发展。"), ("r2016", "2016", "脱贫攻坚，精准扶贫。"),
            ("r2019", "2019", "打赢脱贫攻坚战。"), ("res", None, "决议批准报告。"), ("old", "n.d.", "经济建设。")]
    path.write_text("".join(pd.Series({"title": t, "year": y, "content": c}).to_json(force_ascii=False) + "\n"
                            for t, y, c in rows), encoding="utf-8")
    return path


def test_keywords_target_years_stored_as_text(tmp_path):
    import discourse

    corpus = discourse.read(_years_table(tmp_path), text_col="content", id_col="title", lang="zh")
    assert not pd.api.types.is_numeric_dtype(corpus._documents["year"])  # text, as the file has it
    chosen = K.keywords(corpus, target="doc_id=r2016,r2019")
    pd.testing.assert_frame_equal(K.keywords(corpus, target="year=2015-2020"), chosen)
    pd.testing.assert_frame_equal(K.keywords(corpus, target="year=2015..2020"), chosen)
    pd.testing.assert_frame_equal(K.keywords(corpus, target={"year": [2016, 2019]}), chosen)
    pd.testing.assert_frame_equal(K.keywords(corpus, target="year=n.d."), K.keywords(corpus, target="doc_id=old"))
    with pytest.raises(InputError, match="no text has year='2030-2040'"):
        K.keywords(corpus, target="year=2030-2040")


def test_cli_target_years_stored_as_text(capsys, tmp_path):
    options = ["keyness", str(_years_table(tmp_path)), "--text-col", "content", "--id-col", "title", "--lang", "zh",
               "--top", "0", "--max-p", "1", "--format", "csv"]
    by_year = _cli(capsys, *options, "--target", "year=2015-2020")
    pd.testing.assert_frame_equal(by_year, _cli(capsys, *options, "--target", "doc_id=r2016,r2019"))
    assert set(by_year.loc[by_year["target_count"] > 0, "term"]) >= {"精准扶贫", "脱贫攻坚战"}


def test_keyness_plot(seed_corpus):
    import warnings

    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from discourse import plot

    table = K.keywords(seed_corpus, target=f"doc_id={SEED_B}", lang="zh")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ax = plot.keyness(table, top=4, title="脱贫攻坚责任书 vs 中央统筹、省负总责")
            ax.figure.canvas.draw()
        labels = [t.get_text() for t in ax.get_yticklabels()]
        widths = [p.get_width() for p in ax.patches]
        assert len(labels) == 8 and widths == sorted(widths, reverse=True)
        assert widths[0] > 0 > widths[-1] and labels[0] in set(table.head(4)["term"])
        neg = {matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in ax.patches if p.get_width() < 0}
        assert neg == {"#999999"}
        g2_ax = plot.keyness(table, top=2, value="g2")
        assert [p.get_width() > 0 for p in g2_ax.patches] == [True, True, False, False]
        with pytest.raises(InputError, match="not finite"):
            plot.keyness(table, value="pct_diff")
        flipped = table.assign(log_ratio=table["log_ratio"].abs())
        with pytest.raises(InputError, match="plot value='g2'"):
            plot.keyness(flipped)
    finally:
        plt.close("all")
