"""Keyness for several groups at once: ``keywords(corpus, by=COLUMN)`` (issue 17, item 1).

The independent values are ``keywords`` run once per group with the rest of the text (the
complement) or the named group as reference, and, on a hand corpus, counts taken by hand
and G² computed from its textbook formula.
"""

from __future__ import annotations

import io
import math
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

import discourse
from discourse.errors import InputError
from discourse.keyness import KEYNESS_COLUMNS, keywords


@pytest.fixture(scope="module")
def seeds():
    return discourse.load_corpus()


@pytest.fixture(scope="module")
def hand():
    """Three French documents of two years; counted by hand below."""
    frame = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "year": [2020, 2020, 2021],
        "text": ["pauvreté pauvreté travail.", "pauvreté école travail travail.", "école école école travail."],
    })
    return discourse.read_table(frame, lang="fr")


def _g2(a, b, c, d):
    """Dunning's G² = 2 Σ O ln(O/E) over the 2 × 2 table (word / other words × target / reference)."""
    cells = [(a, c * (a + b) / (c + d)), (b, d * (a + b) / (c + d)),
             (c - a, c * (c + d - a - b) / (c + d)), (d - b, d * (c + d - a - b) / (c + d))]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def _per_group(corpus, by, values, **options):
    return {value: keywords(corpus, target={by: value}, **options) for value in values}


def _assert_equal_per_group(table, expected):
    assert list(pd.unique(table["group"])) == list(expected)
    for value, want in expected.items():
        got = table[table["group"] == value].drop(columns="group").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want.reset_index(drop=True), check_exact=True)


def test_hand_corpus_counted_by_hand(hand):
    table = keywords(hand, lang="fr", by="year")
    assert list(table.columns) == ["group", "lang", *KEYNESS_COLUMNS]
    # 2020: pauvreté 3, travail 3, école 1 (7 tokens); 2021: école 3, travail 1 (4 tokens)
    got = {(g, t): (a, b, c, d) for g, t, a, b, c, d in table[
        ["group", "term", "target_count", "reference_count", "target_total", "reference_total"]].values}
    assert got == {
        (2020, "pauvreté"): (3, 0, 7, 4), (2020, "travail"): (3, 1, 7, 4), (2020, "école"): (1, 3, 7, 4),
        (2021, "pauvreté"): (0, 3, 4, 7), (2021, "travail"): (1, 3, 4, 7), (2021, "école"): (3, 1, 4, 7),
    }
    for row in table.itertuples():
        assert row.g2 == pytest.approx(_g2(row.target_count, row.reference_count, row.target_total,
                                           row.reference_total), rel=1e-12)
    first = table[table["group"] == 2020]
    assert first["term"].tolist() == ["pauvreté", "travail", "école"]  # positive first, by G²
    assert first["direction"].tolist() == ["positive", "positive", "negative"]


def test_hand_corpus_equals_keywords_per_group(hand):
    for by, values in (("year", [2020, 2021]), ("doc_id", ["a", "b", "c"])):
        _assert_equal_per_group(keywords(hand, lang="fr", by=by), _per_group(hand, by, values, lang="fr"))


def test_reference_group_equals_keywords_against_that_group(hand):
    table = keywords(hand, lang="fr", by="doc_id", reference_group="c")
    expected = {v: keywords(hand, target={"doc_id": v}, reference={"doc_id": "c"}, lang="fr") for v in "ab"}
    _assert_equal_per_group(table, expected)
    assert set(table["reference_total"]) == {4}
    # a year given as text finds the numeric group
    assert set(keywords(hand, lang="fr", by="year", reference_group="2021")["group"]) == {2020}


@pytest.mark.parametrize("lang, by", [("zh", "doc_id"), ("zh", "role"), ("vi", "role")])
def test_seed_corpus_equals_keywords_per_group(seeds, lang, by):
    values = ["title", "body"] if by == "role" else seeds.doc_ids
    table = keywords(seeds, lang=lang, by=by)
    _assert_equal_per_group(table, _per_group(seeds, by, values, lang=lang))
    options = dict(lang=lang, n=2, max_p=0.5, top=3, measure="log_ratio", stopwords=False)
    _assert_equal_per_group(keywords(seeds, by=by, **options), _per_group(seeds, by, values, **options))


