"""Our French Snowball stemmer gives NLTK's stems, word for word, and does not import NLTK.

The reference is ``nltk.stem.snowball.SnowballStemmer("french").stem``, on the distinct words of
real text: the CFDICT French glosses and the seed files (always), the UD French GSD test
sentences, the NTREX news sentences and the 30 ELTeC novels (from ../shared), each tokenized
twice (raw-case letter runs, and the French tokenizer's lower-case norms), plus edge cases, every
suffix of every step of the algorithm after a few stems, and every short string over a few
letters.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

import pytest

from discourse.languages import get_tokenizer
from discourse.languages._fr_snowball import stem

from .conftest import ROOT, SEEDS

LETTER_RUNS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

EDGE_CASES = [
    "", "a", "e", "s", "y", "É", "ÉTÉ", "été", "Été", "naïve", "NAÏVE", "aiguë", "ambiguës", "Noël", "noël",
    "yeux", "Yeux", "paye", "payer", "ayant", "aiyb", "joueur", "ennuie", "quand", "qu'", "l'", "L’", "d’un",
    "l'autorité", "L’autorité", "aujourd'hui", "aujourd’hui", "peut-être", "Peut-Être", "c'est-à-dire", "2020",
    "3e", "XIXe", "脱贫", "脱贫攻坚", "trận", "Việt", "İstanbul", "ß", "œuvre", "Œuvres", "ès", "ét", "è",
    "tapis", "parlions", "colonnes", "aticatrice", "icatrices", "tairentiremment", "tamentament", "mentaiment",
    "nations", "impressions", "heureusement", "évidemment", "couramment", "finissaient", "chanteuses",
    "premières", "aux", "eaux", "chevaux", "the\n", "été\n", " s", "-", "'", "’", "ÇA", "façon", "reçu",
]

# The suffixes each step looks for (in the lower case of the input: iqUe, aIent are "ique", "aient"),
# and letters that decide the rules' conditions; every suffix is tried after every stem.
SUFFIXES = [
    # step 1
    "ance", "ique", "isme", "able", "iste", "eux", "ances", "iques", "ismes", "ables", "istes", "atrice",
    "ateur", "ation", "atrices", "ateurs", "ations", "logie", "logies", "usion", "ution", "usions", "utions",
    "ence", "ences", "ement", "ements", "ité", "ités", "if", "ive", "ifs", "ives", "eaux", "aux", "euse",
    "euses", "issement", "issements", "amment", "emment", "ment", "ments",
    "ivement", "ativement", "eusement", "ablement", "iquement", "ièrement", "abilité", "icité", "ivité",
    "icatif", "icative", "ication", "icateur", "icatrice",
    # step 2a
    "îmes", "îtes", "ît", "ie", "ies", "ir", "ira", "irai", "iraient", "irais", "irait", "iras", "irent",
    "irez", "iriez", "irions", "irons", "iront", "is", "issaient", "issais", "issait", "issant", "issante",
    "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons", "it", "i",
    # step 2b
    "ions", "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraient", "erais", "erait", "eras", "erez",
    "eriez", "erions", "erons", "eront", "ez", "iez", "âmes", "ât", "âtes", "a", "ai", "aient", "ais", "ait",
    "ant", "ante", "antes", "ants", "as", "asse", "assent", "asses", "assiez", "assions", "eant", "eassent",
    # steps 3 to 6
    "y", "ç", "s", "os", "us", "ss", "ion", "sion", "tion", "ier", "ière", "iers", "e", "ë", "guë",
    "enn", "onn", "ett", "ell", "eill", "énn", "ét", "èt", "ès", "uy", "qu", "ui", "uie",
]
STEMS = ["", "a", "b", "ab", "ba", "é", "ai", "par", "col", "tap", "aim", "ador", "vol", "fam", "contin", "nat",
         "impr", "joU", "ennu", "pay", "q", "g", "ambig", "fin", "chant", "majestu", "évid", "cour", "tair"]


def _suffixed_words() -> set[str]:
    return {base + suffix + more for base in STEMS for suffix in SUFFIXES for more in ("", "s", "e", "es", "ment")}


def _words(text: str) -> set[str]:
    """The distinct letter runs of ``text`` (as written), and the French tokenizer's norms of it.

    No token spans white space, so the text is cut into its distinct white-space-separated pieces
    first: the same words, tokenized in a fraction of the time for a novel.
    """
    text = "\n".join(sorted(set(text.split())))
    words = set(LETTER_RUNS.findall(text))
    words.update(norm for _, _, norm in get_tokenizer("fr").tokenize(text))
    return words


@pytest.fixture(scope="module")
def nltk_stem():
    snowball = pytest.importorskip("nltk.stem.snowball")
    return snowball.SnowballStemmer("french").stem


def _assert_same_stems(words, nltk_stem, at_least: int):
    words = sorted(set(words))
    assert len(words) >= at_least, f"only {len(words)} distinct words compared"
    differ = [(word, stem(word), nltk_stem(word)) for word in words if stem(word) != nltk_stem(word)]
    assert not differ, f"{len(differ)} of {len(words)} words differ from NLTK (word, ours, NLTK): {differ[:20]}"


def test_known_stems():
    # values checked against NLTK 3.10's SnowballStemmer("french"), so that this test runs without NLTK
    expected = {
        "": "", "a": "a", "É": "é", "ÉTÉ": "été", "naïve": "naïv", "aiguë": "aigu", "ambiguës": "ambigu",
        "Noël": "noël", "yeux": "yeux", "paye": "pay", "ennuie": "ennui", "qu'": "qu'", "L’autorité": "l’autor",
        "aujourd'hui": "aujourd'hui", "peut-être": "peut-êtr", "2020": "2020", "脱贫": "脱贫", "trận": "trận",
        "responsabilités": "respons", "Continuellement": "continuel", "nationales": "national",
        "nations": "nation", "impressions": "impress", "majestueusement": "majestu", "heureusement": "heureux",
        "évidemment": "évident", "couramment": "cour", "finissaient": "fin", "chanteuses": "chanteux",
        "premières": "premi", "parlions": "parlion", "colonnes": "colon", "appelle": "appel",
        "chantèrent": "chant", "prévisibilité": "prévisibil", "chevaux": "cheval", "eaux": "eau", "aux": "aux",
        # NLTK's quirks (see the module docstring)
        "ès": "ès", "aticatrice": "at", "tairentiremment": "tairent", "tamentament": "tamentament",
        "İstanbul": "i̇stanbul",
    }
    assert {word: stem(word) for word in expected} == expected


def test_edge_cases_and_every_suffix(nltk_stem):
    _assert_same_stems(EDGE_CASES + sorted(_suffixed_words()), nltk_stem, at_least=20_000)


def test_every_short_string(nltk_stem):
    letters = "aeiuysqtméèr"
    words = ["".join(p) for n in range(1, 5) for p in itertools.product(letters, repeat=n)]
    _assert_same_stems(words, nltk_stem, at_least=len(letters) ** 4)


def test_cfdict_glosses_and_seeds(nltk_stem):
    lines = (ROOT / "data" / "cfdict" / "zh_fr.tsv").read_text(encoding="utf-8").splitlines()
    glosses = "\n".join(line.partition("\t")[2] for line in lines if not line.startswith("#"))
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert len(seeds) == 2
    words = _words(glosses).union(*map(_words, seeds))
    assert {"responsabilité", "l'", "d’un", "trận", "脱"} <= words
    _assert_same_stems(words, nltk_stem, at_least=30_000)


def test_shared_french_texts(shared, nltk_stem):
    conllu = (shared / "eval" / "segmentation" / "fr_gsd-ud-test.conllu").read_text(encoding="utf-8")
    forms = [line.split("\t")[1] for line in conllu.splitlines() if line and not line.startswith("#")]
    novels = sorted((shared / "bench" / "fr_eltec").glob("*.txt"))
    assert len(novels) == 30
    texts = ["\n".join(forms), (shared / "eval" / "parallel" / "ntrex_dev" / "fr.txt").read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted((shared / "seeds").glob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in novels]
    words = set(forms).union(*map(_words, texts))
    assert {"Heureusement", "heureusement", "aujourd'hui", "qu'", "peut-être"} <= words
    _assert_same_stems(words, nltk_stem, at_least=70_000)


def test_stemming_does_not_import_nltk():
    code = ("import sys; from discourse.languages._fr_snowball import stem; "
            "print(stem('Responsabilités'), 'nltk' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["respons", "False"], done.stdout + done.stderr
