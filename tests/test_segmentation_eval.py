"""Word-segmentation quality of the zh and vi tokenizers on Universal Dependencies gold data.

Precision, recall and F1 over word spans (character offsets; punctuation counts as words
in gold and prediction alike), micro-averaged over the test sets in shared/eval/segmentation:
UD Chinese-GSDSimp (500 sentences) and UD Vietnamese-VTB (800 sentences), both CC BY-SA 4.0.
Run with ``-s`` to see the scores and speeds.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from discourse.languages import get_tokenizer, read_conllu, span_prf

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "segmentation"

#: F1 measured when the tokenizers were written (jieba 0.42.1 without HMM, pyvi 0.1.1).
MEASURED_F1 = {"zh": 0.7987, "vi": 0.9735}
FILES = {"zh": "zh_gsdsimp-ud-test.conllu", "vi": "vi_vtb-ud-test.conllu"}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_segmentation_f1_on_gold(lang):
    path = EVAL / FILES[lang]
    if not path.exists():
        pytest.skip(f"gold data not found: {path} (shared/ is beside the repository in CI)")
    sentences = read_conllu(path)
    tok = get_tokenizer(lang)
    tok.load()  # load the model before timing
    start = time.perf_counter()
    predicted = tok.tokenize_many(text for text, _ in sentences)
    seconds = time.perf_counter() - start
    gold = [(i, s, e) for i, (_, spans) in enumerate(sentences) for s, e in spans]
    pred = [(i, s, e) for i, tokens in enumerate(predicted) for s, e, _ in tokens]
    p, r, f1 = span_prf(gold, pred)
    chars = sum(len(text) for text, _ in sentences)
    print(f"\n{lang}: P={p:.4f} R={r:.4f} F1={f1:.4f} on {len(sentences)} sentences, {chars / seconds:,.0f} chars/s")
    assert f1 >= MEASURED_F1[lang] - 0.005
