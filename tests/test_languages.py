"""Tests of discourse.languages: tokenizers (zh, vi, fr, en, und), identify, stopwords."""

from __future__ import annotations

import doctest
import importlib
import os
import pickle
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse._data import data_path
from discourse.errors import InputError
from discourse.languages import LANGS, get_tokenizer, identify, identify_lines, is_punct
from discourse.languages.base import read_terms, user_cache_dir
from discourse.languages.vi import is_syllable, normalize_syllable, split_glued

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "data" / "languages"
SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared data not found at {SHARED}")


@pytest.fixture(scope="module")
def tok():
    """All tokenizers, created once (jieba's dictionary takes about 1 s to load)."""
    return {lang: get_tokenizer(lang) for lang in LANGS}


def surfaces(text, tokens):
    return [text[s:e] for s, e, _ in tokens]


def golden(name):
    lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


# ------------------------------------------------------------------ Chinese


@pytest.mark.parametrize("sentence, expected", golden("zh_golden.tsv"))
def test_zh_golden_segmentation(tok, sentence, expected):
    assert " ".join(surfaces(sentence, tok["zh"].tokenize(sentence))) == expected


REQUIRED_ZH = (
    "脱贫攻坚 脱贫攻坚战 精准扶贫 中央统筹 省负总责 市县抓落实 军令状 责任书 责任制 小康社会 扶贫开发 攻坚战 "
    "考核机制 党中央 中共中央 国务院 一把手"
).split()


def test_zh_every_domain_term_is_whole_in_the_golden_sentences():
    words = {w for _, expected in golden("zh_golden.tsv") for w in expected.split()}
    entries = [line.split()[0] for line in read_terms(data_path("dictionaries", "zh_domain.txt"))]
    assert sorted(set(REQUIRED_ZH + entries) - words) == []


def test_zh_norm_maps_ascii_punctuation_and_lowercases(tok):
    text = "精准扶贫,(试点):好!China?"
    assert [n for _, _, n in tok["zh"].tokenize(text)] == [
        "精准扶贫", "，", "（", "试点", "）", "：", "好", "！", "china", "？"
    ]


def test_zh_other_scripts_and_spaces(tok):
    text = "在 2015年 访问 China.org.cn 和 café 😀"
    assert surfaces(text, tok["zh"].tokenize(text)) == [
        "在", "2015", "年", "访问", "China", ".", "org", ".", "cn", "和", "café", "😀"
    ]


def test_zh_user_dict_terms_and_file(tmp_path):
    text = "派驻驻村工作队。"
    assert surfaces(text, get_tokenizer("zh").tokenize(text)) == ["派驻", "驻", "村", "工作队", "。"]
    zh = get_tokenizer("zh", user_dict=["驻村工作队"])
    assert surfaces(text, zh.tokenize(text)) == ["派驻", "驻村工作队", "。"]
    f = tmp_path / "terms.txt"
    f.write_text("# my terms\n驻村工作队 50000 n\n", encoding="utf-8")
    zh2 = get_tokenizer("zh", user_dict=f)
    assert zh2.tokenize(text) == zh.tokenize(text)
    assert len({zh.fingerprint, zh2.fingerprint, get_tokenizer("zh").fingerprint}) == 3


def test_zh_private_jieba_with_user_cache_dir(tok):
    tk = tok["zh"]._jieba
    assert tk.tmp_dir == str(user_cache_dir())
    import jieba

    assert tk is not jieba.dt


