"""Our English Snowball stemmer gives NLTK's stems, word for word, and does not import NLTK.

The reference is ``nltk.stem.snowball.SnowballStemmer("english").stem``, on the distinct words
of real text: the CC-CEDICT English glosses and the English stopwords (always), the UD English
EWT test sentences, the NTREX news sentences, the English UDHR and the seed files (from
../shared), each tokenized twice (raw-case letter runs, and the English tokenizer's norms), plus
edge cases and every suffix of every step of the algorithm after a few stems.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from discourse.languages import get_tokenizer
from discourse.languages._en_snowball import stem

from .conftest import ROOT

LETTER_RUNS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

EDGE_CASES = [
    "", "a", "is", "The", "SKIES", "Skies", "dying", "lying", "tying", "news", "skis", "inning", "innings",
    "proceed", "exceeding", "succeeded", "generously", "general", "generate", "communism", "community",
    "arsenal", "arsenic", "'tis", "dog's", "dogs'", "dog’s", "dog‘s", "dog‛s", "’s", "'s'", "''s", "'''", "'",
    "y", "Y", "yes", "say", "sayings", "yyy", "ayyy", "Yelling", "boy's", "cry", "by", "spy", "2020", "3rd",
    "脱贫", "café", "cafés", "naïve", "ÉCOLE", "İstanbul", "straße", "well-known", "e-mail", "x", "xx", "xxx",
    "hop", "hoped", "hoping", "hopped", "hopping", "ared", "bled", "iced", "aged", "eed", "ing", "ed", "sing",
    "the\n", "tional\n", " s", "ll", "all", "fall", "falling", "controll", "agreed", "feed", "bleed",
    "organization", "responsibilities", "hopefulness", "ies", "ied", "ties", "cries", "gas", "gaps", "kiwis",
    "abilities", "logi", "ology", "anthropology", "apology", "luxuriously", "emotionally", "evaluative",
]

# The suffixes each step of the algorithm looks for (snowballstem.org's description), and a few
# letters that decide the rules' conditions; every suffix is tried after every stem.
SUFFIXES = [
    "'s'", "'s", "'", "sses", "ied", "ies", "us", "ss", "s", "eedly", "ingly", "edly", "eed", "ing", "ed",
    "y", "ization", "ational", "fulness", "ousness", "iveness", "tional", "biliti", "lessli", "entli", "ation",
    "alism", "aliti", "ousli", "iviti", "fulli", "enci", "anci", "abli", "izer", "ator", "alli", "bli", "ogi",
    "li", "alize", "icate", "iciti", "ative", "ical", "ness", "ful", "ement", "ance", "ence", "able", "ible",
    "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "sion", "tion", "al", "er", "ic",
    "e", "l", "ll", "at", "bl", "iz", "bb", "ing", "ly", "ely", "ies'", "’s",
]
STEMS = ["", "a", "b", "ab", "ba", "hop", "bat", "sky", "gener", "commun", "arsen", "nation", "log", "bon",
         "cap", "relat", "condition", "y", "ey", "sens", "ot", "intern", "form", "ch", "tw", "dev", "abstr"]


def _suffixed_words():
    return {base + suffix + more for base in STEMS for suffix in SUFFIXES for more in ("", "s", "ly", "ing", "ed")}


def _words(text: str) -> set[str]:
    """The distinct letter runs of ``text`` (as written), and the English tokenizer's norms of it."""
    words = set(LETTER_RUNS.findall(text))
    words.update(norm for _, _, norm in get_tokenizer("en").tokenize(text))
    return words


@pytest.fixture(scope="module")
def nltk_stem():
    snowball = pytest.importorskip("nltk.stem.snowball")
    return snowball.SnowballStemmer("english").stem


def _assert_same_stems(words, nltk_stem, at_least: int):
    words = sorted(set(words))
    assert len(words) >= at_least, f"only {len(words)} distinct words compared"
    differ = [(word, stem(word), nltk_stem(word)) for word in words if stem(word) != nltk_stem(word)]
    assert not differ, f"{len(differ)} of {len(words)} words differ from NLTK (word, ours, NLTK): {differ[:20]}"


def test_known_stems():
    # values checked against NLTK 3.10's SnowballStemmer("english"), so that this test runs without NLTK
    expected = {
        "": "", "a": "a", "The": "the", "SKIES": "sky", "dying": "die", "news": "news", "skis": "ski",
        "innings": "inning", "exceeding": "exceed", "generously": "generous", "communism": "communism",
        "organization": "organ", "responsibilities": "respons", "'tis": "tis", "dog’s": "dog", "dogs'": "dog",
        "’s": "’s", "yes": "yes", "say": "say", "ayyy": "ayyy", "2020": "2020", "脱贫": "脱贫", "cafés": "café",
        "hopping": "hop", "hoped": "hope", "falling": "fall", "controll": "control", "agreed": "agre",
        "anthropology": "anthropolog", "luxuriously": "luxuri", "hopefulness": "hope", "ties": "tie",
    }
    assert {word: stem(word) for word in expected} == expected


def test_edge_cases_and_every_suffix(nltk_stem):
    _assert_same_stems(EDGE_CASES + sorted(_suffixed_words()), nltk_stem, at_least=10_000)


def test_cedict_glosses_and_stopwords(nltk_stem):
    lines = (ROOT / "data" / "cedict" / "zh_en.tsv").read_text(encoding="utf-8").splitlines()
    glosses = "\n".join(line.partition("\t")[2] for line in lines if not line.startswith("#"))
    stopwords = (ROOT / "data" / "stopwords" / "en.txt").read_text(encoding="utf-8")
    words = _words(glosses) | _words(stopwords)
    words.update(line.strip() for line in stopwords.splitlines() if line.strip() and not line.startswith("#"))
    assert {"the", "responsibility"} <= words
    _assert_same_stems(words, nltk_stem, at_least=25_000)


def test_shared_english_texts(shared, nltk_stem):
    eval_dir = shared / "eval"
    conllu = (eval_dir / "segmentation" / "en_ewt-ud-test.conllu").read_text(encoding="utf-8")
    forms = [line.split("\t")[1] for line in conllu.splitlines() if line and not line.startswith("#")]
    udhr = "".join(ET.parse(eval_dir / "udhr" / "udhr_eng.xml").getroot().itertext())
    texts = [" ".join(forms), (eval_dir / "parallel" / "ntrex_dev" / "en.txt").read_text(encoding="utf-8"), udhr]
    texts += [path.read_text(encoding="utf-8") for path in sorted((shared / "seeds").glob("*.txt"))]
    words = set(forms).union(*map(_words, texts))
    assert {"Google", "google", "declaration"} <= words
    _assert_same_stems(words, nltk_stem, at_least=10_000)


def test_stemming_does_not_import_nltk():
    code = ("import sys; from discourse.languages._en_snowball import stem; "
            "print(stem('Responsibilities'), 'nltk' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["respons", "False"], done.stdout + done.stderr
