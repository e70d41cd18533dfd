"""Sentence alignment measured on sentence-parallel news nobody here wrote (issue 20).

``../shared/eval/parallel/ntrex_dev/`` holds 63 news documents, one sentence a line, line k of
zh/fr/vi/en translating each other. Per document the versions are degraded with a seeded RNG —
target sentences omitted (5 %), adjacent target (or zh) sentences merged in pairs (each sentence
starts a merged pair with probability 0.2, so about a third of the sentences end up in a pair) —
then aligned, and link F1 is computed: a link is a (source unit, target unit) pair implied by the
beads; the gold links are the pairs of units that share an original line.
Skipped when ../shared is absent.
"""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest

from discourse.sentence_align import align_documents, align_sentences

from .conftest import ROOT

NTREX = ROOT.parent / "shared" / "eval" / "parallel" / "ntrex_dev"
UDHR = ROOT.parent / "shared" / "eval" / "udhr"
UDHR_FILES = {"zh": "udhr_cmn_hans.xml", "fr": "udhr_fra.xml", "vi": "udhr_vie.xml", "en": "udhr_eng.xml"}
PAIRS = ("fr", "vi", "en")
#: setting -> (merge rate on the target side, on the zh side, omission rate on the target side)
SETTINGS = {"clean": (0.0, 0.0, 0.0), "merge_omit": (0.2, 0.0, 0.05), "zh_merge_omit": (0.0, 0.2, 0.05)}
GOALS = {"clean": 0.99, "merge_omit": 0.97, "zh_merge_omit": 0.97}


