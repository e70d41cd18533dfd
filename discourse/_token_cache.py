"""The on-disk cache of :func:`discourse.tokens.tokenize`: one ``.npz`` file per corpus
and tokenizer set, in the user cache directory (``$DISCOURSE_CACHE_DIR``, else
``~/.cache/discourse``), under ``tokens/<key>.npz``.

The key (:func:`key`) is made of the texts, their languages, every tokenizer's
fingerprint (code version, dictionaries, user dictionary, stoplist) and the package
version, so an unchanged corpus is read back (:func:`load`) instead of segmented again.
A file is written at once (:func:`store`, through :func:`discourse._util.atomic_write`):
a reader sees the old file or the whole new one. A file holds its key and a checksum, and
what is read back is checked against the texts (offsets in range, in order): a corrupt,
foreign or tampered file is dropped, never believed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np

from . import __version__
from ._util import atomic_write, remove_stale_temporaries
from .languages.base import user_cache_dir

__all__ = ["key", "path", "load", "store"]

_ARRAYS = ("seg_row", "start", "end", "type_id", "is_stop")
#: Kept when given: each type's place in code-point order (``Tokens.vocab_order``).
_OPTIONAL = ("vocab_ranks",)
#: Texts hashed at a time by :func:`key` (a few hundred kB of text, not the whole corpus at once).
_KEY_CHUNK = 256


def key(texts, langs, tokenizers) -> str:
    """The cache key of ``texts`` (their languages ``langs``) tokenized by ``tokenizers``
    (language -> tokenizer): a hex digest.

    >>> from discourse.languages import get_tokenizer
    >>> len(key(["Bonjour."], ["fr"], {"fr": get_tokenizer("fr")}))
    40
    """
    # SHA-1 (a key, not a seal: the file is checked when read) is 5 x faster than BLAKE2b here
    h = hashlib.sha1(f"discourse {__version__}\n".encode(), usedforsecurity=False)
    for lang in sorted(tokenizers):
        h.update(f"{lang}={tokenizers[lang].fingerprint}\n".encode())
    # every text's language and length, then all the texts at once (one encode, one update):
    # UTF-32 is one code point per 4 bytes, lone surrogates included (one-to-one), and
    # encodes 6 x faster than UTF-8 for Chinese
    h.update("\x00".join(map(str, langs)).encode("utf-8", "surrogatepass") + b"\x01")
    h.update(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)).tobytes())
    for k in range(0, len(texts), _KEY_CHUNK):  # the same digest as all at once, in memory reused chunk by chunk
        h.update("".join(texts[k:k + _KEY_CHUNK]).encode("utf-32-le", "surrogatepass"))
    return h.hexdigest()


def path(cache_key: str) -> Path:
    """The file of a cache key."""
    return user_cache_dir() / "tokens" / f"{cache_key}.npz"


def _digest(cache_key: str, members: zipfile.ZipFile) -> np.ndarray:
    """A checksum of what a file holds, with the key it is for (as bytes): it catches a
    file changed since it was written, not a forger. It is made of the CRC-32 of every
    other member of the ``.npz`` (a zip file), which :mod:`zipfile` checks against the
    data as each member is read: a changed byte fails that check, an array written
    again (its CRC-32 with it) fails this one, and nothing is hashed a second time
    (hashing the 13 MB of arrays of the 1.5 M-character Chinese reports took 13 ms)."""
    h = hashlib.sha1(cache_key.encode(), usedforsecurity=False)
    for info in sorted(members.infolist(), key=lambda info: info.filename):
        if info.filename != "digest.npy":
            h.update(f"{info.filename} {info.file_size} {info.CRC}\n".encode())
    return np.frombuffer(h.digest(), dtype=np.uint8)


def _consistent(arrays: dict, vocab: list, lengths: np.ndarray) -> bool:
    """Whether the arrays can be the tokens of texts of these ``lengths``: same sizes,
    segment rows in range and in order, offsets within their segment's text, tokens not
    empty and not overlapping, type ids within the vocabulary."""
    seg_row, start, end, type_id = (arrays[name] for name in _ARRAYS[:4])
    n = len(type_id)
    if not (all(len(arrays[name]) == n for name in _ARRAYS) and isinstance(vocab, list)
            and len(arrays["is_punct"]) == len(vocab) and arrays["is_punct"].dtype == bool
            and arrays["is_stop"].dtype == bool
            and all(arrays[name].dtype.kind == "i" for name in _ARRAYS[:4])):
        return False
    ranks = arrays.get("vocab_ranks")
    if ranks is not None and not (ranks.dtype.kind == "i" and len(ranks) == len(vocab) and (
            len(ranks) == 0 or (ranks.min() >= 0 and ranks.max() < len(ranks)
                                and np.all(np.bincount(ranks, minlength=len(ranks)) == 1)))):
        return False  # not a permutation of the types
    if n == 0:
        return True
    step = np.diff(seg_row)
    if not (seg_row[0] >= 0 and seg_row[-1] < len(lengths) and np.all(step >= 0) and start.min() >= 0
            and np.all(start < end) and np.all((start[1:] >= end[:-1]) | (step != 0))
            and type_id.min() >= 0 and type_id.max() < len(vocab)):
        return False
    # tokens in order and apart within a segment: its last token ends last (no gather of all)
    last = np.append(np.flatnonzero(step), n - 1)
    return bool(np.all(end[last] <= lengths[seg_row[last]]))


def load(cache_key: str, texts) -> dict | None:
    """The arrays stored under ``cache_key`` for the segment texts ``texts`` (``seg_row,
    start, end, type_id, is_stop, vocab, is_punct`` and, when the file has them,
    ``vocab_ranks``), or None when there are none — or
    none to trust: a file that is corrupt or truncated, made for another key (copied
    from another corpus), changed since it was written (its checksum) or whose offsets
    do not fit ``texts`` is deleted, and the corpus tokenized again.

    >>> load("0" * 40, ["Bonjour."]) is None
    True
    """
    file = path(cache_key)
    if not file.exists():
        return None
    try:
        with np.load(file, allow_pickle=False) as npz:  # every member read whole: its CRC-32 checked
            arrays = {name: npz[name] for name in (*_ARRAYS, "is_punct", *_OPTIONAL) if name in npz.files}
            stored_key, digest, raw_vocab = npz["key"].tobytes().decode("ascii"), npz["digest"], npz["vocab"]
            expected = _digest(cache_key, npz.zip)
        vocab = json.loads(raw_vocab.tobytes().decode("utf-8"))
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        if stored_key != cache_key or not np.array_equal(digest, expected) \
                or not _consistent(arrays, vocab, lengths):
            raise ValueError("not the tokens of these texts")
        return dict(arrays, vocab=vocab)
    except Exception:  # corrupt, truncated, foreign or tampered with: drop it and tokenize again
        with contextlib.suppress(OSError):
            file.unlink()
        return None


def store(cache_key: str, arrays: dict) -> None:
    """Keep ``arrays`` (as :func:`load` returns them) under ``cache_key``, written at once,
    with the key and a checksum; a cache that cannot be written (read-only, full) is left
    alone. Temporary files of writes killed over an hour ago are deleted first."""
    vocab = np.frombuffer(json.dumps(arrays["vocab"], ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    key_bytes = np.frombuffer(cache_key.encode("ascii"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, vocab=vocab, is_punct=arrays["is_punct"], key=key_bytes,
             **{name: arrays[name] for name in (*_ARRAYS, *_OPTIONAL) if name in arrays})
    with zipfile.ZipFile(buffer, "a") as members:  # the checksum of the members written
        digest = io.BytesIO()
        np.lib.format.write_array(digest, _digest(cache_key, members), allow_pickle=False)
        members.writestr("digest.npy", digest.getvalue())
    with contextlib.suppress(OSError):
        remove_stale_temporaries(path(cache_key).parent, "*.npz")
        atomic_write(path(cache_key), buffer.getbuffer())
