"""Stoplists: function words only (checked against UD tags), the stoplist option of the
analysis functions, and users' dictionaries and stoplists through load_corpus and the CLI.

The UD gold files are the test treebanks in ../shared/eval/segmentation (CC BY-SA 4.0).
"""

from __future__ import annotations

import csv
import io
import warnings

import pandas as pd
import pytest

import discourse
from discourse.cli import main
from discourse.errors import DiscourseWarning, InputError
from discourse.languages import get_tokenizer
from discourse.languages.evaluation import FUNCTION_TAGS, gold_tags

from .conftest import ROOT, SHARED

GOLD = SHARED / "eval" / "segmentation"
GOLD_FILES = {"zh": "zh_gsdsimp-ud-test.conllu", "vi": "vi_vtb-ud-test.conllu",
              "fr": "fr_gsd-ud-test.conllu", "en": "en_ewt-ud-test.conllu"}
EXCEPTIONS = ROOT / "tests" / "data" / "languages" / "stopword_exceptions.tsv"


def _exceptions() -> dict[str, dict[str, str]]:
    with open(EXCEPTIONS, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        out.setdefault(row["lang"], {})[row["word"]] = row["reason"]
    return out


# ----------------------------------------------------------------------------- the lists
@pytest.mark.parametrize("lang", ["zh", "vi", "fr", "en"])
def test_frequent_stopwords_are_function_words_in_ud_gold(lang):
    """Every stopword seen at least 3 times in the gold is tagged DET, PRON, ADP, CCONJ,
    SCONJ, AUX or PART in most of its occurrences, or is an exception kept on purpose."""
    path = GOLD / GOLD_FILES[lang]
    if not path.exists():
        pytest.skip(f"gold data not found: {path} (shared/ is beside the repository in CI)")
    tok = get_tokenizer(lang)
    tags = gold_tags(tok, path)
    kept = _exceptions().get(lang, {})
    offenders = {}
    for word in tok.stopwords:
        counts = tags.get(word, {})
        total = sum(counts.values())
        function = sum(n for tag, n in counts.items() if set(tag.split("+")) <= FUNCTION_TAGS)
        if total >= 3 and 2 * function <= total and word not in kept:
            offenders[word] = counts
    assert not offenders, f"{lang} stopwords that are content words in the UD gold: {offenders}"
    assert sum(sum(tags.get(w, {}).values()) >= 3 for w in tok.stopwords) > 50  # the check has data


def test_content_words_of_news_are_not_stopwords():
    content = {"en": ["us", "uk", "new", "said", "say", "state", "work"], "vi": ["anh", "nói", "trách nhiệm", "có"],
               "fr": ["dit", "selon", "pauvreté", "deux"], "zh": ["表示", "有", "发展", "年"]}
    for lang, words in content.items():
        assert not set(words) & get_tokenizer(lang).stopwords, lang


def test_exceptions_file_gives_a_reason_for_listed_words():
    with open(EXCEPTIONS, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows and all(set(row) == {"lang", "word", "reason"} for row in rows)
    seen = set()
    for row in rows:
        assert row["lang"] in ("zh", "vi", "fr", "en") and row["reason"].strip(), row
        assert (row["lang"], row["word"]) not in seen, row
        seen.add((row["lang"], row["word"]))
        assert row["word"] in get_tokenizer(row["lang"]).stopwords, row  # an exception is on its list


def test_lists_are_what_the_build_script_makes():
    pytest.importorskip("stopwordsiso", reason="stopwordsiso (dev-time) is not installed")
    if not GOLD.is_dir():
        pytest.skip("../shared/eval/segmentation is not beside the checkout")
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_stopwords", ROOT / "tools" / "build_stopwords.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    exceptions = build.read_exceptions()
    for lang in ("zh", "vi", "fr", "en"):
        words, _ = build.build(lang, GOLD, exceptions.get(lang, {}))
        shipped = (ROOT / "data" / "stopwords" / f"{lang}.txt").read_text(encoding="utf-8").split("\n")[:-1]
        assert words == shipped, lang


# ----------------------------------------------------------------------------- the option
@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


def test_stoplist_option_of_frequencies(corpus):
    default = discourse.frequencies(corpus, lang="fr")
    assert "de" not in set(default["term"]) and default.attrs["stopwords"] == {"fr": "default"}
    everything = discourse.frequencies(corpus, lang="fr", stopwords=False)
    assert "de" in set(everything["term"]) and everything.attrs["stopwords"] == {"fr": "none"}
    mine = discourse.frequencies(corpus, stopwords={"fr": ["pauvreté", "Mécanisme"]})
    fr = set(mine.loc[mine["lang"] == "fr", "term"])
    assert "de" in fr and not {"pauvreté", "mécanisme"} & fr  # the user's list replaces the default one
    assert "的" not in set(mine.loc[mine["lang"] == "zh", "term"])  # other languages: the default list
    assert mine.attrs["stopwords"] == {"fr": "user: 2 words", "vi": "default", "zh": "default"}
    # a stoplist chooses rows, not totals
    assert set(mine["total"]) == set(default["total"]) | set(mine.loc[mine["lang"] != "fr", "total"])


def test_old_stopwords_true_means_no_stoplist_with_a_future_warning(corpus):
    with pytest.warns(FutureWarning, match="stopwords=False"):
        old = discourse.frequencies(corpus, lang="vi", stopwords=True)
    pd.testing.assert_frame_equal(old, discourse.frequencies(corpus, lang="vi", stopwords=False))


def test_every_function_that_drops_stopwords_records_its_stoplist(corpus, tmp_path):
    path = tmp_path / "my_stopwords.txt"
    path.write_text("# my list\npauvreté\ncontre\n", encoding="utf-8")
    mine = {"fr": path}
    assert discourse.frequencies(corpus, lang="fr", stopwords=mine).attrs["stopwords"] == {
        "fr": "user: my_stopwords.txt (2 words)"}
    reference = pd.Series({"pauvreté": 2, "contre": 9, "autorité": 3, "la": 40})
    table = discourse.keywords(corpus, reference, lang="fr", reference_total=1000, stopwords=mine)
    assert not {"pauvreté", "contre"} & set(table["term"]) and table.attrs["stopwords"]["fr"].startswith("user:")
    assert "la" in set(table["term"])  # the user's list replaces the default one, in the reference too
    col = discourse.collocates(corpus, "lutte", lang="fr", stopwords=mine)
    assert "contre" not in set(col["collocate"]) and col.attrs["stopwords"] == {"fr": "user: my_stopwords.txt (2 words)"}
    assert "contre" in set(discourse.collocates(corpus, "lutte", lang="fr", stopwords=False)["collocate"])
    assert discourse.tfidf(corpus, lang="fr", stopwords=False).attrs["stopwords"] == {"fr": "none"}
    dtm = discourse.document_term_matrix(corpus, lang="fr", stopwords=mine)
    assert "pauvreté" not in dtm.terms and dtm.rows.attrs["stopwords"]["fr"].startswith("user:")
    top = discourse.dispersions(corpus, lang="fr", top=3, stopwords=mine)
    assert "pauvreté" not in set(top["term"]) and top.attrs["stopwords"]["fr"].startswith("user:")
    with pytest.raises(InputError, match="stopwords maps a language"):
        discourse.frequencies(corpus, stopwords="my_stopwords.txt")
    with pytest.raises(InputError, match="unknown language 'xx'"):
        discourse.frequencies(corpus, stopwords={"xx": ["a"]})


# ----------------------------------------------------------------------------- the pipeline
FLOOD = "各地全力防汛抗洪。防汛抗洪是头等大事，防汛抗洪工作要抓实。"


@pytest.fixture
def flood(tmp_path):
    text = tmp_path / "flood.txt"
    text.write_text(FLOOD + "\n", encoding="utf-8")
    terms = tmp_path / "terms.txt"
    terms.write_text("防汛抗洪\n", encoding="utf-8")
    return text, terms


def test_a_user_dictionary_through_load_corpus(flood):
    text, terms = flood
    plain = discourse.load_corpus(text, lang="zh")
    assert "防汛抗洪" not in set(discourse.frequencies(plain)["term"])  # jieba cuts it 防汛 | 抗洪
    corpus = discourse.load_corpus(text, lang="zh", user_dict={"zh": terms})
    freq = discourse.frequencies(corpus)
    assert freq.loc[freq["term"] == "防汛抗洪", "count"].tolist() == [3]
    assert not {"防汛", "抗洪"} & set(freq["term"])
    assert corpus.tokens().tokenizer("zh").user_terms == ("防汛抗洪",)
    assert corpus.filter(lang="zh").tokens().tokenizer("zh").user_terms == ("防汛抗洪",)  # kept by filter
    hits = discourse.find(corpus.tokens(), "防汛抗洪")
    assert len(hits) == 3 and (hits["last"] - hits["first"] == 1).all()  # one token, found as one
    # the same corpus read without the dictionary is not read back from the token cache
    again = discourse.load_corpus(text, lang="zh")
    assert "防汛抗洪" not in set(again.tokens().to_frame()["norm"])
    # Corpus.tokens takes it too, and read()
    assert "防汛抗洪" in set(plain.tokens(user_dict={"zh": ["防汛抗洪"]}).to_frame()["norm"])
    assert "防汛抗洪" in set(discourse.read(text, lang="zh", user_dict={"zh": terms}).tokens().to_frame()["norm"])
    with pytest.raises(InputError, match="maps a language"):
        discourse.load_corpus(text, lang="zh", user_dict=terms)
    with pytest.raises(InputError, match="file not found"):
        discourse.load_corpus(text, lang="zh", user_dict={"zh": terms.parent / "missing.txt"})
    with pytest.raises(InputError, match="zh and vi only"):
        discourse.load_corpus(text, lang="zh", user_dict={"fr": ["mise en place"]})


def test_a_user_stoplist_through_load_corpus(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("La lutte contre la pauvreté selon le plan.\n", encoding="utf-8")
    stops = tmp_path / "stop.txt"
    stops.write_text("lutte\nplan\n", encoding="utf-8")
    corpus = discourse.load_corpus(text, lang="fr", stopwords={"fr": stops})
    freq = discourse.frequencies(corpus)
    assert set(freq["term"]) == {"la", "contre", "pauvreté", "selon", "le"}  # only the user's words left out
    assert freq.attrs["stopwords"] == {"fr": "user: stop.txt (2 words)"}
    flags = dict(zip(corpus.tokens().to_frame()["norm"], corpus.tokens().to_frame()["is_stop"]))
    assert flags["lutte"] and flags["plan"] and not flags["la"]
    none = discourse.load_corpus(text, lang="fr", stopwords=False)
    assert not none.tokens().is_stop.any() and discourse.frequencies(none).attrs["stopwords"] == {"fr": "none"}
    default = discourse.frequencies(discourse.load_corpus(text, lang="fr"))
    assert set(default["term"]) == {"lutte", "pauvreté", "selon", "plan"}  # selon: a content word of news
    with pytest.raises(InputError, match="differ|different"):
        discourse.Corpus.concat([corpus, discourse.load_corpus(text, lang="fr").filter(lang="xx")])


def _cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_user_dictionary_and_stoplist_through_the_cli(capsys, flood, tmp_path):
    text, terms = flood
    code, out, err = _cli(capsys, "freq", str(text), "--lang", "zh", "--user-dict", f"zh={terms}", "--format", "csv")
    assert code == 0, err
    freq = pd.read_csv(io.StringIO(out))
    assert freq.loc[freq["term"] == "防汛抗洪", "count"].tolist() == [3]
    stops = tmp_path / "zh_stop.txt"
    stops.write_text("防汛抗洪\n工作\n", encoding="utf-8")
    code, out, err = _cli(capsys, "freq", str(text), "--lang", "zh", "--user-dict", f"zh={terms}",
                          "--stopwords", f"zh={stops}", "--format", "csv")
    terms_listed = set(pd.read_csv(io.StringIO(out))["term"])
    assert code == 0 and not {"防汛抗洪", "工作"} & terms_listed and "是" in terms_listed  # 是: the user's list only
    code, out, err = _cli(capsys, "tokens", str(text), "--lang", "zh", "--user-dict", f"zh={terms}", "--format", "csv")
    assert code == 0 and "防汛抗洪" in set(pd.read_csv(io.StringIO(out))["norm"])
    code, out, err = _cli(capsys, "kwic", "防汛抗洪", str(text), "--user-dict", f"zh={terms}", "--format", "csv")
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) == 3
    code, out, _ = _cli(capsys, "freq", "--lang", "fr", "--no-stopwords", "--format", "csv")
    assert code == 0 and "de" in set(pd.read_csv(io.StringIO(out))["term"])
    code, out, _ = _cli(capsys, "freq", "--lang", "fr", "--format", "csv")
    assert code == 0 and "de" not in set(pd.read_csv(io.StringIO(out))["term"])


@pytest.mark.parametrize("argv", [["freq", "--stopwords"], ["freq", "--stopwords", "fr"],
                                  ["freq", "--stopwords", "--punct"], ["tokens", "--user-dict", "terms.txt"]])
def test_cli_stopwords_and_user_dict_take_lang_equals_file(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    _, err = capsys.readouterr()
    assert exit_.value.code == 2 and "LANG=FILE" in err
    if "--stopwords" in argv:
        assert "--no-stopwords" in err


def test_cli_names_a_missing_user_file(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    code, _, err = _cli(capsys, "freq", "--stopwords", f"fr={missing}")
    assert code == 1 and "nope.txt" in err and "file not found" in err
    code, _, err = _cli(capsys, "info", "--no-stopwords", "--stopwords", f"fr={missing}")
    assert code == 1 and "--no-stopwords" in err


# ----------------------------------------------------------------------------- terms that cannot match
@pytest.fixture(scope="module")
def indonesia():
    return discourse.Corpus(pd.DataFrame({"doc_id": "d", "lang": "zh", "text": [
        "印度尼西亚和马来西亚签署协议。", "印度尼西亚的经济增长较快。"]}))


def test_a_query_inside_longer_words_is_flagged(indonesia):
    toks = indonesia.tokens()
    with pytest.warns(DiscourseWarning, match=r"'印度' \(zh\).*印度尼西亚 \(2\).*user_dict=\{'zh': \['印度'\]\}"):
        hits = discourse.find(toks, "印度")
    assert len(hits) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(discourse.find(toks, "印度尼西亚")) == 2  # found as words: no warning
        assert len(discourse.find(toks, "印度", chars=True)) == 2  # inside words, as asked
        assert len(discourse.find(toks, "*印度*")) == 2
        assert len(discourse.find(toks, "巴西")) == 0  # absent: nothing to flag


def test_a_lexicon_term_that_cannot_match_is_flagged(indonesia):
    lexicon = {"abroad": {"zh": ["印度", "马来西亚"]}}
    with pytest.warns(DiscourseWarning, match=r"lexicon term \(frame abroad\) '印度' \(zh\)") as record:
        hits = discourse.frame_hits(indonesia, lexicon)
    assert hits["match"].tolist() == ["马来西亚"]
    assert len([w for w in record if issubclass(w.category, DiscourseWarning)]) == 1  # 马来西亚 matches
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        discourse.frame_hits(indonesia, lexicon, warn=False)


def test_a_split_lexicon_term_is_flagged_and_a_user_dictionary_fixes_it():
    # jieba cuts the term 防汛抗洪 alone as 防汛 | 抗洪, and in 防汛抗洪救灾 as 防汛 | 抗洪救灾
    corpus = discourse.Corpus(pd.DataFrame({"doc_id": "d", "lang": "zh", "text": ["做好防汛抗洪救灾工作。"]}))
    lexicon = {"disaster": {"zh": ["防汛抗洪"]}}
    with pytest.warns(DiscourseWarning, match=r"'防汛抗洪' \(zh\) is not one word.*防汛 \| 抗洪\b.*防汛 \| 抗洪救灾 \(1\)"):
        assert len(discourse.frame_hits(corpus, lexicon)) == 0
    fixed = corpus.with_tokenizer_options(user_dict={"zh": ["防汛抗洪"]})  # the fix: one argument
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert discourse.frame_hits(fixed, lexicon)["match"].tolist() == ["防汛抗洪"]


def test_terms_of_the_bundled_lexicons_are_checked_on_request(corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        discourse.frame_hits(corpus)  # their known misses are not flagged by default
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        discourse.frame_hits(corpus, warn=True)
    messages = [str(w.message) for w in record if issubclass(w.category, DiscourseWarning)]
    assert any("'Đảng' (vi)" in m and "Đảng uỷ" in m for m in messages), messages


def test_tokens_and_tables_agree_on_a_mapping_over_a_corpus_read_without_stoplist():
    # a corpus read with stopwords=False keeps "none" for the languages a mapping does not name,
    # in Corpus.tokens as in the analysis functions
    corpus = discourse.load_corpus(stopwords=False)
    mine = {"fr": ["pauvreté"]}
    assert corpus.tokens(stopwords=mine).stoplists == discourse.frequencies(corpus, stopwords=mine).attrs["stopwords"]
    assert corpus.tokens(stopwords=mine).stoplists["zh"] == "none"
