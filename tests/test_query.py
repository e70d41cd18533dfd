"""Finding words, phrases and patterns in tokens (the search behind KWIC and frames)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse
from discourse.errors import InputError
from discourse.query import find, fold_diacritics


@pytest.fixture(scope="module")
def toks():
    return discourse.load_corpus().tokens()


def surfaces(toks, hits):
    texts = toks.corpus.segments["text"]
    return [texts[r][s:e] for r, s, e in zip(hits["seg_row"], hits["start"], hits["end"])]


def test_word_hits_equal_a_count_over_tokens(toks):
    norms = Counter(toks.to_frame().query("lang == 'zh'")["norm"])
    assert len(find(toks, "责任", lang="zh")) == norms["责任"] > 0


def test_chars_finds_inside_compounds(toks):
    words = find(toks, "责任", lang="zh")
    chars = find(toks, "责任", lang="zh", chars=True)
    assert len(chars) > len(words)
    texts = toks.corpus.segments.loc[toks.corpus.segments["lang"] == "zh", "text"]
    assert len(chars) == sum(t.count("责任") for t in texts)


def test_multiword_wildcard_regex_alternatives(toks):
    assert set(surfaces(toks, find(toks, "trách nhiệm", lang="vi"))) == {"trách nhiệm"}
    assert set(surfaces(toks, find(toks, "respons*", lang="fr"))) == {"responsabilité", "responsabilités", "responsables"}
    assert surfaces(toks, find(toks, "recours en responsabilité")) == ["recours en responsabilité"]
    assert set(surfaces(toks, find(toks, r"respons\w+s", regex=True))) == {"responsabilités", "responsables"}
    assert set(surfaces(toks, find(toks, ["军令状", "责任书"]))) == {"军令状", "责任书"}
    assert len(find(toks, "中央 统筹")) == len(find(toks, "中央统筹")) > 0  # spaces in a zh query are the user's


def test_case_and_diacritics_options(toks):
    assert len(find(toks, "parti")) > len(find(toks, "parti", case=True)) == 0
    assert set(surfaces(toks, find(toks, "xoa*", diacritics=False))) == {"xoá đói giảm nghèo"}
    assert fold_diacritics("Đảng uỷ") == "Dang uy"


def test_bad_queries():
    toks = discourse.load_corpus().tokens()
    with pytest.raises(InputError, match="empty"):
        find(toks, "  ")
    with pytest.raises(InputError, match="not valid"):
        find(toks, "(", regex=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hits_point_at_the_right_characters(toks, data):
    """Property: for random queries cut from the text, in every language, each hit's
    offsets are those of its tokens and text[start:end] is what was asked for."""
    n = len(toks)
    first = data.draw(st.integers(0, n - 1))
    last = data.draw(st.integers(first + 1, min(first + 3, n)))
    while toks.seg_row[last - 1] != toks.seg_row[first]:
        last -= 1
    row = int(toks.seg_row[first])
    seg = toks.corpus.segments
    text, lang = seg["text"][row], seg["lang"][row]
    query = text[toks.start[first]:toks.end[last - 1]]
    if query.strip(" *?") != query or "*" in query or "?" in query:
        return
    chars = data.draw(st.booleans())
    hits = find(toks, query, lang=lang, chars=chars)
    texts = seg["text"]
    for r, f, l, s, e in hits.itertuples(index=False):
        assert 0 <= s < e <= len(texts[r]) and toks.seg_row[f] == r
        if chars:
            assert texts[r][s:e].lower() == query.lower()
        else:
            assert (s, e) == (toks.start[f], toks.end[l - 1])
    if chars:
        assert ((hits["seg_row"] == row) & (hits["start"] == toks.start[first])).any()


def test_alternatives_are_merged_in_corpus_order_each_span_once():
    toks = discourse.load_corpus().tokens()
    one = find(toks, "responsabilité", lang="fr")
    other = find(toks, "pauvreté", lang="fr")
    both = find(toks, ["pauvreté", "responsabilité", "pauvreté"], lang="fr")
    expected = pd.concat([one, other]).sort_values(["seg_row", "start", "end"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(both, expected)
    assert list(both.dtypes) == ["int64"] * 5 and len(one) and len(other)


def test_a_query_found_as_words_costs_its_hits_not_a_scan_of_the_text(toks, monkeypatch):
    # issue 18: the check for a term "in the text but not found as words" scanned the whole
    # text of the language on every query (200 ms a query on 2 M French characters); a term
    # found as one word has nothing to report, so the text is not read for it
    import discourse.query as query_module

    def scan(*args, **kwargs):
        raise AssertionError("the raw text was scanned")

    found = find(toks, "trách nhiệm", lang="vi")
    assert len(found) > 5
    monkeypatch.setattr(query_module, "_joined_text", scan)
    assert query_module.unmatched(toks, "trách nhiệm", "vi", hits=found) is None
    assert find(toks, "trách nhiệm", lang="vi").equals(found)
    assert len(discourse.kwic(toks.corpus, "军令状", lang="zh")) == 1
    with pytest.raises(AssertionError, match="scanned"):  # a term not found as words is still looked for
        find(toks, "印度尼西亚和马来西亚", lang="zh")


def test_find_hits_are_the_arrays_of_find(toks):
    from discourse.query import find_hits

    for query, options in [("责任", {}), ("respons*", {"lang": "fr"}), ("攻坚", {"chars": True}),
                           (["中央 统筹", "责任"], {"lang": "zh"}), ("zzz", {})]:
        frame, arrays = find(toks, query, **options), find_hits(toks, query, **options)
        assert list(frame.columns) == list(arrays) and all(frame[c].tolist() == arrays[c].tolist() for c in arrays)
        assert all(arrays[c].dtype == "int64" for c in arrays) and (frame.dtypes == "int64").all()
