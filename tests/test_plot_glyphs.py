"""Every public plot draws its Chinese and Vietnamese labels with no missing glyph, on its own
figure and on Axes the user made (``plt.subplots()``, outside :func:`discourse.plot.style`),
drawn and saved later, as a notebook displays a figure after the cell has run.

matplotlib's "Glyph ... missing from font(s)" warnings are turned into failures; the
renderings plots passed on their own figures but drew boxes on a user's Axes.
"""

from __future__ import annotations

import io
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

import discourse
from discourse.frames import rendering_summary, renderings


pytestmark = pytest.mark.usefixtures("agg")  # the Agg backend, figures closed (conftest)


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


@pytest.fixture(scope="module")
def rendered(corpus):
    return renderings(corpus, unit="paragraph")


def _calls(corpus, rendered):
    """(name, function of ax) for every public plot, each with labels in Chinese or Vietnamese."""
    p = discourse.plot
    summary = rendering_summary(rendered)
    trend = pd.DataFrame({"lang": "zh", "year": [2019, 2019, 2021, 2021], "term": ["脱贫", "小康"] * 2,
                          "per_10k": [1.0, 2.0, 3.0, 1.5]})
    return {
        "bar_terms": lambda ax: p.bar_terms(pd.DataFrame({"term": ["脱贫攻坚战", "trách nhiệm"], "n": [3, 2]}),
                                            term_col="term", value_col="n", ax=ax),
        "collocates": lambda ax: p.collocates(discourse.collocates(corpus, ["责任", "trách nhiệm"]), top=5, ax=ax),
        "keyness": lambda ax: p.keyness(discourse.keywords(corpus, target="doc_id=003_90d6e10e09142168", lang="zh"),
                                        top=3, ax=ax),
        "top_terms": lambda ax: p.top_terms(discourse.frequencies(corpus, lang=["zh", "vi"]), top=5, ax=ax),
        "keyness_groups": lambda ax: p.keyness_groups(discourse.keywords(corpus, lang="zh", by="doc_id", max_p=0.05),
                                                      top=1, columns=2, ax=ax),
        "dispersion": lambda ax: p.dispersion(discourse.positions(corpus, ["责任", "trách nhiệm"]), ax=ax),
        "trend": lambda ax: p.trend(trend, ax=ax),
        "frame_bars": lambda ax: p.frame_bars(discourse.frame_profile(corpus), ax=ax, title="框架 · khung"),
        "frame_heatmap": lambda ax: p.frame_heatmap(discourse.frame_profile(corpus), ax=ax, title="框架"),
        "frame_strip": lambda ax: p.frame_strip(corpus, doc_id="003_90d6e10e09142168", ax=ax, title="框架"),
        "shifts": lambda ax: p.shifts(discourse.translation_shifts(corpus), ax=ax, title="框架 · khung"),
        "calque_shares": lambda ax: p.calque_shares(summary, ax=ax, title="仿译 · từ Hán Việt"),
        "rendering_bars": lambda ax: p.rendering_bars(rendered, "battle", ax=ax),
        "retention": lambda ax: p.retention(summary, ax=ax, title="保留 · giữ nguyên"),
        "diversity": lambda ax: p.diversity(discourse.lexical_diversity(corpus, measure="mattr"), ax=ax,
                                            title="词汇多样性"),
        "similarity_heatmap": lambda ax: p.similarity_heatmap(discourse.similarity(corpus, lang="zh"), ax=ax,
                                                              title="相似度"),
        "topic_terms": lambda ax: p.topic_terms(discourse.topics(corpus, lang="zh", n_topics=2), ax=ax),
        "ca_biplot": lambda ax: p.ca_biplot(discourse.correspondence_analysis(corpus, top=10), ax=ax),
        "collocation_network": lambda ax: p.collocation_network(
            discourse.collocation_network(corpus, "trách nhiệm", top=3), ax=ax),
        "dendrogram": lambda ax: p.dendrogram(discourse.document_clusters(corpus, lang="zh", n_clusters=2), ax=ax,
                                              title="聚类"),
    }


NAMES = ["bar_terms", "collocates", "keyness", "top_terms", "keyness_groups", "dispersion", "trend", "frame_bars",
         "frame_heatmap", "frame_strip", "shifts", "calque_shares", "rendering_bars", "retention", "diversity",
         "similarity_heatmap", "topic_terms", "ca_biplot", "collocation_network", "dendrogram"]


def test_every_public_plot_is_covered():
    p = discourse.plot
    helpers = {"ensure_font", "font_family", "font_path", "lang_color", "rc_params", "savefig", "set_label_fonts",
               "style", "subplots"}
    assert sorted(n for n in p.__all__ if callable(getattr(p, n)) and n not in helpers) == sorted(NAMES)


def _axes_of(out):
    return list(np.ravel(out)) if isinstance(out, (list, tuple, np.ndarray)) else [out]


def _text_of(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


@pytest.mark.parametrize("name", NAMES)
def test_plot_draws_hanzi_on_its_own_figure_and_on_the_users_axes(name, corpus, rendered):
    import matplotlib.pyplot as plt

    call = _calls(corpus, rendered)[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the inputs' own warnings (sparse data) are not this test's
        own = _axes_of(call(None))
    fig, axes = plt.subplots(1, len(own), squeeze=False)  # the user's Axes, outside style()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        call(axes.ravel()[0] if len(own) == 1 else axes.ravel())
    for figure in (own[0].figure, fig):
        assert any("\u4e00" <= ch <= "\u9fff" or ch in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ"
                   for ch in _text_of(figure)), f"{name} drew no Chinese or Vietnamese label"
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=r"Glyph \d+ .*missing from font")
            figure.canvas.draw()  # outside style(): what a notebook shows after the cell
            figure.savefig(io.BytesIO(), format="png")
