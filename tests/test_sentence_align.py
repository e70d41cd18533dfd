"""discourse.sentence_align and discourse.anchors (issue 20, sentence alignment)."""

from __future__ import annotations

import copy
from collections import Counter

import pandas as pd
import pytest

from discourse._data import data_path
from discourse.anchors import anchor_keys, content_words, hanviet_table, learn_equivalents
from discourse.errors import InputError
from discourse.sentence_align import align_sentences

ZH = ["联邦调查局在2018年调查了卡瓦诺。", "参议员们在周日表示满意。", "投票推迟了一周。",
      "共和党在参议院拥有51个席位，民主党拥有49个席位，两党都在争取摇摆选民的支持。", "民主党要求再调查7天。", "特朗普在周二发表了讲话。"]
FR = ["Le FBI a enquêté sur Kavanaugh en 2018.", "Dimanche, les sénateurs se sont dits satisfaits.",
      "Le vote a été reporté d'une semaine.", "Les républicains ont 51 sièges au Sénat et les démocrates 49 : les deux partis courtisent les électeurs indécis.",
      "Les démocrates demandent 7 jours d'enquête de plus.", "Trump a parlé mardi."]


def links(beads):
    return [(tuple(s), tuple(t)) for s, t in zip(beads["source_ids"], beads["target_ids"])]


def test_one_to_one_document():
    beads = align_sentences(ZH, FR, source_lang="zh", target_lang="fr")
    assert list(beads.columns) == ["source_ids", "target_ids", "kind", "score", "low_confidence"]
    assert links(beads) == [((k,), (k,)) for k in range(6)]
    assert set(beads["kind"]) == {"1-1"}
    assert beads["score"].between(0, 1).all()
    assert (beads["low_confidence"] == (beads["score"] < 0.5)).all()


def test_an_omitted_target_sentence_is_a_1_0_bead():
    beads = align_sentences(ZH, FR[:3] + FR[4:], source_lang="zh", target_lang="fr")
    assert links(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,)), ((5,), (4,))]
    assert beads.loc[3, "kind"] == "1-0"


def test_merged_target_sentences_are_a_2_1_bead():
    merged = FR[:1] + [FR[1] + " " + FR[2]] + FR[3:]
    beads = align_sentences(ZH, merged, source_lang="zh", target_lang="fr")
    assert links(beads)[:3] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert beads.loc[1, "kind"] == "2-1"


def test_a_long_chinese_sentence_can_be_three_french_ones():
    zh = [ZH[0], "参议员们在周日表示满意，投票推迟了一周，" + ZH[3], ZH[4], ZH[5]]
    beads = align_sentences(zh, FR, source_lang="zh", target_lang="fr")
    assert links(beads) == [((0,), (0,)), ((1,), (1, 2, 3)), ((2,), (4,)), ((3,), (5,))]
    assert beads.loc[1, "kind"] == "1-3"


def test_hanviet_readings_keep_links_right_where_lengths_mislead():
    # No numbers or names, and two free translations whose lengths mislead: the Sino-Vietnamese
    # readings keep the links right; the same texts without them (as if English) are misaligned.
    zh = ["国务院总理召开会议，讨论经济发展和社会保障问题。", "人民代表大会批准了政府工作报告和国家预算。",
          "教育部宣布改革高等学校的招生制度。", "外交部发言人表示中国政府支持和平谈判。",
          "科学技术的进步促进了农业生产。", "中央银行决定降低利率以刺激投资。"]
    vi = ["Thủ tướng Quốc vụ viện triệu tập hội nghị thảo luận vấn đề phát triển kinh tế và bảo đảm xã hội.",
          "Đại hội đại biểu nhân dân phê chuẩn báo cáo công tác chính phủ và ngân sách quốc gia.",
          "Bộ Giáo dục tuyên bố cải cách chế độ tuyển sinh của các trường cao đẳng.",
          "Người phát ngôn Bộ Ngoại giao cho biết chính phủ Trung Quốc ủng hộ đàm phán hòa bình.",
          "Tiến bộ của khoa học kỹ thuật đã thúc đẩy sản xuất nông nghiệp.",
          "Ngân hàng trung ương quyết định giảm lãi suất để kích thích đầu tư."]
    vi[1] = "Đại hội đại biểu nhân dân phê chuẩn."
    vi[2] = vi[2][:-1] + (" trong năm học tới, sau nhiều tháng thảo luận với các trường và phụ huynh"
                          " về những thay đổi cần thiết.")
    beads = align_sentences(zh, vi, source_lang="zh", target_lang="vi")
    assert links(beads) == [((k,), (k,)) for k in range(6)]
    beads = align_sentences(zh, vi, source_lang="zh", target_lang="en")
    assert links(beads) != [((k,), (k,)) for k in range(6)]


