"""Reading files: the seeds' mixed layout, folders of versions, parallel files, tables,
encodings and bad input."""

from __future__ import annotations

import codecs
import re
import warnings

import pandas as pd
import pytest

import discourse
from discourse.errors import DiscourseWarning, InputError
from discourse.io import decode, read_mixed, read_parallel, read_table, read_versions, split_lines

from .conftest import SEEDS

VI_DOC, FR_DOC = "000_6faf780c4d1388a2", "003_90d6e10e09142168"


# ------------------------------------------------------------------ the seeds
def test_seeds_give_two_documents_with_their_languages(seeds):
    assert seeds.doc_ids == [VI_DOC, FR_DOC]
    langs = {doc: set(seeds.filter(doc_id=doc).langs) for doc in seeds.doc_ids}
    assert langs == {VI_DOC: {"vi", "zh"}, FR_DOC: {"fr", "zh"}}
    # the date line is kept as meta of the version it heads (no letters of a language of its own)
    date = seeds.segments.query("text == '14-01-2021 | China.org.cn'")
    assert date[["lang", "role"]].values.tolist() == [["vi", "meta"]]
    assert seeds.filter(lang="und").segments.empty


def test_seed_header_block_becomes_metadata(seeds):
    doc = seeds.documents.set_index("doc_id").loc[VI_DOC]
    assert doc["date"] == "2021-01-14"
    assert doc["source"] == "China.org.cn"
    assert doc["series"] == "Thoát nghèo chuẩn xác"
    assert doc["title"].startswith("Trung ương trù tính chung")
    roles = seeds.filter(doc_id=VI_DOC).segments[["lang", "role"]].values.tolist()
    assert roles == [["vi", "title"], ["vi", "meta"], ["vi", "meta"], ["vi", "meta"], ["vi", "body"], ["vi", "body"],
                     ["zh", "title"], ["zh", "body"], ["zh", "body"]]


def test_chinese_title_line_is_a_title_not_a_paragraph(seeds):
    fr_doc = seeds.filter(doc_id=FR_DOC).segments
    assert fr_doc[["lang", "role"]].values.tolist() == [["fr", "body"], ["fr", "body"], ["zh", "title"],
                                                         ["zh", "body"], ["zh", "body"]]
    assert fr_doc.loc[fr_doc["role"] == "title", "text"].tolist() == ["脱贫攻坚责任书"]


def test_body_paragraphs_align_pairwise(seeds):
    for doc, other in ((VI_DOC, "vi"), (FR_DOC, "fr")):
        body = seeds.filter(doc_id=doc, role="body").segments
        pairs = body.groupby("align_id")["lang"].apply(sorted).tolist()
        assert pairs == [sorted([other, "zh"])] * 2, doc
        assert (body.loc[body["lang"] == other, "align_score"] > 0.05).all()
    titles = seeds.filter(doc_id=VI_DOC, role="title").segments
    assert titles["align_id"].nunique() == 1 and set(titles["lang"]) == {"vi", "zh"}


def test_offsets_point_into_the_original_file(seeds):
    for path in SEEDS.iterdir():
        text = path.read_text(encoding="utf-8")
        segs = seeds.filter(doc_id=path.stem).segments
        assert all(text[s:e] == t for s, e, t in zip(segs["start"], segs["end"], segs["text"]))
        # nothing lost: what no segment covers is whitespace only
        covered = sorted(zip(segs["start"], segs["end"]))
        gaps, last = [], 0
        for s, e in covered:
            gaps.append(text[last:s])
            last = e
        gaps.append(text[last:])
        assert "".join(gaps).strip() == ""
        lines = text.splitlines()
        assert all(lines[n - 1].strip() == t for n, t in zip(segs["line"], segs["text"]))


def test_glued_vietnamese_words_are_repaired_and_listed(seeds):
    repairs = seeds.repairs()
    found = set(zip(repairs["original"], repairs["repaired"]))
    assert ("mụctiêu", "mục tiêu") in found
    assert any(o.startswith("đạođượcphân") or o == "đạođượcphân" for o, _ in found)
    assert any("QuốcvàQuốc" in o for o, _ in found)
    assert set(repairs["lang"]) == {"vi"}
    segs = seeds.segments.set_index(["doc_id", "seg_id"])
    for r in repairs.itertuples():
        assert segs.loc[(r.doc_id, r.seg_id), "text"][r.start:r.end] == r.original