def test_import_is_lazy_and_jieba_global_state_untouched(tmp_path):
    code = """
import sys, logging
import discourse.languages as L
heavy = [m for m in ("jieba", "pyvi", "nltk") if m in sys.modules]
assert not heavy, heavy
L.get_tokenizer("zh").tokenize("脱贫攻坚战")
assert "jieba" not in sys.modules  # the compiled search (rjieba) needs no jieba
L.get_tokenizer("zh", user_dict=["攻坚 0"]).tokenize("脱贫攻坚战")  # a term of frequency 0: jieba's search
import jieba
assert not jieba.dt.initialized and "脱贫攻坚" not in jieba.dt.FREQ
assert logging.getLogger("jieba").level == logging.DEBUG
print("ok")
"""
    env = {**os.environ, "DISCOURSE_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=HERE.parent)
    assert out.stdout.strip() == "ok", out.stderr
    assert "prefix dict" not in out.stderr  # jieba's start-up messages are silenced
    assert any(tmp_path.iterdir())  # jieba's cache went to DISCOURSE_CACHE_DIR


def test_user_cache_dir_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path / "c"))
    assert user_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("DISCOURSE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert user_cache_dir() == tmp_path / "x" / "discourse"


# ------------------------------------------------------------------ Vietnamese


def check_golden(tokenizer, sentence, expected):
    got = " | ".join(
        sentence[s:e] if sentence[s:e] == n else f"{sentence[s:e]}={n}" for s, e, n in tokenizer.tokenize(sentence)
    )
    assert got == expected


@pytest.mark.parametrize("sentence, expected", golden("vi_golden.tsv"))
def test_vi_golden(tok, sentence, expected):
    check_golden(tok["vi"], sentence, expected)


def test_vi_domain_terms_whole(tok):
    text = "Trung ương Đảng Cộng sản Trung Quốc và Quốc vụ viện về trận chiến công kiên thoát nghèo, xoá đói giảm nghèo, trách nhiệm."
    norms = [n for _, _, n in tok["vi"].tokenize(text)]
    for term in ["trách nhiệm", "thoát nghèo", "quốc vụ viện", "xoá đói giảm nghèo", "công kiên", "trận chiến", "trung ương", "đảng cộng sản"]:
        assert term in norms
    for line in read_terms(data_path("dictionaries", "vi_domain.txt")):
        assert [n for _, _, n in tok["vi"].tokenize(f"về {line} .")] == ["về", tok["vi"].normalize(line), "."]


def test_vi_pyvi_boundaries_overridden_by_dictionary(tok):
    # pyvi alone gives "trận | chiến_công | kiên"
    text = "trận chiến công kiên"
    assert surfaces(text, tok["vi"].tokenize(text)) == ["trận chiến", "công kiên"]


def test_vi_glued_words_repaired(tok):
    text = "lãnh đạođượcphân công, Trung QuốcvàQuốc vụ viện, xác định mụctiêu, quan trọng.Đảng uỷ, China.org.cn, v.v."
    vi = tok["vi"]
    glued = {"đạođượcphân": "đạo được phân", "QuốcvàQuốc": "Quốc và Quốc", "mụctiêu": "mục tiêu"}
    assert vi.repairs(text) == [(text.index(g), text.index(g) + len(g), g, r) for g, r in glued.items()]
    tokens = vi.tokenize(text)
    assert surfaces(text, tokens) == [
        "lãnh đạo", "được", "phân công", ",", "Trung Quốc", "và", "Quốc vụ viện", ",", "xác định", "mụctiêu",
        ",", "quan trọng", ".", "Đảng uỷ", ",", "China.org.cn", ",", "v.v.",
    ]
    assert [n for _, _, n in tokens][9] == "mục tiêu"
    for s, e, original, _ in vi.repairs(text):
        assert text[s:e] == original


@needs_shared
def test_vi_seed_repairs_exactly():
    text = (SHARED / "seeds" / "000_6faf780c4d1388a2.txt").read_text(encoding="utf-8")
    assert [r[2:] for r in get_tokenizer("vi").repairs(text)] == [
        ("đạođượcphân", "đạo được phân"), ("QuốcvàQuốc", "Quốc và Quốc"), ("mụctiêu", "mục tiêu")
    ]


def test_vi_syllables_and_glue_splitting():
    for s in ["nghiêng", "Nguyễn", "khuỷu", "quốc", "giữ", "gìn", "khuya", "người", "xoong", "uỷ"]:
        assert is_syllable(s), s
    for s in ["mụctiêu", "China", "Kơtu", "đạođượcphân", "trọng.Đảng"]:
        assert not is_syllable(s), s
    assert split_glued("mụctiêu") == ["mục", "tiêu"]
    assert split_glued("café") == ["café"]  # no letter found only in Vietnamese
    assert split_glued("Kơtu") == ["Kơtu"]  # "kơ" is not Vietnamese spelling


def test_vi_tone_placement_norm(tok):
    pairs = {"xóa": "xoá", "Xoá": "xoá", "hòa": "hoà", "ủy": "uỷ", "thủy": "thuỷ", "khỏe": "khoẻ", "họa": "hoạ",
             "hoàng": "hoàng", "của": "của", "quý": "quý", "thuở": "thuở"}
    for written, norm in pairs.items():
        assert normalize_syllable(written) == norm
    assert tok["vi"].normalize("Xóa đói  giảm nghèo") == "xoá đói giảm nghèo"


def test_vi_words_never_cross_line_breaks(tok):
    text = "trách\nnhiệm trách  nhiệm trách nhiệm"
    assert surfaces(text, tok["vi"].tokenize(text)) == ["trách", "nhiệm", "trách", "nhiệm", "trách nhiệm"]


def test_vi_user_dict():
    vi = get_tokenizer("vi", user_dict=["đánh thắng"])
    text = "đánh thắng trận chiến"
    assert surfaces(text, vi.tokenize(text)) == ["đánh thắng", "trận chiến"]
    assert surfaces(text, get_tokenizer("vi").tokenize(text)) == ["đánh", "thắng", "trận chiến"]


# ------------------------------------------------------------------ French, English, und


@pytest.mark.parametrize("sentence, expected", golden("fr_golden.tsv"))
def test_fr_golden(tok, sentence, expected):
    check_golden(tok["fr"], sentence, expected)


def test_fr_elisions(tok):
    text = "d’un l’autorité qu’il jusqu’à lorsqu'on puisqu’elle j’ai m’a n’est s’améliorer t’a c’est aujourd’hui"
    assert [n for _, _, n in tok["fr"].tokenize(text)] == [
        "d'", "un", "l'", "autorité", "qu'", "il", "jusqu'", "à", "lorsqu'", "on", "puisqu'", "elle", "j'", "ai",
        "m'", "a", "n'", "est", "s'", "améliorer", "t'", "a", "c'", "est", "aujourd'hui",
    ]


def test_en_tokens(tok):
    text = "The State’s “duty” isn't over: 1,000 well-being U.S. rights..."
    assert [n for _, _, n in tok["en"].tokenize(text)] == [
        "the", "state", "'s", "“", "duty", "”", "is", "n't", "over", ":", "1,000", "well-being", "u.s.", "rights",
        "...",
    ]


def test_und_tokens(tok):
    text = "Привет, мир! 你好 x_y 3.5"
    assert [n for _, _, n in tok["und"].tokenize(text)] == ["привет", ",", "мир", "!", "你", "好", "x_y", "3.5"]


# ------------------------------------------------------------------ every tokenizer

_ALPHABET = list(
    "脱贫攻坚战责任书中央统筹的了是，。、《》“”（）"
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐ"
    "ÀÉÈÇçœ’'«»-.,;:!?()[]\"…—0123456789 \n\t\u00a0\u3000\u200b\x00😀👍🏽"
)
texts = st.text(alphabet=st.sampled_from(_ALPHABET) | st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_token_spans_are_valid_for_any_text(tok, text):
    for lang, tokenizer in tok.items():
        tokens = tokenizer.tokenize(text)
        end = 0
        for s, e, norm in tokens:
            assert end <= s < e <= len(text), (lang, tokens)
            surface = text[s:e]
            assert surface.strip() and norm, (lang, surface)
            if lang == "vi":
                assert re.fullmatch(r"\S+(?: \S+)*", surface), surface
            else:
                assert not any(c.isspace() for c in surface), (lang, surface)
            end = e
    assert tok["vi"].tokenize_many([text, "", text]) == [tok["vi"].tokenize(text), [], tok["vi"].tokenize(text)]


def test_tokenize_many_matches_tokenize(tok):
    texts = ["Xin chào thế giới.", "", "脱贫攻坚", "L’État"]
    for tokenizer in tok.values():
        assert tokenizer.tokenize_many(texts) == [tokenizer.tokenize(t) for t in texts]


def test_get_tokenizer_caches_and_validates(tok):
    assert get_tokenizer("fr") is tok["fr"]
    assert get_tokenizer("fr", stopwords=["le"]) is not tok["fr"]
    assert get_tokenizer("fr", stopwords=["Le"]).stopwords == frozenset({"le"})
    assert tok["zh"].lang == "zh" and tok["und"].repairs("abc") == []
    with pytest.raises(InputError, match="unknown language"):
        get_tokenizer("de")
    with pytest.raises(InputError, match="zh and vi only"):
        get_tokenizer("fr", user_dict=["mise en place"])
    with pytest.raises(InputError, match="file not found"):
        get_tokenizer("vi", user_dict=Path("/nonexistent/terms.txt"))


def test_tokenizers_pickle_as_their_get_tokenizer_call(tok):
    tok["zh"].tokenize("脱贫")  # a loaded jieba instance is not picklable itself
    for lang, tokenizer in tok.items():
        assert pickle.loads(pickle.dumps(tokenizer)) is tokenizer
    custom = get_tokenizer("vi", user_dict=["đánh thắng"], stopwords=["và"])
    assert pickle.loads(pickle.dumps(custom)) is custom


def test_fingerprints_are_stable_and_distinct(tok):
    prints = {lang: t.fingerprint for lang, t in tok.items()}
    assert len(set(prints.values())) == len(LANGS)
    assert all(re.fullmatch("[0-9a-f]{16}", p) for p in prints.values())
    assert get_tokenizer("en", stopwords=["x"]).fingerprint != prints["en"]


def test_is_punct():
    assert all(is_punct(p) for p in ["，", "。", "«", "»", "...", "“", "%", "😀", "-"])
    assert not any(is_punct(p) for p in ["", "a", "2", "l'", "中"])


# ------------------------------------------------------------------ stopwords


def test_stopword_lists(tok):
    expected = {"zh": ["的", "了", "和"], "vi": ["của", "và", "các", "bởi vì"], "fr": ["le", "de", "l'", "d'"],
                "en": ["the", "of", "n't", "'s"]}
    excluded = {"zh": ["发展", "工作", "责任"], "vi": ["thực hiện", "cụ thể", "quan trọng", "phát triển", "trách nhiệm"],
                "fr": ["pauvreté", "responsabilité"], "en": ["work", "right"]}
    for lang in expected:
        stops = tok[lang].stopwords
        # function words only (checked against UD tags in test_stopwords.py): fewer than the
        # 640-1260 entries of the stopwords-iso lists
        assert len(stops) > {"zh": 300, "vi": 90, "fr": 150, "en": 170}[lang]
        assert set(expected[lang]) <= stops and not set(excluded[lang]) & stops
        assert not any(is_punct(w) for w in stops)
    assert tok["und"].stopwords == frozenset()


# ------------------------------------------------------------------ identify


def test_identify_basic():
    assert identify("") == identify("2021") == identify("...") == "und"
    assert identify("脱贫攻坚责任书") == "zh"
    assert identify("Đảng uỷ") == "vi"
    assert identify("Le 18 juin 2015") == "fr"
    assert identify("The right to work") == "en"
    assert identify("ひらがなと漢字") == "und"


def test_identify_sentences_without_function_words():
    # 1 English news sentence in 26 had none of the function words the rules knew
    assert identify("Natural disasters make logistics even more complicated.") == "en"
    assert identify("Les catastrophes naturelles compliquent encore la logistique.") == "fr"
    assert identify("Thiên tai khiến việc hậu cần càng thêm phức tạp.") == "vi"
    # und stays possible: another script, no letters, or nothing to tell the language by
    assert identify("Это абзац на русском языке.") == identify("12 345,6 %") == "und"
    assert identify("Sara") == identify("Article 1") == "und"


def test_identify_lines_gives_short_lines_the_language_of_their_version():
    body_en = "All human beings are born free and equal in dignity and rights."
    body_fr = "Tous les êtres humains naissent libres et égaux en dignité et en droits."
    assert identify_lines(["Article 1", body_en, "Article 2", body_en]) == ["en"] * 4
    assert identify_lines([body_fr, "Article 2", body_fr]) == ["fr"] * 3
    # a title between two versions heads the one after it; so does a title without evidence
    assert identify_lines([body_en, "Article premier", body_fr]) == ["en", "fr", "fr"]
    assert identify_lines([body_fr, "Article 1", body_en]) == ["fr", "en", "en"]
    # a hanzi alone fits Chinese only; a Latin name inside a Chinese version fits neither
    assert identify_lines(["第", "人人生而自由,在尊严和权利上一律平等。", "Xinhua"]) == ["zh", "zh", "und"]


def test_identify_lines_without_letters_or_of_another_script():
    en = "Natural disasters make logistics even more complicated."
    fr = "Les catastrophes naturelles compliquent encore la logistique."
    # no letters: the version's language inside a version (or at an edge), und between two
    assert identify_lines([en, "2021", en, "***"]) == ["en", "en", "en", "en"]
    assert identify_lines([en, "2021", fr]) == ["en", "und", "fr"]
    assert identify_lines(["2021"]) == ["und"]
    # letters of no language of ours never take the context
    assert identify_lines([en, "Это абзац на русском языке.", en]) == ["en", "und", "en"]
    assert identify_lines([]) == []


@needs_shared
def test_identify_seed_paragraphs():
    expected = {
        "000_6faf780c4d1388a2.txt": ["vi", "vi", "und", "vi", "vi", "vi", "zh", "zh", "zh"],
        "003_90d6e10e09142168.txt": ["fr", "fr", "zh", "zh", "zh"],
    }
    for name, langs in expected.items():
        lines = [line for line in (SHARED / "seeds" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        assert [identify(line) for line in lines] == langs
        assert identify_lines(lines) == [lang if lang != "und" else "vi" for lang in langs]  # the date line
    assert identify("(Thoát nghèo chuẩn xác)") == "vi"
    assert identify("14-01-2021 | China.org.cn") == "und"


@needs_shared
@pytest.mark.parametrize("lang, code", [("zh", "cmn_hans"), ("vi", "vie"), ("fr", "fra"), ("en", "eng")])
def test_identify_udhr(lang, code):
    root = ET.parse(SHARED / "eval" / "udhr" / f"udhr_{code}.xml").getroot()
    paras = ["".join(p.itertext()) for p in root.iter("{http://efele.net/udhr}para")]
    right = sum(identify(p) == lang for p in paras)
    assert right / len(paras) >= 0.98


# ------------------------------------------------------------------ docstring examples


@pytest.mark.parametrize("module", ["base", "identify", "vi", "zh", "fr", "en", "und"])
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(f"discourse.languages.{module}"))
    assert result.failed == 0


# ------------------------------------------------------------------ internal fast paths

_MIXED = [
    "« L’autorité d’un peuple » aujourd’hui, U.E. 3,5 %... peut-être",
    "Trận chiến công kiên thoát nghèo, xác định mụctiêu. XÓA ĐÓI ủy ban Ｈà Nội 2.020",
    "打赢脱贫攻坚战,China. 脫貧攻堅 ＧＤＰ２０２０",
    "",
    "   \n\t",
    "It's done — don't stop. ΑΣ Σ' İstanbul ǅungla",
]


def _flat(columns):
    """``token_columns`` output as counts and one ``(start, end, norm)`` list."""
    counts, starts, ends, types, ids = columns
    assert len(starts) == len(ends) == len(ids) == sum(counts)
    assert len(set(types)) == len(types)
    assert sorted(set(ids)) == list(range(len(types)))  # every type used
    assert [types[i] for i in dict.fromkeys(ids)] == types  # types in order of first use
    return counts, [(s, e, types[i]) for s, e, i in zip(starts, ends, ids)]


@pytest.mark.parametrize("lang", LANGS)
def test_columns_match_tokenize_many(tok, lang):
    texts = _MIXED + [t.upper() for t in _MIXED] + _MIXED  # repeats: the norm cache is hit
    counts, flat = _flat(tok[lang].token_columns(texts))
    expected = tok[lang].tokenize_many(texts)
    assert counts == [len(tokens) for tokens in expected]
    assert flat == [t for tokens in expected for t in tokens]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="aAàÀảĐđơƠưƯ ’'-.,«0123456789中国ΣİǅＧ\n", max_size=40), max_size=4))
