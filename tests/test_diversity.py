"""Lexical diversity (TTR, MATTR, MTLD, HD-D) and the text profile (issue 17, item 4).

The measures are checked against an independent implementation, lexicalrichness 0.5.1
(MIT): its values on fixed tokens are frozen in ``tests/data/diversity/`` (with the
command that made them), and, when the package is installed (the ``test`` extra), compared
live on random token sequences too.
"""

from __future__ import annotations

import json
import math
import random
import warnings

import numpy as np
import pandas as pd
import pytest

import discourse
from discourse.errors import InputError
from discourse.stats import diversity as measures

from .conftest import ROOT

GOLDEN = json.loads((ROOT / "tests" / "data" / "diversity" / "lexicalrichness_0_5_1.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


@pytest.mark.parametrize("text", GOLDEN["texts"], ids=[t["name"] for t in GOLDEN["texts"]])
def test_measures_equal_lexicalrichness_on_frozen_tokens(text):
    tokens = text["tokens"]
    assert measures.ttr(tokens) == pytest.approx(text["ttr"], abs=1e-12)
    assert measures.mattr(tokens, window=50) == pytest.approx(text["mattr_50"], abs=1e-12)
    assert measures.mtld(tokens, threshold=0.72) == pytest.approx(text["mtld_0.72"], abs=1e-12)
    assert measures.hdd(tokens, sample=42) == pytest.approx(text["hdd_42"], abs=1e-12)


def test_measures_equal_lexicalrichness_live_on_random_texts():
    lexicalrichness = pytest.importorskip("lexicalrichness", reason="lexicalrichness (the test extra) not installed")
    rng = random.Random(17)
    for _ in range(150):
        size, vocab = rng.randint(1, 300), rng.randint(1, 90)
        tokens = [f"w{int(rng.paretovariate(1.2) * vocab) % vocab}" for _ in range(size)]
        lex = lexicalrichness.LexicalRichness(tokens, preprocessor=None, tokenizer=None)
        assert measures.mtld(tokens) == pytest.approx(lex.mtld(threshold=0.72), abs=1e-9), tokens
        window = min(50, size)
        assert measures.mattr(tokens, window=window) == pytest.approx(lex.mattr(window_size=window), abs=1e-9)
        if size >= 42:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                assert measures.hdd(tokens) == pytest.approx(lex.hdd(draws=42), abs=1e-9)


def test_measures_by_hand():
    # MTLD by hand: "a a" forward: TTR 1, then 0.5 ≤ 0.72 -> one factor; no remainder: 2 / 1
    assert measures.mtld(["a", "a"]) == 2.0
    # all distinct: no factor ever ends; one factor -> MTLD = N (McCarthy & Jarvis; lexicalrichness)
    assert measures.mtld(list("abcdef")) == 6.0
    # MATTR with a window as long as the text is its TTR; shorter text: no value
    assert measures.mattr(list("aabc"), window=4) == measures.ttr(list("aabc")) == 0.75
    assert math.isnan(measures.mattr(list("abc"), window=4))
    # HD-D with s = N: every type is in the sample, so HD-D = V / N = TTR
    assert measures.hdd(list("aabbbc"), sample=6) == pytest.approx(0.5)
    assert math.isnan(measures.hdd(list("abc"), sample=42))
    assert math.isnan(measures.ttr([])) and math.isnan(measures.mtld([]))
    with pytest.raises(ValueError, match="window"):
        measures.mattr(list("abc"), window=0)


def test_lexical_diversity_is_one_row_per_document_language_measure(corpus):
    table = discourse.lexical_diversity(corpus, measure="all")
    assert list(table.columns) == ["doc_id", "lang", "measure", "value", "tokens", "types"]
    assert len(table) == 4 * 4
    assert table.groupby(["doc_id", "lang"]).size().eq(4).all()
    # over the non-punctuation tokens' norms of title and body, in reading order
    frame = corpus.tokens().to_frame(columns=["doc_id", "lang", "role", "norm", "is_punct"])
    frame = frame[~frame["is_punct"] & frame["role"].isin(["title", "body"])]
    for (doc, lang), rows in frame.groupby(["doc_id", "lang"]):
        norms = rows["norm"].tolist()
        mine = table[(table["doc_id"] == doc) & (table["lang"] == lang)].set_index("measure")
        assert mine.loc["mtld", "tokens"] == len(norms) and mine.loc["mtld", "types"] == len(set(norms))
        assert mine.loc["mtld", "value"] == pytest.approx(measures.mtld(norms))
        assert mine.loc["mattr", "value"] == pytest.approx(measures.mattr(norms, window=50))
        assert mine.loc["hdd", "value"] == pytest.approx(measures.hdd(norms, sample=42))
        assert mine.loc["ttr", "value"] == pytest.approx(len(set(norms)) / len(norms))


def test_short_texts_keep_their_row_with_no_value():
    small = discourse.read_table(pd.DataFrame({"doc_id": ["a", "b"], "lang": ["fr", "fr"],
                                               "text": ["Le chat dort, le chien aussi.", "Un mot."]}))
    table = discourse.lexical_diversity(small, measure=["mattr", "ttr"], window=5)
    assert table[["doc_id", "measure", "tokens", "types"]].values.tolist() == [
        ["a", "mattr", 6, 5], ["a", "ttr", 6, 5], ["b", "mattr", 2, 2], ["b", "ttr", 2, 2]]
    assert np.isnan(table["value"].iloc[2]) and table["value"].iloc[3] == 1.0
    assert table["value"].iloc[0] == pytest.approx(np.mean([5 / 5, 4 / 5]))


def test_bad_options_are_input_errors(corpus):
    with pytest.raises(InputError, match="unknown diversity measure 'yule'"):
        discourse.lexical_diversity(corpus, measure="yule")
    with pytest.raises(InputError, match="window"):
        discourse.lexical_diversity(corpus, measure="mattr", window=-3)
    with pytest.raises(InputError, match="no text in language 'en'"):
        discourse.lexical_diversity(corpus, lang="en")


def test_text_profile_counts_tokens_per_sentence_and_sentences_per_paragraph():
    small = discourse.read_table(pd.DataFrame({
        "doc_id": ["d", "d", "d"], "lang": ["fr"] * 3,
        "text": ["Le chat dort. Le chien aboie fort !", "Une phrase seule.", "Un. Deux mots. Trois mots ici."]}))
    table = discourse.text_profile(small).set_index("unit")
    assert list(table.columns) == ["doc_id", "lang", "n", "mean", "median", "sd", "min", "max"]
    per_sentence = [3, 4, 3, 1, 2, 3]  # punctuation left out
    assert table.loc["tokens_per_sentence", ["n", "mean", "median", "min", "max"]].tolist() == [
        6, np.mean(per_sentence), 3.0, 1.0, 4.0]
    assert table.loc["tokens_per_sentence", "sd"] == pytest.approx(np.std(per_sentence, ddof=1))
    assert table.loc["sentences_per_paragraph", ["n", "mean", "median", "min", "max"]].tolist() == [
        3, 2.0, 2.0, 1.0, 3.0]


def test_text_profile_of_the_bundled_corpus_matches_its_sentences(corpus):
    table = discourse.text_profile(corpus)
    sentences = corpus.sentences()
    sentences = sentences[sentences["role"].isin(["title", "body"])]
    per_paragraph = sentences.groupby(["doc_id", "lang", "seg_id"]).size()
    got = table[table["unit"] == "sentences_per_paragraph"].set_index(["doc_id", "lang"])
    for (doc, lang), sizes in per_paragraph.groupby(level=["doc_id", "lang"]):
        assert got.loc[(doc, lang), "n"] == len(sizes)
        assert got.loc[(doc, lang), "mean"] == pytest.approx(sizes.mean())
    n_sentences = table[table["unit"] == "tokens_per_sentence"].set_index(["doc_id", "lang"])["n"]
    assert n_sentences.to_dict() == sentences.groupby(["doc_id", "lang"]).size().to_dict()


def test_diversity_plot_says_values_do_not_compare_across_languages(corpus):
    from discourse import plot

    table = discourse.lexical_diversity(corpus, measure="mtld")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing glyph
        ax = plot.diversity(table)
        ax.figure.canvas.draw()
    assert "within one language only" in ax.get_xlabel()
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["fr", "vi", "zh"]
    with pytest.raises(InputError, match="several measures"):
        plot.diversity(discourse.lexical_diversity(corpus, measure="all"))
