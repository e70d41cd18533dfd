"""Tests of discourse.frequency: frequency lists, n-grams, TF-IDF, trends, the bundled
Government Work Reports, the `freq` command and the frequency plots."""

from __future__ import annotations

import doctest
import importlib.util
import io
import warnings
from collections import Counter

import matplotlib
import numpy as np
import pandas as pd
import pytest

import discourse
import discourse.counting as C
import discourse.frequency as F
from discourse._util import as_list, distinct_per_cell, string_ranks
from discourse.cli import main
from discourse.errors import InputError

from .conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


@pytest.fixture(scope="module")
def all_tokens(corpus):
    return corpus.tokens().to_frame()


@pytest.fixture(scope="module")
def frame(all_tokens):
    """The tokens counted by default: those of titles and body text, not of meta lines."""
    return all_tokens[all_tokens["role"] != "meta"]


@pytest.fixture(scope="module")
def gov():
    """The Government Work Reports, tokenized once for the module (≈ 600k tokens)."""
    corpus = discourse.load_corpus("gov_work_reports")
    corpus.tokens()
    return corpus


def _table(rows):
    """A small corpus from (doc_id, lang, text) rows; every line of a text is a segment."""
    return discourse.read_table(pd.DataFrame(rows, columns=["doc_id", "lang", "text"]))


def _counts(freq):
    return {(r.lang, r.term): r.count for r in freq.itertuples()}


# ----------------------------------------------------------------------------- counts
@pytest.mark.parametrize("punct, stopwords", [(False, False), (True, True), (False, True), (True, False)])
def test_counts_equal_collections_counter(corpus, frame, punct, stopwords):
    # stopwords here: whether they are listed (stopwords=False: no stoplist)
    freq = F.frequencies(corpus, punct=punct, stopwords=False if stopwords else None)
    kept = frame[(punct | ~frame["is_punct"]) & (stopwords | ~frame["is_stop"])]
    expected = Counter(zip(kept["lang"], kept["norm"]))
    assert _counts(freq) == dict(expected)


def test_header_lines_are_not_counted_unless_asked_for(corpus, all_tokens):
    """The date line "14-01-2021 | China.org.cn" and the other meta lines are metadata."""
    meta = corpus.filter(role="meta").segments
    assert "14-01-2021 | China.org.cn" in set(meta["text"])
    freq = F.frequencies(corpus, stopwords=False)
    assert not {"2021", "china", "org", "cn", "china.org.cn", "01"} & set(freq["term"])
    assert "und" not in set(freq["lang"])
    everything = F.frequencies(corpus, punct=True, stopwords=False, role=("title", "body", "meta"))
    assert _counts(everything) == dict(Counter(zip(all_tokens["lang"], all_tokens["norm"])))
    assert {"2021", "01", "china.org.cn"} <= set(everything["term"])
    meta_only = F.frequencies(corpus, role="meta", lang="vi", top=1)
    assert meta_only["total"].iloc[0] == len(all_tokens.query("role == 'meta' and lang == 'vi' and not is_punct"))
    with pytest.raises(InputError, match="role must be"):
        F.frequencies(corpus, role="header")


def test_counts_equal_nltk_freqdist(corpus, frame):
    from nltk import FreqDist

    freq = F.frequencies(corpus, lang="vi", punct=True, stopwords=False)
    dist = FreqDist(frame.loc[frame["lang"] == "vi", "norm"])
    assert dict(zip(freq["term"], freq["count"])) == dict(dist)
    assert freq["term"].iloc[0] == dist.most_common(1)[0][0] == ","
    assert dist["trách nhiệm"] == 11  # and once more in the meta line repeating the title


def test_relative_frequencies_sum_to_their_base(corpus, frame):
    freq = F.frequencies(corpus, punct=True, stopwords=False)
    sums = freq.groupby("lang")[["per_10k", "per_million"]].sum()
    np.testing.assert_allclose(sums["per_10k"], 10_000)
    np.testing.assert_allclose(sums["per_million"], 1_000_000)
    assert (freq.groupby("lang")["total"].first() == frame.groupby("lang").size()).all()