def test_the_band_widens_when_the_path_leaves_it():
    # 40 target sentences with no source before a long parallel stretch: far off the diagonal.
    src = [f"第{k}条规定了{k * 7}项措施。" for k in range(1, 201)]
    tgt = [f"Note {k + 1000}." for k in range(40)] + [f"L'article {k} prévoit {k * 7} mesures." for k in range(1, 201)]
    beads = align_sentences(src, tgt, source_lang="zh", target_lang="fr", band=4)
    pairs = {(s[0], t[0]) for s, t in links(beads) if len(s) == 1 and len(t) == 1}
    assert sum((k, k + 40) in pairs for k in range(200)) >= 195


def test_paragraph_numbers_keep_links_inside_linked_paragraphs():
    zh, fr = ["会议开始。", "会议结束。"], ["La réunion."]
    beads = align_sentences(zh, fr, source_lang="zh", target_lang="fr", source_paragraphs=[1, 2], target_paragraphs=[2])
    assert links(beads) == [((0,), ()), ((1,), (0,))]
    beads = align_sentences(zh, fr, source_lang="zh", target_lang="fr", source_paragraphs=[1, 2], target_paragraphs=[1])
    assert links(beads) == [((0,), (0,)), ((1,), ())]


def test_numbers_acronyms_titles_and_lexicon_terms_are_anchors():
    zh = anchor_keys(["中共有1,000名代表出席《人民日报》的会议，讨论脱贫攻坚。"], lang="zh", other_lang="fr",
                     lexicon={"battle": {"zh": ["*攻坚*"], "fr": ["bataille*"]}})[0]
    fr = anchor_keys(["Le PCC a réuni 1 000 délégués du « Quotidien du peuple » pour la bataille."],
                     lang="fr", other_lang="zh", lexicon={"battle": {"zh": ["*攻坚*"], "fr": ["bataille*"]}})[0]
    assert {"n:1000", "q:", "f:battle"} <= zh.keys() & fr.keys()
    assert "a:ccp" in anchor_keys(["CPC members"], lang="en", other_lang="fr")[0]
    assert "a:ccp" in fr


def test_anchor_bags_hold_no_dictionary_keys_so_merging_those_adds_nothing_twice():
    # _beads merges a sentence's dictionary keys (d:, c:) into its anchor bag with dict.update,
    # which is Counter.update only while the bag holds no key of those kinds (its e: keys are
    # "e:" + a word pair by construction)
    import discourse

    s = discourse.load_corpus().sentences()
    text = {lang: s.loc[s["lang"] == lang, "text"].tolist() for lang in ("zh", "fr", "vi")}
    lexicon = {"battle": {"zh": ["攻坚战"], "fr": ["bataille"], "vi": ["công kiên"]}}
    for lang, other in (("zh", "fr"), ("fr", "zh"), ("zh", "vi"), ("vi", "zh"), ("zh", "en"), ("en", "zh")):
        sentences = text.get(lang, ["The CPC's 2020 plan (FBI) \"Made in China\"."])
        bags = anchor_keys(sentences, lang=lang, other_lang=other, lexicon=lexicon,
                           other_sentences=text.get(other, ["The CPC's 2020 plan."]))
        kinds = {key.split(":", 1)[0] for bag in bags for key in bag}
        assert kinds and not kinds & {"d", "c"}, (lang, other, kinds)


