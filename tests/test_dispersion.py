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