def test_totals_keep_stopwords_and_leave_out_punctuation(corpus, frame):
    """A stopword list chooses rows, not denominators: per_10k of a content word does not change."""
    default = F.frequencies(corpus).set_index(["lang", "term"])
    listed = F.frequencies(corpus, stopwords=False).set_index(["lang", "term"])
    words = frame[~frame["is_punct"]].groupby("lang").size()
    assert (default.groupby("lang")["total"].first() == words).all()
    pd.testing.assert_series_equal(default["per_10k"], listed.loc[default.index, "per_10k"])
    word = default.loc[("zh", "责任")]
    assert word["per_10k"] == pytest.approx(word["count"] / words["zh"] * 10_000)


def test_rank_doc_freq_order_and_columns(corpus, frame):
    freq = F.frequencies(corpus, lang="zh")
    assert list(freq.columns) == list(F.FREQUENCY_COLUMNS)
    assert freq["count"].is_monotonic_decreasing
    ranks = freq["count"].rank(method="min", ascending=False).astype(int)
    assert (freq["rank"] == ranks).all()  # competition ranking: ties share the best rank
    words = frame[(frame["lang"] == "zh") & ~frame["is_punct"] & ~frame["is_stop"]]
    docs = words.groupby("norm")["doc_id"].nunique()
    assert (freq.set_index("term")["doc_freq"] == docs.loc[freq["term"]].to_numpy()).all()
    tied = freq[freq["count"] == 4]
    assert tied["term"].tolist() == sorted(tied["term"])  # ties in term order


def test_by_document_and_metadata(corpus):
    by_doc = F.frequencies(corpus, by="doc_id")
    assert list(by_doc.columns[:2]) == ["lang", "doc_id"]
    summed = by_doc.groupby(["lang", "term"])["count"].sum()
    overall = F.frequencies(corpus).set_index(["lang", "term"])["count"]
    pd.testing.assert_series_equal(summed.sort_index(), overall.sort_index(), check_names=False)
    assert set(by_doc["doc_freq"]) == {1}
    zh = by_doc[by_doc["lang"] == "zh"]
    assert set(zh["doc_id"]) == {"000_6faf780c4d1388a2", "003_90d6e10e09142168"}
    by_date = F.frequencies(corpus, by=["date"], lang="vi", top=1)
    assert by_date[["date", "term"]].values.tolist() == [["2021-01-14", "trách nhiệm"]]
    by_role = F.frequencies(corpus, by="role", lang="zh")
    assert set(by_role["role"]) == {"title", "body"}


def test_top_and_min_count(corpus):
    top = F.frequencies(corpus, by="doc_id", top=3)
    assert top.groupby(["lang", "doc_id"]).size().max() == 3
    common = F.frequencies(corpus, lang="zh", min_count=4)
    assert common["count"].min() == 4 and "责任" in set(common["term"])


def test_tokens_are_accepted_and_the_corpus_is_not_changed(corpus):
    before = corpus.segments.copy()
    assert F.frequencies(corpus.tokens(), lang="fr").equals(F.frequencies(corpus, lang="fr"))
    pd.testing.assert_frame_equal(corpus.segments, before)


@pytest.mark.parametrize("kwargs, message", [
    (dict(n=0), "n-gram length"),
    (dict(n=6), "n-gram length"),
    (dict(by="nope"), "no column 'nope'"),
    (dict(lang="de"), "no text in language"),
    (dict(top=0), "top must be"),
])
def test_bad_input(corpus, kwargs, message):
    with pytest.raises(InputError, match=message):
        F.frequencies(corpus, **kwargs)
    with pytest.raises(InputError, match="discourse Corpus"):
        F.frequencies(["not", "a", "corpus"])


# ----------------------------------------------------------------------------- n-grams
def _brute_ngrams(frame, n, *, punct=False, stopwords=False):
    """N-grams per segment, counted in Python: the independent reference."""
    counts = Counter()
    for (lang, _, _), seg in frame.groupby(["lang", "doc_id", "seg_id"], sort=False):
        norms, is_punct, is_stop = seg["norm"].tolist(), seg["is_punct"].tolist(), seg["is_stop"].tolist()
        for i in range(len(norms) - n + 1):
            if not punct and any(is_punct[i:i + n]):
                continue
            if not stopwords and (is_stop[i] or is_stop[i + n - 1]):
                continue
            counts[(lang, " ".join(norms[i:i + n]))] += 1
    return dict(counts)


@pytest.mark.parametrize("n", [2, 3, 5])
@pytest.mark.parametrize("punct, stopwords", [(False, False), (True, True)])
def test_ngrams_equal_a_count_within_segments(corpus, frame, n, punct, stopwords):
    freq = F.frequencies(corpus, n=n, punct=punct, stopwords=False if stopwords else None)
    assert _counts(freq) == _brute_ngrams(frame, n, punct=punct, stopwords=stopwords)


