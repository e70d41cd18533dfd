"""pyvi's CRF model read without importing pyvi gives pyvi's labels (issue 18: no fixed costs).

The reference is pyvi itself: ``ViTokenizer.model.predict_single`` and
``ViTokenizer.bi_grams``/``tri_grams``, on the syllables of the UD Vietnamese test
sentences, the NTREX news sentences and the Vietnamese lines of the seeds.
"""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys

import pytest

from discourse.languages import get_tokenizer, read_conllu
from discourse.languages import _vi_crf
from discourse.languages.vi import VI_ONLY_LETTERS, crf_features

from .conftest import ROOT

SHARED = ROOT.parent / "shared"


def _texts():
    texts = ["Trận chiến công kiên thoát nghèo, xác định mụctiêu; Uỷ ban nhân dân TP. Hồ Chí Minh (v.v.)",
             "HÀ NỘI là Thủ Đô", "a", "2020"]
    if SHARED.is_dir():
        texts += [text for text, _ in read_conllu(SHARED / "eval" / "segmentation" / "vi_vtb-ud-test.conllu")]
        texts += (SHARED / "eval" / "parallel" / "ntrex_dev" / "vi.txt").read_text(encoding="utf-8").splitlines()
        texts += [line for path in sorted((SHARED / "seeds").glob("*.txt"))
                  for line in path.read_text(encoding="utf-8").splitlines() if VI_ONLY_LETTERS.intersection(line)]
    return texts


def test_the_model_and_lexicon_are_pyvis():
    from pyvi.ViTokenizer import ViTokenizer

    model = _vi_crf.load_model()
    assert model.data is not None, "the model was not read from pyvi's files (the fallback ran)"
    assert model.bi_grams == ViTokenizer.bi_grams and model.tri_grams == ViTokenizer.tri_grams
    assert len(model.bi_grams) > 20_000 and len(model.tri_grams) > 1_000
    tokenizer = get_tokenizer("vi")
    texts = _texts()
    assert len(texts) > 1_000 or not SHARED.is_dir()
    labelled = 0
    for text in texts:
        syllables = tokenizer._pieces(text)[5]
        if not syllables:
            continue
        features = crf_features(syllables, model.bi_grams, model.tri_grams)
        ours = model.tag(features)
        assert ours == ViTokenizer.model.predict_single(features), text
        labelled += len(ours)
    assert labelled > 20_000 or not SHARED.is_dir()
    assert {"B_W", "I_W"} <= set(model.tag(crf_features(tokenizer._pieces(texts[0])[5], model.bi_grams,
                                                          model.tri_grams)))


def test_vietnamese_is_tokenized_without_scikit_learn_or_scipy():
    code = ("import sys, json\nfrom discourse.languages import get_tokenizer\n"
            "tokens = get_tokenizer('vi').tokenize('Trận chiến công kiên thoát nghèo')\n"
            "print(json.dumps([[t[2] for t in tokens], [m for m in ('pyvi.ViTokenizer', 'sklearn', 'scipy',"
            " 'sklearn_crfsuite') if m in sys.modules]]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    norms, imported = json.loads(out.stdout)
    assert norms == ["trận chiến", "công kiên", "thoát nghèo"]
    assert imported == []


def test_a_pickle_naming_another_class_is_refused():
    data = pickle.dumps(subprocess.Popen)
    with pytest.raises(pickle.UnpicklingError, match="subprocess.Popen"):
        _vi_crf._StateUnpickler(io.BytesIO(data)).load()


def test_files_not_as_expected_fall_back_to_pyvi(tmp_path, monkeypatch):
    from pyvi.ViTokenizer import ViTokenizer

    (tmp_path / "pyvi3.pkl").write_bytes(pickle.dumps({"modelfile": None}))
    (tmp_path / "words.txt").write_text("a b\n", encoding="utf-8")
    monkeypatch.setattr(_vi_crf, "_models_dir", lambda: tmp_path)
    model = _vi_crf.load_model()
    assert model.data is None and model.bi_grams == ViTokenizer.bi_grams
    features = crf_features(["thoát", "nghèo"], model.bi_grams, model.tri_grams)
    assert model.tag(features) == ViTokenizer.model.predict_single(features)
