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


# Frequency signatures and scores computed by Evert's UCS toolkit (see README).
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
    by_mi = C.collocation_table(PAIRS, 100, FREQS, 100_000, span=2, sort_by="mi")
    assert by_mi["mi"].is_monotonic_decreasing
    filtered = C.collocation_table(dict(PAIRS), 100, dict(FREQS), 100_000, span=2, min_count=5)
    assert filtered["collocate"].tolist() == ["tea", "the"]


@pytest.mark.parametrize("kwargs, message", [
    (dict(collocate_freqs=pd.Series({"tea": 100})), "no frequency"),
    (dict(pairs_counts=pd.Series({"tea": 200})), "exceeds"),
    (dict(span=2000), "exceeds corpus_size"),
    (dict(sort_by="dice"), "sort_by"),
    (dict(pairs_counts=[1, 2]), "pandas Series"),
])
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
