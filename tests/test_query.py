"""Finding words, phrases and patterns in tokens (the search behind KWIC and frames)."""

from __future__ import annotations

import unicodedata
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


TRICKY_TEXTS = ["Il fut ſeul à Paris.", "À İzmir, la STRASSE et la Straße.", "La ﬁn du jour, aujourd’hui.",
                "Une e\u0301tude et une étude.", "Le signe \u0345 seul.", "Le \u212a et le k, ΦΑΣ et ᾳ ici.",
                "L'État, l’état."]
TRICKY_QUERIES = ["seul", "ſeul", "SEUL", "izmir", "İzmir", "ızmır", "strasse", "straße", "STRAẞE", "fin", "ﬁn",
                  "étude", "e\u0301tude", "etude", "k", "K", "\u212a", "φας", "ᾳ", "αι", "ι", "Ι", "\u0345", "l'état", "état",
                  "État", "aujourd'hui", "aujourd", "hui", "paris", "parisien", "absent", "zzq", "jour", "ici", "la"]


def test_an_absent_word_is_known_absent_without_scanning_the_text(monkeypatch):
    # issue 18: a word absent from the text cost one case-insensitive regex scan of the whole
    # text of its language (about 1 s on 2 M French tokens) on every query; the text's word runs
    # (and, for uncased Chinese, a plain substring test) now say so without a scan
    import re
    import types

    import discourse.query as query_module

    texts = ["Le premier jour, l’État dit « aujourd’hui ».", "中央统筹,责任。"]
    corpus = discourse.Corpus(pd.DataFrame({"doc_id": "d", "lang": ["fr", "zh"], "text": texts}))
    toks = corpus.tokens()
    assert len(find(toks, "absentword", lang="fr")) == 0  # the word runs are made once here

    class NoScan:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, text, *args):
            raise AssertionError(f"the raw text was scanned for {self.pattern!r}")

        finditer = search

    fake_re = types.SimpleNamespace(compile=lambda pattern, *a, **k: NoScan(pattern), escape=re.escape,
                                    IGNORECASE=re.IGNORECASE)
    monkeypatch.setattr(query_module, "re", fake_re)
    for word, lang in [("xylophone", "fr"), ("Premiers", "fr"), ("ſeuls", "fr"), ("火星", "zh"), ("2020", "fr")]:
        assert len(find(toks, word, lang=lang)) == 0
        assert query_module.unmatched(toks, word, lang) is None
    # a word that is in the text without being found as words is still looked for (and reported)
    for word, lang in [("aujourd", "fr"), ("统筹", "zh")]:
        with pytest.raises(AssertionError, match="scanned"):
            query_module.unmatched(toks, word, lang, hits={"seg_row": []})


def test_the_absence_check_agrees_with_the_scan(monkeypatch):
    # the quick answer is never "absent" where the case-insensitive scan finds the term:
    # long s, dotted and dotless i, ß/ẞ, ligatures, decomposed accents, the Kelvin sign, the
    # Greek iota subscript (U+0345 matches iota ignoring case), apostrophes
    import re

    import discourse.query as query_module

    corpus = discourse.Corpus(pd.DataFrame({"doc_id": "d", "lang": "fr", "text": TRICKY_TEXTS}))
    toks = corpus.tokens()
    text = "\x00".join(TRICKY_TEXTS)
    quick = {}
    for query in TRICKY_QUERIES:
        body = re.escape(unicodedata.normalize("NFC", query)).replace("'", "['’ʼ]")
        present = re.search(rf"(?<!\w){body}(?!\w)", text, re.IGNORECASE) is not None
        quick[query] = query_module._surely_absent(toks, "fr", [query], True)
        assert not (quick[query] and present), query
        plain = re.fullmatch(r"\w+", unicodedata.normalize("NFC", query)) and "ι" not in query_module._word_key(query)
        # every absent plain word is known absent, but fin (the text's ﬁn casefolds to fin: scanned, not found)
        assert quick[query] or present or not plain or query == "fin", query
    assert quick["absent"] and quick["parisien"] and not quick["ſeul"] and not quick["ızmır"] and not quick["K"]
    assert not quick["\u212a"] and not quick["STRAẞE"] and not quick["e\u0301tude"]
    reports = {q: query_module.unmatched(toks, q, "fr") for q in TRICKY_QUERIES}
    assert reports["aujourd"]["contexts"] == reports["hui"]["contexts"] == ["aujourd’hui"]
    monkeypatch.setattr(query_module, "_surely_absent", lambda *args: False)  # always scan: the same reports
    assert reports == {q: query_module.unmatched(toks, q, "fr") for q in TRICKY_QUERIES}


def test_word_keys_are_alike_wherever_re_matches_ignoring_case():
    # every pair of characters re's IGNORECASE matches (found among the characters that share
    # a lowercase, an uppercase or a case folding) has one word key, and both are word
    # characters or neither is, except the Greek iota and U+0345 (the check leaves iota out)
    import re

    from discourse.query import _word_key

    groups: dict[str, set[str]] = {}
    for code in range(0x110000):
        c = chr(code)
        if 0xD800 <= code < 0xE000 or c.lower() == c.upper() == c.casefold() == c:
            continue
        for other in (c.lower(), c.upper(), c.casefold(), c.title()):
            groups.setdefault(other, set()).add(c)
            if len(other) == 1:
                groups[other].add(other)
    pairs = {(a, b) for members in groups.values() for a in members for b in members if a < b}
    matched = [(a, b) for a, b in pairs if re.fullmatch(re.escape(a), b, re.IGNORECASE)]
    assert len(matched) > 1000 and ("s", "ſ") in matched and ("i", "ı") in matched
    assert [(a, b) for a, b in matched if _word_key(a) != _word_key(b)] == []
    word = re.compile(r"\w")
    mixed = {_word_key(a) for a, b in matched if bool(word.match(a)) != bool(word.match(b))}
    assert mixed <= {"ι"}