# ------------------------------------------------------------------ other layouts
def test_folder_of_versions(tmp_path):
    (tmp_path / "speech.zh.txt").write_text("脱贫攻坚\n2015年，习近平强调。\n各级党委要确保如期脱贫。\n", encoding="utf-8")
    (tmp_path / "speech.fr.txt").write_text("La lutte\nEn 2015, Xi Jinping a insisté.\nLes comités doivent "
                                            "assurer l’élimination de la pauvreté.\n", encoding="utf-8")
    corpus = discourse.read(tmp_path)
    seg = corpus.segments
    assert corpus.doc_ids == ["speech"] and corpus.langs == ["fr", "zh"]
    assert seg.groupby("align_id")["lang"].apply(sorted).tolist() == [["fr", "zh"]] * 3
    assert seg.loc[seg["align_id"] == 1, "role"].tolist() == ["title", "title"]


FLOOD_ZH = "洪水灾害\n2020年夏天，长江流域发生了严重的洪涝灾害。\n各级政府组织群众转移，确保人民生命安全。\n"
FLOOD_FR = ("Les inondations\nÀ l’été 2020, de graves inondations ont frappé le bassin du Yangtsé.\n"
            "Les autorités ont organisé l’évacuation des habitants pour protéger leur vie.\n")


def _write(folder, **files):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_underscore_and_hyphen_language_suffixes_make_one_document(tmp_path):
    folder = _write(tmp_path / "flood", **{"flood_zh.txt": FLOOD_ZH, "flood_fr.txt": FLOOD_FR})
    _write(tmp_path / "mixed", **{"Flood-ZH.txt": FLOOD_ZH, "Flood.fr.txt": FLOOD_FR})
    given = [folder / "flood_fr.txt", folder / "flood_zh.txt"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing ambiguous here
        corpora = [discourse.read(folder), discourse.read(*given), discourse.read_versions(folder),
                   discourse.read(tmp_path / "mixed")]
    for corpus, name in zip(corpora, ["flood", "flood", "flood", "Flood"]):
        assert corpus.doc_ids == [name] and corpus.langs == ["fr", "zh"]
        seg = corpus.segments
        assert seg.groupby("align_id")["lang"].apply(sorted).tolist() == [["fr", "zh"]] * 3
        wide = corpus.alignment()
        assert (wide["text_fr"] != "").all() and (wide["text_zh"] != "").all()
        assert wide["text_zh"].iloc[1].startswith("2020年") and wide["text_fr"].iloc[1].startswith("À l’été 2020")


def test_only_a_final_known_code_is_a_language_suffix(tmp_path):
    folder = _write(tmp_path, **{"my_fr_notes.txt": FLOOD_FR, "flood_zh.txt": FLOOD_ZH, "flood_fr.txt": FLOOD_FR})
    corpus = discourse.read(folder)
    assert corpus.doc_ids == ["flood", "my_fr_notes"]
    assert corpus.filter(doc_id="my_fr_notes").langs == ["fr"]  # identified, not from the name


@pytest.mark.parametrize("files, warned, doc_ids", [
    # a lone version: the document is named without the code, as when its translation joins it
    ({"report_en.txt": "The report.\nIt is short.\n"}, r"report_en\.txt.*no other version.*'report'", ["report"]),
    # two files for one version: nothing is merged on a guess
    ({"flood_zh.txt": FLOOD_ZH, "flood.zh.txt": FLOOD_ZH, "flood_fr.txt": FLOOD_FR},
     r"flood\.zh\.txt, flood_zh\.txt are all the zh version of document 'flood'", ["flood.zh", "flood_fr", "flood_zh"]),
    # a file without a code that has the documents' name
    ({"flood.txt": FLOOD_ZH, "flood_zh.txt": FLOOD_ZH, "flood_fr.txt": FLOOD_FR},
     r"flood\.txt and the versions flood_fr\.txt, flood_zh\.txt would all be document 'flood'",
     ["flood", "flood_fr", "flood_zh"]),
    # a code the package does not read, beside versions of the same name
    ({"flood_zh.txt": FLOOD_ZH, "flood_fr.txt": FLOOD_FR, "flood_de.txt": FLOOD_FR},
     r"flood_de\.txt: 'de' is not a language the package reads", ["flood_de", "flood"]),
    # an ISO 639-2 code: not a suffix, but the warning says what to call the file
    ({"flood_zh.txt": FLOOD_ZH, "flood_fra.txt": FLOOD_FR}, r"flood_fra\.txt.*name it flood_fr\.txt",
     ["flood_fra", "flood"]),
    ({"flood_zh.txt": FLOOD_ZH, "flood_fr.txt": FLOOD_FR, "flood_fra.txt": FLOOD_FR},
     r"flood_fra\.txt.*name it flood_fr\.txt", ["flood", "flood_fra"]),
])
def test_ambiguous_file_names_warn_naming_the_files(tmp_path, files, warned, doc_ids):
    folder = _write(tmp_path, **files)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = discourse.read(folder)
    assert any(issubclass(w.category, DiscourseWarning) and re.search(warned, str(w.message)) for w in caught), (
        [str(w.message) for w in caught])
    assert corpus.doc_ids == doc_ids


def test_unreadable_version_is_skipped_and_the_others_kept(tmp_path):
    folder = _write(tmp_path, **{"flood_zh.txt": FLOOD_ZH, "flood_fr.txt": ""})
    with pytest.warns(DiscourseWarning, match=r"skipped .*flood_fr\.txt: is empty"):
        corpus = discourse.read(folder)
    assert corpus.doc_ids == ["flood"] and corpus.langs == ["zh"]
    with pytest.raises(InputError, match=r"flood_fr\.txt: is empty"):
        read_versions(folder)  # reading the versions themselves: an error, as before


def test_read_versions_names_the_files_it_leaves_out(tmp_path):
    notes = "Les notes du rapport sur les inondations.\n"
    folder = _write(tmp_path, **{"flood_zh.txt": FLOOD_ZH, "flood_fr.txt": FLOOD_FR, "notes.txt": notes})
    with pytest.warns(DiscourseWarning, match=r"notes\.txt have no language suffix"):
        assert read_versions(folder).doc_ids == ["flood"]
    assert discourse.read(folder).doc_ids == ["flood", "notes"]
    dotted = _write(tmp_path / "dotted", **{"speech.zh.txt": FLOOD_ZH, "speech.fr.txt": FLOOD_FR, "notes.txt": notes})
    assert discourse.read(dotted).doc_ids == ["notes", "speech"]  # versions do not hide the folder's other files
    with pytest.raises(InputError, match="NAME_LANG.txt"):
        read_versions(_write(tmp_path / "none", **{"notes.txt": notes}))


def test_line_aligned_parallel_files(tmp_path):
    zh = tmp_path / "a.zh.txt"
    en = tmp_path / "a.en.txt"
    zh.write_text("第一句。\n第二句很长很长很长很长很长很长很长很长。\n第三句。", encoding="utf-8")
    en.write_text("One.\nTwo.\nThree is here.", encoding="utf-8")
    corpus = read_parallel({"zh": zh, "en": en})
    seg = corpus.segments
    assert seg.groupby("align_id")["text"].apply(list).tolist() == [
        ["第一句。", "One."], ["第二句很长很长很长很长很长很长很长很长。", "Two."], ["第三句。", "Three is here."]]


@pytest.mark.parametrize("suffix,sep", [(".csv", ","), (".tsv", "\t")])
def test_table_files(tmp_path, suffix, sep):
    df = pd.DataFrame({"id": ["d1", "d1", "d2"], "language": ["zh", "fr", "fr"],
                       "body": ["脱贫。\n攻坚。", "Pauvreté.\nBataille.", "Texte seul."], "year": ["2020", "2020", "2021"]})
    path = tmp_path / f"t{suffix}"
    df.to_csv(path, sep=sep, index=False)
    corpus = discourse.read(path, text_col="body", id_col="id", lang_col="language")
    assert corpus.doc_ids == ["d1", "d2"]
    assert corpus.documents.set_index("doc_id").loc["d2", "year"] == "2021"
    seg = corpus.segments
    assert seg.loc[seg["doc_id"] == "d1"].groupby("align_id")["lang"].apply(sorted).tolist() == [["fr", "zh"]] * 2
    assert seg.loc[seg["text"] == "攻坚。", "start"].item() == 4  # offset into the cell's text


def test_jsonl_table_with_one_language(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text('{"title": "一九五四年", "content": "第一段。\\n第二段。", "year": 1954}\n'
                    '{"title": "二〇二五年", "content": "脱贫攻坚。", "year": 2025}\n', encoding="utf-8")
    corpus = discourse.read(path, text_col="content", id_col="title", lang="zh")
    assert corpus.doc_ids == ["一九五四年", "二〇二五年"]
    assert corpus.documents["year"].tolist() == [1954, 2025]
    assert len(corpus.segments) == 3


def test_dataframe_with_align_ids_is_kept():
    df = pd.DataFrame({"doc_id": ["x", "x", "x"], "lang": ["zh", "fr", "fr"], "align_id": [1, 1, 1],
                       "text": ["中央统筹。", "La planification", "d’ensemble."]})
    corpus = read_table(df)
    assert corpus.segments["align_id"].tolist() == [1, 1, 1]
    assert df["text"].tolist()[2] == "d’ensemble."  # input untouched


def test_udhr_reader_aligns_articles(shared):
    udhr = shared / "eval" / "udhr"
    corpus = discourse.read_udhr(*(udhr / f"udhr_{k}.xml" for k in ("cmn_hans", "fra", "vie", "eng")))
    assert corpus.langs == ["en", "fr", "vi", "zh"]
    body = corpus.filter(role="body").segments
    article_units = body[body["align_id"].notna()].groupby("align_id")["lang"].nunique()
    assert (article_units == 4).sum() >= 50


# ------------------------------------------------------------------ encodings and line ends
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030", "gbk"])
def test_encodings_are_detected(tmp_path, encoding):
    text = "脱贫攻坚战建立了分工明确、体系严谨的领导责任制，为各层级、各部门参与脱贫攻坚建立了基础性的工作机制。\n" * 3
    path = tmp_path / "zh.txt"
    path.write_bytes(text.encode(encoding))
    corpus = discourse.read(path)
    assert corpus.segments["text"].iloc[0] == text.splitlines()[0]
    assert corpus.documents["encoding"].iloc[0] in {encoding, "utf-16", "utf-32", "gb18030", "gbk", "utf-8-sig"}


def test_explicit_encoding_and_its_errors(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes("La pauvreté est éliminée, selon l’État.".encode("cp1252"))
    assert discourse.read(path, encoding="cp1252").segments["text"].iloc[0].startswith("La pauvreté")
    with pytest.raises(InputError, match=r"f\.txt.*byte offset 10"):
        discourse.read(path, encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        discourse.read(path, encoding="no-such-codec")


def test_crlf_and_cr_line_ends():
    assert split_lines("a\r\nb\rc\n\r\nd") == [(0, 1, 1), (3, 4, 2), (5, 6, 3), (9, 10, 5)]


def test_decode_bom():
    assert decode(codecs.BOM_UTF16_LE + "中文".encode("utf-16-le")) == ("中文", "utf-16")


# ------------------------------------------------------------------ bad input
def test_binary_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="image.txt.*binary"):
        discourse.read(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt.*empty"):
        discourse.read(path)


def test_bad_file_in_a_folder_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "good.txt").write_text("Le mécanisme d’évaluation ne cesse de s’améliorer.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.warns(DiscourseWarning, match="empty.txt"):
        corpus = discourse.read(tmp_path)
    assert corpus.doc_ids == ["good"]


def test_unknown_language_paragraph_is_kept_with_a_warning(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("Le mécanisme d’évaluation de l’assistance ciblée ne cesse de s’améliorer.\n"
                    "Это абзац на русском языке, который мы не умеем разбирать.\n", encoding="utf-8")
    with pytest.warns(DiscourseWarning, match="unknown language"):
        corpus = read_mixed(path)
    seg = corpus.segments
    assert seg["lang"].tolist() == ["fr", "und"]
    assert len(corpus.tokens().to_frame().query("lang == 'und'")) > 5


UDHR_EN = ("All human beings are born free and equal in dignity and rights. They are endowed with reason and "
           "conscience and should act towards one another in a spirit of brotherhood.")
UDHR_FR = ("Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et "
           "de conscience et doivent agir les uns envers les autres dans un esprit de fraternité.")
UDHR_ZH = "人人生而自由,在尊严和权利上一律平等。他们赋有理性和良心,并应以兄弟关系的精神相对待。"


def test_short_titles_take_the_language_of_their_version(tmp_path):
    path = tmp_path / "udhr.txt"
    path.write_text("\n".join(["Article 1", UDHR_EN, "Article 2", UDHR_EN,
                               "Article premier", UDHR_FR, "Article 2", UDHR_FR,
                               "第一条", UDHR_ZH]), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no paragraph of unknown language to warn about
        corpus = read_mixed(path)
    seg = corpus.segments
    assert seg["lang"].tolist() == ["en"] * 4 + ["fr"] * 4 + ["zh"] * 2
    assert seg.loc[seg["role"] == "title", "text"].tolist() == ["Article 1", "Article premier", "第一条"]
    titles = seg[seg["role"] == "title"]
    assert titles["align_id"].nunique() == 1  # the three titles translate each other


def test_one_language_file_without_lang_keeps_every_line_in_its_language(tmp_path):
    path = tmp_path / "mail.txt"
    path.write_text("Hello Louise,\nNatural disasters make logistics even more complicated.\n2021\n"
                    "The shipment will arrive on Monday and the driver will call before he comes.\nThanks\nVince\n",
                    encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = discourse.read(path)
    assert corpus.segments["lang"].tolist() == ["en"] * 6
    assert corpus.langs == ["en"]


def test_header_lines_carry_the_language_of_the_version_they_head(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text("脱贫攻坚责任书\n14-01-2021 | China.org.cn\n" + UDHR_ZH + "\n", encoding="utf-8")
    seg = read_mixed(path).segments
    assert seg[["lang", "role"]].values.tolist() == [["zh", "title"], ["zh", "meta"], ["zh", "body"]]


def test_a_line_without_letters_takes_its_version_only_inside_it(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(f"{UDHR_FR}\n2021\n{UDHR_FR}\n2021\n{UDHR_ZH}\n", encoding="utf-8")
    with pytest.warns(DiscourseWarning, match=r"unknown language kept as 'und' \(line 4\)"):
        seg = read_mixed(path).segments
    assert seg["lang"].tolist() == ["fr", "fr", "fr", "und", "zh"]  # between two versions: not guessed


def test_table_errors_name_file_and_line(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"doc_id": "a", "lang": "zh", "text": "脱贫"}\n{"doc_id": "b", "lang": "zh", text}\n',
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.jsonl, line 2: is not valid JSON"):
        discourse.read(path)
    path.write_text('{"doc_id": "a", "lang": "klingon", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: language 'klingon'"):
        discourse.read(path)
    csv = tmp_path / "t.csv"
    csv.write_text("id,words\n1,bonjour\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'text'.*--text-col"):
        discourse.read(csv)


def test_missing_path():
    with pytest.raises(InputError, match="does not exist"):
        discourse.read("no/such/file.txt")


def test_folder_without_text(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\x00\x01")
    with pytest.raises(InputError, match="no readable text files"), \
            pytest.warns(DiscourseWarning, match="skipped x.bin"):
        discourse.read(tmp_path)


def test_reading_issues_no_warning_on_clean_input():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        discourse.read(SEEDS)


def test_doctests():
    import doctest
    import importlib

    import discourse.io

    attempted = failed = 0
    for name in ("bundled", "common", "decoding", "files", "names", "table", "text", "udhr"):
        result = doctest.testmod(importlib.import_module(f"discourse.io.{name}"), optionflags=doctest.NORMALIZE_WHITESPACE)
        attempted, failed = attempted + result.attempted, failed + result.failed
    result = doctest.testmod(discourse.io, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted + result.attempted > 10 and failed + result.failed == 0
