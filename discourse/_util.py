"""Small helpers every module may use; they import nothing from the package."""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

__all__ = ["as_list", "string_ranks", "atomic_write", "remove_stale_temporaries", "distinct_per_cell",
           "cyclic_gc_paused"]

_LIST_LIKE = (list, tuple, set, frozenset, range, np.ndarray)


def as_list(value) -> list:
    """An option that takes one value or several, as a list: ``None`` is ``[]`` (no value),
    a list, tuple, set, range, array, Series or Index gives its items, anything else
    (a string, a number, a mapping …) is one value.

    >>> as_list(None), as_list("zh"), as_list(("zh", "fr")), as_list(2020)
    ([], ['zh'], ['zh', 'fr'], [2020])
    """
    if value is None:
        return []
    if isinstance(value, _LIST_LIKE):
        return list(value)
    # a Series or an Index: pandas is then imported (this module does not import it, so
    # that the Chinese tokenizer, which needs this module, starts without it)
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(value, (pd.Series, pd.Index)):
        return list(value)
    return [value]


@contextlib.contextmanager
def cyclic_gc_paused():
    """Pause Python's cyclic garbage collector for the block, then restore its state.

    For work that allocates many small objects with no reference cycles (reference counting
    frees them) and keeps them to the end: each allocation burst would trigger collections
    that walk them all again. Tokenizing a chunk (tuples, strings, pyvi's feature dicts:
    about 7 % of the time on the 10 M-character French benchmark) and finding renderings
    (hits, groups, scores, caches, rows: two full collections, about 9 % on 1 M tokens; the
    call leaves no cyclic garbage) use it. A cycle made meanwhile is collected once the
    collector is back.

    >>> import gc
    >>> with cyclic_gc_paused():
    ...     inside = gc.isenabled()
    >>> inside, gc.isenabled()
    (False, True)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _umask() -> int:
    """The process's umask, read without changing it (Linux ``/proc``); 0o022 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def atomic_write(path, data) -> Path:
    """Write ``data`` (text, as UTF-8 with ``\\n`` line ends, or bytes) to ``path`` at once:
    a temporary file in the same folder is written, then renamed over ``path``, so a reader
    never sees half a file. A new file gets mode ``0o666 & ~umask``, as ``open`` gives; a
    file replaced keeps its mode.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> atomic_write(folder / "a.txt", "é\\n").read_text(encoding="utf-8")
    'é\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if isinstance(data, (bytes, bytearray, memoryview)):
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def string_ranks(values, *, width: int = 32) -> np.ndarray:
    """Position of each string in a stable sort of ``values`` (code point order, as
    Python compares strings): an integer sort key.

    The strings are sorted on their first ``width`` characters as a fixed-width NumPy
    array (several times faster than sorting Python objects); only runs of equal
    prefixes holding a longer string (or a NUL, which NumPy drops at the end of a
    fixed-width string) are then re-sorted as Python strings.

    >>> string_ranks(["b", "a", "ab"]).tolist()
    [2, 0, 1]
    """
    strings = np.asarray(values, dtype=object)
    prefix = strings.astype(f"U{width}")  # truncates
    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    inexact = np.char.str_len(prefix) != lengths
    order = np.argsort(prefix, kind="stable")
    if inexact.any():
        sorted_prefix = prefix[order]
        run_start = np.flatnonzero(np.r_[True, sorted_prefix[1:] != sorted_prefix[:-1]])
        run_end = np.r_[run_start[1:], len(order)]
        run_of = np.searchsorted(run_start, np.flatnonzero(inexact[order]), side="right") - 1
        for lo, hi in zip(run_start[np.unique(run_of)], run_end[np.unique(run_of)]):
            if hi - lo > 1:
                members = order[lo:hi]
                order[lo:hi] = members[sorted(range(hi - lo), key=lambda i: strings[members[i]])]
    ranks = np.empty(len(strings), dtype=np.int64)
    ranks[order] = np.arange(len(strings))
    return ranks


def distinct_per_cell(cell: np.ndarray, doc: np.ndarray, *, n_cells: int, n_docs: int, slots: int = 1 << 20) -> np.ndarray:
    """Number of distinct documents in which each cell (a (group, term) pair, numbered
    ``0 … n_cells - 1``) occurs, given the cell and document of every unit: the
    ``doc_freq`` of :func:`discourse.counting.count_table`.

    No sort and no hash: each unit marks the slot of its (document, cell) pair in a
    table of flags, one row per document; a cell's documents are the marked slots of its
    column. The flags of a batch of documents at a time are kept in one reused array of
    about ``slots`` booleans. Units are in corpus order, so usually already grouped by
    document.

    >>> distinct_per_cell(np.array([0, 1, 0, 0]), np.array([0, 0, 1, 1]), n_cells=2, n_docs=2).tolist()
    [2, 1]
    """
    if len(doc) > 1 and np.any(doc[1:] < doc[:-1]):
        order = np.argsort(doc, kind="stable")
        cell, doc = cell[order], doc[order]
    width = max(n_cells, 1)
    per_batch = max(1, slots // width)
    edges = np.searchsorted(doc, np.arange(0, n_docs + per_batch, per_batch))
    seen = np.zeros(per_batch * width, dtype=bool)  # small: quick to clear and to sum
    out = np.zeros(n_cells, dtype=np.int64)
    for batch, (lo, hi) in enumerate(zip(edges[:-1], edges[1:])):
        if lo == hi:
            continue
        if batch:
            seen[:] = False
        seen[(doc[lo:hi] - batch * per_batch) * width + cell[lo:hi]] = True
        out += seen.reshape(per_batch, width).sum(axis=0)
    return out


def remove_stale_temporaries(folder, name: str = "*", *, age: float = 3600) -> list[Path]:
    """Delete the temporary files :func:`atomic_write` left in ``folder`` for files named
    ``name`` (a glob) when a process was killed mid-write, once older than ``age`` seconds
    (a younger one may be another process's write under way). Only that prefix and
    suffix (``.<name>.`` and mkstemp's eight characters) are touched, never other files.
    Returns the files deleted.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> orphan, kept = folder / ".a.npz.x1y2z3w4", folder / "a.npz"
    >>> _ = orphan.write_bytes(b"half"), kept.write_bytes(b"whole")
    >>> os.utime(orphan, (0, 0))
    >>> [p.name for p in remove_stale_temporaries(folder, "*.npz")], kept.exists()
    (['.a.npz.x1y2z3w4'], True)
    """
    cutoff = time.time() - age
    removed = []
    for tmp in Path(folder).glob(f".{name}.????????"):
        try:
            info = tmp.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                tmp.unlink()
                removed.append(tmp)
        except OSError:  # gone meanwhile, or not ours to delete
            continue
    return removed
