"""The corpus at sentence level (issue 20, items 3 and 6): sentence units, the sentence-level
corpus, ``unit=`` on the aligned-unit analyses, ``read_parallel``'s line counts, and the
alignment quality of the whole pipeline (split + align) on NTREX news."""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import discourse
from discourse import sentence_units
from discourse.cli import main
from discourse.errors import DiscourseWarning, InputError
from discourse.sentences import sentences as split_sentences

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "eval" / "parallel" / "ntrex_dev"
DOC3 = "003_90d6e10e09142168"


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


@pytest.fixture(scope="module")
def table(corpus):
    return corpus.sentences()


# ---------------------------------------------------------------- the units
def test_every_sentence_is_in_exactly_one_unit(corpus, table):
    split = split_sentences(corpus)
    assert len(table) == len(split) and not table.duplicated(["doc_id", "lang", "sent_id"]).any()
    assert table["align_id"].notna().all()
    assert table[["doc_id", "lang", "sent_id", "text"]].equals(split[["doc_id", "lang", "sent_id", "text"]])
    for doc, group in table.groupby("doc_id"):  # numbered 1 … n, no gap
        assert sorted(group["align_id"].unique()) == list(range(1, group["align_id"].nunique() + 1))
    assert table["paragraph_align_id"].equals(split["align_id"].rename("paragraph_align_id"))


def test_a_two_to_one_bead_is_one_unit(table):
    doc = table[(table["doc_id"] == DOC3) & (table["role"] == "body")]
    kinds = doc.groupby("align_id")["lang"].agg(lambda s: f"{(s == 'zh').sum()}-{(s == 'fr').sum()}")
    assert "1-2" in set(kinds)  # 中共十八大以来 … ↔ « Depuis le XVIIIe Congrès » + « Les responsables … »
    unit = doc[doc["text"].str.startswith("Depuis le XVIIIe")]["align_id"].iloc[0]
    members = doc[doc["align_id"] == unit]
    assert members["text"].str.startswith("Les responsables principaux").any()
    assert members.loc[members["lang"] == "zh", "text"].str.startswith("中共十八大以来").all()


def test_title_aligns_with_titles_and_meta_lines_are_units_of_their_own(table):
    doc = table[table["doc_id"].str.startswith("000")]
    titles = doc[doc["role"] == "title"]
    assert titles["align_id"].nunique() == 1 and set(titles["lang"]) == {"vi", "zh"}
    meta = doc[doc["role"] == "meta"]
    assert meta["align_id"].is_unique and not meta["align_id"].isin(doc.loc[doc["role"] != "meta", "align_id"]).any()
    assert meta["align_score"].isna().all()


def test_units_follow_reading_order(table):
    zh = table[(table["lang"] == "zh")].sort_values(["doc_id", "sent_id"])
    for _, group in zh.groupby("doc_id"):
        ids = group.loc[group["role"] != "meta", "align_id"].to_numpy()
        assert (np.diff(ids) >= 0).all()


def test_scores_and_flags_come_from_the_beads(table):
    aligned = table[table["role"] == "body"]
    assert aligned["align_score"].between(0, 1).all()
    assert table["low_confidence"].dtype == bool


def test_computed_once_per_corpus(monkeypatch):
    calls = []
    real = sentence_units.align_corpus
    monkeypatch.setattr(sentence_units, "align_corpus", lambda c: calls.append(1) or real(c))
    corpus = discourse.load_corpus()
    first = corpus.sentences()
    corpus.sentences()
    corpus.alignment(unit="sentence")
    assert corpus.to_sentences() is corpus.to_sentences()
    zh = corpus.filter(lang="zh").sentences()  # a selection keeps the alignment, computed once
    assert calls == [1]
    expected = first[first["lang"] == "zh"].reset_index(drop=True)
    assert zh["align_id"].tolist() == expected["align_id"].tolist()
    assert zh["text"].tolist() == expected["text"].tolist()
    assert zh.groupby("doc_id")["sent_id"].min().eq(1).all()  # renumbered within the selection
    # a selection sent to a worker process does not carry the corpus it was selected from
    assert "Tập Cận Bình".encode() not in pickle.dumps(corpus.filter(lang="zh"))