def test_the_hanviet_table_ships_with_its_provenance():
    table = hanviet_table()
    assert table["国"] == ("quốc",) and "kiên" in table["坚"] and "trách" in table["责"]
    assert len(table) > 9000
    assert "Unihan 15.0.0" in data_path("hanviet", "hanviet.tsv").read_text(encoding="utf-8").splitlines()[0]
    readme = data_path("hanviet", "README.md").read_text(encoding="utf-8")
    assert "Unicode License" in readme and "kVietnamese" in readme


def test_learned_equivalents_come_from_confident_links():
    src = content_words(["法官发言。", "法官投票。", "参议员。"], lang="zh")
    tgt = content_words(["Le juge parle.", "Le juge vote.", "Le sénateur."], lang="fr")
    assert ("法官", "juge", 1.0) in learn_equivalents(src, tgt, [(0, 0), (1, 1), (2, 2)])
    assert learn_equivalents(src, tgt, [(0, 0)]) == []          # once is not enough


def test_inputs_are_not_changed():
    zh, fr, lexicon = list(ZH), list(FR), {"battle": {"zh": ["调查"], "fr": ["enquête"]}}
    kept = copy.deepcopy((zh, fr, lexicon))
    align_sentences(zh, fr, source_lang="zh", target_lang="fr", lexicon=lexicon)
    assert (zh, fr, lexicon) == kept


def test_empty_sides():
    empty = align_sentences([], [], source_lang="zh", target_lang="fr")
    assert empty.empty and list(empty.columns) == ["source_ids", "target_ids", "kind", "score", "low_confidence"]
    only = align_sentences(ZH[:2], [], source_lang="zh", target_lang="fr")
    assert links(only) == [((0,), ()), ((1,), ())] and list(only["kind"]) == ["1-0", "1-0"]
    assert isinstance(only, pd.DataFrame)


@pytest.mark.parametrize("kwargs, message", [
    (dict(source="一句话。", target=["Une phrase."]), "source must be a list"),
    (dict(source=["一句话。"], target=[1]), r"target\[0\] is int"),
    (dict(source=["一句话。"], target=["Une phrase."], source_lang="cmn"), "source_lang='cmn' is not a known"),
    (dict(source=["一句话。"], target=["Une phrase."], source_paragraphs=[1, 2], target_paragraphs=[1]),
     "source_paragraphs must be a list of one paragraph number per sentence"),
    (dict(source=["一句话。"], target=["Une phrase."], band=0), "band must be a whole number"),
    (dict(source=["一句话。"], target=["Une phrase."], lexicon=["调查"]), "lexicon must be a mapping"),
])
def test_bad_input_is_an_input_error(kwargs, message):
    kwargs = {"source_lang": "zh", "target_lang": "fr", **kwargs}
    with pytest.raises(InputError, match=message):
        align_sentences(kwargs.pop("source"), kwargs.pop("target"), **kwargs)


