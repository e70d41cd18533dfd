"""data/cfdict (CFDICT zh → fr glosses) and its use as zh–fr sentence-alignment anchors."""

from __future__ import annotations

import re
from collections import Counter

from discourse._data import data_path
from discourse._dictionaries import add_cfdict, cfdict_table
from discourse.sentence_align import align_sentences


def test_the_table_names_its_source_version_and_licence():
    header = data_path("cfdict", "zh_fr.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# CFDICT version 10/09/2014") and "CC BY-SA 3.0" in header
    readme = data_path("cfdict", "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 3.0" in readme and "Chine-Informations.com" in readme and "aure231/cfdict-fr" in readme


def test_known_entries_and_only_han_headwords():
    table = cfdict_table()
    assert table["法官"] == ("juge",)
    assert table["贫困"] == ("pauvre", "misérable")
    assert "enquête" in table["调查"] and "sénateur" in table["参议员"]
    assert "chine" in table["中国"]
    assert all(re.fullmatch(r"[\u3400-\u9fff]{1,4}", word) for word in table)
    assert all(1 <= len(glosses) <= 6 for glosses in table.values())
    stop = {"de", "le", "la", "un", "une", "et", "pour"}
    assert not any(stop & set(glosses) for glosses in table.values())
    assert 50_000 < len(table) < 60_439


def test_french_words_meet_the_glosses_by_lemma():
    zh, fr = [Counter()], [Counter()]
    add_cfdict(zh, [{"参议员", "调查", "贫困"}], lang="zh")
    add_cfdict(fr, [{"sénateurs", "enquêtes", "pauvres"}], lang="fr")
    assert {"c:sénateur", "c:enquête", "c:pauvre"} <= zh[0].keys() & fr[0].keys()
    fr_norm = [Counter()]
    add_cfdict(fr_norm, [{"sénateurs"}], lang="fr", form="norm")
    assert set(fr_norm[0]) == {"c:sénateurs"}


def test_the_dictionary_makes_zh_fr_links_confident():
    zh = ["法官在周一驳回了这项动议，理由是缺乏法律依据。", "参议员们要求对这起事件进行新的独立调查。",
          "医院的医生说病人的情况已经稳定。", "警察逮捕了两名涉嫌抢劫银行的男子。"]
    fr = ["Le juge a rejeté la motion lundi, faute de fondement juridique.",
          "Les sénateurs ont exigé une nouvelle enquête indépendante sur l'incident.",
          "Les médecins de l'hôpital ont dit que l'état du patient était stable.",
          "La police a arrêté deux hommes soupçonnés d'avoir braqué une banque."]
    with_it = align_sentences(zh, fr, source_lang="zh", target_lang="fr", learn=False)
    without = align_sentences(zh, fr, source_lang="zh", target_lang="fr", learn=False, dictionary=False)
    expected = [((k,), (k,)) for k in range(4)]
    assert list(zip(with_it["source_ids"], with_it["target_ids"])) == expected
    assert list(zip(without["source_ids"], without["target_ids"])) == expected
    assert with_it["score"].min() > 0.99 > without["score"].max()