# ---------------------------------------------------------------- the sentence-level corpus
def test_to_sentences_offsets_point_into_the_file(corpus, table):
    level = corpus.to_sentences()
    seg = level.segments
    assert len(seg) == len(table)
    texts = {}
    for row in seg.itertuples(index=False):
        text = texts.setdefault(row.path, (ROOT / row.path).read_text(encoding="utf-8"))
        assert text[row.start:row.end] == row.text
    assert seg["seg_id"].tolist() == table["sent_id"].tolist()
    assert seg["paragraph"].tolist() == table["seg_id"].tolist()
    assert seg["align_id"].tolist() == table["align_id"].tolist()
    assert np.allclose(seg["align_score"].fillna(-1), table["align_score"].fillna(-1))
    assert level.sentences()["align_id"].tolist() == table["align_id"].tolist()  # its sentences are its segments


def test_counts_do_not_depend_on_the_unit(corpus):
    level = corpus.to_sentences()
    pd.testing.assert_frame_equal(discourse.frequencies(corpus), discourse.frequencies(level))
    assert len(level.tokens().to_frame()) == len(corpus.tokens().to_frame())
    for query in ("攻坚", "responsabilité*", "trách nhiệm"):
        assert len(discourse.kwic(level, query)) == len(discourse.kwic(corpus, query)) > 0
    para, sent = discourse.frame_profile(corpus), discourse.frame_profile(corpus, unit="sentence")
    assert para[["doc_id", "lang", "frame", "hits", "tokens"]].equals(sent[["doc_id", "lang", "frame", "hits", "tokens"]])
    assert (sent["units"] >= para["units"]).all() and (sent["units"] > para["units"]).any()
    summary = level.summary()
    assert summary["tokens"].sum() == corpus.summary()["tokens"].sum()
    keys = ["lang", "term"]
    assert discourse.keywords(level, target={"doc_id": DOC3, "lang": "zh"})[keys].equals(
        discourse.keywords(corpus, target={"doc_id": DOC3, "lang": "zh"})[keys])


def test_alignment_side_by_side_at_sentence_level(corpus):
    wide = corpus.alignment(unit="sentence")
    para = corpus.alignment()
    assert len(wide) > len(para) and {"text_zh", "text_fr", "text_vi"} <= set(wide.columns)
    row = wide[(wide["doc_id"] == DOC3) & wide["text_fr"].str.startswith("Depuis le XVIIIe")].iloc[0]
    assert row["text_zh"].startswith("中共十八大以来") and "Les responsables principaux" in row["text_fr"]
    assert corpus.alignment().equals(corpus.alignment(unit="paragraph"))
    with pytest.raises(InputError, match="unit"):
        corpus.alignment(unit="word")


# ---------------------------------------------------------------- unit= on the analyses
def test_paragraph_stays_the_default(corpus):
    assert discourse.translation_shifts(corpus).equals(discourse.translation_shifts(corpus, unit="paragraph"))
    assert discourse.frame_profile(corpus).equals(discourse.frame_profile(corpus, unit="paragraph"))
    eq = discourse.equivalents(corpus, "责任", target="fr")
    assert eq.equals(discourse.equivalents(corpus, "责任", target="fr", unit="paragraph"))
    assert discourse.kwic(corpus, "军令状", parallel=True).to_frame().equals(
        discourse.kwic(corpus, "军令状", parallel="paragraph").to_frame())


