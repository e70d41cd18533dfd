"""Dictionary evidence for renderings (discourse.frames.context): neighbours that translate, dictionary renderings."""

from __future__ import annotations

import pandas as pd

import discourse
from discourse.corpus import Corpus
from discourse.frames import renderings
from discourse.frames.context import agreement, dictionary_span, source_neighbours, target_keys, target_neighbours


def _parallel(pairs, target="fr"):
    """One aligned paragraph per document, zh and `target`."""
    segs, docs = [], []
    for k, (zh, tg) in enumerate(pairs):
        for i, (lang, t) in enumerate((("zh", zh), (target, tg))):
            segs.append(dict(doc_id=f"d{k}", lang=lang, seg_id=i, align_id=1, role="body", text=t, path=f"d{k}.txt",
                             start=0, end=len(t), line=i + 1, align_score=1.0))
        docs.append(dict(doc_id=f"d{k}", path=f"d{k}.txt", encoding="utf-8", title="", series="", date="", source="",
                         langs=f"{target},zh"))
    return Corpus(pd.DataFrame(segs), pd.DataFrame(docs), name="constructed")


RESPONSIBILITY = {"responsibility": {"zh": ["责任", "*负总责", "负责"], "fr": ["responsabilité*"],
                                     "en": ["responsib*"]}}


def test_neighbours_that_translate_decide_a_swapped_order():
    # the French puts « système de responsabilités » (责任体系, the second 责任) first; in a long
    # paragraph (as in the seeds) the positions alone do not tell the two apart
    zh_fill, fr_fill = "经济持续发展，社会保持稳定，", "l’économie se développe, la société reste stable, "
    zh = zh_fill * 6 + "构建责任清晰、合力攻坚的责任体系，" + zh_fill * 6
    fr = (fr_fill * 6 + "mettre en place un système de responsabilités marqué par la distinction claire des "
          "responsabilités, " + fr_fill * 6)
    r = renderings(_parallel([(zh, fr)]), discourse.Lexicon.from_dict(RESPONSIBILITY), unit="paragraph")
    got = {row.source_start - 84: (row.rendering, row.target_start) for row in r.itertuples()}
    assert got == {2: ("responsabilités", fr.rindex("responsabilités")),
                   12: ("responsabilités", fr.index("responsabilités"))}


def test_neighbours():
    assert source_neighbours("合力攻坚的责任体系", 5, 7, "fr") == ("攻坚", "体系")
    assert source_neighbours("、责任、", 1, 3, "fr") == ()  # 、 ends the neighbourhood
    assert target_neighbours("Un, deux trois quatre cinq six, sept", 9, 14) == ["deux", "quatre", "cinq", "six"]
    assert agreement(("体系",), target_keys(["systèmes"], "fr"), "fr") == 1
    assert agreement(("体系",), target_keys(["maison"], "fr"), "fr") == 0
    assert agreement(("体系",), target_keys(["system"], "en"), "en") == 1
    assert agreement(("攻坚",), target_keys(["trận", "công", "kiên"], "vi"), "vi") == 1


def test_dictionary_rendering_zh_fr():
    zh = "强化中央统筹、省负总责、市县抓落实的管理体制。"
    fr = "Renforcer la planification par le gouvernement central, la prise en charge par la province, et la mise en œuvre."
    r = renderings(_parallel([(zh, fr)]), discourse.Lexicon.from_dict(RESPONSIBILITY), unit="paragraph")
    row = r[r["source_term"] == "省负总责"].iloc[0]
    assert (row["rendering"], row["method"], row["status"]) == ("charge par la province", "dictionary", "softened")
    assert fr[row["target_start"]:row["target_end"]] == "charge par la province"


def test_dictionary_rendering_is_looked_for_where_it_is_expected_zh_en():
    # the first « charge » (电费, a price) is not the rendering of 负责; the second, in its sentence, is
    zh = "电费很贵。他负责这个项目。"
    en = "Its charge is high. He is in charge of the project."
    r = renderings(_parallel([(zh, en)], "en"), discourse.Lexicon.from_dict(RESPONSIBILITY), unit="paragraph")
    row = r.iloc[0]
    assert (row["source_term"], row["method"], row["status"]) == ("负责", "dictionary", "softened")
    assert row["target_start"] == en.rindex("charge")


def test_one_inflected_gloss_word_is_not_a_rendering():
    # CFDICT glosses 攻坚 « prendre d'assaut des places puissamment fortifiées »: the « place » of
    # « mettre en place » is not its rendering
    assert dictionary_span("攻坚", "Il faut mettre en place un système.", 10, "fr") is None
    lex = discourse.Lexicon.from_dict({"battle": {"zh": ["攻坚"], "fr": ["bataille*"]}})
    r = renderings(_parallel([("合力攻坚。", "Il faut mettre en place un système.")]), lex, unit="paragraph")
    assert (r.iloc[0]["method"], r.iloc[0]["status"]) == ("none", "dropped")
