"""The zh tokenizer's compiled search (rjieba, jieba-rs) gives jieba's words (issue 18).

The reference is jieba itself: a private ``jieba.Tokenizer`` given our domain dictionary
and the user terms, ``cut(text, HMM=False)`` over the whole (Simplified) text, the words
with hanzi kept and everything between them split by the generic rule. It is built here,
not taken from the tokenizer.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse._data import data_path
from discourse.languages import get_tokenizer, read_conllu
from discourse.languages._zh_rjieba import (
    BLOCK,
    DICT_DUPLICATE_EXTRA,
    cut_blocks,
    jieba_dict_file,
    rjieba_segmenter,
)
from discourse.languages.base import generic_spans, read_terms
from discourse.languages.zh import USER_TERM_FREQ, ChineseTokenizer

from .conftest import ROOT

SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared data not found at {SHARED}")
HAN = re.compile(r"[\u4e00-\u9fd5]")


def _entry(line, default):
    parts = line.split()
    if len(parts) > 1 and parts[1].isdigit():
        return parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None
    return line, default, None


@pytest.fixture(scope="module")
def jieba_for(tmp_path_factory):
    """user terms -> a private jieba.Tokenizer with our domain dictionary and those terms."""
    import jieba

    made = {}

    def make(terms=()):
        if terms not in made:
            tk = jieba.Tokenizer()
            tk.tmp_dir = str(tmp_path_factory.mktemp("jieba"))
            tk.initialize()
            for line in read_terms(data_path("dictionaries", "zh_domain.txt")):
                tk.add_word(*_entry(line, None))
            for term in terms:
                tk.add_word(*_entry(term, USER_TERM_FREQ))
            made[terms] = tk
        return made[terms]

    return make


def reference(tokenizer, tk, text):
    """The tokens jieba's own words give (see the module docstring)."""
    simplified = tokenizer._to_simplified(text)
    text = simplified if len(simplified) == len(text) else text
    tokens, pos, other = [], 0, 0
    for word in tk.cut(text, HMM=False):
        if HAN.search(word):
            tokens += [(s, e, tokenizer.normalize(text[s:e])) for s, e in generic_spans(text, other, pos)]
            tokens.append((pos, pos + len(word), word))
            other = pos + len(word)
        pos += len(word)
    return tokens + [(s, e, tokenizer.normalize(text[s:e])) for s, e in generic_spans(text, other, pos)]


def assert_same(tokenizer, tk, texts):
    """Tokens of each text, alone and all texts in one call, are jieba's."""
    expected = [reference(tokenizer, tk, text) for text in texts]
    together = tokenizer.tokenize_many(texts)
    for text, ours, theirs in zip(texts, together, expected):
        assert ours == theirs, text
    assert [tokenizer.tokenize(text) for text in texts[:200]] == expected[:200]


def corpus_texts():
    texts = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()
    texts += [text for text, _ in read_conllu(SHARED / "eval" / "segmentation" / "zh_gsdsimp-ud-test.conllu")]
    reports = [json.loads(line)["content"] for line in
               (SHARED / "bench" / "zh_government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()]
    budget = sum(map(len, reports)) // 10  # a 10 % prefix of the reports
    for text in reports:
        texts += text[:budget].splitlines()
        budget -= len(text)
        if budget <= 0:
            break
    return texts


EDGES = [
    "", "\n", "A股和T恤、卡拉OK、B超3D打印，2019年增长3.5%……１２３", "㐀〇中國A股𠀀鿿中", "ab中cd", "x光机γ射线",
    "打赢脱贫攻坚战,China. 脫貧攻堅 ＧＤＰ２０２０", "😀中国😀\r\n人民 \u3000共和国\t", "中\u0301国", "省负总责市县抓落实",
    "a\x00中国\x1f脫貧\r\n攻坚", "C++和c#语言", "100%的AT&T", "中华人民共和国国务院总理", "\u3013中国\u3013",
]


@needs_shared
def test_same_words_as_jieba_on_seeds_gold_and_reports(jieba_for):
    tokenizer = get_tokenizer("zh")
    assert tokenizer._rjieba is not None  # the compiled search is the one used
    texts = corpus_texts()
    assert len(texts) > 2000 and sum(map(len, texts)) > 120_000
    assert_same(tokenizer, jieba_for(), texts + EDGES)


ALPHABET = ("中国人民共和国脱贫攻坚战军令状省负总责的了是在不一有人和大国家发展乾隆脫貧攻堅戰貧窮"
            "AaBbTOKxz0129+#&._%-，。、！？“”《》（）,.!?;:'\"()[] \u3000\n\r\t😀㐀𠀀〇ＧＤＰ２\u0301\x1f")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=5))
def test_same_words_as_jieba_on_random_text(jieba_for, texts):
    assert_same(get_tokenizer("zh"), jieba_for(), texts)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=4))
def test_same_words_as_jieba_on_any_characters(jieba_for, texts):
    assert_same(get_tokenizer("zh"), jieba_for(), texts)


# Terms that replace a dictionary word's frequency: jieba adds the new one to its total
# without taking the old one off, jieba-rs does not; the two totals must be made equal.
USER_CASES = [
    ("驻村工作队", "攻坚战军令", "民共"),
    ("的 5000000", "是 5000000"),
    ("中国 200000", "发展 100000", "中国 300000", "国务院"),
]