def test_cedict_glosses_are_anchors_for_english_and_french():
    from discourse.anchors import add_dictionary, cedict_table
    assert cedict_table()["法官"] == ("judge",)
    assert "CC-CEDICT 2023-11-07" in data_path("cedict", "zh_en.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert "CC BY-SA 4.0" in data_path("cedict", "README.md").read_text(encoding="utf-8")
    zh, en, fr = [Counter()], [Counter()], [Counter()]
    add_dictionary(zh, [{"参议员", "调查"}], lang="zh")
    add_dictionary(en, [{"investigated"}], lang="en")
    add_dictionary(fr, [{"sénateurs"}], lang="fr")
    assert "d:inves" in zh[0].keys() & en[0].keys() and "d:senat" in zh[0].keys() & fr[0].keys()


def test_the_dictionary_makes_zh_en_links_confident():
    zh = ["法官在周一驳回了这项动议，理由是缺乏法律依据。", "参议员们要求对这起事件进行新的独立调查。",
          "医院的医生说病人的情况已经稳定。", "警察逮捕了两名涉嫌抢劫银行的男子。"]
    en = ["The judge dismissed the motion on Monday, citing a lack of legal basis.",
          "Senators demanded a new independent investigation into the incident.",
          "Doctors at the hospital said the patient's condition had stabilized.",
          "Police arrested two men suspected of robbing a bank."]
    with_it = align_sentences(zh, en, source_lang="zh", target_lang="en", learn=False)
    without = align_sentences(zh, en, source_lang="zh", target_lang="en", learn=False, dictionary=False)
    assert links(with_it) == links(without) == [((k,), (k,)) for k in range(4)]
    assert with_it["score"].min() > 0.99 > without["score"].max()


def test_an_omitted_sentence_beside_a_merge_is_left_alone_not_folded_into_a_3_1_bead():
    # FR[3] and FR[4] merged, FR[5] omitted: ZH[5] has no partner. A 3-1 bead (3, 4, 5) → 3 costs
    # less than 2-1 + 1-0 unless it must explain the anchors of each of its three sentences.
    beads = align_sentences(ZH, FR[:3] + [FR[3] + " " + FR[4]], source_lang="zh", target_lang="fr")
    assert links(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3, 4), (3,)), ((5,), ())]


def _reference_forward(move_costs, steps, moves, lo, big):
    """The band recursion written cell by cell (a strict < scan: the first best move wins)."""
    q, rows, width = move_costs.shape
    dist = [[big] * width for _ in range(rows)]
    back = [[-1] * width for _ in range(rows)]
    for r in range(rows):
        for k in range(width):
            j = lo[r] + k
            best, arg = (0.0 if r == 0 and j == 0 else big), -1
            for code, (di, dj) in enumerate(moves):
                pk = j - dj - lo[r - di] if r >= di else -1
                if 0 <= pk < width and dist[r - di][pk] + move_costs[code, r, k] < best:
                    best, arg = dist[r - di][pk] + move_costs[code, r, k], code
            if k > 0 and dist[r][k - 1] + steps[r, k] < best - 1e-9:
                best, arg = dist[r][k - 1] + steps[r, k], len(moves)
            dist[r][k], back[r][k] = best, arg
    return dist, back


@pytest.mark.parametrize("seed", range(5))
def test_the_vectorised_forward_pass_matches_the_recursion_cell_by_cell(seed):
    import numpy as np

    from discourse._salign_dp import forward

    rng = np.random.default_rng(seed)
    moves = [(1, 1), (1, 0), (2, 1), (1, 2), (2, 2), (1, 3), (3, 1)]
    rows, width = 300, 7                                   # more rows than one block of the forward pass
    lo = np.concatenate([[0], rng.integers(0, 3, rows - 1)]).cumsum() // 2   # a band drifting right
    move_costs = rng.uniform(0, 5, (len(moves), rows, width))
    move_costs[rng.random(move_costs.shape) < 0.1] = 1e12
    steps = rng.uniform(0, 5, (rows, width))
    dist, back = forward(move_costs, steps, moves, lo, big=1e12)
    ref_dist, ref_back = _reference_forward(move_costs, steps, moves, lo, 1e12)
    reachable = np.array(ref_dist) < 1e11
    assert reachable.sum() > rows                          # the check is not vacuous
    assert np.allclose(dist[reachable], np.array(ref_dist)[reachable], rtol=0, atol=1e-9)
    assert (back[reachable] == np.array(ref_back)[reachable]).all()
    assert (dist[~reachable] >= 1e11).all()