def read_ntrex(folder=NTREX) -> dict[str, dict[str, list[str]]]:
    """``{doc_id: {lang: [sentences]}}`` in file order."""
    docs = [line.split("\t")[1] for line in (folder / "documents.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for lang in ("zh",) + PAIRS:
        lines = (folder / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(docs), lang
        for doc, line in zip(docs, lines):
            out[doc][lang].append(line)
    return {d: dict(v) for d, v in out.items()}


def read_udhr_paragraphs(lang: str, folder=UDHR) -> list[str]:
    """The articles' paragraphs of one UDHR translation, in order (50 in each of the four)."""
    root = ET.parse(folder / UDHR_FILES[lang]).getroot()
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    return [" ".join("".join(p.itertext()).split()) for a in root.iter(ns + "article") for p in a.iter(ns + "para")]


def evaluate_udhr(lang: str, setting: str, *, seeds: int = 10) -> dict:
    """Link F1 over `seeds` degraded versions of the UDHR (one document, paragraphs as units)."""
    merge_t, merge_s, omit = SETTINGS[setting]
    zh, other = read_udhr_paragraphs("zh"), read_udhr_paragraphs(lang)
    tp = found = gold = 0
    for seed in range(seeds):
        rng = random.Random(f"{seed}:udhr:{lang}:{setting}")
        src, o_s = degrade(zh, merge=merge_s, omit=0.0, rng=rng, joiner="")
        tgt, o_t = degrade(other, merge=merge_t, omit=omit, rng=rng, joiner=" ")
        a, b, c = link_counts(align_sentences(src, tgt, source_lang="zh", target_lang=lang), o_s, o_t)
        tp, found, gold = tp + a, found + b, gold + c
    p, r = tp / max(found, 1), tp / max(gold, 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / max(p + r, 1e-12), "versions": seeds}


def degrade(sentences, *, merge: float, omit: float, rng: random.Random, joiner: str):
    """(units, original line indices of each unit): omit, then merge adjacent pairs."""
    kept = [k for k in range(len(sentences)) if rng.random() >= omit]
    units, origin, k = [], [], 0
    while k < len(kept):
        if k + 1 < len(kept) and rng.random() < merge:
            units.append(sentences[kept[k]] + joiner + sentences[kept[k + 1]])
            origin.append((kept[k], kept[k + 1]))
            k += 2
        else:
            units.append(sentences[kept[k]])
            origin.append((kept[k],))
            k += 1
    return units, origin


def link_counts(beads, origin_s, origin_t):
    """(true positives, predicted links, gold links)."""
    line_to_t = {line: b for b, lines in enumerate(origin_t) for line in lines}
    gold = {(a, line_to_t[line]) for a, lines in enumerate(origin_s) for line in lines if line in line_to_t}
    found = {(s, t) for ss, tt in zip(beads["source_ids"], beads["target_ids"]) for s in ss for t in tt}
    return len(gold & found), len(found), len(gold)


def evaluate(docs, lang: str, setting: str, *, seed: int = 20, repeat: int = 1, corpus: bool = True):
    """Link precision, recall, F1 and the number of perfect documents, for zh → lang.

    ``corpus``: align with :func:`align_documents` (equivalents learned over all the
    documents), else each document alone with :func:`align_sentences`.
    """
    merge_t, merge_s, omit = SETTINGS[setting]
    versions, origins = {}, {}
    for doc in sorted(docs):
        rng = random.Random(f"{seed}:{doc}:{lang}:{setting}")
        src, o_s = degrade(docs[doc]["zh"] * repeat, merge=merge_s, omit=0.0, rng=rng, joiner="")
        tgt, o_t = degrade(docs[doc][lang] * repeat, merge=merge_t, omit=omit, rng=rng, joiner=" ")
        versions[doc], origins[doc] = (src, tgt), (o_s, o_t)
    if corpus:
        every = align_documents(versions, source_lang="zh", target_lang=lang)
        aligned = {doc: beads for doc, beads in every.groupby("doc_id", sort=False)}
    else:
        aligned = {doc: align_sentences(*versions[doc], source_lang="zh", target_lang=lang) for doc in versions}
    tp = found = gold = perfect = 0
    for doc in versions:
        a, b, c = link_counts(aligned[doc], *origins[doc])
        tp, found, gold, perfect = tp + a, found + b, gold + c, perfect + (a == b == c)
    p, r = tp / max(found, 1), tp / max(gold, 1)
    return {"precision": p, "recall": r, "f1": 2 * p * r / max(p + r, 1e-12), "perfect": perfect, "documents": len(docs)}


@pytest.fixture(scope="module")
def ntrex():
    if not NTREX.is_dir():
        pytest.skip("../shared/eval/parallel/ntrex_dev is absent")
    return read_ntrex()


def test_the_harness_scores_a_wrong_alignment_low(ntrex):
    doc = sorted(ntrex)[0]
    src, tgt = ntrex[doc]["zh"], ntrex[doc]["fr"]
    o = [(k,) for k in range(len(src))]
    shifted = align_sentences(src, tgt, source_lang="zh", target_lang="fr")
    shifted["target_ids"] = [tuple(t + 1 for t in ids) for ids in shifted["target_ids"]]
    assert link_counts(shifted, o, o)[0] == 0


_RESULTS: dict = {}


def result_of(docs, lang, setting):
    if (lang, setting) not in _RESULTS:
        _RESULTS[lang, setting] = evaluate(docs, lang, setting)
    return _RESULTS[lang, setting]


#: What the aligner reaches today (figures in benchmarks/bench_sentence_align.py's output):
#: above the issue's measure of the paragraph aligner with omissions (F1 0.89–0.93).
FLOORS = {"clean": 0.99, "merge_omit": 0.970, "zh_merge_omit": 0.975}
#: Cases below the issue's goal: none since zh–fr has CFDICT anchors (F1 0.967 -> 0.973 with
#: target merges and omissions; zh–vi 0.979 since 3-1 beads are scored by their weakest source).
BELOW_GOAL: set = set()


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("lang", PAIRS)
def test_link_f1_floor(ntrex, lang, setting):
    result = result_of(ntrex, lang, setting)
    assert result["f1"] >= FLOORS[setting], result


@pytest.mark.parametrize("lang, setting", [
    pytest.param(lang, setting, marks=pytest.mark.xfail(strict=True, reason="below the issue's goal of 0.97"))
    if (lang, setting) in BELOW_GOAL else (lang, setting)
    for lang in PAIRS for setting in SETTINGS])
def test_link_f1_meets_the_goal(ntrex, lang, setting):
    result = result_of(ntrex, lang, setting)
    assert result["f1"] >= GOALS[setting], result


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("lang", PAIRS)
def test_udhr_link_f1_meets_the_goal(lang, setting):
    if not UDHR.is_dir():
        pytest.skip("../shared/eval/udhr is absent")
    result = evaluate_udhr(lang, setting)
    assert result["f1"] >= GOALS[setting], result
