"""Renderings (issue 15): how each frame hit is rendered, hit-level statistics, calques."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import discourse
from discourse.errors import InputError
from discourse.frames import rendering_summary, renderings, translation_shifts, unit_shifts
from discourse.frames.calques import calque
from discourse.frames._render_unit import whole_words
from discourse.stats import wilson_interval

GOLD = Path(__file__).parent / "data" / "renderings" / "seed_gold.csv"
GOLD_SENTENCE = GOLD.with_name("seed_gold_sentence.csv")
KEYS = ["doc_id", "align_id", "frame", "source_lang", "target_lang"]


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


@pytest.fixture(scope="module")
def table(corpus):
    return renderings(corpus, unit="paragraph")


def _gold(path=GOLD):
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _row(table, g):
    found = table[(table["doc_id"] == g["doc_id"]) & (table["align_id"] == int(g["align_id"]))
                  & (table["frame"] == g["frame"]) & (table["target_lang"] == g["target_lang"])
                  & (table["source_start"] == int(g["source_start"]))]
    assert len(found) == 1, g
    return found.iloc[0]


def test_columns_and_offsets_point_at_the_texts(corpus, table):
    assert list(table.columns)[:14] == ["doc_id", "align_id", "frame", "source_lang", "source_term", "source_start",
                                        "source_end", "target_lang", "rendering", "target_start", "target_end",
                                        "method", "status", "calque"]
    text = {(d, s): t for d, s, t in zip(corpus.column("doc_id"), corpus.column("seg_id"), corpus.column("text"))}
    rendered = table[table["rendering"].notna()]
    for r in rendered.itertuples():
        assert text[(r.doc_id, r.target_seg_id)][r.target_start:r.target_end] == r.rendering
    for r in table[table["source_term"].notna()].itertuples():
        assert text[(r.doc_id, r.source_seg_id)][r.source_start:r.source_end] == r.source_term


def test_the_call_leaves_the_garbage_collector_as_it_found_it_and_no_cyclic_garbage(corpus):
    # the pairing runs with the cyclic collector paused (discourse._util.cyclic_gc_paused): it must
    # come back on, stay off for a caller who had switched it off, and leave nothing for it to find
    import gc

    assert gc.isenabled()
    renderings(corpus, unit="paragraph")  # what a first call loads once (dictionaries, patterns)
    new = discourse.load_corpus()
    new.tokens()  # a new corpus with its tokens: the lexicon's hits are found again
    gc.collect()
    gc.disable()
    try:
        renderings(new, unit="paragraph")
        assert not gc.isenabled()
        assert gc.collect() == 0
    finally:
        gc.enable()
    renderings(new, unit="paragraph")
    assert gc.isenabled()


# letters in both cases (with accents, dotted/dotless i, the Kelvin sign, ß), digits, marks, spaces, apostrophes
_WORDY = st.text(alphabet="aAbBéÉiIıİKkKßsſ1_ '’-.", max_size=30)


@settings(max_examples=400, deadline=None)
@given(word=st.one_of(st.text(alphabet="aAbBéÉiIıİKkKßsſ1_'’-", min_size=1, max_size=4),
                      st.text(alphabet="aA-'", min_size=1, max_size=4)),  # few letters: rejected matches overlap
       text=st.one_of(_WORDY, st.text(alphabet="aAb-' ", max_size=30)))
@example(word="a-a", text="ba-a-a")  # the match at 1 is rejected (b before it), the one at 3 inside it is not
@example(word="l'l", text="al'l'l")
def test_whole_words_are_the_matches_of_the_look_behind_pattern(word, text):
    # what _learned searched with before: a look-behind first, which re tries at every position
    import re

    old = re.compile(r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W\d_])", re.IGNORECASE)
    assert [m.span() for m in whole_words(word, text)] == [m.span() for m in old.finditer(text)]
    assert [m.group() for m in whole_words(word, text * 2)] == [m.group() for m in old.finditer(text * 2)]


def test_issue_cases(table):
    fr = table[(table["doc_id"].str.startswith("003")) & (table["frame"] == "battle")]
    pledge = fr[fr["source_term"] == "军令状"].iloc[0]
    assert (pledge["status"], pledge["method"]) == ("dropped", "none")
    title = fr[(fr["align_id"] == 2) & (fr["source_term"] == "脱贫攻坚")].iloc[0]
    assert (title["status"], title["rendering"]) == ("softened", "acte d’engagement")
    unit3 = fr[fr["align_id"] == 3]
    assert len(unit3) == 6  # one row per hit, not per unit
    assert sorted(unit3[unit3["status"] == "kept"]["rendering"]) == ["bataille", "lutte"]
    assert set(unit3["status"]) == {"kept", "softened", "dropped"}
    vi = table[(table["doc_id"].str.startswith("000")) & (table["frame"] == "battle")].iloc[0]
    assert (vi["source_term"], vi["rendering"], vi["target_start"], vi["target_end"], vi["status"], vi["calque"]) == \
        ("脱贫攻坚战", "trận chiến công kiên thoát nghèo", 6, 38, "kept", True)


def _agreement(table, path=GOLD):
    """{frame: (rows, status agreements, span agreements)} over the hand-made gold."""
    out = {}
    for g in _gold(path):
        r = _row(table, g)
        n, status, span = out.get(g["frame"], (0, 0, 0))
        status += r["status"] == g["status"]
        if g["rendering"]:
            span += (isinstance(r["rendering"], str) and r["target_start"] < int(g["target_end"])
                     and int(g["target_start"]) < r["target_end"])
        else:
            span += not isinstance(r["rendering"], str)
        if g["calque"]:
            assert r["calque"] == (g["calque"] == "True"), g
        out[g["frame"]] = (n + 1, status, span)
    return out


def test_gold_agreement(table):
    agreement = _agreement(table)
    assert {f: n for f, (n, _, _) in agreement.items()} == {"battle": 17, "responsibility": 33}
    # measured (paragraph units): battle status 17/17, span 17/17 (was 15/17: 003 unit 3 gave
    # 年度脱贫攻坚报告 the « acte d'engagement … » of 签订脱贫攻坚责任书); responsibility status 33/33,
    # span 33/33 (was 30/33 and 29/33 before the dictionary neighbours and the zh–fr dictionary
    # fallback: 003 unit 3's 责任清晰、各负其责、…的责任体系 took the French phrases in order, though
    # the French puts « système de responsabilités » first, and 省负总责 was dropped; 28/33 and
    # 23/33 before sentence anchors and swaps). The issue's goal is 100 % / 95 %.
    for frame, (n, status, span) in agreement.items():
        assert (status, span) == (n, n), frame


def test_gold_agreement_at_sentence_level(corpus):
    # the battle hits' gold carried to sentence units by hand before running this (seed_gold_sentence.csv).
    # Measured at unit="sentence": status 17/17, span 17/17 (was 14/17: in the one-sentence unit of
    # 签订《脱贫攻坚责任书》，立下“军令状”, 军令状 took « acte d'engagement contre la pauvreté » from 脱贫攻坚,
    # its Dice from one co-occurrence being 1 with any word found once, and 战场 of 脱贫攻坚战场 a later
    # « élimination de la pauvreté »; a Dice now counts from TRUSTED_COUNT = 2 co-occurring units).
    table = renderings(corpus, unit="sentence")
    assert table.attrs["unit"] == "sentence"
    assert _agreement(table, GOLD_SENTENCE) == {"battle": (17, 17, 17)}


def _parallel(pairs):
    """A zh–fr corpus of one aligned paragraph per document."""
    import pandas as pd

    from discourse.corpus import Corpus

    segs, docs = [], []
    for k, (zh, fr) in enumerate(pairs):
        for i, (lang, t) in enumerate((("zh", zh), ("fr", fr))):
            segs.append(dict(doc_id=f"d{k}", lang=lang, seg_id=i, align_id=1, role="body", text=t, path=f"d{k}.txt",
                             start=0, end=len(t), line=i + 1, align_score=1.0))
        docs.append(dict(doc_id=f"d{k}", path=f"d{k}.txt", encoding="utf-8", title="", series="", date="", source="",
                         langs="fr,zh"))
    return Corpus(pd.DataFrame(segs), pd.DataFrame(docs), name="constructed")


LEARNED_PAIRS = [("我们合力攻坚，困难很多。", "Nous ouvrons ensemble le chantier, les difficultés sont nombreuses."),
                 ("各地继续攻坚。", "Partout le chantier continue."),
                 ("农村攻坚取得进展。", "Le chantier rural progresse."),
                 ("攻坚要落实。", "Le chantier doit être mené."),
                 ("经济稳定增长。", "L'économie croît de façon stable.")]


def test_learned_rendering_by_association():
    # 攻坚 is rendered « chantier » throughout, a word no lexicon lists: found by association alone
    lex = discourse.Lexicon.from_dict({"battle": {"zh": ["*攻坚*"], "fr": ["bataille*"]}})
    r = renderings(_parallel(LEARNED_PAIRS), lex, unit="paragraph")
    assert r["method"].tolist() == ["learned"] * 4
    assert set(r["status"]) == {"softened"} and set(r["rendering"]) == {"chantier"}
    first = r.iloc[0]
    assert LEARNED_PAIRS[0][1][first["target_start"]:first["target_end"]] == "chantier"
    # two co-occurrences are not evidence (any word seen once has a Dice of 1): dropped
    r = renderings(_parallel(LEARNED_PAIRS[:2] + LEARNED_PAIRS[4:]), lex, unit="paragraph")
    assert set(r["status"]) == {"dropped"} and set(r["method"]) == {"none"}


def test_issue_cases_responsibility(table):
    fr = table[(table["doc_id"].str.startswith("003")) & (table["frame"] == "responsibility")]
    pledge = fr[fr["source_term"] == "军令状"].iloc[0]
    assert (pledge["status"], pledge["method"]) == ("dropped", "none")  # « Les responsables » renders 一把手
    added = fr[fr["status"] == "added"]
    assert "responsables" in set(added["rendering"])
    trio = fr[(fr["align_id"] == 2) & fr["source_term"].isin(["考核", "督查", "问责"])]
    assert trio.sort_values("source_start")["rendering"].tolist() == ["évaluation", "inspection",
                                                                      "recours en responsabilité"]


def test_one_to_one_never_one_is_enough(table):
    unit3 = table[(table["doc_id"].str.startswith("003")) & (table["align_id"] == 3) & (table["frame"] == "battle")]
    kept = unit3[unit3["status"] == "kept"]
    assert len(kept) == 2 and kept["target_start"].is_unique


def test_unit_shifts_agree_with_translation_shifts(corpus, table):
    for c in (corpus, discourse.load_corpus("gov_work_reports")):
        t = table if c is corpus else renderings(c, unit="paragraph")
        if t.empty:
            continue
        ours = unit_shifts(t).set_index(KEYS)["status"].sort_index()
        theirs = translation_shifts(c).set_index(KEYS)["status"].sort_index()
        assert ours.to_dict() == theirs.to_dict()


def test_summary_counts_and_intervals(table):
    s = rendering_summary(table).set_index(["frame", "target_lang"])
    fr = s.loc[("battle", "fr")]
    assert (fr["source_hits"], fr["kept"], fr["softened"], fr["dropped"], fr["added"]) == (8, 2, 2, 4, 0)
    low, high = wilson_interval(2, 8)
    assert (fr["kept_low"], fr["kept_high"]) == pytest.approx((low, high))
    vi = s.loc[("battle", "vi")]
    assert vi["calque_share"] == pytest.approx(7 / 9)
    by_doc = rendering_summary(table, by="doc_id")
    assert by_doc["source_hits"].sum() == s["source_hits"].sum()
    with pytest.raises(InputError, match="no column"):
        rendering_summary(table, by="genre")


def test_wilson_published_values():
    # Newcombe (1998), Table I, method 3 (Wilson score, no continuity correction)
    assert wilson_interval(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-5)
    assert wilson_interval(15, 148) == pytest.approx((0.0624, 0.1605), abs=5e-5)
    assert wilson_interval(0, 20) == pytest.approx((0.0, 0.1611), abs=5e-5)
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    with pytest.raises(InputError):
        wilson_interval(3, 2)


@pytest.mark.parametrize("term, rendering, expected", [
    ("攻坚战", "trận chiến công kiên", True),
    ("脱贫攻坚战", "trận chiến công kiên thoát nghèo", True),
    ("责任", "trách nhiệm", True),
    ("军令状", "quân lệnh trạng", True),
    ("国务院", "quốc vụ viện", True),
    ("责任制", "chế độ trách nhiệm", True),
    ("脱贫", "thoát nghèo", False),
    ("打赢", "đánh thắng", False),
    ("减贫", "giảm nghèo", False),
    ("考核", "sát hạch", False),
])
def test_calques_hand_list(term, rendering, expected):
    assert calque(term, rendering) is expected


def test_bad_options(corpus):
    with pytest.raises(InputError, match="unit"):
        renderings(corpus, unit="page")
    with pytest.raises(InputError, match="en"):
        renderings(corpus, target="en", unit="paragraph")


def test_plots(table):
    import matplotlib.pyplot as plt

    ax = discourse.plot.retention(rendering_summary(table))
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "battle · zh→fr (n=8)"
    assert len(ax.containers) == 3  # kept, softened, dropped with their intervals
    plt.close(ax.figure)
    ax = discourse.plot.rendering_bars(table, "battle", target="fr")
    assert "(nothing)" in {t.get_text() for t in ax.texts}  # dropped hits are shown, not hidden
    plt.close(ax.figure)
    with pytest.raises(InputError):
        discourse.plot.retention(table)
    ax = discourse.plot.calque_shares(rendering_summary(table))
    summary = rendering_summary(table).query("target_lang == 'vi'")
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["battle (7/9)", "responsibility (9/16)"]
    assert len(ax.get_yticklabels()) == len(summary) == 6
    assert [round(p.get_width(), 4) for p in ax.patches] == [round(x, 4) for x in summary["calque_share"]]
    plt.close(ax.figure)
    ax = discourse.plot.calque_shares(rendering_summary(table, by="doc_id"))
    assert ax.get_yticklabels()[0].get_text().startswith("000_6faf780c4d1388a2 · battle")
    plt.close(ax.figure)
    with pytest.raises(InputError, match="zh → vi"):
        discourse.plot.calque_shares(rendering_summary(table[table["target_lang"] == "fr"]))


def test_a_list_keeps_its_order_when_its_group_takes_a_later_target_first():
    # the three hits take the nearer target group « inspection et de recours … » first; the hit left
    # over is the first (考核), which then takes « évaluation » before it, not the last (问责)
    lex = discourse.Lexicon.from_dict({"responsibility": {"zh": ["考核", "督查", "问责"],
                                                          "fr": ["évaluation", "inspection", "recours en responsabilité"]}})
    corpus = _parallel([("我们今后要全面建立最严格的考核督查问责", "Nous mettrons en place le mécanisme le plus strict "
                         "d’évaluation, d’inspection et de recours en responsabilité des cadres")])
    r = renderings(corpus, lex, unit="paragraph")
    assert r["rendering"].tolist() == ["évaluation", "inspection", "recours en responsabilité"]
    assert r["source_term"].tolist() == ["考核", "督查", "问责"]


def _search_pairing(made, sources, t_pos):
    """The pairing as first written: every candidate's expected position and limits searched
    among all the pairs made (the reference :class:`discourse.frames.pairing.Greedy` must equal)."""
    from discourse.frames.anchoring import DISTANCE, expected

    made, pairs, taken_s, taken_t = list(made), [], set(), set()
    while True:
        best = None
        for i, (ps, clause, scores) in enumerate(sources):
            if i in taken_s:
                continue
            want = expected(ps, made)
            low = max((y for x, y, c in made if x < ps and c != clause), default=-1.0)
            high = min((y for x, y, c in made if x > ps and c != clause), default=2.0)
            for j, base in scores:
                if j in taken_t or not low <= t_pos[j] <= high:
                    continue
                score = base - DISTANCE * abs(t_pos[j] - want)
                if score > 0 and (best is None or score > best[0]):
                    best = (score, i, j)
        if best is None:
            return pairs
        _, i, j = best
        taken_s.add(i)
        taken_t.add(j)
        made.append((sources[i][0], t_pos[j], sources[i][1]))
        pairs.append([i, j])


def test_incremental_pairing_equals_the_search():
    # positions on a coarse grid, so that ties (a hit starting where a sentence ends) occur
    import random

    from discourse.frames.pairing import Greedy

    rng = random.Random(15)
    for _ in range(300):
        anchors = sorted((rng.randrange(11) / 10, rng.randrange(11) / 10, ("end", k)) for k in range(rng.randrange(4)))
        t_pos = [rng.randrange(11) / 10 for _ in range(rng.randrange(1, 7))]
        sources = []
        for _ in range(rng.randrange(1, 7)):
            ps = rng.randrange(11) / 10
            scores = [(j, rng.choice([1.0, 2.0, 2.5, 3.0])) for j in range(len(t_pos)) if rng.random() < 0.8]
            sources.append((ps, (0, int(ps * 3)), scores))
        greedy = Greedy(list(anchors))
        for ps, clause, scores in sources:
            greedy.add(ps, clause, scores, t_pos)
        assert greedy.run() == _search_pairing(anchors, sources, t_pos)


def test_greedy_open_gives_the_range_it_keeps():
    # pair_unit leaves out of Greedy the target groups outside what Greedy.open gives: they must be
    # those the group's state and every later pair rule out
    import random

    from discourse.frames.pairing import Greedy

    rng = random.Random(18)
    for _ in range(300):
        made = [(rng.randrange(11) / 10, rng.randrange(11) / 10, ("end", k)) for k in range(rng.randrange(5))]
        greedy = Greedy(list(made))
        for _ in range(rng.randrange(1, 6)):
            ps, clause = rng.randrange(11) / 10, (0, rng.randrange(3))
            low, high = greedy.open(ps, clause)
            greedy.offer([], [])
            assert (low, high) == tuple(greedy.state[-1][4:6])
            if rng.random() < 0.5:  # a pair made: the range only narrows
                greedy.made.append((rng.randrange(11) / 10, rng.randrange(11) / 10, (0, rng.randrange(3))))
                later = Greedy(list(greedy.made)).open(ps, clause)
                assert low <= later[0] and later[1] <= high


def test_dictionary_span_reads_the_segment_runs_as_it_searches_the_text(corpus):
    from discourse.frames._render_scores import SegmentWords
    from discourse.frames.context import dictionary_span

    texts = corpus.filter(lang="fr").segments["text"].tolist()
    assert texts
    for text in texts:
        runs = SegmentWords(text)
        for term in ("省负总责", "责任", "攻坚", "考核", "脱贫"):
            for at in range(0, len(text) + 1, 37):
                taken = [(at, at + 12)]
                assert (dictionary_span(term, text, at, "fr", taken=taken, runs=runs)
                        == dictionary_span(term, text, at, "fr", taken=taken))


def test_reading_spans_with_syllable_positions_are_those_searched(corpus):
    from discourse.frames.calques import reading_spans, syllables_of

    texts = corpus.filter(lang="vi").segments["text"].tolist()
    found = 0
    for text in texts:
        syl = syllables_of(text)
        positions = {}
        for k, (s, _, _) in enumerate(syl):
            positions.setdefault(s, []).append(k)
        for term in ("责任", "主体责任", "攻坚", "脱贫攻坚战", "中央统筹", "军令状", "领导责任制"):
            spans = reading_spans(term, text, syllables=syl)
            assert reading_spans(term, text, syllables=syl, positions=positions) == spans
            found += len(spans)
    assert found
