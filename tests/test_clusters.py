"""Clusters (AntConc's Clusters/N-Grams), counted by hand on a small corpus (issue 17, item 3)."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

import discourse
from discourse.term_clusters import CLUSTER_COLUMNS, clusters
from discourse.errors import InputError


@pytest.fixture(scope="module")
def hand():
    frame = pd.DataFrame({"doc_id": ["a", "b"],
                          "text": ["The cost of living rose. The cost of food fell.",
                                   "Living cost is high, cost of living again."]})
    return discourse.read_table(frame, lang="en")


def _rows(table):
    return {(r.cluster, r.n, r.position): (r.count, r.doc_freq) for r in table.itertuples()}


# Counted by hand. Occurrences of "cost": a: "the cost of living rose" and "the cost of food
# fell"; b: "living cost is high" and (after the comma) "cost of living again". A cluster
# crosses no punctuation: ", cost" and ". the cost" are no clusters.
HAND = {
    ("cost of", 2, "left"): (3, 2),
    ("the cost", 2, "right"): (2, 1),
    ("cost is", 2, "left"): (1, 1),
    ("living cost", 2, "right"): (1, 1),
    ("cost of living", 3, "left"): (2, 2),
    ("cost of food", 3, "left"): (1, 1),
    ("cost is high", 3, "left"): (1, 1),
    ("the cost of", 3, "middle"): (2, 1),
    ("living cost is", 3, "middle"): (1, 1),
}


def test_clusters_equal_a_count_by_hand(hand):
    table = clusters(hand, "cost", n=(2, 3))
    assert list(table.columns) == list(CLUSTER_COLUMNS)
    assert _rows(table) == HAND
    assert set(table["lang"]) == {"en"} and set(table["term"]) == {"cost"}
    assert table["count"].tolist() == sorted(table["count"], reverse=True)
    assert table["cluster"].tolist()[:2] == ["cost of", "cost of living"]  # 3, then 2 (ties by cluster)


@pytest.mark.parametrize("position", ["left", "right"])
def test_position_keeps_the_clusters_where_the_term_stands_there(hand, position):
    table = clusters(hand, "cost", n=(2, 3), position=position)
    assert _rows(table) == {k: v for k, v in HAND.items() if k[2] == position}


def test_phrase_sizes_min_count_and_punctuation(hand):
    phrase = clusters(hand, "cost of", n=3)
    assert _rows(phrase) == {("the cost of", 3, "right"): (2, 1), ("cost of living", 3, "left"): (2, 2),
                             ("cost of food", 3, "left"): (1, 1)}
    assert clusters(hand, "cost of", n=2).empty  # a cluster holds the term and at least one more token
    assert _rows(clusters(hand, "cost", n=2, min_count=2)) == {("cost of", 2, "left"): (3, 2),
                                                               ("the cost", 2, "right"): (2, 1)}
    with_punct = _rows(clusters(hand, "cost", n=2, punct=True))  # ", cost" is now a cluster
    assert with_punct == {**{k: v for k, v in HAND.items() if k[1] == 2}, (", cost", 2, "right"): (1, 1)}
    assert _rows(clusters(hand, "cost", n=2, top=1)) == {("cost of", 2, "left"): (3, 2)}


def test_term_twice_in_a_cluster_counts_once_per_position():
    corpus = discourse.read_table(pd.DataFrame({"text": ["war and war and peace"]}), lang="en")
    rows = _rows(clusters(corpus, "war", n=3))
    # "war and war": the term on the left and on the right; "and war and": middle
    assert rows == {("war and war", 3, "left"): (1, 1), ("war and war", 3, "right"): (1, 1),
                    ("and war and", 3, "middle"): (1, 1), ("war and peace", 3, "left"): (1, 1)}


def test_seed_corpus_clusters_of_a_vietnamese_word():
    corpus = discourse.load_corpus()
    table = clusters(corpus, "trách nhiệm", n=2, position="right")
    frame = corpus.tokens().to_frame(punct=True)
    frame = frame[(frame["lang"] == "vi") & (frame["role"] != "meta")]
    expected = {}
    for _, seg in frame.groupby(["doc_id", "seg_id"], sort=False):
        norms, punct = seg["norm"].tolist(), seg["is_punct"].tolist()
        for i in range(1, len(norms)):
            if norms[i] == "trách nhiệm" and not punct[i - 1]:
                key = f"{norms[i - 1]} trách nhiệm"
                expected[key] = expected.get(key, 0) + 1
    assert dict(zip(table["cluster"], table["count"])) == expected


def test_options_are_checked(hand):
    for bad in (1, 11, (1, 3), "2"):
        with pytest.raises(InputError, match="cluster size"):
            clusters(hand, "cost", n=bad)
    with pytest.raises(InputError, match="position"):
        clusters(hand, "cost", position="both")
    with pytest.raises(InputError, match="min_count"):
        clusters(hand, "cost", min_count=0)
    assert clusters(hand, "nothing").empty and list(clusters(hand, "nothing").columns) == list(CLUSTER_COLUMNS)


def test_cli_clusters(capsys):
    from discourse.cli import main

    code = main(["clusters", "trách nhiệm", "--n", "2", "--position", "right", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = pd.read_csv(io.StringIO(out))
    want = clusters(discourse.load_corpus(), "trách nhiệm", n=2, position="right")
    assert rows["cluster"].tolist() == want["cluster"].tolist() and set(rows["position"]) == {"right"}
    code = main(["clusters", "trách nhiệm", "--n", "2-3", "--min-count", "5", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert set(pd.read_json(io.StringIO(out))["n"]) == {2, 3}
    with pytest.raises(SystemExit):
        main(["clusters", "责任", "--n", "two"])


def test_cli_clusters_and_sequences_by_lemma(capsys):
    from discourse.cli import main
    from discourse.word_sequences import sequences

    seeds = discourse.load_corpus()
    for form in ("norm", "lemma"):
        code = main(["clusters", "lemma:responsabilité", "--lang", "fr", "--n", "2", "--form", form, "--format", "csv"])
        out, err = capsys.readouterr()
        assert code == 0, err
        want = clusters(seeds, "lemma:responsabilité", n=2, lang="fr", form=form)
        assert pd.read_csv(io.StringIO(out))["cluster"].tolist() == want["cluster"].tolist()
        code = main(["sequences", "--lang", "fr", "--top", "3", "--form", form, "--format", "csv"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert pd.read_csv(io.StringIO(out))["collocation"].tolist() == \
            sequences(seeds, lang="fr", top=3, form=form)["collocation"].tolist()
    # by lemma, « responsabilités » is one word with « responsabilité »; « ciblée » is « cibler »
    assert "de responsabilité" in want["cluster"].tolist() and "de responsabilités" not in want["cluster"].tolist()
    assert out.splitlines()[1].split(",")[1] == "cibler aux"


# --- sequences: collocations with no node word (λ and z, quanteda's textstat_collocations) ----------

def _lambda_by_hand(n11, n12, n21, n22):
    import math

    cells = [n11 + .5, n12 + .5, n21 + .5, n22 + .5]
    lam = math.log(cells[0] * cells[3] / (cells[1] * cells[2]))
    se = math.sqrt(sum(1 / c for c in cells))
    return lam, se, lam / se


@pytest.mark.parametrize("cells", [(10, 20, 30, 940), (3, 1, 2, 94), (0, 4, 4, 92), (1, 0, 0, 0)])
def test_sequence_lambda_equals_the_formula(cells):
    from discourse.stats import sequence_lambda

    got = [float(x) for x in sequence_lambda(*cells)]
    assert got == pytest.approx(_lambda_by_hand(*cells), rel=1e-12)


def test_sequences_counted_by_hand():
    from discourse.word_sequences import SEQUENCE_COLUMNS, sequences

    corpus = discourse.read_table(pd.DataFrame({"text": ["New York is big. I love New York. York is old."]}),
                                  lang="en")
    table = sequences(corpus, min_count=1)
    assert list(table.columns) == list(SEQUENCE_COLUMNS)
    # bigrams (none across "."): new york, york is, is big | i love, love new, new york | york is, is old
    assert set(table["sequences_total"]) == {8}
    rows = {r.collocation: (r.count, r.count_first, r.count_second) for r in table.itertuples()}
    assert rows == {"new york": (2, 2, 2), "york is": (2, 2, 2), "is big": (1, 2, 1), "i love": (1, 1, 1),
                    "love new": (1, 1, 1), "is old": (1, 2, 1)}
    for r in table.itertuples():
        n12, n21 = r.count_first - r.count, r.count_second - r.count
        want = _lambda_by_hand(r.count, n12, n21, 8 - r.count - n12 - n21)
        assert (r._8, r.se, r.z) == pytest.approx(want, rel=1e-12)
    assert table["z"].is_monotonic_decreasing
    assert table["collocation"].iloc[0] == "new york"  # new york: (2, 0, 0, 6)
    assert sequences(corpus)["collocation"].tolist() == ["new york", "york is"]  # min_count 2 (quanteda's)
    with pytest.raises(InputError, match="size"):
        sequences(corpus, size=4)


def _glm_lambda(cells):
    """The last coefficient of the saturated Poisson log-linear model count ~ W1*W2*W3 (treatment
    contrasts, as R's glm in quanteda.textstats' own test) and its Wald SE: solved and inverted
    with numpy, not by the alternating-sign formula."""
    n = np.asarray(cells, dtype=float) + 0.5
    design = []
    for b in range(8):  # bit k: word k + 1 agrees
        w1, w2, w3 = b & 1, b >> 1 & 1, b >> 2 & 1
        design.append([1, w1, w2, w3, w1 * w2, w1 * w3, w2 * w3, w1 * w2 * w3])
    design = np.array(design, dtype=float)
    beta = np.linalg.solve(design, np.log(n))
    cov = np.linalg.inv(design.T @ np.diag(n) @ design)  # Fisher information at the fit (fitted = n)
    return beta[-1], math.sqrt(cov[-1, -1])


@pytest.mark.parametrize("cells", [(980, 5, 3, 0, 4, 0, 0, 8), (950, 10, 12, 6, 9, 2, 7, 4), (0,) * 7 + (1,)])
def test_interaction_lambda_equals_the_loglinear_model(cells):
    from discourse.stats.sequences import interaction_lambda

    lam, se, z = (float(x) for x in interaction_lambda(cells))
    want_lam, want_se = _glm_lambda(cells)
    assert (lam, se, z) == pytest.approx((want_lam, want_se, want_lam / want_se), rel=1e-9)


def test_three_word_sequences_counted_by_hand():
    from discourse.word_sequences import sequences

    text = ["new york city is big", "i love new york city", "new york is old", "the city is new"]
    corpus = discourse.read_table(pd.DataFrame({"text": [t + "." for t in text]}), lang="en")
    table = sequences(corpus, size=3, min_count=1)
    assert list(table.columns) == ["lang", "collocation", "size", "count", "count_first", "count_second",
                                   "count_third", "sequences_total", "lambda", "se", "z"]
    trigrams = [tuple(t.split()[i:i + 3]) for t in text for i in range(len(t.split()) - 2)]
    assert set(table["sequences_total"]) == {len(trigrams)} == {10} and set(table["size"]) == {3}
    assert len(table) == len(set(trigrams))
    for row in table.itertuples():
        target = tuple(row.collocation.split())
        cells = [0] * 8  # the eight agreement patterns, counted position by position (quanteda's MWEcounts)
        for seq in trigrams:
            cells[sum(1 << k for k in range(3) if seq[k] == target[k])] += 1
        assert row.count == cells[7] == trigrams.count(target)
        assert (row.count_first, row.count_second, row.count_third) == tuple(
            sum(seq[k] == target[k] for seq in trigrams) for k in range(3))
        want_lam, want_se = _glm_lambda(cells)
        assert (row._9, row.se, row.z) == pytest.approx((want_lam, want_se, want_lam / want_se), rel=1e-9)
    # "new york city" twice; its "new" and "york" also start "new york is"
    first = table[table["collocation"] == "new york city"].iloc[0]
    assert (first["count"], first["count_first"], first["count_second"], first["count_third"]) == (2, 3, 3, 2)
    assert table["z"].is_monotonic_decreasing
    assert sequences(corpus, size=3)["collocation"].tolist() == ["new york city"]  # min_count 2


def test_cli_sequences(capsys):
    from discourse.cli import main

    code = main(["sequences", "--lang", "vi", "--top", "3", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = pd.read_csv(io.StringIO(out))
    assert rows["collocation"].tolist()[:2] == ["lãnh đạo về", "những công tác"] and rows["z"].is_monotonic_decreasing
    code = main(["sequences", "--lang", "vi", "--size", "3", "--top", "2", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = pd.read_csv(io.StringIO(out))
    from discourse.word_sequences import sequences

    want = sequences(discourse.load_corpus(), lang="vi", size=3, top=2)
    assert rows["collocation"].tolist() == want["collocation"].tolist() and set(rows["size"]) == {3}
