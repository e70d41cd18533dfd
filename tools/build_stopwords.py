"""Build data/stopwords/{zh,vi,fr,en}.txt: function words only, checked against UD tags (dev-time only).

Usage (needs ``pip install stopwordsiso==0.7.1`` and the Universal Dependencies test files
of ``shared/eval/segmentation/`` beside the checkout; the package needs neither at run time)::

    python tools/build_stopwords.py [--gold DIR]

A word of the stopwords-iso list (MIT licence) of a language, in the norm form of that
language's tokenizer, is kept when

* it is a **function word in the UD gold text**: more than half of its occurrences in the
  language's UD test treebank are tagged DET, PRON, ADP, CCONJ, SCONJ, AUX or PART
  (:data:`discourse.languages.evaluation.FUNCTION_TAGS`; a French ``du`` counts as ``ADP+DET``), or
* it is one of the exceptions kept on purpose, each with its reason, in
  ``tests/data/languages/stopword_exceptions.tsv`` (light adverbs: negation, degree,
  aspect, focus; prepositions that UD tags otherwise in some uses);

and it is not in :data:`EXCLUDE`. A word of the source that the gold text does not
contain is left out: it cannot be checked (and a word too rare to occur there is rare in
a frequency list too) — except in Chinese, where UD's segmentation is not jieba's (UD
writes 这 个, jieba 这个): there a word absent from the gold is checked against the
part-of-speech tag of jieba's own dictionary instead, and kept if it is a pronoun (r),
preposition (p), conjunction (c), particle (u) or modal particle (y): :data:`JIEBA_FUNCTION_TAGS`. Entries with no letter are left out (punctuation is told by
``is_punct``). :data:`EXTRA` adds the norm forms our tokenizers produce that
stopwords-iso spells otherwise (``n't``, ``l'``); they go through the same check.
``tests/test_stopwords.py`` checks the result against the same gold files.
data/stopwords/README.md records the same.
"""

from __future__ import annotations

import argparse
import csv
import sys
from importlib.metadata import version
from pathlib import Path

import stopwordsiso

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from discourse.languages import get_tokenizer  # noqa: E402
from discourse.languages.evaluation import FUNCTION_TAGS, gold_tags  # noqa: E402

GOLD = ROOT.parent / "shared" / "eval" / "segmentation"
GOLD_FILES = {"zh": "zh_gsdsimp-ud-test.conllu", "vi": "vi_vtb-ud-test.conllu",
              "fr": "fr_gsd-ud-test.conllu", "en": "en_ewt-ud-test.conllu"}
EXCEPTIONS = ROOT / "tests" / "data" / "languages" / "stopword_exceptions.tsv"
#: Tags of jieba's dictionary (ICTCLAS tag set) of function words, for Chinese words the
#: UD gold does not contain.
JIEBA_FUNCTION_TAGS = frozenset({"r", "p", "c", "u", "y"})

#: Words never listed, although their tags would let them in or they are exceptions:
#: content words of news and of this package's domain (poverty alleviation, policy,
#: rights), and words one spelling of which is a name.
EXCLUDE = {
    # 表示 "said": reporting verb; 大 小 区 全部: UD GSD tags them PART / DET as bound
    # parts of words (大学, 工业区) that jieba keeps whole; the rest: domain words
    "zh": "表示 发展 工作 责任 全体 全部 人 人们 大 小 多 好 无 结果 逐步 开始 区 本地 当地",
    # anh: Anh = Britain; nói "say": reporting verb; chính: "main" (chính sách, chính phủ)
    "vi": "anh|nói|thực hiện|cụ thể|quan trọng|phát triển|trách nhiệm|cao|lớn|người|nhà|chính|"
    "thời gian|bất tử",
    # selon "according to" and dit "said": the reporting words of news; personne: "person"
    "fr": "selon dit pauvreté responsabilité état personne personnes gens parole force valeur "
    "nécessaire necessaire premier première nouveau nouveaux unique uniques juste droite haut effet",
    # us: US, the United States, in news; uk: the UK; new, said, say: content words
    "en": "us uk new said say poverty responsibility act adopted area areas bill billion million trillion "
    "computer group groups important importance information interest interests member members man men "
    "problem problems research right state states system work worked working works world "
    "year years free order general help home goods fire face faces fact facts",
}
#: Norm forms our tokenizers produce that stopwords-iso writes otherwise (checked as the rest).
EXTRA = {
    "zh": "",
    "vi": "",
    "fr": "l' d' qu' j' m' n' s' t' c' jusqu' lorsqu' puisqu'",
    "en": "n't 's 're 'd 'm 've 'll ca wo",
}


def split(lang: str, words: str) -> set[str]:
    return set(words.split("|") if lang == "vi" else words.split())


def read_exceptions(path: Path = EXCEPTIONS) -> dict[str, dict[str, str]]:
    """``{lang: {word: reason}}`` from the exceptions file (``lang, word, reason``)."""
    out: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out.setdefault(row["lang"], {})[row["word"]] = row["reason"]
    return out


def is_function_word(tags: dict[str, int]) -> bool:
    """More than half of the occurrences tagged as a function word (every part of a
    multiword token: ``ADP+DET``)."""
    function = sum(n for tag, n in tags.items() if set(tag.split("+")) <= FUNCTION_TAGS)
    return 2 * function > sum(tags.values())


def jieba_tags() -> dict[str, str]:
    """Word -> part-of-speech tag in jieba's dictionary (``dict.txt``: word, frequency, tag)."""
    import jieba

    out = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = parts[2]
    return out


def build(lang: str, gold: Path, exceptions: dict[str, str]) -> tuple[list[str], dict[str, int]]:
    tok = get_tokenizer(lang, stopwords=False)
    tags = gold_tags(tok, gold / GOLD_FILES[lang])
    excluded = {tok.normalize(w) for w in split(lang, EXCLUDE[lang])}
    kept = {tok.normalize(w) for w in exceptions}
    source = {tok.normalize(w) for w in stopwordsiso.stopwords(lang) | split(lang, EXTRA[lang])}
    source = {w for w in source - excluded if any(c.isalpha() for c in w)}
    dictionary = jieba_tags() if lang == "zh" else {}

    def keep(word: str) -> bool:
        if word in kept:
            return True
        if word in tags:
            return is_function_word(tags[word])
        return dictionary.get(word) in JIEBA_FUNCTION_TAGS

    words = sorted(filter(keep, source))
    unseen = [w for w in source if w not in tags]
    stats = {"source": len(source), "unseen": len(unseen), "kept": len(words),
             "exceptions": len(kept & set(words)), "by_jieba": sum(w in words and w not in kept for w in unseen)}
    return words, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help=f"folder of the UD test files (default: {GOLD})")
    args = parser.parse_args()
    out = ROOT / "data" / "stopwords"
    exceptions = read_exceptions()
    for lang in ("zh", "vi", "fr", "en"):
        words, stats = build(lang, args.gold, exceptions.get(lang, {}))
        (out / f"{lang}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        jieba = f", {stats['by_jieba']} of them checked by jieba's tags" if lang == "zh" else ""
        print(f"{lang}: {stats['kept']} words ({stats['exceptions']} exceptions) of {stats['source']} in "
              f"stopwords-iso {version('stopwordsiso')} ({stats['unseen']} not in the gold{jieba})")


if __name__ == "__main__":
    main()