def test_sentence_units_show_the_shift_a_paragraph_hides(corpus):
    para = discourse.translation_shifts(corpus)
    sent = discourse.translation_shifts(corpus, unit="sentence")
    p3 = para[(para["doc_id"] == DOC3) & (para["align_id"] == 3)]
    assert p3.set_index("frame").loc["battle", "status"] == "kept"  # 攻坚 … lutte, bataille somewhere in the paragraph
    level = corpus.sentences()
    in_p3 = level[(level["doc_id"] == DOC3) & (level["paragraph_align_id"] == 3)]["align_id"].unique()
    s3 = sent[(sent["doc_id"] == DOC3) & sent["align_id"].isin(in_p3)]
    assert s3["align_id"].nunique() >= 4
    battle = s3[s3["frame"] == "battle"].set_index("align_id")["status"]
    assert set(battle) == {"kept", "dropped"}  # 合力攻坚 is not rendered as a battle in its sentence
    dropped = battle[battle == "dropped"].index[0]
    assert level[(level["doc_id"] == DOC3) & (level["align_id"] == dropped) & (level["lang"] == "zh")]["text"].str.contains("合力攻坚").all()


def test_equivalents_at_sentence_level_count_sentence_units(corpus):
    para = discourse.equivalents(corpus, "责任", target="fr", top=None)
    sent = discourse.equivalents(corpus, "责任", target="fr", top=None, unit="sentence")
    assert sent["units"].max() > para["units"].max()
    with pytest.raises(InputError, match="unit"):
        discourse.equivalents(corpus, "责任", target="fr", unit="sentences")


def test_parallel_concordance_at_sentence_level(corpus):
    para = discourse.kwic(corpus, "军令状", parallel=True).to_frame()
    sent = discourse.kwic(corpus, "军令状", parallel="sentence").to_frame()
    assert len(para) == len(sent) == 1
    assert sent["text_fr"].iloc[0].startswith("Depuis le XVIIIe Congrès")
    assert len(sent["text_fr"].iloc[0]) < len(para["text_fr"].iloc[0])
    assert "Il a insisté" not in sent["text_fr"].iloc[0]
    with pytest.raises(InputError, match="parallel"):
        discourse.kwic(corpus, "军令状", parallel="word")


def test_cli_unit_flags(capsys):
    assert main(["segments", "--unit", "sentence", "--format", "csv"]) == 0
    out = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert len(out) == len(discourse.load_corpus().sentences()) and "paragraph" in out.columns
    assert main(["shifts", "--unit", "sentence", "--format", "csv"]) == 0
    shifts = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert len(shifts) > len(discourse.translation_shifts(discourse.load_corpus()))
    assert main(["frames", "--unit", "sentence", "--format", "csv"]) == 0
    capsys.readouterr()
    assert main(["kwic", "军令状", "--parallel-unit", "sentence", "--format", "csv"]) == 0
    hit = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert hit["text_fr"].iloc[0].startswith("Depuis le XVIIIe") and "Il a insisté" not in hit["text_fr"].iloc[0]


# ---------------------------------------------------------------- read_parallel
ZH = "脱贫攻坚责任书\n建立精准扶贫工作机制是系统工程。\n2015年6月18日,习近平在贵州召开座谈会。\n要实现2020年如期脱贫,重要推手就是创新考核机制。\n"
FR = ("La mise en place d’un mécanisme de travail est un projet systématique.\n"
      "Le 18 juin 2015, Xi Jinping a convoqué à Guizhou un colloque.\n"
      "Pour réaliser cet objectif en 2020, la clé réside dans l’innovation du mécanisme d’évaluation.\n")