def test_bundled_reports_equal_keywords_per_year():
    corpus = discourse.load_corpus("gov_work_reports")
    table = keywords(corpus, lang="zh", by="year", top=20, max_p=0.05)
    years = [v for v in pd.unique(table["group"]) if not pd.isna(v)]
    assert len(years) == corpus.documents["year"].nunique() and years[0] == 1954
    assert table["group"].isna().any()  # the reports without a year are a group of their own, kept
    sample = [years[0], years[len(years) // 2], years[-1]]
    expected = _per_group(corpus, "year", sample, lang="zh", top=20, max_p=0.05)
    _assert_equal_per_group(table[table["group"].isin(sample)], expected)
    # the years of a target: each against the other years of the target only
    part = keywords(corpus, lang="zh", by="year", target="year=2019-2025", top=5)
    assert list(part["group"].unique()) == [2019, 2021, 2022, 2023, 2024, 2025]  # no report of 2020
    want = keywords(corpus, lang="zh", target="year=2019", reference="year=2021-2025", top=5)
    pd.testing.assert_frame_equal(part[part["group"] == 2019].drop(columns="group").reset_index(drop=True),
                                  want, check_dtype=False)


def test_reference_group_after_a_group_without_a_year():
    """The reports without a year are a group (<NA>) standing before most years: naming a later year as
    reference_group must find it (comparing it with NA raised a TypeError); Bonferroni counts each
    group's own rows."""
    corpus = discourse.load_corpus("gov_work_reports")
    options = dict(lang="zh", bonferroni=True, min_count=2, measure="chi2", max_p=0.05, top=10)
    table = keywords(corpus, by="year", reference_group=2019, **options)
    assert 2019 not in set(table["group"].dropna()) and table["group"].isna().any()
    assert set(table["reference_total"]) == {int(keywords(corpus, lang="zh", target="year=2019",
                                                          top=1)["target_total"].iloc[0])}
    sample = [1954, 2018, 2025]
    expected = {v: keywords(corpus, target={"year": v}, reference="year=2019", **options) for v in sample}
    _assert_equal_per_group(table[table["group"].isin(sample)], expected)
    with pytest.raises(InputError, match="is not a value of 'year'"):
        keywords(corpus, lang="zh", by="year", reference_group=2020)  # no report of 2020


def test_group_options_are_checked(seeds, hand):
    with pytest.raises(InputError, match="one language"):
        keywords(seeds, lang="zh", by="lang")
    with pytest.raises(InputError, match="several languages|pass lang"):
        keywords(seeds, by="doc_id")
    with pytest.raises(InputError, match="give by="):
        keywords(hand, lang="fr", reference_group="c")
    with pytest.raises(InputError, match="leave reference out"):
        keywords(hand, "doc_id=c", lang="fr", by="doc_id")
    with pytest.raises(InputError, match="is not a value of 'doc_id'"):
        keywords(hand, lang="fr", by="doc_id", reference_group="z")
    with pytest.raises(InputError, match="no rest"):
        keywords(hand, lang="fr", by="doc_id", target="doc_id=a")
    with pytest.raises(InputError, match="no rest"):  # the French of the seeds is one document
        keywords(seeds, lang="fr", by="doc_id")
    with pytest.raises(InputError, match="one column"):
        keywords(hand, lang="fr", by=["doc_id", "year"])


def test_cli_keyness_by(capsys):
    from discourse.cli import main

    code = main(["keyness", "--lang", "zh", "--by", "doc_id", "--top", "2", "--max-p", "1", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = pd.read_csv(io.StringIO(out))
    assert rows.columns[0] == "group" and rows.groupby("group").size().tolist() == [4, 4]
    seeds = discourse.load_corpus()
    want = keywords(seeds, lang="zh", target={"doc_id": seeds.doc_ids[0]}, top=2)
    assert rows[rows["group"] == seeds.doc_ids[0]]["term"].tolist() == want["term"].tolist()
    code = main(["keyness", "--lang", "zh", "--by", "doc_id", "--reference-group", seeds.doc_ids[0],
                 "--max-p", "1", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert set(pd.read_json(io.StringIO(out))["group"]) == {seeds.doc_ids[1]}


def test_keyness_groups_plot_one_panel_per_group_without_missing_glyphs(seeds):
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from discourse import plot

    for lang, by in (("zh", "doc_id"), ("vi", "role")):
        groups = seeds.doc_ids if by == "doc_id" else ["title", "body"]
        table = keywords(seeds, lang=lang, by=by, max_p=0.5)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a missing glyph warns
            axes = plot.keyness_groups(table, top=2, columns=1)
            axes[0].figure.canvas.draw()
        assert [ax.get_title() for ax in axes] == groups
        for ax, group in zip(axes, groups):
            rows = table[table["group"] == group]
            shown = [t.get_text() for t in ax.get_yticklabels()]
            want = (rows[rows["direction"] == "positive"]["term"].head(2).tolist()
                    + rows[rows["direction"] == "negative"]["term"].head(2).tolist())
            assert sorted(shown) == sorted(want) and len(ax.patches) == len(want)
        assert axes[0].get_legend() is not None and axes[1].get_legend() is None
        plt.close("all")
    with pytest.raises(InputError, match="no group column"):
        plot.keyness_groups(keywords(seeds, lang="zh", target=f"doc_id={seeds.doc_ids[0]}"))
    empty = keywords(seeds, lang="zh", by="doc_id", max_p=0.02)  # one group keeps only one side
    axes = plot.keyness_groups(empty, top=3)
    assert len(axes) == 2
    plt.close("all")


def test_group_column_is_first_and_types_are_kept(hand):
    table = keywords(hand, lang="fr", by="year")
    assert table.columns[0] == "group" and np.issubdtype(table["group"].dtype, np.integer)
    assert table.attrs["by"] == "year" and table.attrs["empty_groups"] == []
