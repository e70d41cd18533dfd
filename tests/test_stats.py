"""discourse.stats: the formulas in one place, one registry of measures, one name per idea (issue 14)."""

from __future__ import annotations

import math
import warnings
from decimal import Decimal, localcontext

import numpy as np
import pandas as pd
import pytest

import discourse.collocations as C
import discourse.dispersion as D
import discourse.equivalence as E
import discourse.keyness as K
from discourse import stats
from discourse.errors import InputError
from discourse.reference import frequency_list, read_frequency_list
from discourse.stats.registry import MEASURES, measures
from discourse.stats.tables import UNSET, renamed


# --- one formula per idea, at its old import paths too --------------------------------------

@pytest.mark.parametrize("module, names", [
    (K, ["g2", "chi2", "log_ratio", "log_ratio_ci", "pct_diff", "simple_maths", "p_value"]),
    (C, ["expected_cooccurrence", "mi", "t_score", "log_likelihood", "log_dice"]),
    (D, ["juilland_d", "gries_dp", "DPResult"]),
    (E, ["dice", "log_dice", "g2_units"]),
])
def test_old_import_paths_are_the_formulas_of_stats(module, names):
    for name in names:
        assert getattr(module, name) is getattr(stats, name), f"{module.__name__}.{name}"
        assert getattr(module, name).__module__.startswith("discourse.stats."), name


def test_one_log_dice_for_collocations_and_equivalents():
    assert C.log_dice is E.log_dice is stats.log_dice
    assert float(stats.log_dice(4, 5, 5)) == 14 + math.log2(stats.dice(4, 5, 5))
    assert stats.log_dice(0, 10, 10) == -math.inf


def _exact_g2(a, f_s, f_t, n):
    """G² of the unit table in 60-digit decimal arithmetic."""
    with localcontext() as ctx:
        ctx.prec = 60
        cells = [(a, f_s, f_t), (f_s - a, f_s, n - f_t), (f_t - a, n - f_s, f_t),
                 (n - f_s - f_t + a, n - f_s, n - f_t)]
        total = sum(Decimal(o) * (Decimal(o) * Decimal(n) / (Decimal(r) * Decimal(c))).ln()
                    for o, r, c in cells if o > 0)
        return float(2 * total)


@pytest.mark.parametrize("a, f_s, f_t, n", [
    (10, 10, 10, 100), (3, 5, 7, 40),
    (1001, 10**6, 10**6, 10**9),  # O close to E: a direct sum of O ln(O/E) loses 4 digits here
    (5, 2 * 10**8, 20, 10**9), (60, 10**8, 500, 10**9), (120, 10**7, 10**4, 10**12),
])
def test_g2_units_is_g2_with_its_precision(a, f_s, f_t, n):
    value = float(stats.g2_units(a, f_s, f_t, n))
    exact = _exact_g2(a, f_s, f_t, n)
    assert abs(value) == pytest.approx(exact, rel=1e-11)
    assert np.sign(value) == np.sign(a * n - f_s * f_t)
    assert abs(value) == float(stats.g2(a, f_t - a, f_s, n - f_s))


def test_g2_units_sign_and_arrays():
    values = stats.g2_units(np.array([0, 1, 10]), 10, 10, 100)
    assert values[0] < 0 and values[1] == 0 and values[2] > 0
    assert float(stats.g2_units(0, 10, 10, 100)) == -float(stats.g2(0, 10, 10, 90))


# --- the registry -------------------------------------------------------------------------

def test_the_registry_names_every_measure_column_of_each_analysis():
    assert list(measures("keyness")) == ["g2", "g2_2cell", "chi2", "chi2_yates", "log_ratio", "pct_diff",
                                         "simple_maths"]
    assert set(measures("keyness")) <= set(K.KEYNESS_COLUMNS)
    assert list(measures("collocations")) == ["log_dice", "mi", "t_score", "log_likelihood"]
    assert set(measures("collocations")) == set(C.COLLOCATION_COLUMNS) - {"collocate", "co_freq", "collocate_freq"}
    assert list(measures("equivalents")) == ["dice", "log_dice", "g2"] == list(E.MEASURES)
    assert set(measures("keyness", kind="test")) == {"g2", "g2_2cell", "chi2", "chi2_yates"}
    assert {m.kind for m in MEASURES} == {"test", "effect"} and {m.more for m in MEASURES} == {"higher", "either"}
    with pytest.raises(InputError, match="analysis"):
        measures("frequencies")


