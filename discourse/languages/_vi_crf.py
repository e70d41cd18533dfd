"""pyvi's CRF model and lexicon, read from pyvi's files without importing pyvi (for the Vietnamese tokenizer).

``from pyvi import ViTokenizer`` takes about 2 s: pyvi's model is a pickled
``sklearn_crfsuite.CRF``, whose classes import scikit-learn and SciPy's statistics, and
unpickling it writes the model to a temporary file. The tokenizer needs only the CRFsuite
model inside it and pyvi's lexicon (``models/words.txt``). :func:`load_model` reads both:
it unpickles the objects' state only (a pickle naming any other class is refused) and
opens the model in memory with python-crfsuite's ``Tagger``, the tagger that
``sklearn_crfsuite.CRF.predict_single`` calls, so the labels are pyvi's
(``tests/test_vi_crf.py`` checks them). Where pyvi's files are not as expected (another
pyvi version), it falls back to importing pyvi.

>>> model = load_model()
>>> model.tag([{"bias": 1.0, "word.lower()": "trách", "+1:word.bi_gram()": True},
...            {"bias": 1.0, "word.lower()": "nhiệm", "-1:word.bi_gram()": True}])
['B_W', 'I_W']
>>> "trách nhiệm" in model.bi_grams
True
"""

from __future__ import annotations

import codecs
import importlib.util
import pickle
from pathlib import Path
from typing import Callable, NamedTuple

__all__ = ["PyviModel", "load_model", "read_lexicon"]

#: The classes pyvi's pickle names (their state is kept, no code of theirs runs).
_STATE_ONLY = frozenset({
    ("sklearn_crfsuite.estimator", "CRF"), ("sklearn_crfsuite._fileresource", "FileResource"),
    ("pycrfsuite._logparser", "TrainLogParser"), ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"), ("numpy", "dtype"),
})
#: sklearn_crfsuite's FileResource keeps the model file's bytes under this name when pickled.
_DATA = "__FILE_RESOURCE_DATA__"


class PyviModel(NamedTuple):
    """What the tokenizer uses of pyvi: ``tag(features)`` (a list of feature dicts, one per
    syllable, to ``"B_W"``/``"I_W"`` labels) and the lexicon's two- and three-syllable words;
    ``data``, the CRFsuite model's bytes, which the tagger reads in place (kept with it)."""

    tag: Callable[[list[dict]], list[str]]
    bi_grams: frozenset[str]
    tri_grams: frozenset[str]
    data: bytes | None = None


class _State:
    """Stands for any class of :data:`_STATE_ONLY`: takes any arguments and keeps its state."""

    def __init__(self, *args, **kwargs):
        self.state = None

    def __setstate__(self, state):
        self.state = state


class _StateUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) == ("_codecs", "encode"):  # bytes pickled by protocol 2: codecs.encode(str, "latin1")
            return codecs.encode
        if (module, name) in _STATE_ONLY:
            return _State
        raise pickle.UnpicklingError(f"pyvi's model names {module}.{name}")


def _models_dir() -> Path | None:
    spec = importlib.util.find_spec("pyvi")  # (finds the package without running it)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def read_lexicon(path) -> tuple[frozenset[str], frozenset[str]]:
    """pyvi's two- and three-syllable words from ``words.txt``, split as ``ViTokenizer`` splits them.

    >>> bi, tri = read_lexicon(_models_dir() / "words.txt")
    >>> len(bi) > 10_000, all(w.count(" ") == 2 for w in tri)
    (True, True)
    """
    bi, tri = set(), set()
    for word in Path(path).read_bytes().decode("utf-8").split("\n"):  # (codecs.open: no newline translation)
        spaces = word.count(" ")
        if spaces == 1:
            bi.add(word)
        elif spaces == 2:
            tri.add(word)
    return frozenset(bi), frozenset(tri)


def _tagger(path):
    import pycrfsuite  # deferred: only for Vietnamese

    with open(path, "rb") as f:
        crf = _StateUnpickler(f).load()
    data = crf.state["modelfile"].state[_DATA]
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)  # (reads `data` in place: it must live as long as the tagger)
    return tagger.tag, data


def load_model() -> PyviModel:
    """pyvi's CRF tagger and lexicon, read from pyvi's files (module docstring)."""
    models = _models_dir()
    if models is not None:
        try:
            tag, data = _tagger(models / "pyvi3.pkl")
            return PyviModel(tag, *read_lexicon(models / "words.txt"), data)
        except (OSError, pickle.UnpicklingError, AttributeError, KeyError, TypeError, ValueError, EOFError):
            pass  # not the files of pyvi 0.1.1: pyvi reads them itself
    from pyvi.ViTokenizer import ViTokenizer  # deferred: slow (scikit-learn, SciPy), only for other files

    return PyviModel(ViTokenizer.model.predict_single, frozenset(ViTokenizer.bi_grams),
                     frozenset(ViTokenizer.tri_grams))
