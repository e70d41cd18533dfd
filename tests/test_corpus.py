"""The Corpus: filtering, summaries, HTML view, saving and the bundled corpus."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import discourse
from discourse.corpus import Corpus
from discourse.errors import InputError
from discourse.io import load_corpus

from .conftest import ROOT


def test_bundled_corpus_is_the_seeds_rebuilt(seeds):
    bundled = load_corpus()
    assert bundled.name == "poverty_alleviation"
    cols = ["doc_id", "lang", "seg_id", "align_id", "role", "text", "start", "end", "line"]
    pd.testing.assert_frame_equal(bundled.segments[cols], seeds.segments[cols])
    assert bundled.documents.set_index("doc_id")["date"].dropna().to_dict() == {"000_6faf780c4d1388a2": "2021-01-14"}


def test_filter_returns_a_new_corpus_and_leaves_the_original(seeds):
    before = seeds.segments.copy()
    zh = seeds.filter(lang="zh")
    assert zh.langs == ["zh"] and len(zh) == 6
    assert seeds.filter(lang="zh", role="body", doc_id="003_90d6e10e09142168").segments.shape[0] == 2
    assert seeds.filter(date="2021-01-14").doc_ids == ["000_6faf780c4d1388a2"]
    pd.testing.assert_frame_equal(seeds.segments, before)
    with pytest.raises(InputError, match="no metadata column 'year'"):
        seeds.filter(year=2020)


def test_segments_property_is_a_copy(seeds):
    seg = seeds.segments
    seg.loc[0, "text"] = "changed"
    assert seeds.segments.loc[0, "text"] != "changed"


def test_summary_counts(seeds):
    summary = seeds.summary()
    assert list(summary.columns) == ["doc_id", "lang", "title", "segments", "title_segments", "body", "meta",
                                     "tokens", "words", "characters"]
    row = summary.set_index(["doc_id", "lang"]).loc[("003_90d6e10e09142168", "zh")]
    assert row["title"] == "脱贫攻坚责任书" and row["body"] == 2 and row["title_segments"] == 1
    tokens = seeds.tokens().to_frame()
    assert summary["tokens"].sum() == len(tokens)
    assert summary["words"].sum() == int((~tokens["is_punct"]).sum())


def test_summary_counts_segments_of_unknown_language(tmp_path, capsys):
    path = tmp_path / "mixed.txt"
    path.write_text("Это абзац на русском языке, который мы не умеем разбирать.\n"
                    "Le mécanisme d’évaluation de l’assistance ciblée ne cesse de s’améliorer.\n"
                    "Les responsables principaux ont signé un acte d’engagement contre la pauvreté.\n",
                    encoding="utf-8")
    with pytest.warns(discourse.DiscourseWarning, match="unknown language"):
        corpus = discourse.read(path)
    summary = corpus.summary()
    assert summary[["lang", "segments", "body"]].values.tolist() == [["fr", 2, 2], ["und", 1, 1]]  # und last
    page = corpus._repr_html_()
    assert "1 segment of unknown language (&#x27;und&#x27;), 1 of them body text, in 1 document" in page
    assert "no segment of unknown language" in load_corpus()._repr_html_()
    from discourse.cli import main

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", discourse.DiscourseWarning)
        assert main(["info", str(path), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert "und" in out and "1 segment of unknown language ('und'), 1 of them body text" in err
    assert main(["info", "--format", "csv"]) == 0
    assert "unknown language" not in capsys.readouterr().err  # the bundled corpus has none


def test_html_summary_escapes_text():
    df = pd.DataFrame({"doc_id": ["<b>x</b>"], "lang": ["en"], "role": ["title"],
                       "text": ["<script>alert('x')</script> Poverty"]})
    html = Corpus(df)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<table" in html


def test_alignment_table(seeds):
    wide = seeds.filter(doc_id="003_90d6e10e09142168").alignment()
    assert list(wide.columns) == ["doc_id", "align_id", "text_fr", "text_zh"]
    assert wide["text_zh"].iloc[0] == "脱贫攻坚责任书" and wide["text_fr"].iloc[0] == ""  # no French title
    assert wide["text_fr"].iloc[1].startswith("La mise en place")


def test_save_and_load_round_trip(seeds, tmp_path):
    path = seeds.save(tmp_path / "c.jsonl")
    back = Corpus.load(path)
    pd.testing.assert_frame_equal(back.segments, seeds.segments, check_dtype=False)
    assert back.documents.fillna("").to_dict("records") == seeds.documents.fillna("").to_dict("records")
    with pytest.raises(InputError, match="exists already"):
        seeds.save(path)
    seeds.save(path, force=True)
    assert discourse.read(path).doc_ids == seeds.doc_ids  # read() recognises a saved corpus


def test_saved_bundled_corpus_is_plain_utf8_jsonl():
    path = ROOT / "data" / "corpora" / "poverty_alleviation.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert '"format": "discourse-corpus"' in lines[0]
    assert any("脱贫攻坚责任书" in line for line in lines)  # not \u-escaped


def test_load_corpus_errors():
    with pytest.raises(InputError, match="not the name of a bundled corpus"):
        load_corpus("no_such_corpus")


def test_corpus_needs_columns():
    with pytest.raises(InputError, match="missing: lang"):
        Corpus(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))


def test_filter_reuses_the_tokens_of_the_parent(seeds):
    toks = seeds.tokens()
    zh = seeds.filter(lang="zh", role="body")
    assert zh._tokens is not None  # sliced from the parent, not tokenized again
    fresh = discourse.read(ROOT / "data" / "raw" / "seeds").filter(lang="zh", role="body").tokens()
    assert zh.tokens().to_frame().equals(fresh.to_frame())
    assert len(zh.tokens()) < len(toks)


def test_metadata_filter_compares_numbers_as_numbers():
    corpus = load_corpus("gov_work_reports")
    assert str(corpus.documents["year"].dtype) == "Int64"
    assert corpus.filter(year=2019).doc_ids == corpus.filter(year="2019").doc_ids
    assert len(corpus.filter(year=2019).doc_ids) == 1


def test_bundled_names_in_lists():
    both = load_corpus(["poverty_alleviation", "gov_work_reports"])
    assert len(both.doc_ids) == 2 + len(load_corpus("gov_work_reports").doc_ids)


# ----------------------------------------------------------------------------- one selection mechanism (issue 14)
def _reports():
    frame = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": ["甲。", "乙。", "丙。", "丁。"],
                          "year": ["2014", "2016", "2019", "n.d."],  # text, as a table read without types
                          "kind": ["report", "resolution", "report, draft", "report"]})
    return discourse.read_table(frame, lang="zh")


def test_mask_takes_the_value_forms_of_a_selection():
    corpus = _reports()
    assert corpus.mask(doc_id=["a", "c"]).tolist() == [True, False, True, False]  # a list
    assert corpus.mask(doc_id="a,c").tolist() == [True, False, True, False]  # "a,b"
    assert corpus.mask(year="2015-2020").tolist() == [False, True, True, False]  # a range over text
    assert corpus.mask(year="2015..2020").tolist() == [False, True, True, False]
    assert corpus.mask(year=2016).tolist() == [False, True, False, False]  # a number stored as text
    assert corpus.mask(year="n.d.").tolist() == [False, False, False, True]  # text stays text
    assert corpus.mask(kind="report, draft").tolist() == [False, False, True, False]  # a text with a comma
    assert corpus.mask(kind="resolution,report").tolist() == [True, True, False, True]
    assert corpus.filter(year="2015-2020").doc_ids == ["b", "c"]
    gov = load_corpus("gov_work_reports")  # years stored as numbers
    assert gov.mask(year="2015-2016").sum() == gov.mask(year=[2015, 2016]).sum() > 0


def test_mask_strict_makes_an_empty_condition_an_error():
    corpus = _reports()
    assert not corpus.mask(year="2030-2040").any()  # not strict: nothing selected
    with pytest.raises(InputError, match="no text has year='2030-2040'; values of year include 2014, 2016"):
        corpus.mask(year="2030-2040", strict=True)
    with pytest.raises(InputError, match="holds numbers; 'last' is not a number"):
        load_corpus("gov_work_reports").mask(year="last")
    with pytest.raises(InputError, match="no metadata column 'nope'"):
        corpus.mask(nope=1)


def test_select_checks_the_mask_and_carries_the_tokens_or_none(seeds):
    with pytest.raises(InputError, match="one value per segment"):
        seeds.select([True, False])
    toks = seeds.tokens()
    keep = seeds.column("lang") == "fr"
    fr = seeds.select(keep)
    assert fr.langs == ["fr"] and fr.tokens() is not toks and len(fr.tokens()) < len(toks)
    assert fr.tokens().to_frame().equals(toks.to_frame()[toks.to_frame()["lang"] == "fr"].reset_index(drop=True))
    bare = seeds.select(keep, tokens=False)  # for a worker to tokenize
    assert bare.langs == ["fr"] and bare._tokens is None


def test_column_is_read_only(seeds):
    langs = seeds.column("lang")
    with pytest.raises(ValueError):
        langs[0] = "xx"
    assert seeds.segments["lang"].iloc[0] != "xx"


def test_segment_frame_takes_segment_and_document_columns(seeds):
    frame = seeds.segment_frame(["lang", "date"])
    assert list(frame.columns) == ["lang", "date"] and len(frame) == len(seeds)
    assert set(frame.loc[frame["lang"] == "fr", "date"].isna()) == {True}
    with pytest.raises(InputError, match="no column 'nope' to group or select by"):
        seeds.segment_frame(["nope"])


def test_mask_matches_a_text_column_on_its_distinct_values(monkeypatch):
    import numpy as np

    roles = ["title", "body", "meta", "body"] * 150
    seg = pd.DataFrame({"doc_id": "a", "lang": "fr", "seg_id": range(600), "role": roles, "text": "x"})
    corpus = Corpus(seg)
    sizes, isin = [], np.isin
    monkeypatch.setattr(np, "isin", lambda a, b, **k: sizes.append(len(a)) or isin(a, b, **k))
    got = corpus.mask(role=["title", "body"])
    assert got.tolist() == [r != "meta" for r in roles]
    assert max(sizes) == 3  # the three roles, not the 600 rows
    monkeypatch.setattr(np, "isin", isin)
    assert corpus.mask(role="title,meta").tolist() == [r in ("title", "meta") for r in roles]
    from discourse._selection import matches

    kinds = pd.Series(["a", None, float("nan"), 1, 1.0, True], dtype=object)  # taken row by row, as written
    assert matches(kinds, "kind", ["1.0", "True"]).tolist() == [False, False, False, False, True, True]
    assert matches(kinds, "kind", "1").tolist() == [False, False, False, True, False, False]
    assert matches(kinds, "kind", "a").tolist() == [True, False, False, False, False, False]