def test_ngrams_never_cross_segments_or_punctuation():
    corpus = _table([("d", "fr", "la pauvreté recule\nles provinces agissent, les villes suivent")])
    bigrams = set(F.frequencies(corpus, n=2, stopwords=False)["term"])
    assert "pauvreté recule" in bigrams and "les provinces" in bigrams
    assert "recule les" not in bigrams  # across the segment boundary
    assert "agissent les" not in bigrams  # across the comma
    with_punct = set(F.frequencies(corpus, n=2, punct=True, stopwords=False)["term"])
    assert "agissent ," in with_punct and "recule les" not in with_punct
    totals = F.frequencies(corpus, n=2, stopwords=False)["total"].iloc[0]
    assert totals == 2 + 4  # "la pauvreté recule": 2; "les provinces agissent" + "les villes suivent": 2 + 2


def test_ngram_terms_are_norms_joined_by_sep(corpus):
    zh = F.frequencies(corpus, n=2, lang="zh", top=50)
    assert all(len(t.split(" ")) == 2 for t in zh["term"])
    vi = F.frequencies(corpus, n=2, lang="vi", sep=" | ")
    assert "chịu | trách nhiệm" in set(vi["term"])  # a Vietnamese word keeps its inner space


def test_stopword_ngrams_are_dropped_only_at_the_edges():
    corpus = _table([("d", "fr", "la lutte contre la pauvreté")])
    four = set(F.frequencies(corpus, n=4)["term"])
    assert four == {"lutte contre la pauvreté"}
    assert set(F.frequencies(corpus, n=4, stopwords=False)["term"]) == {"la lutte contre la", "lutte contre la pauvreté"}


# ----------------------------------------------------------------------------- TF-IDF
@pytest.mark.parametrize("options", [
    {},
    {"sublinear_tf": True},
    {"smooth_idf": False, "norm": "l1"},
    {"use_idf": False, "norm": None},
])
def test_tfidf_equals_sklearn_vectorizer_on_the_same_tokens(corpus, frame, options):
    from sklearn.feature_extraction.text import TfidfVectorizer

    table = F.tfidf(corpus, **options)
    words = frame[~frame["is_punct"] & ~frame["is_stop"]]
    for lang, rows in words.groupby("lang"):
        docs = rows.groupby("doc_id", sort=False)["norm"].apply(list)
        vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, lowercase=False, **options)
        matrix = vectorizer.fit_transform(docs.tolist()).toarray()
        terms = vectorizer.get_feature_names_out()
        expected = {(doc, terms[j]): matrix[i, j] for i, doc in enumerate(docs.index)
                    for j in np.flatnonzero(matrix[i])}
        got = table[table["lang"] == lang]
        got = dict(zip(zip(got["doc_id"], got["term"]), got["tf_idf"]))
        assert got.keys() == expected.keys()
        np.testing.assert_allclose([got[k] for k in expected], list(expected.values()), rtol=1e-12)


def test_tfidf_table_and_document_term_matrix(corpus):
    table = F.tfidf(corpus, lang="zh", top=5)
    assert list(table.columns) == ["lang", "doc_id", "term", "count", "tf_idf", "rank"]
    assert table.groupby("doc_id").size().tolist() == [5, 5]
    dtm = F.document_term_matrix(corpus, lang="zh")
    freq = F.frequencies(corpus, lang="zh").set_index("term")["count"]
    col_sums = pd.Series(np.asarray(dtm.matrix.sum(axis=0)).ravel(), index=dtm.terms)
    pd.testing.assert_series_equal(col_sums.sort_index(), freq.sort_index(), check_names=False)
    with pytest.raises(InputError, match="one language"):
        F.document_term_matrix(corpus, lang=["zh", "vi"])


# ----------------------------------------------------------------------------- trend and selection
def test_trend_counts_hits_per_group(corpus):
    t = F.trend(corpus, ["责任", "脱贫"], by="doc_id", lang="zh")
    assert list(t.columns) == ["lang", "doc_id", "term", "count", "total", "per_10k"]
    hits = discourse.find(corpus.tokens(), "责任", lang="zh")
    assert t.loc[t["term"] == "责任", "count"].sum() == len(hits)
    assert t.loc[t["term"] == "脱贫", "count"].tolist() == [0, 3]  # 脱贫攻坚 is one token
    chars = F.trend(corpus, "脱贫", by="doc_id", lang="zh", chars=True)
    assert chars["count"].tolist() == [7, 9]  # inside 脱贫攻坚 too
    np.testing.assert_allclose(chars["per_10k"], chars["count"] / chars["total"] * 10_000)