def test_columns_match_tokenize_on_random_text(texts):
    for lang in ("fr", "en", "vi", "zh", "und"):
        tokenizer = get_tokenizer(lang)
        counts, flat = _flat(tokenizer.token_columns(texts))
        assert counts == [len(tokenizer.tokenize(text)) for text in texts]
        assert flat == [t for text in texts for t in tokenizer.tokenize(text)]


# -- zh: the same words as jieba.cut; fr, en: the same spans as NLTK's RegexpTokenizer


def _jieba_reference(tokenizer, text):
    """What the zh tokenizer must give, made the plain way: ``jieba.cut`` over the whole
    text, words with hanzi kept, everything between them split by the generic rule."""
    from discourse.languages.base import generic_spans

    simplified = tokenizer._to_simplified(text)
    text = simplified if len(simplified) == len(text) else text
    tokens, pos, other = [], 0, 0
    for word in tokenizer._jieba.cut(text, HMM=False):
        if re.search(r"[\u4e00-\u9fff]", word):
            tokens += [(s, e, tokenizer.normalize(text[s:e])) for s, e in generic_spans(text, other, pos)]
            tokens.append((pos, pos + len(word), word))
            other = pos + len(word)
        pos += len(word)
    return tokens + [(s, e, tokenizer.normalize(text[s:e])) for s, e in generic_spans(text, other, pos)]


