"""Tests of discourse.counting, the counting engine every statistic shares (issue 14)."""

from __future__ import annotations

import ast
import doctest

import numpy as np
import pandas as pd
import pytest

import discourse
import discourse.counting as C
from discourse.errors import InputError

from .conftest import ROOT


def test_doctests():
    result = doctest.testmod(C, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_counting_does_not_import_the_statistics():
    tree = ast.parse((ROOT / "discourse" / "counting.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not imported & {"frequency", "keyness", "collocations", "dispersion", "equivalence", "scale"}


def test_frequency_holds_no_private_aliases_of_the_engine():
    import discourse.frequency as F

    assert not any(hasattr(F, name) for name in ("_count_table", "_lang_mask", "_select", "_tokens_of"))


def test_tokens_of(corpus):
    toks = C.tokens_of(corpus)
    assert toks is corpus.tokens() and C.tokens_of(toks) is toks
    with pytest.raises(InputError, match="expected a discourse Corpus"):
        C.tokens_of(corpus.segments)


def test_parse_conditions():
    assert C.parse_conditions(None) == {}
    assert C.parse_conditions("year=2015-2020") == {"year": "2015-2020"}
    assert C.parse_conditions(["doc_id=a=b", " kind =report"]) == {"doc_id": "a=b", "kind": "report"}
    assert C.parse_conditions({"year": 2020}) == {"year": 2020}
    with pytest.raises(InputError, match="a selection is COLUMN=VALUE"):
        C.parse_conditions("year")
    with pytest.raises(InputError, match="names no column"):
        C.parse_conditions("=2020")


def test_select_is_corpus_mask_of_the_parsed_conditions(corpus):
    doc = corpus.doc_ids[0]
    assert (C.select(corpus, [f"doc_id={doc}", "lang=zh,vi"]) == corpus.mask(doc_id=doc, lang=["zh", "vi"])).all()
    assert not C.select(corpus, "doc_id=nope", strict=False).any()
    with pytest.raises(InputError, match="no text has doc_id='nope'"):
        C.select(corpus, "doc_id=nope")


def test_lang_mask_leaves_header_lines_out_and_checks_languages(corpus):
    mask = C.lang_mask(corpus, None)
    assert (mask == np.isin(corpus.column("role"), ["title", "body"])).all()
    assert C.lang_mask(corpus, None, role=("title", "body", "meta")).all()
    with pytest.raises(InputError, match="no text in language 'de'"):
        C.lang_mask(corpus, "de")
    assert not C.lang_mask(corpus, "de", strict=False).any()
    with pytest.raises(InputError, match="role must be one or more of"):
        C.lang_mask(corpus, None, role="header")


def test_groups_follow_corpus_order_and_leave_unselected_segments_out(corpus):
    mask = C.lang_mask(corpus, ["zh", "fr"])
    codes, labels = C.groups(corpus, "doc_id", mask)
    assert (codes[~mask] == -1).all() and (codes[mask] >= 0).all()
    assert labels.columns.tolist() == ["lang", "doc_id"] and len(labels) == codes.max() + 1
    first = [labels.iloc[c][["lang", "doc_id"]].tolist() for c in codes[mask]]
    frame = corpus.segment_frame(["lang", "doc_id"])[mask]
    assert first == frame.values.tolist()


def test_units_never_cross_a_segment_and_check_n(corpus):
    toks = C.tokens_of(corpus)
    every = np.ones(len(corpus), dtype=bool)
    bigrams = C.units(toks, n=2, punct=True, stopwords=False, seg_mask=every)
    assert (toks.seg_row[bigrams.start] == toks.seg_row[bigrams.start + 1]).all()
    assert bigrams.counted is None and bigrams.types.shape[1] == 2
    for n in (0, 6, True, 1.0):
        with pytest.raises(InputError, match="n-gram length"):
            C.units(toks, n=n, punct=True, stopwords=False, seg_mask=every)


def test_count_table_sums_to_its_totals_and_one_part_merges_to_itself(corpus):
    toks = C.tokens_of(corpus)
    table, groups = C.count_table(toks, by=["doc_id"], seg_mask=C.lang_mask(corpus, None), punct=True,
                                  stopwords=False)
    sums = table.groupby("_group")["count"].sum()
    assert (sums.to_numpy() == groups["total"].to_numpy()[sums.index]).all()
    merged, merged_groups = C.merge_count_tables([(table, groups)], by=["doc_id"])
    pd.testing.assert_frame_equal(merged_groups, groups.reset_index(drop=True))
    assert merged[["term", "count", "doc_freq", "total"]].equals(table[["term", "count", "doc_freq", "total"]])


def test_finish_ranks_like_antconc_and_checks_top():
    table = pd.DataFrame({"lang": ["fr"] * 4, "term": ["b", "a", "c", "d"], "count": [3, 3, 1, 2],
                          "doc_freq": [1, 1, 1, 1], "total": [9] * 4, "_group": [0] * 4})
    out = C.finish(table, by=[], min_count=1, top=None)
    assert out[["term", "rank"]].values.tolist() == [["a", 1], ["b", 1], ["d", 3], ["c", 4]]
    assert C.finish(table, by=[], min_count=2, top=2)["term"].tolist() == ["a", "b"]
    for top in (0, -1, 1.5, True):
        with pytest.raises(InputError, match="top must be a positive integer"):
            C.check_top(top)


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()
