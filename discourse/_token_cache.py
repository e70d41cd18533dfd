"""The on-disk cache of :func:`discourse.tokens.tokenize`: one ``.npz`` file per corpus
and tokenizer set, in the user cache directory (``$DISCOURSE_CACHE_DIR``, else
``~/.cache/discourse``), under ``tokens/<key>.npz``.

The key (:func:`key`) is made of the texts, their languages, every tokenizer's
fingerprint (code version, dictionaries, user dictionary, stoplist) and the package
version, so an unchanged corpus is read back (:func:`load`) instead of segmented again.
A file is written at once (:func:`store`, through :func:`discourse._util.atomic_write`):
a reader sees the old file or the whole new one; a corrupt or foreign file is dropped.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from pathlib import Path

import numpy as np

from . import __version__
from ._util import atomic_write
from .languages.base import user_cache_dir

__all__ = ["key", "path", "load", "store"]

_ARRAYS = ("seg_row", "start", "end", "type_id", "is_stop")


def key(texts, langs, tokenizers) -> str:
    """The cache key of ``texts`` (their languages ``langs``) tokenized by ``tokenizers``
    (language -> tokenizer): a hex digest.

    >>> from discourse.languages import get_tokenizer
    >>> len(key(["Bonjour."], ["fr"], {"fr": get_tokenizer("fr")}))
    40
    """
    h = hashlib.blake2b(digest_size=20)
    h.update(f"discourse {__version__}\n".encode())
    for lang in sorted(tokenizers):
        h.update(f"{lang}={tokenizers[lang].fingerprint}\n".encode())
    # every text's language and length, then all the texts at once (one encode, one update)
    h.update("\x00".join(map(str, langs)).encode("utf-8", "surrogatepass") + b"\x01")
    h.update(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)).tobytes())
    h.update("".join(texts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def path(cache_key: str) -> Path:
    """The file of a cache key."""
    return user_cache_dir() / "tokens" / f"{cache_key}.npz"


def load(cache_key: str, n_segments: int) -> dict | None:
    """The arrays stored under ``cache_key`` for a corpus of ``n_segments`` segments
    (``seg_row, start, end, type_id, is_stop, vocab, is_punct``), or None when there are
    none — or none to trust (a corrupt, truncated or foreign file is deleted)."""
    file = path(cache_key)
    if not file.exists():
        return None
    try:
        with np.load(file, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in _ARRAYS}
            vocab = json.loads(npz["vocab"].tobytes().decode("utf-8"))
            is_punct = npz["is_punct"]
        n = len(arrays["type_id"])
        if not (all(len(a) == n for a in arrays.values()) and isinstance(vocab, list)
                and len(is_punct) == len(vocab) and is_punct.dtype == bool
                and (n == 0 or (arrays["seg_row"].max() < n_segments and arrays["type_id"].max() < len(vocab)))):
            raise ValueError("inconsistent arrays")
        return dict(arrays, vocab=vocab, is_punct=is_punct)
    except Exception:  # corrupt, truncated or foreign: drop it and tokenize again
        with contextlib.suppress(OSError):
            file.unlink()
        return None


def store(cache_key: str, arrays: dict) -> None:
    """Keep ``arrays`` (as :func:`load` returns them) under ``cache_key``, written at once;
    a cache that cannot be written (read-only, full) is left alone."""
    vocab = np.frombuffer(json.dumps(arrays["vocab"], ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, vocab=vocab, is_punct=arrays["is_punct"], **{name: arrays[name] for name in _ARRAYS})
    with contextlib.suppress(OSError):
        atomic_write(path(cache_key), buffer.getbuffer())