def test_select_conditions(gov):
    assert C.select(gov, "year=2015-2016").sum() == C.select(gov, "year=2015,2016").sum() > 0
    assert C.select(gov, {"year": 2019}).sum() == C.select(gov, "year=2019..2019").sum() > 0
    assert not C.select(gov, "kind=resolution")[C.select(gov, "year=1954-2025")].any()
    with pytest.raises(InputError, match="no text has year='1999-1998'"):
        C.select(gov, "year=1999-1998")
    with pytest.raises(InputError, match="not a number"):
        C.select(gov, "year=last")
    with pytest.raises(InputError, match="COLUMN=VALUE"):
        C.select(gov, "year")


# ----------------------------------------------------------------------------- the Government Work Reports
def test_gov_work_reports_load_with_years(gov):
    docs = gov.documents
    assert gov.name == "gov_work_reports" and gov.langs == ["zh"]
    assert len(docs) == 72 and (docs["kind"] == "report").sum() == 52
    reports = docs[docs["kind"] == "report"]
    assert reports["year"].notna().all() and docs.loc[docs["kind"] == "resolution", "year"].isna().all()
    years = reports["year"].astype(int)
    assert years.min() == 1954 and years.max() == 2025 and years.is_monotonic_increasing
    assert {"url", "source"} <= set(docs.columns)
    assert discourse.load_corpus().name == "poverty_alleviation"  # the seed corpus stays the default
    assert len(gov.tokens()) > 550_000


