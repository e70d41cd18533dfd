"""Reading tables and one-language files without per-cell pandas work (issue 18, goal 2).

Behaviour only (speed is measured by ``benchmarks/bench_cli.py``): the vectorised readers
give the segments the document-by-document path gives — :func:`align_document` on each
document of :func:`split_lines`' lines — and they touch no single cell of a DataFrame.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import discourse
import discourse.io.table
from discourse.align import align_document, align_each_document
from discourse.io import read_file, read_table, split_lines
from discourse.io.common import line_spans, lines_of

WHITESPACE = [" ", "\t", "\r", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2028", "\u2029",
              "\u3000"]


def _by_document(segments: pd.DataFrame, *, how: str = "length") -> pd.DataFrame:
    """The reference: each document aligned on its own, joined in order of first segment."""
    parts = [align_document(group, how=how) for _, group in segments.groupby("doc_id", sort=False)]
    return pd.concat(parts, ignore_index=True)


def _rows(texts: list[str], docs: list[str], langs: list[str], path: str = "<DataFrame>") -> pd.DataFrame:
    """The segments of a table read line by line with ``split_lines`` (the rows of ``read_table``)."""
    rows = [dict(doc_id=doc, lang=lang, role="body", text=text[s:e], path=path, start=s, end=e, line=number)
            for number, (text, doc, lang) in enumerate(zip(texts, docs, langs), start=1)
            for s, e, _ in split_lines(text)]
    return pd.DataFrame(rows)


@pytest.fixture()
def no_cell_access(monkeypatch):
    """Reading may not look up single cells (``.at``, ``.iat``) nor walk rows (``iterrows``)."""
    def refuse(*args, **kwargs):
        raise AssertionError("per-cell pandas access on the reading path")

    for name in ("at", "iat"):
        monkeypatch.setattr(pd.DataFrame, name, property(refuse))
    monkeypatch.setattr(pd.DataFrame, "iterrows", refuse)


def test_line_spans_are_split_lines():
    rng = random.Random(18)
    alphabet = ["a", "字", "bc", *WHITESPACE]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        numbered = split_lines(text)
        assert line_spans(text, numbers=True) == numbered, repr(text)
        assert line_spans(text) == [(s, e) for s, e, _ in numbered], repr(text)


def test_lines_of_is_line_spans_of_each_text():
    rng = random.Random(1818)
    alphabet = ["a", "字", "bc", *WHITESPACE]
    for _ in range(300):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(rng.randint(0, 12))]
        expected = [(k, s, e, text[s:e]) for k, text in enumerate(texts) for s, e in line_spans(text)]
        row, start, end, lines = lines_of(texts)
        assert list(zip(row.tolist(), start.tolist(), end.tolist(), lines)) == expected, texts


def test_a_table_is_split_into_lines_all_rows_at_once(monkeypatch):
    """No Python call per row to split its text (issue 18): the rows' lines come from one
    pass over all the texts (:func:`discourse.io.common.lines_of`)."""
    def per_row(*args, **kwargs):
        raise AssertionError("a row's text split on its own")

    monkeypatch.setattr(discourse.io.table, "line_spans", per_row, raising=False)
    table = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": ["Un.\n\n  Deux. ", "Trois.", "四。\n五。"]})
    segments = read_table(table, lang="fr").segments
    assert segments["text"].tolist() == ["Un.", "Deux.", "Trois.", "四。", "五。"]
    assert segments[["start", "end", "line"]].values.tolist() == [[0, 3, 1], [7, 12, 1], [0, 6, 2], [0, 2, 3],
                                                                   [3, 5, 3]]


def test_one_language_table_of_20000_rows(no_cell_access):
    rng = random.Random(7)
    texts = [rng.choice(["脱贫攻坚。", "  La pauvreté recule.\n\nEn 2015 ", "一\r\n二\r三", "x"]) + str(k)
             for k in range(20_000)]
    docs = [f"d{k % 37}" for k in range(20_000)]  # each document's rows scattered through the table
    table = pd.DataFrame({"doc_id": docs, "text": texts, "year": [2000 + k % 5 for k in range(20_000)]})
    corpus = read_table(table, lang="fr")
    expected = _by_document(_rows(texts, docs, ["fr"] * len(texts)))
    assert_frame_equal(corpus.segments, expected.reset_index(drop=True))
    # a one-language document is numbered in order, nothing aligned
    seg = corpus.segments
    assert (seg["align_id"] == seg["seg_id"] + 1).all() and seg["align_score"].isna().all()
    assert corpus.documents["langs"].eq("fr").all()
    assert corpus.documents["year"].tolist() == [2000 + k % 5 for k in range(37)]


def test_two_language_table_aligned_as_before(no_cell_access):
    corpus = discourse.load_corpus()
    seg = corpus.segments
    versions = (seg[seg["role"] == "body"].groupby(["doc_id", "lang"], sort=False)["text"].agg("\n".join)
                .reset_index().sample(frac=1, random_state=3))  # versions of one document apart
    read = read_table(versions)
    expected = _by_document(_rows(versions["text"].tolist(), versions["doc_id"].tolist(),
                                  versions["lang"].tolist()))
    assert_frame_equal(read.segments, expected)
    assert read.segments["align_score"].notna().any()  # the non-pivot versions really were aligned


def test_align_each_document_is_align_document_per_document():
    rng = np.random.default_rng(18)
    n = 600
    segments = pd.DataFrame({
        "doc_id": rng.choice(["a", "b", "c", "d"], n),
        "lang": rng.choice(["zh", "fr", "und", "vi"], n, p=[0.4, 0.3, 0.1, 0.2]),
        "role": rng.choice(["body", "title", "meta"], n, p=[0.8, 0.1, 0.1]),
        "text": [f"{'段落' * int(k)} 20{k % 20}" for k in rng.integers(1, 30, n)],
    })
    segments.loc[segments["doc_id"] == "c", "lang"] = "vi"  # one document in one language (and und)
    segments.loc[(segments["doc_id"] == "c") & (np.arange(n) % 7 == 0), "lang"] = "und"
    segments.loc[segments["doc_id"] == "d", "lang"] = "und"  # one document of unknown language only
    for how in ("length", "order"):
        assert_frame_equal(align_each_document(segments, how=how), _by_document(segments, how=how))
    assert_frame_equal(align_each_document(segments.iloc[:0]), align_document(segments.iloc[:0]))


def test_one_language_text_file(tmp_path, no_cell_access):
    text = "Titre\r\n\r\n  Un paragraphe.  \n\x0c\nDeux\rTrois\u2028suite\n"
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8", newline="")
    segments = read_file(path, lang="fr").segments
    rows = [dict(doc_id="notes", lang="fr", role="body", text=text[s:e], path=str(path), start=s, end=e, line=k)
            for s, e, k in split_lines(text)]
    assert_frame_equal(segments, align_document(pd.DataFrame(rows)))
    assert segments["line"].tolist() == [1, 3, 5, 6]