@needs_shared
@pytest.mark.parametrize("terms", USER_CASES)
def test_same_words_as_jieba_with_user_terms(jieba_for, terms):
    tokenizer = get_tokenizer("zh", user_dict=list(terms))
    assert tokenizer._rjieba is not None
    texts = [text for text, _ in read_conllu(SHARED / "eval" / "segmentation" / "zh_gsdsimp-ud-test.conllu")]
    assert_same(tokenizer, jieba_for(terms), texts + EDGES + ["人民共和国打赢脱贫攻坚战军令状", "派驻村工作队"])


@needs_shared
def test_the_totals_matter_and_are_made_equal(jieba_for):
    # with a bare rjieba.Jieba given the same words, some sentences come out otherwise
    import rjieba

    terms = USER_CASES[1]
    entries = [_entry(line, None) for line in read_terms(data_path("dictionaries", "zh_domain.txt"))]
    entries += [_entry(t, USER_TERM_FREQ) for t in terms]
    bare = rjieba.Jieba()
    for entry in entries:
        bare.add_word(*entry)
    ours = rjieba_segmenter(entries, jieba_dict_file().read_bytes())
    tk = jieba_for(terms)
    texts = [text for text, _ in read_conllu(SHARED / "eval" / "segmentation" / "zh_gsdsimp-ud-test.conllu")]
    blocks = list(dict.fromkeys(b for text in texts for b in BLOCK.split(text)[1::2]))
    expected = [tk.lcut(b, HMM=False) for b in blocks]
    assert sum(a != b for a, b in zip(cut_blocks(bare, blocks), expected)) > 0
    assert cut_blocks(ours, blocks) == expected


def test_a_term_of_frequency_zero_keeps_jiebas_own_search(jieba_for):
    terms = ("攻坚 0", "中国 0")
    tokenizer = get_tokenizer("zh", user_dict=list(terms))
    assert tokenizer._rjieba is None
    assert_same(tokenizer, jieba_for(terms), EDGES + ["打赢脱贫攻坚战", "中国人民", "中国"])


def test_blocks_and_dictionary_are_jiebas():
    import jieba

    assert BLOCK.pattern == jieba.re_han_default.pattern and BLOCK.flags == jieba.re_han_default.flags
    # jieba's total counts every line of dict.txt; jieba-rs one frequency a word (the last)
    freqs, total = {}, 0
    for line in jieba_dict_file().read_text(encoding="utf-8").splitlines():
        word, freq = line.split(" ")[:2]
        freqs.setdefault(word, set()).add(int(freq))
        total += int(freq)
    assert all(len(f) == 1 for f in freqs.values())  # a word's lines agree: its first line is its frequency
    assert total - sum(f.pop() for f in freqs.values()) == DICT_DUPLICATE_EXTRA
    assert jieba.Tokenizer().gen_pfdict(jieba_dict_file().open("rb"))[1] == total


def test_fingerprint_names_the_compiled_segmenter(monkeypatch, tmp_path):
    import importlib.metadata

    assert "rjieba" in ChineseTokenizer.libraries
    # each in a cache directory of its own: the versions found are remembered there
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path / "a"))
    before = ChineseTokenizer().fingerprint
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda lib: "9.9" if lib == "rjieba" else real(lib))
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path / "b"))
    assert ChineseTokenizer().fingerprint != before


def test_no_global_state_and_no_jieba_needed():
    code = """
import sys
from discourse.languages import get_tokenizer
assert get_tokenizer("zh").tokenize("省负总责") == [(0, 4, "省负总责")]
assert "jieba" not in sys.modules and "rjieba" not in sys.modules, sorted(sys.modules)
import rjieba  # its own module-level instance: without our domain words
assert rjieba.cut("省负总责", hmm=False) != ["省负总责"] and rjieba.Jieba().cut("省负总责", hmm=False) != ["省负总责"]
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "ok", done.stderr


def test_user_terms_counted_in_order():
    # the same word given twice: the last frequency holds, as in jieba
    seg = rjieba_segmenter([("脱贫攻坚战", 1, None), ("脱贫攻坚战", 90000, None)], jieba_dict_file().read_bytes())
    assert cut_blocks(seg, ["打赢脱贫攻坚战"]) == [["打赢", "脱贫攻坚战"]]
    assert Counter(map(len, cut_blocks(seg, ["中国", ""]))) == Counter({1: 1, 0: 1})


def test_a_lone_surrogate_is_kept_and_its_text_segmented_as_it_is():
    # OpenCC reads UTF-8 only: a text holding a lone surrogate (a surrogateescape'd byte)
    # raised UnicodeEncodeError; it is segmented unconverted, the others as before
    tokenizer = get_tokenizer("zh")
    texts = ["打赢脱贫\ud800攻坚战，", "脫貧攻堅"]
    tokens = tokenizer.tokenize_many(texts)
    assert [[texts[0][s:e] for s, e, _ in tokens[0]], tokens[1]] == [
        ["打赢", "脱贫", "\ud800", "攻坚战", "，"], [(0, 4, "脱贫攻坚")]]
    assert tokenizer.tokenize("\ud800") == [(0, 1, "\ud800")]