def test_gov_corpus_is_rebuilt_identically_from_the_source(shared):
    source = shared / "bench" / "zh_government_work_reports.jsonl"
    if not source.is_file():
        pytest.skip("the Government Work Reports source is not in ../shared/bench")
    spec = importlib.util.spec_from_file_location("build_gov_reports", ROOT / "tools" / "build_gov_reports.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    built = tool.build(source)
    saved = discourse.load_corpus("gov_work_reports")
    assert built.segments["text"].tolist() == saved.segments["text"].tolist()
    assert built.doc_ids == saved.doc_ids
    raw = pd.read_json(source, lines=True)
    assert set(saved.doc_ids) == set(raw["title"])  # nothing dropped
    text = {t: c for t, c in zip(raw["title"], raw["content"])}
    seg = saved.segments.head(500)
    assert all(text[d][s:e] == t for d, s, e, t in zip(seg["doc_id"], seg["start"], seg["end"], seg["text"]))


def test_gov_trend_of_poverty_terms(gov):
    t = F.trend(gov, ["扶贫", "脱贫", "小康", "攻坚"], chars=True)
    assert t["year"].dtype == "Int64" and t["year"].min() == 1954 and t["year"].max() == 2025
    assert t["year"].isna().sum() == 4  # the resolutions (no year): one group, not dropped
    t = t.dropna(subset=["year"])
    assert len(t) == 52 * 4 and t["total"].gt(0).all()
    wide = t.pivot(index="year", columns="term", values="per_10k")
    assert wide.loc[2019, "脱贫"] > 10 > wide.loc[1985, "脱贫"]  # the campaign years
    assert wide.loc[1954:1975, "扶贫"].sum() == 0
    hits = discourse.find(gov.tokens(), "脱贫", chars=True)
    assert F.trend(gov, "脱贫", chars=True)["count"].sum() == len(hits)


def test_gov_frequencies_by_year(gov):
    freq = F.frequencies(gov, by="year", top=1)
    assert freq["year"].dtype == "Int64" and len(freq) == 52 + 1
    assert freq.loc[freq["year"] == 2019, "term"].item() == "发展"


def test_keyness_of_the_explainers_against_the_reports(corpus, gov):
    table = discourse.keywords(corpus, gov, lang="zh")
    top = table.head(10)
    assert {"脱贫攻坚", "省负总责", "中央统筹", "精准扶贫"} <= set(top["term"])
    assert (top["direction"] == "positive").all() and (top["p_value"] < 1e-6).all()
    reference_words = F.frequencies(gov, stopwords=False)["count"].sum()
    assert table["reference_total"].iloc[0] == reference_words
    row = table.set_index("term").loc["脱贫攻坚"]
    ref = F.frequencies(gov).set_index("term").loc["脱贫攻坚", "count"]
    assert (row["target_count"], row["reference_count"]) == (10, ref)


# ----------------------------------------------------------------------------- the command line
def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_freq_zh_lists_whole_domain_words(capsys):
    code, out, err = _run(capsys, "freq", "--lang", "zh", "--top", "20", "--format", "csv")
    assert code == 0, err
    df = pd.read_csv(io.StringIO(out), dtype={"term": str})
    assert {"lang", "term", "count", "per_10k", "doc_freq", "rank"} <= set(df.columns)
    assert len(df) == 20 and set(df["lang"]) == {"zh"}
    terms = set(df["term"])
    assert {"脱贫攻坚", "责任", "责任制", "中央统筹", "省负总责", "精准扶贫"} <= terms
    assert df.loc[df["term"] == "脱贫攻坚", ["count", "rank"]].values.tolist() == [[10, 1]]
    assert not {"脱", "贫", "攻", "坚", "责", "任"} & terms  # words, not split characters


def test_cli_freq_vi_lists_multi_syllable_words(capsys):
    code, out, err = _run(capsys, "freq", "--lang", "vi", "--top", "20", "--format", "csv")
    assert code == 0, err
    df = pd.read_csv(io.StringIO(out))
    assert df["term"].iloc[0] == "trách nhiệm"
    assert {"thoát nghèo", "trung ương", "thành phố"} <= set(df["term"])
    assert not {"trách", "nhiệm"} & set(df["term"])


def test_cli_freq_options(capsys):
    code, out, _ = _run(capsys, "freq", "--lang", "fr", "-n", "2", "--by", "doc_id", "--top", "3", "--format", "json")
    rows = pd.read_json(io.StringIO(out))
    assert code == 0 and list(rows.columns[:3]) == ["lang", "doc_id", "term"] and len(rows) == 3
    assert rows["term"].iloc[0] == "assistance ciblée"
    code, out, _ = _run(capsys, "freq", "--lang", "zh", "--no-stopwords", "--punct", "--format", "csv")
    df = pd.read_csv(io.StringIO(out), dtype={"term": str})
    assert "，" in set(df["term"]) and df["per_10k"].sum() == pytest.approx(10_000)
    code, out, _ = _run(capsys, "freq", "--top", "2")
    assert code == 0 and "trách nhiệm" in out and "脱贫攻坚" in out and "pauvreté" in out
    code, _, err = _run(capsys, "freq", "--by", "nope")
    assert code == 1 and "no column 'nope'" in err


# ----------------------------------------------------------------------------- plots
@pytest.fixture
def agg():
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def test_top_terms_plot_draws_every_language_without_missing_glyphs(corpus, agg):
    from discourse import plot

    freq = F.frequencies(corpus, lang=["zh", "vi", "fr"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        axes = plot.top_terms(freq, top=8)
        axes[0].figure.canvas.draw()
    assert [ax.get_title() for ax in axes] == ["fr", "vi", "zh"]
    labels = [[t.get_text() for t in ax.get_yticklabels()] for ax in axes]
    assert labels[1][0] == "trách nhiệm" and labels[2][0] == "脱贫攻坚"
    assert all(len(lab) == 8 for lab in labels)
    colors = {matplotlib.colors.to_hex(ax.patches[0].get_facecolor()).upper() for ax in axes}
    assert colors == {plot.LANG_COLORS[lang] for lang in ("fr", "vi", "zh")}


def test_top_terms_plot_on_given_axes_and_errors(corpus, agg):
    from discourse import plot

    fig, axes = plot.subplots(1, 2)
    freq = F.frequencies(corpus, lang=["zh", "vi"])
    assert list(plot.top_terms(freq, ax=axes)) == list(axes)
    _, one = plot.subplots()
    assert plot.top_terms(freq[freq["lang"] == "zh"], ax=one)[0] is one
    with pytest.raises(InputError, match="one Axes per language"):
        plot.top_terms(freq, ax=one)
    with pytest.raises(InputError, match="select one group"):
        plot.top_terms(F.frequencies(corpus, by="doc_id", lang="zh"))
    with pytest.raises(InputError, match="empty"):
        plot.top_terms(freq.iloc[:0])


def test_trend_plot_breaks_lines_at_missing_years(gov, agg):
    from discourse import plot

    t = F.trend(gov, ["扶贫", "脱贫", "攻坚"], chars=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot.trend(t, title="扶贫 · 脱贫 · 攻坚, 1954–2025")
        ax.figure.canvas.draw()
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["扶贫", "脱贫", "攻坚"]
    x, y = lines[0].get_data()
    assert x[0] == 1954 and x[-1] == 2025 and len(x) == 2025 - 1954 + 1
    assert np.isnan(y[list(x).index(1970)]) and not np.isnan(y[list(x).index(2019)])
    with pytest.raises(InputError, match="one group column"):
        plot.trend(F.frequencies(gov, lang="zh", top=3))


def test_doctests():
    result = doctest.testmod(F, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# ----------------------------------------------------------------------------- fast paths (issue 8)
def test_doc_freq_counts_distinct_documents_in_any_order_and_batch():
    rng = np.random.default_rng(8)
    cell = rng.integers(0, 7, size=500)
    doc = rng.integers(0, 40, size=500)  # not grouped by document
    expected = [len(set(doc[cell == c])) for c in range(7)]
    assert distinct_per_cell(cell, doc, n_cells=7, n_docs=40).tolist() == expected
    order = np.argsort(doc, kind="stable")
    for slots in (7, 14, 20, 1000):  # one, two or more documents per batch
        assert distinct_per_cell(cell[order], doc[order], n_cells=7, n_docs=40, slots=slots).tolist() == expected


def test_string_ranks_sort_like_python_strings():
    values = ["b", "a\0", "a", "中", "é", "y" * 40 + "b", "y" * 40 + "a", "a", "", "Z"]
    ranks = string_ranks(values, width=2)
    assert [values[i] for i in np.argsort(ranks)] == sorted(values)
    assert ranks[2] < ranks[7]  # equal strings keep their order (a stable sort)


def test_frequency_table_is_the_same_from_summed_partitions(gov):
    """The table built from the count tables of document partitions, summed
    (discourse.scale's reduction), is the table counted at once."""
    part_docs = np.array_split(np.array(gov.doc_ids[:6], dtype=object), 3)
    whole = gov.filter(doc_id=list(np.concatenate(part_docs)))
    for options in (dict(), dict(by="year", n=2), dict(punct=True, stopwords=False)):
        by = [c for c in as_list(options.get("by")) if c != "lang"]
        counting = dict(n=options.get("n", 1), punct=options.get("punct", False),
                        stopwords=options.get("stopwords"))
        parts = [C.count_table(whole.filter(doc_id=list(docs)).tokens(), by=by, **counting)
                 for docs in part_docs]
        labels = C.groups(whole, by, np.ones(len(whole._segments), dtype=bool))[1]
        table, _ = C.merge_count_tables(parts, by=by, labels=labels)
        merged = C.finish(table, by=by, min_count=1, top=None)
        pd.testing.assert_frame_equal(merged, F.frequencies(whole, **options), check_exact=True)


def test_ngrams_written_alike_are_one_row():
    """Vietnamese words hold spaces: "trách nhiệm" + "chung" and "trách" + "nhiệm chung"
    are one bigram as written, one row (as the Dask path, which sums by term, gives)."""
    from discourse.tokens import Tokens

    text = "trách nhiệm chung trách nhiệm chung"
    corpus = discourse.read_table(pd.DataFrame({"doc_id": ["d"], "lang": ["vi"], "text": [text]}))
    vocab = ["trách nhiệm", "chung", "trách", "nhiệm chung"]
    i32 = lambda values: np.array(values, dtype=np.int32)  # noqa: E731
    corpus._tokens = Tokens(corpus, seg_row=i32([0, 0, 0, 0]), start=i32([0, 12, 18, 24]), end=i32([11, 17, 23, 35]),
                            type_id=i32([0, 1, 2, 3]), vocab=vocab, is_stop=np.zeros(4, dtype=bool))
    table = F.frequencies(corpus, n=2, stopwords=False)
    assert dict(zip(table["term"], table["count"])) == {"trách nhiệm chung": 2, "chung trách": 1}
    assert table.loc[table["term"] == "trách nhiệm chung", "doc_freq"].tolist() == [1]
    assert F.frequencies(corpus, n=2, stopwords=False, sep="|")["term"].tolist() == [
        "chung|trách", "trách nhiệm|chung", "trách|nhiệm chung"]
