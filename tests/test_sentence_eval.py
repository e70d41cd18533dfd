"""Sentence-boundary quality of ``split_sentences`` on real text nobody here wrote.

Gold: the ``# text`` sentences of the Universal Dependencies test sets in
shared/eval/segmentation (zh GSDSimp, vi VTB, fr GSD, en EWT; CC BY-SA 4.0) and the
sentence-per-line NTREX-128 news in shared/eval/parallel/ntrex_dev (CC BY-SA 4.0). A
document's sentences (``# newdoc``; a UD file without one is one document; an NTREX
document's lines) are joined by a space (Latin scripts) or by nothing (Chinese), and the
sentence ends found are scored against the gold ends (the end of a document is given and
not scored): precision, recall, F1 (:func:`discourse.languages.sentences.score_documents`).

Two ways of joining are measured:

``joined``
    every sentence of a document joined into one paragraph;
``lines``
    the same, except that a sentence ending without a final mark (a headline, a list
    item, a sign-off: 603 of the 2,077 English EWT sentences, 9 of 416 French GSD ones,
    the first line of every NTREX document) ends its paragraph, as it stands on its own
    line in real text. No rule can find a boundary that nothing marks, so the goals of
    issue 20 (≥ 0.98 zh, vi, fr; ≥ 0.95 en) are asserted here; ``joined`` is held at its
    measured level.

Run with ``-s`` to see the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from discourse.languages import registry
from discourse.languages.sentences import gold_documents, score_documents

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
UD = SHARED / "segmentation"
NTREX = SHARED / "parallel" / "ntrex_dev"
FILES = {"zh": "zh_gsdsimp-ud-test.conllu", "vi": "vi_vtb-ud-test.conllu", "fr": "fr_gsd-ud-test.conllu",
         "en": "en_ewt-ud-test.conllu"}

#: Issue 20's goals, on UD with unmarked sentence ends on their own lines.
GOALS = {"zh": 0.98, "vi": 0.98, "fr": 0.98, "en": 0.95}

#: F1 measured when the rules were written: (UD joined, UD lines, NTREX joined, NTREX lines).
MEASURED = {
    "zh": (0.9970, 0.9980, 0.9234, 0.9745),
    "vi": (0.9975, 0.9975, 0.9483, 0.9868),
    "fr": (0.9793, 0.9891, 0.9595, 0.9924),
    "en": (0.8062, 0.9739, 0.9575, 0.9954),
}
TOLERANCE = 0.005


def _joiner(lang: str) -> str:
    return "" if lang == "zh" else " "


def ntrex_documents(lang: str) -> list[list[str]]:
    """The lines of ``ntrex_dev/{lang}.txt``, grouped by the document ``documents.tsv`` gives them."""
    ids = [row.split("\t")[1].strip() for row in (NTREX / "documents.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    lines = (NTREX / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    assert len(ids) == len(lines)
    docs: dict[str, list[str]] = {}
    for doc, line in zip(ids, lines):
        docs.setdefault(doc, []).append(line.strip())
    return list(docs.values())


def _report(name, lang, scores):
    (p, r, f1), errors = scores
    print(f"\n{lang} {name}: P={p:.4f} R={r:.4f} F1={f1:.4f} ({len(errors)} errors)")
    return f1


@pytest.mark.parametrize("lang", list(FILES))
def test_sentence_f1_on_universal_dependencies(lang):
    path = UD / FILES[lang]
    if not path.exists():
        pytest.skip(f"gold data not found: {path} (shared/ is beside the repository in CI)")
    docs = gold_documents(path)
    split = registry.language(lang).split_sentences
    joined = _report("UD joined", lang, score_documents(docs, split, joiner=_joiner(lang)))
    lines = _report("UD lines", lang, score_documents(docs, split, joiner=_joiner(lang), unmarked_paragraphs=True))
    assert lines >= GOALS[lang]
    assert lines >= MEASURED[lang][1] - TOLERANCE
    assert joined >= MEASURED[lang][0] - TOLERANCE


@pytest.mark.parametrize("lang", list(FILES))
def test_sentence_f1_on_ntrex_news(lang):
    if not (NTREX / f"{lang}.txt").exists():
        pytest.skip(f"gold data not found: {NTREX} (shared/ is beside the repository in CI)")
    docs = ntrex_documents(lang)
    split = registry.language(lang).split_sentences
    joined = _report("NTREX joined", lang, score_documents(docs, split, joiner=_joiner(lang)))
    lines = _report("NTREX lines", lang, score_documents(docs, split, joiner=_joiner(lang), unmarked_paragraphs=True))
    assert joined >= MEASURED[lang][2] - TOLERANCE
    assert lines >= MEASURED[lang][3] - TOLERANCE