def test_the_registry_gives_the_formulas_values():
    counts = dict(a=52, b=57, c=50_000, d=75_000)
    keyness = measures("keyness")
    assert keyness["g2"](**counts) == stats.g2(52, 57, 50_000, 75_000)
    assert keyness["g2_2cell"](**counts) == stats.g2(52, 57, 50_000, 75_000, form="2cell")
    assert keyness["chi2_yates"](**counts) == stats.chi2(52, 57, 50_000, 75_000, yates=True)
    cooc = dict(f_nc=10, f_n=100, f_c=100, n=100_000, span=2)
    assert measures("collocations")["mi"](**cooc) == stats.mi(10, 100, 100, 100_000, span=2)
    assert measures("collocations")["log_dice"](**cooc) == stats.log_dice(10, 100, 100)
    assert measures("equivalents")["g2"](**cooc) == stats.g2_units(10, 100, 100, 100_000)


def test_keyness_ranks_negative_keywords_by_the_direction_the_registry_gives():
    target = pd.Series({"up": 30, "down": 1, "flat": 10, "gone": 2})
    reference = pd.Series({"up": 10, "down": 30, "flat": 10, "gone": 40})
    for name, spec in measures("keyness").items():
        table = K.keyness(target, reference, measure=name)
        negative = table[table["direction"] == "negative"][name].to_numpy()
        steps = np.diff(negative)
        assert (steps >= 0).all() if spec.more == "higher" else (steps <= 0).all(), name


# --- one name per idea ---------------------------------------------------------------------

def test_renamed_warns_names_the_new_keyword_and_refuses_both():
    with pytest.warns(FutureWarning, match=r"f\(n=\.\.\.\)"):
        assert renamed(2, 3, new_name="n", old_name="ngrams", function="f", default=2) == 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert renamed(4, UNSET, new_name="n", old_name="ngrams", function="f", default=2) == 4
    with pytest.raises(InputError, match="give only n="):
        renamed(4, 3, new_name="n", old_name="ngrams", function="f", default=2)


def test_one_language_is_public():
    assert K.one_language(["vi"]) == "vi"
    with pytest.raises(InputError, match="pass lang="):
        K.one_language(["fr", "zh"])


# --- reference frequency lists ---------------------------------------------------------------

def test_read_frequency_list_keeps_terms_as_written(tmp_path):
    path = tmp_path / "ref.csv"
    path.write_text("term,count\nNA,3\nnull,2\n2020,5\n", encoding="utf-8")
    table = read_frequency_list(path)
    assert table["term"].tolist() == ["NA", "null", "2020"] and table["count"].tolist() == [3, 2, 5]


@pytest.mark.parametrize("text, message", [
    ("word,n\nla,3\n", "term,count"),
    ('term,count\n"unclosed,3\n', "CSV frequency list"),
])
def test_read_frequency_list_errors_name_the_file(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_frequency_list(path)
    assert err.value.path == str(path)
    with pytest.raises(InputError, match="CSV frequency list") as err:
        read_frequency_list(tmp_path / "missing.csv")
    assert "missing.csv" in str(err.value)


def test_frequency_list_normalises_and_filters():
    ref = pd.DataFrame({"term": ["Pauvreté", "pauvreté", "la", ",", "lutte"], "count": [2, 3, 9, 4, 1]})
    counts = frequency_list(ref, "fr", n=1, punct=False, stopwords={"la"}, sep=" ")
    assert counts.to_dict() == {"pauvreté": 5.0, "lutte": 1.0}
