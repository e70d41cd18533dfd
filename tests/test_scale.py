"""discourse.scale: frequency lists and keywords on Dask, identical to the in-memory path.

Runs on a local Dask cluster of two worker processes (``distributed.LocalCluster``);
skipped when the optional extra ``dask`` is not installed.
"""

from __future__ import annotations

import pandas as pd
import pytest

import discourse
from discourse.errors import InputError

from .conftest import SEEDS

pytest.importorskip("dask", reason="the Dask path needs the optional extra: pip install 'discourse[dask]'")
distributed = pytest.importorskip("distributed", reason="the Dask path needs dask[distributed]")

from discourse.scale import frequencies_dask, keywords_dask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def reports():
    """A slice of the Government Work Reports: 8 documents, with their years."""
    corpus = discourse.load_corpus("gov_work_reports")
    return corpus.filter(doc_id=corpus.doc_ids[:8])


@pytest.fixture(scope="module")
def seeds_corpus():
    return discourse.load_corpus()


def same(a, b):
    pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.mark.parametrize("options", [
    dict(),
    dict(by="year", top=20),
    dict(n=2, by="doc_id", stopwords=False),
    dict(punct=True, stopwords=False, min_count=3),
])
def test_frequencies_on_a_cluster_equal_the_in_memory_table(client, reports, options):
    same(frequencies_dask(reports, client=client, partitions=3, **options), discourse.frequencies(reports, **options))


def test_frequencies_of_a_multilingual_corpus_and_of_files(client, seeds_corpus):
    for options in (dict(), dict(lang=["fr", "zh"], n=2), dict(by="doc_id", punct=True)):
        same(frequencies_dask(seeds_corpus, client=client, partitions=2, **options),
             discourse.frequencies(seeds_corpus, **options))
    paths = sorted(SEEDS.glob("*.txt"))  # each worker reads its own file
    same(frequencies_dask(paths, client=client, by="doc_id"), discourse.frequencies(discourse.read(*paths), by="doc_id"))


def test_keywords_on_a_cluster_equal_the_in_memory_table(client, reports, seeds_corpus):
    target = f"doc_id={reports.doc_ids[0]},{reports.doc_ids[1]}"
    same(keywords_dask(reports, client=client, partitions=4, target=target),
         discourse.keywords(reports, target=target))
    same(keywords_dask(reports, f"doc_id={reports.doc_ids[5]}", client=client, target=target, n=2, measure="log_ratio"),
         discourse.keywords(reports, f"doc_id={reports.doc_ids[5]}", target=target, n=2, measure="log_ratio"))
    same(keywords_dask(seeds_corpus, reports, client=client, lang="zh"),
         discourse.keywords(seeds_corpus, reports, lang="zh"))


def test_keywords_on_a_cluster_explain_user_errors(client, seeds_corpus):
    with pytest.raises(InputError, match="pass lang="):
        keywords_dask(seeds_corpus, client=client, target="doc_id=003_90d6e10e09142168")
    with pytest.raises(InputError, match="no rest to compare"):
        keywords_dask(seeds_corpus, client=client, lang="zh")


def test_without_a_client_the_local_scheduler_gives_the_same_table(seeds_corpus):
    same(frequencies_dask(seeds_corpus, scheduler="sync", lang="vi", top=5),
         discourse.frequencies(seeds_corpus, lang="vi", top=5))


def test_doctests():
    import doctest

    import discourse.scale as S

    result = doctest.testmod(S, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
