"""Collocation networks (issue 17, item 2): nodes and edges from discourse.collocates, step by step."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

import discourse
from discourse.cli import main
from discourse.errors import InputError


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


def test_step_one_is_the_top_collocates_of_the_node(corpus):
    net = discourse.collocation_network(corpus, "trách nhiệm", steps=1, top=5)
    expected = discourse.collocates(corpus, "trách nhiệm", sort="log_dice", min_count=2).head(5)
    assert list(net.edges.columns) == ["lang", "source", "target", "step", "co_freq", "mi", "t_score",
                                       "log_likelihood", "log_dice"]
    assert net.edges["target"].tolist() == expected["collocate"].tolist()
    assert net.edges["log_dice"].tolist() == pytest.approx(expected["log_dice"].tolist())
    assert (net.edges["source"] == "trách nhiệm").all() and (net.edges["step"] == 1).all()
    seed = net.nodes[net.nodes["step"] == 0]
    assert seed[["lang", "term", "freq"]].values.tolist() == [["vi", "trách nhiệm", expected["node_freq"].iloc[0]]]


def test_step_two_expands_every_word_of_step_one_once(corpus):
    net = discourse.collocation_network(corpus, "trách nhiệm", steps=2, top=3)
    step1 = net.nodes.loc[net.nodes["step"] == 1, "term"].tolist()
    assert len(step1) == 3
    for term in step1:  # each expanded with its own collocates, exactly matched
        own = discourse.collocates(corpus, term, lang="vi", min_count=2).head(3)["collocate"].tolist()
        linked = set(net.edges.loc[net.edges["source"] == term, "target"]) | {
            s for s, t in net.edges.loc[net.edges["target"] == term, ["source", "target"]].values if t == term}
        assert set(own) <= linked | {"trách nhiệm"} | set(step1), term
    pairs = [frozenset(p) for p in net.edges[["source", "target"]].values.tolist()]
    assert len(pairs) == len(set(pairs))  # a pair found from both ends is one edge
    assert set(net.edges["source"]) | set(net.edges["target"]) == set(net.nodes["term"])
    assert sorted(net.edges["step"].unique().tolist()) == [1, 2]


def test_threshold_min_count_and_languages(corpus):
    net = discourse.collocation_network(corpus, ["责任", "trách nhiệm"], top=None, threshold=13.3, min_count=1,
                                        steps=1)
    assert (net.edges["log_dice"] >= 13.3).all() and set(net.nodes["lang"]) == {"vi", "zh"}
    assert all(lang == "vi" for lang in net.edges.loc[net.edges["source"] == "trách nhiệm", "lang"])
    few = discourse.collocation_network(corpus, "责任", steps=1, top=10, min_count=2)
    assert few.edges.empty and few.nodes["term"].tolist() == ["责任"]  # the node asked for is kept


def test_bad_options_are_input_errors(corpus):
    with pytest.raises(InputError, match="no occurrence"):
        discourse.collocation_network(corpus, "xyzzy")
    with pytest.raises(InputError, match="measure must be one of"):
        discourse.collocation_network(corpus, "责任", measure="z")
    with pytest.raises(InputError, match="steps"):
        discourse.collocation_network(corpus, "责任", steps=0)
    with pytest.raises(InputError, match="top= .* or threshold="):
        discourse.collocation_network(corpus, "责任", top=None)


def test_to_networkx(corpus):
    net = discourse.collocation_network(corpus, "责任", steps=2, top=3, min_count=1)
    graph = net.to_networkx()
    assert graph.number_of_nodes() == len(net.nodes) and graph.number_of_edges() == len(net.edges)
    assert graph.nodes[("zh", "责任")]["step"] == 0


def test_network_plot_draws_cjk_and_vietnamese_labels_without_missing_glyphs(corpus):
    """As tests/test_plot.py's glyph test: the shipped font only, any missing glyph fails."""
    from discourse import plot

    net = discourse.collocation_network(corpus, ["责任", "trách nhiệm", "responsabilit*"], top=4, min_count=1)
    rc = {"font.family": ["DejaVu Sans", plot.CJK_FAMILY], "font.sans-serif": ["DejaVu Sans", plot.CJK_FAMILY]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with plot.style(rc):
            ax = plot.collocation_network(net)
            for fmt in ("png", "pdf", "svg"):
                ax.figure.savefig(io.BytesIO(), format=fmt)
    labels = {t.get_text().strip() for t in ax.texts}
    assert labels == set(net.nodes["term"])
    assert "责任" in labels and "trách nhiệm" in labels


def test_cli_network(capsys):
    code = main(["network", "trách nhiệm", "--node", "责任", "--top", "3", "--min-count", "1", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    edges = pd.read_csv(io.StringIO(out))
    assert set(edges["lang"]) == {"vi", "zh"} and sorted(edges["step"].unique()) == [1, 2]
    code = main(["network", "trách nhiệm", "--steps", "1", "--top", "2", "--nodes-table", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert pd.read_csv(io.StringIO(out))["step"].tolist() == [0, 1, 1]