def _reference_texts():
    texts = list(_MIXED) + ["A股和T恤、卡拉OK、B超3D打印，2019年增长3.5%……１２３", "㐀〇中國A股", "ab中cd"]
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()
    gold = SHARED / "eval" / "segmentation" / "zh_gsdsimp-ud-test.conllu"
    if gold.exists():
        from discourse.languages import read_conllu

        texts += [text for text, _ in read_conllu(gold)]
    return texts


def test_zh_words_are_jiebas(tok):
    texts = _reference_texts()
    assert len(texts) > 500 or not SHARED.is_dir()
    for text in texts:
        assert tok["zh"].tokenize(text) == _jieba_reference(tok["zh"], text), text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="中国人民共和国脱贫攻坚战军令状的了是在不一有人和大国家发展A股T恤OKab12.%-，。 \n㐀", max_size=30))
def test_zh_words_are_jiebas_on_random_text(text):
    tokenizer = get_tokenizer("zh")
    assert tokenizer.tokenize(text) == _jieba_reference(tokenizer, text)


def test_zh_words_are_jiebas_with_user_terms():
    tokenizer = get_tokenizer("zh", user_dict=["攻坚战军令", "民共"])
    for text in _MIXED + ["人民共和国打赢脱贫攻坚战军令状"]:
        assert tokenizer.tokenize(text) == _jieba_reference(tokenizer, text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_regex_spans_are_nltks(tok, lang):
    from nltk.tokenize import RegexpTokenizer

    nltk_spans = RegexpTokenizer(tok[lang].pattern).span_tokenize
    for text in _reference_texts() + [t.upper() for t in _MIXED]:
        assert [(s, e) for s, e, _ in tok[lang].tokenize(text)] == list(nltk_spans(text))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="aAéÉ’'ʼ-‐.,«»…0123456789 \n\tn'tsqujlcd中ΣİǅＧ_", max_size=40))
