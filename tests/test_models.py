"""Document models (issue 17, item 6): similarity, topics, correspondence analysis.

CA is checked against a published worked example: Greenacre's (1984) smoking data as
R's ``ca`` package (0.71.1) prints it (``print(ca(smoke))``: principal inertias 0.074759,
0.010017, 0.000414; row masses and χ² distances) and against the principal coordinates
of Greenacre (2007), *Correspondence Analysis in Practice*, ch. 8–9 (SM −0.066 −0.194 …).
Similarity is checked against scikit-learn's ``TfidfVectorizer`` run on the same token
lists (an independent path: its own counting, ours not used).
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

import discourse
from discourse.cli import main
from discourse.errors import InputError
from discourse.stats.ca import ca

SMOKE = [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]]  # SM JM SE JE SC


@pytest.fixture(scope="module")
def themes():
    """Four French documents on two themes (animals, public finance) and a Chinese pair."""
    rows = [
        ("a1", "fr", "Le chat et le chien dorment. Le chat chasse la souris. Le chien garde la maison du chat."),
        ("a2", "fr", "La souris fuit le chat. Le chien aboie contre le chat et la souris."),
        ("f1", "fr", "Le budget de l'État finance l'impôt. L'impôt pèse sur le budget des communes."),
        ("f2", "fr", "La dette publique et l'impôt grèvent le budget. Le budget réduit la dette."),
        ("z1", "zh", "脱贫攻坚取得胜利。脱贫攻坚是责任。"),
        ("z2", "zh", "乡村振兴接续推进。乡村振兴需要责任。"),
    ]
    return discourse.read_table(pd.DataFrame(rows, columns=["doc_id", "lang", "text"]))


# ----------------------------------------------------------------------------- CA
def test_ca_reproduces_greenacres_smoking_data():
    result = ca(SMOKE)
    assert np.round(result.inertia, 6).tolist() == [0.074759, 0.010017, 0.000414]
    assert np.round(result.row_masses, 6).tolist() == [0.056995, 0.093264, 0.264249, 0.455959, 0.129534]
    chi_dist = np.sqrt((result.row_coords ** 2).sum(axis=1))  # distance to the centroid, all dimensions
    assert np.round(chi_dist, 6).tolist() == [0.216559, 0.356921, 0.380779, 0.240025, 0.216169]
    # Greenacre (2007): principal coordinates of the rows and columns on the first two axes
    assert np.round(result.row_coords[:, :2], 3).tolist() == [
        [-0.066, -0.194], [0.259, -0.243], [-0.381, -0.011], [0.233, 0.058], [-0.201, 0.079]]
    assert np.round(result.col_coords[:, :2], 3).tolist() == [
        [-0.393, -0.030], [0.099, 0.141], [0.196, 0.007], [0.294, -0.198]]
    # total inertia is Pearson's χ² over n (an independent computation)
    chi2 = chi2_contingency(np.array(SMOKE), correction=False)[0]
    assert result.inertia.sum() == pytest.approx(chi2 / np.sum(SMOKE))


def test_ca_transition_formula_and_errors():
    table = np.array([[10, 0, 3], [2, 8, 1], [1, 1, 9], [4, 4, 4]], dtype=float)
    result = ca(table)
    profiles = table / table.sum(axis=1, keepdims=True)
    # rows are at the centroid of the columns' standard coordinates, weighted by their profile
    assert np.allclose(result.row_coords, profiles @ result.col_standard)
    with pytest.raises(ValueError, match="positive total"):
        ca([[1, 0], [2, 0]])
    with pytest.raises(ValueError, match="2 × 2"):
        ca([[1, 2, 3]])


def test_correspondence_analysis_of_one_language(themes):
    result = discourse.correspondence_analysis(themes, lang="fr", top=12)
    coords = result.coordinates
    assert list(coords.columns) == ["point", "lang", "label", "mass", "dim", "coordinate"]
    assert list(result.inertia.columns) == ["dim", "inertia", "share", "cumulative"]
    assert len(result.inertia) == 3 and result.inertia["cumulative"].iloc[-1] == pytest.approx(1.0)
    docs = coords[(coords["point"] == "document") & (coords["dim"] == 1)].set_index("label")["coordinate"]
    # the first axis opposes the two themes
    assert np.sign(docs["a1"]) == np.sign(docs["a2"]) != np.sign(docs["f1"]) == np.sign(docs["f2"])
    # the same figures as the pure function on the counts of the top terms
    dtm = discourse.document_term_matrix(themes, lang="fr")
    counts = dtm.matrix.toarray()
    order = np.lexsort((dtm.terms.to_numpy(), -counts.sum(axis=0)))[:12]
    assert np.allclose(result.inertia["inertia"], ca(counts[:, order]).inertia)
    assert result.wide().shape[1] == 6  # point, lang, label, mass, dim_1, dim_2


def test_several_languages_are_blocks_whose_first_axes_separate_them(themes):
    result = discourse.correspondence_analysis(themes, top=10)
    assert result.inertia["inertia"].iloc[0] == pytest.approx(1.0)
    assert set(result.coordinates["lang"]) == {"fr", "zh"}
    with pytest.raises(InputError, match="at least 2 × 2"):
        discourse.correspondence_analysis(themes.filter(doc_id="a1"), top=5)
    with pytest.raises(InputError, match="top must be"):
        discourse.correspondence_analysis(themes, top=0)
    with pytest.raises(InputError, match="dims must be"):
        discourse.correspondence_analysis(themes, dims=0)


# ----------------------------------------------------------------------------- similarity
def test_similarity_equals_tfidfvectorizer_cosine_on_the_same_tokens(themes):
    from sklearn.feature_extraction.text import TfidfVectorizer

    table = discourse.similarity(themes, lang="fr")
    assert list(table.columns) == ["lang", "doc_a", "doc_b", "similarity"] and len(table) == 16
    frame = themes.tokens().to_frame(columns=["doc_id", "lang", "norm", "is_punct", "is_stop"])
    frame = frame[(frame["lang"] == "fr") & ~frame["is_punct"] & ~frame["is_stop"]]
    docs = list(dict.fromkeys(frame["doc_id"]))
    lists = [frame.loc[frame["doc_id"] == d, "norm"].tolist() for d in docs]
    vectors = TfidfVectorizer(analyzer=lambda tokens: tokens).fit_transform(lists).toarray()
    expected = vectors @ vectors.T  # rows are unit length
    got = table.pivot(index="doc_a", columns="doc_b", values="similarity").loc[docs, docs].to_numpy()
    assert np.allclose(got, expected)
    assert got[0, 1] > got[0, 2] and got[2, 3] > got[1, 3]  # same theme, more similar


def test_a_document_with_no_term_is_similar_to_nothing():
    corpus = discourse.read_table(pd.DataFrame({"doc_id": ["a", "b", "c"], "lang": "fr", "text": [
        "Le chat dort.", "Le chat mange.", "Et le, la, les."]}))
    table = discourse.similarity(corpus).set_index(["doc_a", "doc_b"])["similarity"]
    assert table[("a", "a")] == 1.0 and 0 < table[("a", "b")] < 1
    assert table[("c", "c")] == 0.0 and table[("a", "c")] == 0.0


def test_similarity_never_compares_languages(themes):
    table = discourse.similarity(themes)
    assert (table.groupby("lang")["doc_a"].nunique().to_dict()) == {"fr": 4, "zh": 2}
    assert not ((table["doc_a"].str[0] == "a") & (table["doc_b"].str[0] == "z")).any()


# ----------------------------------------------------------------------------- topics
@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_topics_find_the_two_themes(themes, method):
    model = discourse.topics(themes, lang="fr", n_topics=2, method=method, top=3)
    assert list(model.terms.columns) == ["lang", "topic", "rank", "term", "weight"]
    assert list(model.shares.columns) == ["lang", "doc_id", "topic", "share"]
    shares = model.shares.pivot(index="doc_id", columns="topic", values="share")
    assert np.allclose(shares.sum(axis=1), 1.0)
    main_topic = shares.idxmax(axis=1)
    assert main_topic["a1"] == main_topic["a2"] != main_topic["f1"] == main_topic["f2"]
    animals = set(model.terms.loc[model.terms["topic"] == main_topic["a1"], "term"])
    finance = set(model.terms.loc[model.terms["topic"] == main_topic["f1"], "term"])
    assert animals <= {"chat", "chien", "souris", "maison", "dorment", "chasse", "garde", "fuit", "aboie"}
    assert finance <= {"budget", "impôt", "dette", "état", "finance", "communes", "publique", "pèse",
                       "grèvent", "réduit"}
    again = discourse.topics(themes, lang="fr", n_topics=2, method=method, top=3)
    pd.testing.assert_frame_equal(model.terms, again.terms)  # random_state=0: the same topics


def test_topics_bad_options(themes):
    with pytest.raises(InputError, match="method must be one of nmf, lda"):
        discourse.topics(themes, method="lsa")
    with pytest.raises(InputError, match="n_topics"):
        discourse.topics(themes, n_topics=0)


# ----------------------------------------------------------------------------- plots
def test_model_plots_draw_chinese_and_vietnamese_labels_without_missing_glyphs(themes):
    """As tests/test_plot.py's glyph test: the shipped font only, any missing glyph fails."""
    from discourse import plot

    vi = discourse.read_table(pd.DataFrame({"doc_id": ["v1", "v2"], "lang": "vi", "text": [
        "Thoát nghèo bền vững là trách nhiệm của Đảng uỷ. Thoát nghèo cần nỗ lực.",
        "Phát triển nông thôn mới, nâng cao đời sống người dân. Đời sống được cải thiện."]}))
    rc = {"font.family": ["DejaVu Sans", plot.CJK_FAMILY], "font.sans-serif": ["DejaVu Sans", plot.CJK_FAMILY]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with plot.style(rc):
            axes = [plot.similarity_heatmap(discourse.similarity(themes, lang="zh")),
                    plot.topic_terms(discourse.topics(themes, lang="zh", n_topics=2))[0],
                    plot.topic_terms(discourse.topics(vi, n_topics=2))[0],
                    plot.ca_biplot(discourse.correspondence_analysis(themes, top=8))]
            for ax in axes:
                for fmt in ("png", "pdf"):
                    ax.figure.savefig(io.BytesIO(), format=fmt)
    labels = [t.get_text() for t in axes[1].get_yticklabels()] + [t.get_text() for t in axes[2].get_yticklabels()]
    assert any("脱贫" in x or "乡村" in x for x in labels) and any(c in "".join(labels) for c in "ăâđêôơư")


# ----------------------------------------------------------------------------- CLI
@pytest.mark.parametrize("argv,columns", [
    (["similarity"], ["lang", "doc_a", "doc_b", "similarity"]),
    (["topics", "--n-topics", "2", "--top", "3"], ["lang", "topic", "rank", "term", "weight"]),
    (["topics", "--shares", "--method", "lda", "--n-topics", "2"], ["lang", "doc_id", "topic", "share"]),
    (["ca", "--lang", "zh", "--top", "5"], ["point", "lang", "label", "mass", "dim", "coordinate"]),
    (["ca", "--inertia"], ["dim", "inertia", "share", "cumulative"]),
    (["doc-clusters", "--lang", "zh", "--n-clusters", "2"], ["lang", "doc_id", "cluster", "order"]),
    (["doc-clusters", "--distance-threshold", "0.9", "--method", "ward"], ["lang", "doc_id", "cluster", "order"]),
    (["diversity", "--measure", "all"], ["doc_id", "lang", "measure", "value", "tokens", "types"]),
    (["diversity", "--profile"], ["doc_id", "lang", "unit", "n", "mean", "median", "sd", "min", "max"]),
])
def test_cli_model_commands(capsys, argv, columns):
    code = main([*argv, "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == columns and len(table) > 0


# ----------------------------------------------------------------------------- document clusters
@pytest.fixture(scope="module")
def two_themes():
    """Eight French documents, four on animals and four on public finance."""
    texts = {
        "a1": "Le chat et le chien dorment. Le chat chasse la souris.",
        "a2": "La souris fuit le chat. Le chien aboie contre le chat.",
        "a3": "Le chien garde la maison. La souris mange le fromage du chat.",
        "a4": "Un chat noir, un chien blanc et une souris grise dans la maison.",
        "f1": "Le budget de l'État finance l'impôt. L'impôt pèse sur le budget des communes.",
        "f2": "La dette publique et l'impôt grèvent le budget. Le budget réduit la dette.",
        "f3": "L'État lève l'impôt pour le budget; la dette des communes augmente.",
        "f4": "Réduire la dette publique sans hausse d'impôt: le budget de l'État.",
    }
    return discourse.read_table(pd.DataFrame({"doc_id": list(texts), "lang": "fr", "text": list(texts.values())}))


def _tfidf_by_hand(corpus):
    """The TF-IDF rows by scikit-learn's TfidfVectorizer on the token lists (not our counting)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    frame = corpus.tokens().to_frame(columns=["doc_id", "lang", "norm", "is_punct", "is_stop"])
    frame = frame[~frame["is_punct"] & ~frame["is_stop"]]
    docs = list(dict.fromkeys(frame["doc_id"]))
    lists = [frame.loc[frame["doc_id"] == d, "norm"].tolist() for d in docs]
    return docs, TfidfVectorizer(analyzer=lambda tokens: tokens).fit_transform(lists).toarray()


def _same_partition(a, b) -> bool:
    pairs = set(zip(a, b))
    return len(pairs) == len(set(a)) == len(set(b))


@pytest.mark.parametrize("method", ["average", "complete", "ward"])
def test_document_clusters_equal_scipy_and_sklearn_on_the_same_matrix(two_themes, method):
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import pdist
    from sklearn.cluster import AgglomerativeClustering

    docs, vectors = _tfidf_by_hand(two_themes)
    if method == "ward":
        expected = hierarchy.linkage(vectors, method="ward")  # rows are L2-normalised
        sk = AgglomerativeClustering(n_clusters=3, linkage="ward")
    else:
        expected = hierarchy.linkage(pdist(vectors, "cosine"), method=method)
        sk = AgglomerativeClustering(n_clusters=3, metric="cosine", linkage=method)
    result = discourse.document_clusters(two_themes, n_clusters=3, method=method)
    table = result.table.set_index("doc_id").loc[docs]
    assert list(result.table.columns) == ["lang", "doc_id", "cluster", "order"]
    assert result.labels["fr"] == docs and np.allclose(result.linkage["fr"], expected)
    leaves = hierarchy.leaves_list(expected)
    assert table["order"].to_numpy()[leaves].tolist() == list(range(len(docs)))  # the same leaf order
    assert _same_partition(table["cluster"], sk.fit_predict(vectors))
    assert _same_partition(table["cluster"], hierarchy.fcluster(expected, t=3, criterion="maxclust"))
    # clusters are numbered in leaf order
    assert list(pd.unique(table["cluster"].to_numpy()[leaves])) == [1, 2, 3]
    # a threshold cut: scipy's fcluster at the same height
    height = float(np.median(expected[:, 2]))
    cut = discourse.document_clusters(two_themes, distance_threshold=height, method=method).table
    assert _same_partition(cut.set_index("doc_id").loc[docs, "cluster"],
                           hierarchy.fcluster(expected, t=height, criterion="distance"))


@pytest.mark.parametrize("method", ["average", "complete", "ward"])
def test_document_clusters_find_the_two_themes(two_themes, method):
    table = discourse.document_clusters(two_themes, n_clusters=2, method=method).table.set_index("doc_id")
    clusters = table["cluster"]
    assert clusters[["a1", "a2", "a3", "a4"]].nunique() == 1 and clusters[["f1", "f2", "f3", "f4"]].nunique() == 1
    assert clusters["a1"] != clusters["f1"]
    assert sorted(table["order"]) == list(range(8))


def test_document_clusters_by_language_and_left_out_documents(themes):
    corpus = discourse.read_table(pd.DataFrame({"doc_id": ["a", "b", "c"], "lang": "fr", "text": [
        "Le chat dort.", "Le chat mange.", "Et le, la, les."]}))
    result = discourse.document_clusters(corpus, n_clusters=1)
    assert result.table["doc_id"].tolist() == ["a", "b"] and result.left_out == [("fr", "c")]
    both = discourse.document_clusters(themes, n_clusters=2)
    assert both.table.groupby("lang")["cluster"].nunique().to_dict() == {"fr": 2, "zh": 2}
    assert set(both.linkage) == {"fr", "zh"}


def test_document_clusters_bad_options(themes):
    with pytest.raises(InputError, match="exactly one of n_clusters=.*distance_threshold=.*neither"):
        discourse.document_clusters(themes)
    with pytest.raises(InputError, match="exactly one of n_clusters=.*distance_threshold=.*both"):
        discourse.document_clusters(themes, n_clusters=2, distance_threshold=0.5)
    with pytest.raises(InputError, match="n_clusters=3 is more than the 2 document"):
        discourse.document_clusters(themes, n_clusters=3)  # zh has two documents
    with pytest.raises(InputError, match="n_clusters must be"):
        discourse.document_clusters(themes, n_clusters=0)
    with pytest.raises(InputError, match="distance_threshold must be"):
        discourse.document_clusters(themes, distance_threshold=-1)
    with pytest.raises(InputError, match="method must be one of average, complete, ward"):
        discourse.document_clusters(themes, n_clusters=2, method="single")


def test_dendrogram_draws_chinese_and_vietnamese_labels_without_missing_glyphs():
    """As the glyph test above: the shipped font only, any missing glyph fails."""
    from discourse import plot

    zh = discourse.read_table(pd.DataFrame({"doc_id": ["脱贫报告", "乡村报告", "责任报告"], "lang": "zh", "text": [
        "脱贫攻坚取得胜利。", "乡村振兴接续推进。", "脱贫攻坚是责任。"]}))
    vi = discourse.read_table(pd.DataFrame({"doc_id": ["Thoát nghèo", "Đời sống"], "lang": "vi", "text": [
        "Thoát nghèo bền vững là trách nhiệm.", "Nâng cao đời sống người dân."]}))
    rc = {"font.family": ["DejaVu Sans", plot.CJK_FAMILY], "font.sans-serif": ["DejaVu Sans", plot.CJK_FAMILY]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with plot.style(rc):
            axes = [plot.dendrogram(discourse.document_clusters(zh, n_clusters=2)),
                    plot.dendrogram(discourse.document_clusters(vi, distance_threshold=0.5, method="ward"))]
            for ax in axes:
                for fmt in ("png", "pdf"):
                    ax.figure.savefig(io.BytesIO(), format=fmt)
    result = discourse.document_clusters(zh, n_clusters=2)
    leaves = result.table.sort_values("order")["doc_id"].tolist()
    assert [t.get_text() for t in axes[0].get_yticklabels()] == leaves  # top to bottom, in leaf order
    assert [t.get_text() for t in axes[1].get_yticklabels()][0] in {"Thoát nghèo", "Đời sống"}
    with pytest.raises(InputError, match="several languages"):
        plot.dendrogram(discourse.document_clusters(type(zh).concat([zh, vi]), n_clusters=1))
    with pytest.raises(InputError, match="a tree needs 2 or more"):
        plot.dendrogram(discourse.document_clusters(vi.filter(doc_id="Đời sống"), n_clusters=1))
