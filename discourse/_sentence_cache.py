"""The on-disk cache of a corpus's sentence units (:func:`discourse.sentence_units.align_corpus`):
one ``.npz`` file per sentence table, in the user cache directory (as the token cache,
:mod:`discourse._token_cache`), under ``sentences/<key>.npz``.

Aligning a corpus's sentences is the one slow step of its sentence level (78 s on 1 M tokens
of the seeds; ``benchmarks/bench_renderings.py``), paid again by every new session and
every command line that asks for ``--unit sentence``. What the aligner adds to the sentence
table is three columns (``align_id, align_score, low_confidence``); those are kept here,
under a key (:func:`key`) made of everything they depend on: the package version, the
aligner's code (its modules' source) and data (the Hán-Việt table and the dictionaries),
each language's tokenizer fingerprint (the content words), and the sentence table's
documents, languages, roles, paragraph links, sentence numbers and texts. A file holds
its key and a checksum of its arrays; one that is corrupt, made for another key, changed
since it was written or whose arrays do not fit the table is deleted, never believed.

>>> load("0" * 40, 3) is None
True
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from functools import cache
from pathlib import Path

import numpy as np

from . import __version__
from ._data import data_path
from ._util import atomic_write, remove_stale_temporaries
from .languages.base import user_cache_dir

__all__ = ["key", "path", "load", "store"]

#: The modules whose code decides a corpus's sentence units.
SOURCES = ("sentence_units.py", "sentences.py", "sentence_align.py", "_salign_anchors.py", "_salign_dp.py",
           "anchors.py", "_dictionaries.py", "languages/sentences.py", "languages/lemmas.py")
#: The data they read.
DATA = (("hanviet", "hanviet.tsv"), ("cedict", "zh_en.tsv"), ("cfdict", "zh_fr.tsv"))
_COLUMNS = ("doc_id", "lang", "role", "paragraph_align_id", "seg_id", "sent_id", "text")


@cache
def _code_stamp() -> str:
    """A hash of the aligner's source and of its data files' sizes and times (once a process)."""
    h = hashlib.sha1(f"discourse {__version__}\n".encode(), usedforsecurity=False)
    here = Path(__file__).resolve().parent
    for name in SOURCES:
        h.update(name.encode() + b"\0" + (here / name).read_bytes())
    for parts in DATA:
        stat = data_path(*parts).stat()
        h.update(f"{'/'.join(parts)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return h.hexdigest()


def key(table, tokenizers) -> str:
    """The cache key of a sentence table (:func:`discourse.sentences.sentences`' columns, its
    ``align_id`` named ``paragraph_align_id``, as :func:`~discourse.sentence_units.align_corpus`
    has it) whose languages are tokenized by ``tokenizers`` (language -> tokenizer): a hex digest.

    >>> import discourse
    >>> from discourse.languages import get_tokenizer
    >>> table = discourse.sentences.sentences(discourse.load_corpus()).rename(columns={"align_id": "paragraph_align_id"})
    >>> len(key(table, {lang: get_tokenizer(lang) for lang in sorted(set(table["lang"]))}))
    40
    """
    h = hashlib.sha1(_code_stamp().encode(), usedforsecurity=False)
    for lang in sorted(tokenizers):
        h.update(f"{lang}={tokenizers[lang].fingerprint}\n".encode())
    for column in _COLUMNS:
        values = table[column].astype("string").fillna("\x00<NA>").tolist()
        h.update(f"{column} {len(values)}\n".encode())
        h.update(np.fromiter(map(len, values), dtype=np.int64, count=len(values)).tobytes())
        h.update("".join(values).encode("utf-32-le", "surrogatepass"))
    return h.hexdigest()


def path(cache_key: str) -> Path:
    """The file of a cache key."""
    return user_cache_dir() / "sentences" / f"{cache_key}.npz"


def _checksum(cache_key: str, align_id, score, low) -> np.ndarray:
    h = hashlib.sha1(cache_key.encode(), usedforsecurity=False)
    for values in (align_id, score, low):
        h.update(values.dtype.str.encode() + np.ascontiguousarray(values).tobytes())
    return np.frombuffer(h.digest(), dtype=np.uint8)


def load(cache_key: str, n: int) -> dict | None:
    """The ``align_id, align_score, low_confidence`` arrays kept under ``cache_key`` for a
    table of ``n`` sentences, or None (none kept, or none to trust: the file is then deleted)."""
    file = path(cache_key)
    if not file.exists():
        return None
    try:
        with np.load(file, allow_pickle=False) as npz:
            stored = npz["key"].tobytes().decode("ascii")
            align_id, score, low, digest = npz["align_id"], npz["align_score"], npz["low_confidence"], npz["digest"]
        if not (stored == cache_key and len(align_id) == len(score) == len(low) == n
                and align_id.dtype == np.int64 and score.dtype == np.float64 and low.dtype == bool
                and (n == 0 or (align_id.min() >= 1 and align_id.max() <= n))
                and np.array_equal(digest, _checksum(cache_key, align_id, score, low))):
            raise ValueError("not the sentence units of this table")
        return {"align_id": align_id, "align_score": score, "low_confidence": low}
    except Exception:  # corrupt, truncated, foreign or tampered with: drop it and align again
        with contextlib.suppress(OSError):
            file.unlink()
        return None


def store(cache_key: str, align_id, score, low) -> None:
    """Keep the three columns under ``cache_key``, written at once with the key and a checksum;
    a cache that cannot be written (read-only, full) is left alone: the result is not lost.
    Temporary files of writes killed over an hour ago are deleted first."""
    align_id, score, low = (np.asarray(align_id, dtype=np.int64), np.asarray(score, dtype=np.float64),
                            np.asarray(low, dtype=bool))
    buffer = io.BytesIO()
    np.savez(buffer, key=np.frombuffer(cache_key.encode("ascii"), dtype=np.uint8), align_id=align_id,
             align_score=score, low_confidence=low, digest=_checksum(cache_key, align_id, score, low))
    with contextlib.suppress(OSError):
        remove_stale_temporaries(path(cache_key).parent, "*.npz")  # as the token cache: writes killed long ago
        atomic_write(path(cache_key), buffer.getvalue())
