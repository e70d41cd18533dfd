"""Build data/stopwords/{zh,vi,fr,en}.txt from the stopwords-iso lists (dev-time only).

Usage (needs ``pip install stopwordsiso``; the package does not need it at run time)::

    python tools/build_stopwords.py

Each list is stopwords-iso's (MIT licence), minus the words listed in EXCLUDE (content
words of the package's domain: poverty alleviation, policy, rights), minus entries with
no letter (punctuation, digits: punctuation is told by ``is_punct``), plus the norm forms
our tokenizers produce that stopwords-iso spells otherwise (EXTRA), in the norm form of
each language's tokenizer, sorted. data/stopwords/README.md records the same.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

import stopwordsiso

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from discourse.languages import get_tokenizer  # noqa: E402

EXCLUDE = {
    "zh": "发展 工作 责任 全体 全部 人 人们 大 小 多 好 无 结果 逐步 开始 区 本地 当地",
    "vi": "thực hiện|cụ thể|quan trọng|phát triển|trách nhiệm|cao|lớn|người|nhà|chính|"
    "thời gian|bất tử",
    "fr": "pauvreté responsabilité état personne personnes gens parole force valeur "
    "nécessaire necessaire premier première nouveau nouveaux unique uniques juste droite haut effet",
    "en": "poverty responsibility act adopted area areas bill billion million trillion computer "
    "group groups important importance information interest interests member members man men "
    "problem problems research right state states system work worked working works world "
    "year years free order general help home goods fire face faces fact facts",
}
EXTRA = {
    "zh": "",
    "vi": "",
    "fr": "l' d' qu' j' m' n' s' t' c' jusqu' lorsqu' puisqu'",
    "en": "n't 's 're 'd 'm ca wo",
}


def split(lang: str, words: str) -> set[str]:
    return set(words.split("|") if lang == "vi" else words.split())


def build(lang: str) -> list[str]:
    tok = get_tokenizer(lang)
    excluded = {tok.normalize(w) for w in split(lang, EXCLUDE[lang])}
    words = {tok.normalize(w) for w in stopwordsiso.stopwords(lang) | split(lang, EXTRA[lang])}
    return sorted(w for w in words - excluded if any(c.isalpha() for c in w))


def main() -> None:
    out = ROOT / "data" / "stopwords"
    for lang in ("zh", "vi", "fr", "en"):
        words = build(lang)
        (out / f"{lang}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"{lang}: {len(words)} words (stopwordsiso {version('stopwordsiso')})")


if __name__ == "__main__":
    main()