def test_regex_spans_are_nltks_on_random_text(text):
    from nltk.tokenize import RegexpTokenizer

    for lang in ("fr", "en"):
        tokenizer = get_tokenizer(lang)
        spans = [(s, e) for s, e, _ in tokenizer.tokenize(text)]
        assert spans == list(RegexpTokenizer(tokenizer.pattern).span_tokenize(text))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="aAbBhHnNàÀộỘĐđ0123456789ΣσςİǅX.'", min_size=1, max_size=6), max_size=8))
def test_crf_features_equal_pyvi(syllables):
    from pyvi.ViTokenizer import ViTokenizer

    from discourse.languages.vi import crf_features

    ours = crf_features(syllables, ViTokenizer.bi_grams, ViTokenizer.tri_grams)
    theirs = ViTokenizer.sent2features(syllables, False)
    assert ours == theirs
    assert [list(f.items()) for f in ours] == [list(f.items()) for f in theirs]  # same order, same types


def test_crf_features_equal_pyvi_on_real_syllables(tok):
    from pyvi.ViTokenizer import ViTokenizer

    from discourse.languages.vi import crf_features

    text = ("Hà Nội là thủ đô của nước Cộng hoà xã hội chủ nghĩa Việt Nam. Trận chiến công kiên "
            "thoát nghèo, xác định mụctiêu; Uỷ ban nhân dân TP. Hồ Chí Minh năm 2020 (v.v.)")
    syllables = tok["vi"]._pieces(text)[5]
    assert len(syllables) > 20
    assert any(crf_features(syllables, ViTokenizer.bi_grams, ViTokenizer.tri_grams)[i]["+1:word.bi_gram()"]
               for i in range(len(syllables) - 1))  # the lexicon is really consulted
    ours = crf_features(syllables, ViTokenizer.bi_grams, ViTokenizer.tri_grams)
    assert [list(f.items()) for f in ours] == [list(f.items()) for f in ViTokenizer.sent2features(syllables, False)]


# ---------------------------------------------------------------- the registry


def test_every_registered_language_provides_what_a_language_module_must():
    from discourse.languages import registry

    for code, module in registry.LANGUAGES.items():
        missing = [name for name in registry.REQUIRED if not hasattr(module, name)]
        assert not missing, f"discourse.languages.{code} lacks {missing}"
        assert module.CODE == code
        assert isinstance(module.NAME, str) and module.NAME, code
        assert isinstance(module.ALIASES, tuple) and all(a == a.lower() and a.isalpha() for a in module.ALIASES), code
        assert isinstance(module.USER_DICT, bool), code
        assert re.fullmatch(r"#[0-9A-F]{6}", module.COLOR), code
        assert module.stem is None or callable(module.stem)
        assert module.TOKENIZER.lang == code
        assert all(registry.normalize_code(alias) == code for alias in module.ALIASES)
    colors = [m.COLOR for m in registry.LANGUAGES.values()]
    assert len(set(colors)) == len(colors), "two languages share a colour"
    assert registry.LANGS[-1] == "und"