def _files(tmp_path, zh=ZH, fr=FR):
    (tmp_path / "s.zh.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "s.fr.txt").write_text(fr, encoding="utf-8")
    return {"zh": tmp_path / "s.zh.txt", "fr": tmp_path / "s.fr.txt"}


def test_read_parallel_warns_and_aligns_by_length_when_line_counts_differ(tmp_path):
    with pytest.warns(DiscourseWarning, match="zh 4, fr 3"):
        corpus = discourse.read_parallel(_files(tmp_path))
    wide = corpus.alignment()
    # the title only zh has does not shift the paragraphs after it
    pairs = dict(zip(wide["text_fr"], wide["text_zh"]))
    assert pairs[FR.splitlines()[0]] == ZH.splitlines()[1]
    assert pairs[FR.splitlines()[1]].startswith("2015年6月18日")
    assert pairs[FR.splitlines()[2]].startswith("要实现2020年")
    assert wide.loc[wide["text_zh"] == "脱贫攻坚责任书", "text_fr"].tolist() == [""]
    # by position, with no warning, when asked or when the counts agree
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        by_order = discourse.read_parallel(_files(tmp_path), align="order").alignment()
        assert by_order.loc[0, "text_fr"] == FR.splitlines()[0] and by_order.loc[0, "text_zh"] == "脱贫攻坚责任书"
        same = discourse.read_parallel(_files(tmp_path, zh="".join(ZH.splitlines(True)[1:])))
    assert same.alignment()["text_fr"].tolist() == FR.splitlines()
    with pytest.raises(InputError, match="align"):
        discourse.read_parallel(_files(tmp_path), align="position")


# ---------------------------------------------------------------- quality of the pipeline on NTREX
def _ntrex_corpus(target: str, per: int = 3):
    docs = pd.read_csv(NTREX / "documents.tsv", sep="\t")["document"].tolist()
    lines = {lang: (NTREX / f"{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in ("zh", target)}
    rows, spans = [], {}
    for lang in ("zh", target):
        sep = "" if lang == "zh" else " "
        by_doc: dict = {}
        for k, doc in enumerate(docs):
            by_doc.setdefault(doc, []).append(k)
        for doc, ks in by_doc.items():  # the headline is the title; the body in paragraphs of `per` lines
            for n, chunk in enumerate([ks[:1]] + [ks[p:p + per] for p in range(1, len(ks), per)]):
                texts, bounds, pos = [lines[lang][k].strip() for k in chunk], [], 0
                for k, t in zip(chunk, texts):
                    bounds.append((pos, pos + len(t), k))
                    pos += len(t) + len(sep)
                rows.append(dict(doc_id=doc, lang=lang, text=sep.join(texts), align_id=n + 1,
                                 role="title" if n == 0 else "body"))
                spans[(doc, lang, n)] = bounds
    seg = pd.DataFrame(rows)
    seg["seg_id"] = seg.groupby(["doc_id", "lang"]).cumcount()
    seg["seg_id"] = seg["seg_id"] + np.where(seg["lang"] == "zh", 0, 10_000)
    return discourse.Corpus(seg), spans, len(docs)


@pytest.mark.parametrize("target", ["fr", "vi", "en"])
def test_link_f1_of_split_and_align_on_ntrex(target):
    if not NTREX.exists():
        pytest.skip("../shared/eval/parallel/ntrex_dev is not here")
    corpus, spans, n_lines = _ntrex_corpus(target)
    table = corpus.sentences()
    para = table["seg_id"] % 10_000
    lines = [tuple(k for a, b, k in spans[(d, lang, p)] if a < e and s < b)
             for d, lang, p, s, e in zip(table["doc_id"], table["lang"], para, table["start"], table["end"])]
    table = table.assign(lines=lines)
    predicted = set()
    for _, unit in table.groupby(["doc_id", "align_id"]):
        src = {k for t in unit.loc[unit["lang"] == "zh", "lines"] for k in t}
        tgt = {k for t in unit.loc[unit["lang"] == target, "lines"] for k in t}
        predicted |= {(i, j) for i in src for j in tgt}
    gold = {(k, k) for k in range(n_lines)}
    tp = len(predicted & gold)
    precision, recall = tp / len(predicted), tp / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    # measured: zh–fr 0.968, zh–vi 0.962, zh–en 0.971 (precision 0.93–0.95: a sentence the
    # splitter runs over two lines, or a 2-1 bead across lines, links all their lines)
    print(f"\nzh–{target}: whole-pipeline link F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})")
    assert f1 >= 0.95, f"zh–{target}: link F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"
