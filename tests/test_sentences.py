"""Sentence splitting: each language's rules, nothing lost, and the corpus's sentence table."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse
from discourse.languages import registry
from discourse.sentences import COLUMNS, sentences

SEEDS = Path(__file__).resolve().parents[1] / "data" / "raw" / "seeds"


def pieces(lang, text, start=0, end=None):
    return [text[s:e] for s, e in registry.language(lang).split_sentences(text, start, end)]


# ------------------------------------------------------------------ the rules, language by language
CASES = [
    # Chinese: 。！？… and runs of ！？, closing quotes and brackets go with their sentence
    ("zh", "我们要脱贫。大家同意！！真的吗？？好……走吧", ["我们要脱贫。", "大家同意！！", "真的吗？？", "好……", "走吧"]),
    ("zh", "他说：“我们要脱贫！”大家都同意。「真的吗？」（对。）《好》",
     ["他说：“我们要脱贫！”", "大家都同意。", "「真的吗？」", "（对。）", "《好》"]),
    ("zh", "增长3.5%。“好！”，他说。", ["增长3.5%。", "“好！”，他说。"]),
    ("zh", "第一，坚持党的领导；第二，坚持人民至上。", ["第一，坚持党的领导；第二，坚持人民至上。"]),
    # French: abbreviations, initials, decimals, « » quotes, lower-case continuation, list items
    ("fr", "M. Dupont et Mme Durand lisent l’art. 5, p. 12. Ils partent.",
     ["M. Dupont et Mme Durand lisent l’art. 5, p. 12.", "Ils partent."]),
    ("fr", "J.-P. Sartre naît en 1905. Il écrit.", ["J.-P. Sartre naît en 1905.", "Il écrit."]),
    ("fr", "Rome fut fondée en 753 av. J.-C. Elle grandit.", ["Rome fut fondée en 753 av. J.-C.", "Elle grandit."]),
    ("fr", "Le taux est de 3,5 % (cf. tableau n° 2). « C’est fini ! » Il part.",
     ["Le taux est de 3,5 % (cf. tableau n° 2).", "« C’est fini ! »", "Il part."]),
    ("fr", "« Quoi ? » dit-il. Puis rien… Enfin, etc. Le soir vint.",
     ["« Quoi ? » dit-il.", "Puis rien…", "Enfin, etc.", "Le soir vint."]),
    ("fr", "1. Le contexte. 2. Les enjeux.", ["1. Le contexte.", "2. Les enjeux."]),
    ("fr", "Il hésita... puis partit. Dr Martin arriva.", ["Il hésita... puis partit.", "Dr Martin arriva."]),
    # English
    ("en", "Mr. Smith paid $3.50 on Jan. 5. He left.", ["Mr. Smith paid $3.50 on Jan. 5.", "He left."]),
    ("en", "The U.S. Army won. It was in the U.S. The war ended.",
     ["The U.S. Army won.", "It was in the U.S.", "The war ended."]),
    ("en", 'Use tools, e.g. hammers, i.e. things. "Good!" she said. Acme Inc. The end.',
     ["Use tools, e.g. hammers, i.e. things.", '"Good!" she said.', "Acme Inc.", "The end."]),
    ("en", "John F. Kennedy spoke (see No. 4). Then? Yes!", ["John F. Kennedy spoke (see No. 4).", "Then?", "Yes!"]),
    # Vietnamese
    ("vi", "PGS. TS. Nguyễn Văn A đến TP. Hồ Chí Minh. Tăng 3,5 %, v.v. Ông nói: “Tốt!” Rồi đi.",
     ["PGS. TS. Nguyễn Văn A đến TP. Hồ Chí Minh.", "Tăng 3,5 %, v.v.", "Ông nói: “Tốt!”", "Rồi đi."]),
    ("vi", "ThS. Lê Thị B và Tp. Huế. Giá 28.000 đồng.", ["ThS. Lê Thị B và Tp. Huế.", "Giá 28.000 đồng."]),
    ("vi", "Mục tiêu quan trọng.Đảng lãnh đạo.", ["Mục tiêu quan trọng.", "Đảng lãnh đạo."]),  # glued by extraction
    # und: the generic rule
    ("und", "Hola. ¿Qué tal? 你好。再见", ["Hola.", "¿Qué tal?", "你好。", "再见"]),
]


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_sentence_rules(lang, text, expected):
    assert pieces(lang, text) == expected


@pytest.mark.parametrize("lang", registry.LANGS)
def test_a_blank_line_ends_a_sentence_and_a_line_break_does_not(lang):
    text = "Une ligne\ncoupée\n\nun autre paragraphe"
    assert pieces(lang, text) == ["Une ligne\ncoupée", "un autre paragraphe"]


def test_start_and_end_split_a_part_with_offsets_into_the_whole():
    text = "Avant. Il pleut. Je pars. Après."
    spans = registry.language("fr").split_sentences(text, 7, 25)
    assert spans == [(7, 16), (17, 25)]
    assert registry.language("fr").split_sentences(text, 7, 7) == []
    assert registry.language("zh").split_sentences("   ") == []


# ------------------------------------------------------------------ nothing lost
ALPHABET = st.sampled_from(list("ab Zé文中 .!?…。！？；,:;\"'«»“”)(」「\n\t3") + ["M.", "etc.", "J.-P.", "U.S.", "3.5", "TP."])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lang=st.sampled_from(registry.LANGS), parts=st.lists(ALPHABET, max_size=60), data=st.data())
def test_spans_hold_every_non_space_character_once(lang, parts, data):
    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = registry.language(lang).split_sentences(text, start, end)
    pos = start
    rebuilt = []
    for s, e in spans:
        assert pos <= s < e <= end
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert text[pos:s].strip() == ""  # only whitespace between sentences
        rebuilt += [text[pos:s], text[s:e]]
        pos = e
    assert text[pos:end].strip() == ""
    rebuilt.append(text[pos:end])
    assert "".join(rebuilt) == text[start:end]


# ------------------------------------------------------------------ the corpus table
@pytest.fixture(scope="module", params=["poverty_alleviation", "udhr", "gov_work_reports"])
def bundled(request):
    return discourse.load_corpus(request.param)


def test_sentences_point_into_their_segments_and_cover_them(bundled):
    before = bundled.segments
    table = sentences(bundled)
    assert tuple(table.columns) == COLUMNS
    segs = before.set_index(["doc_id", "seg_id"])
    seg_text = segs["text"]
    for row in table.itertuples():
        assert seg_text.loc[(row.doc_id, row.seg_id)][row.start:row.end] == row.text
    # nothing lost: every non-space character of every segment is in one sentence
    joined = table.groupby(["doc_id", "seg_id"])["text"].apply("".join)
    for key, text in seg_text.items():
        assert "".join(text.split()) == "".join(joined.get(key, "").split())
    # sent_id numbers a document's sentences 1.. in reading order
    for _, doc in table.groupby("doc_id", sort=False):
        ordered = doc.sort_values(["seg_id", "start"])
        assert ordered["sent_id"].tolist() == list(range(1, len(doc) + 1))
    # the segment's align_id and role are carried; the corpus is unchanged
    assert table["role"].tolist() == segs.loc[list(zip(table["doc_id"], table["seg_id"])), "role"].tolist()
    assert bundled.segments.equals(before)


def test_file_offsets_point_at_the_same_text_in_the_file():
    for corpus in (discourse.load_corpus("udhr"), discourse.read(SEEDS)):
        table = sentences(corpus)
        segs = corpus.segments.set_index(["doc_id", "seg_id"])
        files = {p: Path(p).read_text(encoding="utf-8") for p in segs["path"].unique()}
        checked = 0
        for row in table.itertuples():
            seg = segs.loc[(row.doc_id, row.seg_id)]
            text = files[seg["path"]]
            assert text[row.file_start:row.file_end] == row.text
            assert text.splitlines()[row.line - 1].count(row.text) >= 1
            checked += 1
        assert checked > 20


def test_more_than_one_sentence_a_paragraph_in_the_bundled_corpus():
    table = sentences(discourse.load_corpus())
    per_segment = table.groupby(["doc_id", "seg_id"]).size()
    assert per_segment.max() >= 5 and len(table) > 2 * len(discourse.load_corpus().segments)
