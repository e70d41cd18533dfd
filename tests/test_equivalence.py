"""Term-equivalent discovery over aligned units, measured on the UDHR.

The measurement: for the 20 most frequent Chinese content words of the Universal
Declaration of Human Rights (tokens that are not stopwords, punctuation or numbers, in
titles and articles), is the top-ranked French, Vietnamese and English candidate a
correct translation? ``ANSWERS`` was written down before any ranking was computed, from
the declaration's texts, as a bilingual reader would judge; it is not tuned to the
output. The measured shares are the numbers in docs/statistics.md; the test fails if a change makes
them drop.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import discourse
from discourse.equivalence import EQUIVALENT_COLUMNS, dice, equivalents, g2_units, log_dice
from discourse.errors import InputError

from .conftest import SHARED

#: Acceptable equivalents (lowercase, as shown in ``candidate``), per word and language.
ANSWERS = {
    "人人": {"fr": ["toute personne", "personne", "chacun", "tous"], "vi": ["mọi người"], "en": ["everyone"]},
    "权利": {"fr": ["droit", "droits"], "vi": ["quyền", "quyền lợi"], "en": ["right", "rights"]},
    "自由": {
        "fr": ["liberté", "libertés", "libre", "libres"],
        "vi": ["tự do"],
        "en": ["freedom", "freedoms", "free", "liberty"],
    },
    "有权": {"fr": ["droit", "a droit"], "vi": ["có quyền", "quyền"], "en": ["right", "entitled"]},
    "享受": {
        "fr": ["jouir", "jouissent", "bénéficier", "jouissance"],
        "vi": ["hưởng", "được hưởng", "hưởng thụ"],
        "en": ["enjoy", "enjoyment"],
    },
    "社会": {
        "fr": ["société", "social", "sociale", "sociales", "sociaux"],
        "vi": ["xã hội"],
        "en": ["society", "social"],
    },
    "受": {
        "fr": ["soumis", "objet", "recevoir", "reçoit"],
        "vi": ["bị", "chịu", "được"],
        "en": ["subjected", "subject", "receive"],
    },
    "国家": {
        "fr": ["état", "états", "pays", "national", "nationale", "nationales", "nation", "nations"],
        "vi": ["quốc gia", "nhà nước", "nước"],
        "en": ["state", "states", "country", "countries", "national", "nation", "nations"],
    },
    "应": {
        "fr": ["doit", "doivent", "devra", "devront", "devrait"],
        "vi": ["phải", "cần", "cần phải", "sẽ", "nên"],
        "en": ["shall", "should", "must"],
    },
    "任何人": {
        "fr": ["nul", "personne", "quiconque"],
        "vi": ["không ai", "ai", "bất kỳ ai", "bất cứ ai"],
        "en": ["no one", "one", "anyone"],
    },
    "平等": {
        "fr": ["égalité", "égal", "égale", "égaux", "égales", "également"],
        "vi": ["bình đẳng"],
        "en": ["equal", "equality", "equally"],
    },
    "教育": {"fr": ["éducation", "enseignement"], "vi": ["giáo dục"], "en": ["education"]},
    "享有": {
        "fr": ["jouir", "bénéficier", "jouissance", "droit", "a droit"],
        "vi": ["hưởng", "được hưởng", "có quyền"],
        "en": ["enjoy", "right", "entitled"],
    },
    "保护": {
        "fr": ["protection", "protéger", "protégé"],
        "vi": ["bảo vệ", "bảo hộ"],
        "en": ["protection", "protect", "protected"],
    },
    "人": {
        "fr": ["personne", "personnes", "homme", "hommes", "humain", "humaine", "humains", "être humain",
               "êtres humains", "individu"],
        "vi": ["người", "con người"],
        "en": ["person", "persons", "human", "man", "human being", "human beings"],
    },
    "法律": {
        "fr": ["loi", "lois", "légal", "légale", "juridique"],
        "vi": ["luật", "pháp luật", "luật pháp"],
        "en": ["law", "laws", "legal"],
    },
    "行为": {
        "fr": ["acte", "actes", "action", "actions"],
        "vi": ["hành vi", "hành động"],
        "en": ["act", "acts", "action", "actions", "conduct"],
    },
    "人民": {
        "fr": ["peuple", "peuples"],
        "vi": ["nhân dân", "dân tộc", "các dân tộc", "người dân"],
        "en": ["people", "peoples"],
    },
    "有": {"fr": ["a", "ont", "avoir"], "vi": ["có"], "en": ["has", "have"]},  # a verb, not on the zh stoplist
    "联合国": {
        "fr": ["nations unies", "unies"],
        "vi": ["liên hợp quốc", "liên hiệp quốc"],
        "en": ["united nations", "united"],
    },
    "普遍": {
        "fr": ["universel", "universelle", "universels", "universelles", "universellement"],
        "vi": ["toàn thế giới", "phổ quát", "phổ biến", "toàn cầu"],
        "en": ["universal", "universally"],
    },
    "宣言": {"fr": ["déclaration"], "vi": ["tuyên ngôn", "bản tuyên ngôn"], "en": ["declaration"]},
    "领土": {"fr": ["territoire", "territoires"], "vi": ["lãnh thổ"], "en": ["territory", "territories"]},
}
#: Share of the 20 words whose top candidate is right, as measured (docs/statistics.md); the test
#: allows a drop of one word.
MEASURED = {"fr": 0.50, "vi": 0.65, "en": 0.65}
#: The same, without competitive linking and stem pooling (plain Dice over units).
MEASURED_PLAIN = {"fr": 0.55, "vi": 0.65, "en": 0.50}
#: Right top candidates (of 16) for the open-class words, with the default options.
MEASURED_OPEN_CLASS = {"fr": 10, "vi": 12, "en": 13}
#: Pronouns whose translations are stopwords, a modal verb and a passive marker: the
#: closed-class words among the 20.
CLOSED_CLASS = {"人人", "任何人", "应", "受"}


@pytest.fixture(scope="module")
def udhr():
    folder = SHARED / "eval" / "udhr"
    if not folder.is_dir():
        pytest.skip("../shared/eval/udhr is not beside the checkout")
    return discourse.read_udhr(*(folder / f"udhr_{code}.xml" for code in ("cmn_hans", "fra", "vie", "eng")))


@pytest.fixture(scope="module")
def top20(udhr):
    toks = udhr.tokens().to_frame(columns=["lang", "role", "norm", "is_punct", "is_stop"])
    zh = toks[(toks["lang"] == "zh") & toks["role"].isin(["title", "body"]) & ~toks["is_punct"] & ~toks["is_stop"]]
    zh = zh[zh["norm"].str.contains(r"[^\W\d_]")]  # a letter: no numbers
    counts = zh.groupby("norm", sort=False).size()  # ties: first occurrence first
    return counts.sort_values(ascending=False, kind="stable").head(20).index.tolist()


def _accuracy(udhr, words, **options):
    out = {}
    for lang in ("fr", "vi", "en"):
        right = 0
        for word in words:
            top = equivalents(udhr, word, target=lang, top=1, **options)
            right += len(top) == 1 and top["candidate"].iloc[0] in ANSWERS[word][lang]
        out[lang] = right / len(words)
    return out


def test_the_twenty_words(top20):
    assert top20 == ["人人", "权利", "自由", "有权", "有", "享受", "社会", "受", "国家", "应", "任何人",
                     "平等", "教育", "享有", "保护", "人", "法律", "行为", "人民", "联合国"]
    assert set(top20) <= set(ANSWERS)


def test_udhr_top_candidate_accuracy(udhr, top20):
    got = _accuracy(udhr, top20)
    for lang, share in MEASURED.items():
        assert got[lang] >= share - 0.05, (lang, got)


def test_udhr_plain_dice_and_open_class_words(udhr, top20):
    got = _accuracy(udhr, top20, competitive=False, stem=False)
    for lang, share in MEASURED_PLAIN.items():
        assert got[lang] >= share - 0.05, (lang, got)
    open_class = [w for w in top20 if w not in CLOSED_CLASS]
    assert len(open_class) == 16
    got = _accuracy(udhr, open_class)
    for lang, right in MEASURED_OPEN_CLASS.items():  # at most one word fewer
        assert got[lang] >= (right - 1) / 16, (lang, got)


def test_udhr_ranking_shows_its_evidence(udhr):
    eq = equivalents(udhr, "教育", target="fr", top=5)
    assert list(eq.columns) == EQUIVALENT_COLUMNS
    best = eq.iloc[0]
    assert best["candidate"] == "éducation" and best["rank"] == 1
    assert best["dice"] == pytest.approx(2 * best["joint"] / (best["source_units"] + best["target_units"]))
    assert len(best["support"]) == best["joint"] and all(doc == "udhr" for doc, _ in best["support"])
    wide = udhr.alignment().set_index("align_id")
    assert all("教育" in wide.loc[a, "text_zh"] for _, a in best["support"])
    assert eq["dice"].is_monotonic_decreasing


def test_measures_worked_examples():
    assert float(dice(4, 5, 5)) == 0.8
    assert float(log_dice(4, 5, 5)) == pytest.approx(14 + math.log2(0.8))
    # a = 10, b = c = 0, d = 90: G2 = 2 (10 ln(10/1) + 90 ln(90/81))
    assert float(g2_units(10, 10, 10, 100)) == pytest.approx(2 * (10 * math.log(10) + 90 * math.log(90 / 81)))
    assert float(g2_units(0, 10, 10, 100)) < 0  # fewer together than expected: negative
    assert float(g2_units(1, 10, 10, 100)) == pytest.approx(0)  # exactly as expected


@pytest.fixture(scope="module")
def toy():
    return discourse.Corpus(pd.DataFrame({
        "doc_id": "d", "align_id": [1, 1, 2, 2, 3, 3, 4, 4], "lang": ["zh", "fr"] * 4,
        "text": ["人人享有自由和平等。", "Chacun jouit de la liberté et de l'égalité.",
                 "法律保护自由。", "La loi protège les libertés.",
                 "法律面前平等。", "Tous sont égaux devant la loi.",
                 "联合国宣言。", "La Déclaration des Nations unies."]}))


def test_stems_pool_forms_and_bigrams_are_candidates(toy):
    eq = equivalents(toy, "自由", target="fr")
    assert eq.iloc[0][["candidate", "joint", "target_units", "dice"]].tolist() == ["liberté", 2, 2, 1.0]
    assert eq.iloc[0]["support"] == (("d", 1), ("d", 2))
    plain = equivalents(toy, "自由", target="fr", stem=False, competitive=False, top=None)
    assert {"liberté", "libertés"} <= set(plain["candidate"])  # apart without stems
    un = equivalents(toy, "联合国", target="fr", top=None, competitive=False)
    assert "nations unies" in set(un["candidate"])
    assert not un["candidate"].str.fullmatch(r"[\d\W]+").any()


def test_competitive_linking_gives_a_word_to_its_best_source(toy):
    all_ = equivalents(toy, "平等", target="fr", top=None, competitive=False)
    loi = all_.set_index("candidate").loc["loi"]
    assert loi["rival"] == "法律" and loi["rival_score"] > loi["dice"]
    kept = equivalents(toy, "平等", target="fr", top=None)
    assert "loi" not in set(kept["candidate"]) and len(kept) < len(all_)
    assert kept.iloc[0]["candidate"] in {"égalité", "égaux"}


def test_arguments_and_empty_results(toy):
    assert equivalents(toy, "军令状", target="fr").empty
    assert list(equivalents(toy, "军令状", target="fr").columns) == EQUIVALENT_COLUMNS
    assert len(equivalents(toy, "自由", target="fr", top=2, competitive=False)) == 2
    assert equivalents(toy, "自由", target="fr", measure="g2")["g2"].is_monotonic_decreasing
    with pytest.raises(InputError, match="unknown measure"):
        equivalents(toy, "自由", measure="mi")
    with pytest.raises(InputError, match="top"):
        equivalents(toy, "自由", top=0)
    with pytest.raises(InputError, match="no text in 'vi'"):
        equivalents(toy, "自由", target="vi")


# ------------------------------------------------------------------ one row per candidate, ties, support
def test_a_string_the_tokenizer_cut_two_ways_is_one_candidate():
    """pyvi reads « Hoa Kỳ » as one word before « ký » and as two before « chế tạo »:
    one candidate *hoa kỳ*, found in both units, not two rows with half the evidence."""
    toy = discourse.Corpus(pd.DataFrame({
        "doc_id": "d", "align_id": [1, 1, 2, 2, 3, 3], "lang": ["zh", "vi"] * 3,
        "text": ["美国签署条约。", "Hoa Kỳ ký hiệp ước.", "美国制造飞机。", "Hoa Kỳ chế tạo máy bay.",
                 "法国很大。", "Pháp rất lớn."]}))
    norms = toy.tokens().to_frame(columns=["align_id", "lang", "norm"]).query("lang == 'vi'")
    assert "hoa kỳ" in set(norms.loc[norms["align_id"] == 1, "norm"])  # the premise: cut two ways
    assert {"hoa", "kỳ"} <= set(norms.loc[norms["align_id"] == 2, "norm"])
    eq = equivalents(toy, "美国", target="vi", top=None, competitive=False)
    assert not eq["candidate"].duplicated().any()
    best = eq.iloc[0]
    assert best[["rank", "tied", "candidate", "words", "joint", "target_units", "dice"]].tolist() == [
        1, False, "hoa kỳ", 1, 2, 2, 1.0]
    assert best["support"] == (("d", 1), ("d", 2))


def test_seed_candidates_appear_once(seeds):
    toks = seeds.tokens().to_frame(columns=["lang", "norm", "is_punct", "is_stop"])
    words = toks.loc[(toks["lang"] == "zh") & ~toks["is_punct"] & ~toks["is_stop"], "norm"].unique()
    for target in ("vi", "fr"):  # every Chinese content word at once: every aligned unit
        eq = equivalents(seeds, list(words), target=target, top=None, competitive=False, n=3)
        assert set(eq["support"].explode()) == set(seeds.alignment().query(f"text_{target} != ''")
                                                   [["doc_id", "align_id"]].itertuples(index=False, name=None))
        assert len(eq) > 100 and not eq["candidate"].duplicated().any(), target


def test_ties_share_a_rank_and_one_unit_is_low_support(seeds):
    """军令状 is in one aligned unit, whose French leaves it out: every word of that
    paragraph scores Dice 1 on that one unit. They are one tie, and none is evidence."""
    eq = equivalents(seeds, "军令状", target="fr", top=None)
    assert len(eq) > 10 and (eq["joint"] == 1).all() and (eq["dice"] == 1.0).all()
    assert (eq["rank"] == 1).all() and eq["tied"].all() and eq["low_support"].all()
    assert len(equivalents(seeds, "军令状", target="fr", top=3)) == 3  # top cuts inside the tie
    kept = equivalents(seeds, "军令状", target="fr", min_support=2)
    assert kept.empty and list(kept.columns) == EQUIVALENT_COLUMNS


def test_competition_ranks_on_the_udhr(udhr):
    eq = equivalents(udhr, "自由", target="fr", top=None, competitive=False)
    key = list(zip(eq["dice"].round(9), eq["joint"]))
    better = [sum(other > mine for other in key) for mine in key]
    assert eq["rank"].tolist() == [1 + b for b in better]  # 1, 2, 2, 4: ties share the first rank
    assert eq["tied"].tolist() == [key.count(k) > 1 for k in key]
    assert eq["tied"].any() and not eq["tied"].all()
    assert eq["low_support"].tolist() == (eq["joint"] < 2).tolist()
    strong = equivalents(udhr, "自由", target="fr", top=None, competitive=False, min_support=3)
    assert (strong["joint"] >= 3).all()
    assert strong["candidate"].tolist() == eq.loc[eq["joint"] >= 3, "candidate"].tolist()
    with pytest.raises(InputError, match="min_support"):
        equivalents(udhr, "自由", target="fr", min_support=0)


def test_doctests():
    import doctest

    from discourse import equivalence

    result = doctest.testmod(equivalence, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 5 and result.failed == 0


def test_n_is_the_option_and_ngrams_its_former_name(toy):
    new = equivalents(toy, "联合国", target="fr", top=None, n=1)
    with pytest.warns(FutureWarning, match=r"equivalents\(n=\.\.\.\)"):
        old = equivalents(toy, "联合国", target="fr", top=None, ngrams=1)
    pd.testing.assert_frame_equal(new, old)
    assert set(new["candidate"]) == {"déclaration", "nations", "unies"}
    assert "nations unies" in set(equivalents(toy, "联合国", target="fr", top=None)["candidate"])  # n=2
    with pytest.raises(InputError, match="give only n="):
        equivalents(toy, "自由", target="fr", n=1, ngrams=3)
    with pytest.raises(InputError, match="n .the longest candidate"):
        equivalents(toy, "自由", target="fr", n=0)
