"""Tokenizing texts in chunks — in worker processes when a corpus is large enough —
into the flat arrays :class:`discourse.tokens.Tokens` keeps (:func:`tokenize_arrays`).

Each language's texts are cut into chunks of about :data:`CHUNK_CHARS` characters (for
the workers and the progress bar); every process numbers the norms it meets, and those
numbers are mapped into one corpus vocabulary in order of first occurrence, as if the
tokens had been interned one by one. Text that is not NFC is normalised for the
tokenizer and the offsets mapped back (:func:`nfc_with_map`).
"""

from __future__ import annotations

import contextlib
import os
import time
import unicodedata

import numpy as np

from ._progress import progress_bar
from ._util import cyclic_gc_paused
from .errors import InputError
from .languages.base import TypeIds

__all__ = ["nfc_with_map", "tokenize_arrays", "worker_count", "available_cores", "busy_elsewhere", "CHUNK_CHARS",
           "PARALLEL_MIN_CHARS", "JOBS_VARIABLE", "SAMPLES"]


def nfc_with_map(text: str) -> tuple[str, np.ndarray | None]:
    """NFC-normalise ``text`` and map each offset of the result back to ``text``.

    Returns ``(nfc_text, mapping)`` where ``mapping[i]`` is the offset in ``text`` of
    offset ``i`` in ``nfc_text`` (``len(mapping) == len(nfc_text) + 1``), or ``None`` when
    ``text`` is already NFC (the usual case, and free).

    >>> nfc, mapping = nfc_with_map("xoa\\u0301 đói q\\u0301")
    >>> nfc, mapping.tolist()
    ('xoá đói q́', [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11])
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces, mapping = [], []
    start = 0
    # Normalise cluster by cluster (a starter plus its combining marks). A cluster NFC
    # leaves alone ("q́": no composed q́ exists) maps character by character; one it
    # changes ("é" from "e" + U+0301, or "中" + U+0344 made three characters) maps its
    # k-th character to the k-th of the cluster, the last one for those beyond: a token
    # that starts inside it (after a letter its marks are not attached to) is still
    # neither empty nor overlapping, and only marks at its end can share an offset.
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            cluster = text[start:i]
            chunk = unicodedata.normalize("NFC", cluster)
            pieces.append(chunk)
            if chunk == cluster:
                mapping.extend(range(start, i))
            else:
                mapping.extend(min(start + k, i - 1) for k in range(len(chunk)))
            start = i
    mapping.append(len(text))
    return "".join(pieces), np.asarray(mapping, dtype=np.int64)


def _tokenize_chunk(tokenizer, texts: list[str], vocab):
    """Tokenize texts (in a worker process or in this one), numbering norms in ``vocab``
    (a :class:`~discourse.languages.base.TypeIds` kept over the chunks a process does).

    Returns per text the number of tokens; flat arrays of offsets (into the original
    texts); the norms ``vocab`` met first in this chunk (in order of first occurrence);
    and per token the index of its norm in ``vocab`` — compact to send back from a worker,
    and interned into the corpus vocabulary once per process and norm, not per token.
    """
    with cyclic_gc_paused():  # the per-token objects are all freed before it resumes
        known = len(vocab.types)
        counts, start, end, ids = _chunk_arrays(tokenizer, texts, vocab)
        return counts, start, end, vocab.types[known:], ids


def _chunk_arrays(tokenizer, texts: list[str], vocab):
    """The work of :func:`_tokenize_chunk`, whose per-token lists are freed on return."""
    prepared = [nfc_with_map(t) for t in texts]
    counts, starts, ends, _, ids = tokenizer.token_columns([nfc for nfc, _ in prepared], vocab)
    start = np.asarray(starts, dtype=np.int32)  # lists, or arrays (zh)
    end = np.asarray(ends, dtype=np.int32)
    if any(mapping is not None for _, mapping in prepared):
        bounds = np.r_[0, np.cumsum(counts)]
        for k, (_, mapping) in enumerate(prepared):
            if mapping is not None:  # offsets into the NFC text, mapped back to the original
                a, b = bounds[k], bounds[k + 1]
                start[a:b], end[a:b] = mapping[start[a:b]], mapping[end[a:b]]
    return np.asarray(counts, dtype=np.int64), start, end, np.asarray(ids, dtype=np.int32)


#: Below this many characters of one language, the default is one worker: starting
#: workers (and sending their results back) costs more than splitting the work saves.
PARALLEL_MIN_CHARS = 2_000_000

#: The environment variable giving the number of worker processes when ``n_jobs`` is not.
JOBS_VARIABLE = "DISCOURSE_JOBS"


def _whole_number(value, name: str) -> int:
    """``value`` as a number of worker processes (1 or more), else an InputError naming ``name``."""
    number = value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            number = int(value.strip())
    if isinstance(number, bool) or not isinstance(number, (int, np.integer)) or number < 1:
        raise InputError(f"{name} is a number of worker processes, a whole number 1 or more (e.g. {name}=2), "
                         f"not {value!r}")
    return int(number)


def available_cores() -> int:
    """The cores this process may run on: its CPU affinity (``taskset``, a container's
    cpuset), else :func:`os.cpu_count`.

    >>> available_cores() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # no affinity on this system (macOS, Windows)
        return os.cpu_count() or 1


#: Reads of the machine's runnable tasks :func:`busy_elsewhere` averages, a millisecond apart.
SAMPLES = 5


def _runnable() -> int:
    """The tasks running or waiting for a core on this machine now, this one included (``/proc/loadavg``)."""
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return int(loadavg.read().split()[3].partition("/")[0])


def busy_elsewhere(*, samples: int = SAMPLES) -> float | None:
    """How many cores the other tasks of the machine want now; None where the system cannot
    tell (no ``/proc/loadavg``: macOS, Windows).

    The tasks running or runnable (the fourth field of ``/proc/loadavg``) less the one
    reading it, averaged over `samples` reads a millisecond apart: a process spinning on a
    core counts 1, and the work this process has just done counts nothing, unlike in the
    load average.

    >>> busy = busy_elsewhere(samples=2)
    >>> busy is None or busy >= 0.0
    True
    """
    counts = []
    try:
        for k in range(samples):
            if k:
                time.sleep(0.001)
            counts.append(_runnable() - 1)
    except (OSError, ValueError, IndexError):
        return None
    return max(0.0, sum(counts) / len(counts))


def worker_count(n_jobs=None, *, chars: int, min_chars: int = PARALLEL_MIN_CHARS) -> int:
    """The worker processes to tokenize ``chars`` characters of one language with.

    ``n_jobs`` if given, else ``$DISCOURSE_JOBS`` if set: that many, whatever the size.
    Otherwise (the default) one worker up to `min_chars` characters (for tokenizing,
    :data:`PARALLEL_MIN_CHARS`; work that costs more per character sets fewer), and
    above that the *free* cores: the cores this process may use (:func:`available_cores`,
    its CPU affinity) less those other processes keep busy, rounded, at least one. On a busy
    machine a second worker does not get a core of its own and only adds the cost of
    starting it and sending its results back; ``benchmarks/bench_jobs.py`` measures it.
    The busy cores are the one-minute load average, or, when lower, what the other tasks
    want now (:func:`busy_elsewhere`): the load average also counts this process's own work,
    so a script or a notebook kernel that has computed for a minute would otherwise see the
    second core of an idle 2-core machine as taken.

    A value that is not a whole number 1 or more (``0``, ``"abc"``) is an
    :class:`~discourse.errors.InputError` naming ``n_jobs`` or ``DISCOURSE_JOBS``.

    >>> worker_count(3, chars=10), worker_count(chars=10)
    (3, 1)
    """
    if n_jobs is not None:
        return _whole_number(n_jobs, "n_jobs")
    if os.environ.get(JOBS_VARIABLE, "").strip():
        return _whole_number(os.environ[JOBS_VARIABLE], JOBS_VARIABLE)
    cores = available_cores()
    if chars <= min_chars or cores == 1:
        return 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this system
        busy = 0.0
    if round(busy):  # maybe this process's own work: see what the other tasks want now
        now = busy_elsewhere()
        if now is not None:
            busy = min(busy, now)
    return max(1, cores - round(busy))


#: Texts are tokenized in chunks of about this many characters (for workers and the
#: progress bar); a corpus smaller than one chunk is one chunk.
CHUNK_CHARS = 500_000


def _chunked(tokenizer, texts: list[str], rows: np.ndarray, n_jobs: int | None):
    """Tokenize ``texts`` (the segments at ``rows``), in worker processes when worth it;
    yields ``(rows of the chunk, result of _tokenize_chunk)`` in order."""
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    total = int(sizes.sum())
    n_jobs = worker_count(n_jobs, chars=total)
    pieces_wanted = max(total // CHUNK_CHARS, 4 * n_jobs if n_jobs > 1 else 1, 1)
    cuts = np.searchsorted(np.cumsum(sizes), np.linspace(0, total, pieces_wanted + 1)[1:-1])
    bounds = sorted(set([0, *cuts.tolist(), len(texts)]))
    pieces = [(i, j) for i, j in zip(bounds[:-1], bounds[1:]) if j > i]
    bar = progress_bar(total=total, desc=f"tokenizing {tokenizer.lang}") if len(pieces) > 1 else None
    with contextlib.ExitStack() as stack:
        if bar:
            stack.callback(bar.close)
        if n_jobs > 1 and len(pieces) > 1:
            import multiprocessing  # deferred: only for a parallel run
            from concurrent.futures import ProcessPoolExecutor  # deferred: only for a parallel run

            tokenizer.load()  # load dictionaries once here: forked workers inherit them
            context = multiprocessing.get_context()
            inherit = context.get_start_method() == "fork"  # then only (i, j) is sent, not texts
            pool = stack.enter_context(ProcessPoolExecutor(
                max_workers=n_jobs, mp_context=context, initializer=_worker_starts,
                initargs=(tokenizer, texts if inherit else None)))
            results = pool.map(_tokenize_piece, pieces if inherit else [texts[i:j] for i, j in pieces])
        else:
            vocab = TypeIds()
            results = ((None, _tokenize_chunk(tokenizer, texts[i:j], vocab)) for i, j in pieces)
        for (i, j), result in zip(pieces, results):
            if bar:
                bar.update(int(sizes[i:j].sum()))
            yield rows[i:j], result


_WORKER: dict = {}  # in a worker process only: its tokenizer, inherited texts and vocabulary


def _worker_starts(tokenizer, texts) -> None:
    """Initializer of a worker process: keep its tokenizer, the texts it inherited by
    forking (None when they come with each piece) and a vocabulary for its chunks."""
    _WORKER.update(tokenizer=tokenizer, texts=texts, vocab=TypeIds())


def _tokenize_piece(piece):
    """In a worker: tokenize ``texts[i:j]`` of the inherited texts (``piece = (i, j)``),
    or the texts given. Returns the process id (whose vocabulary numbers the result)
    and the result of :func:`_tokenize_chunk`."""
    texts = _WORKER["texts"][piece[0] : piece[1]] if _WORKER["texts"] is not None else piece
    return os.getpid(), _tokenize_chunk(_WORKER["tokenizer"], texts, _WORKER["vocab"])


def tokenize_arrays(texts, langs, tokenizers, *, n_jobs) -> dict:
    """Tokenize ``texts`` (``langs``: the language of each) with ``tokenizers`` (language
    -> tokenizer): the arguments of :class:`discourse.tokens.Tokens` but ``is_punct``
    (``seg_row, start, end, type_id, vocab, is_stop``), tokens in segment order.

    >>> from discourse.languages import get_tokenizer
    >>> arrays = tokenize_arrays(["Bonjour le monde."], np.array(["fr"]), {"fr": get_tokenizer("fr")}, n_jobs=1)
    >>> arrays["vocab"], arrays["seg_row"].tolist()
    (['bonjour', 'le', 'monde', '.'], [0, 0, 0, 0])
    """
    vocab = _Vocabulary()
    counts = np.zeros(len(texts), dtype=np.int64)
    starts, ends, ids, stops, order = [], [], [], [], []
    for lang, tokenizer in tokenizers.items():
        rows = np.flatnonzero(langs == lang)
        first = len(ids)
        type_ids: dict = {}  # per process that tokenized: its type numbers -> ours
        for chunk_rows, (source, (n, s, e, new_types, local_ids)) in _chunked(
                tokenizer, [texts[r] for r in rows], rows, n_jobs):
            counts[chunk_rows] = n
            starts.append(s)
            ends.append(e)
            # the types new to that process, in order of first occurrence: chunks come in
            # corpus order, so the vocabulary is in order of first occurrence in the
            # corpus, as if interned token by token
            new_ids = np.asarray(vocab.ids_of(new_types), dtype=np.int32)
            type_ids[source] = np.concatenate([type_ids.get(source, new_ids[:0]), new_ids])
            ids.append(type_ids[source][local_ids])
        order.append(np.repeat(rows.astype(np.int32), counts[rows]))
        is_stop_type = np.zeros(len(vocab), dtype=bool)  # the stopwords of this language
        is_stop_type[[vocab[w] for w in tokenizer.stopwords if w in vocab]] = True
        stops += [is_stop_type[chunk_ids] for chunk_ids in ids[first:]]
    if not order:
        empty = np.zeros(0, dtype=np.int32)
        return dict(seg_row=empty, start=empty, end=empty, type_id=empty, vocab=[], is_stop=empty.astype(bool))
    # tokens were gathered language by language; put them in segment order
    seg_of = np.concatenate(order)
    columns = [np.concatenate(a) for a in (starts, ends, ids, stops)]
    if np.any(seg_of[1:] < seg_of[:-1]):  # languages interleaved in the corpus
        perm = np.argsort(seg_of, kind="stable")
        seg_of = seg_of[perm]
        columns = [a[perm] for a in columns]
    start, end, type_id, is_stop = columns
    return dict(seg_row=seg_of, start=start, end=end, type_id=type_id, vocab=list(vocab),
                is_stop=is_stop)


class _Vocabulary(dict):
    """Norm -> type id, a new norm getting the next id (``vocab[norm]`` interns it)."""

    def __missing__(self, norm: str) -> int:
        type_id = self[norm] = len(self)
        return type_id

    def ids_of(self, norms: list[str]) -> list[int]:
        """``[self[n] for n in norms]``, the new norms interned in bulk (no Python call each)."""
        new = [n for n in dict.fromkeys(norms) if n not in self]
        self.update(zip(new, range(len(self), len(self) + len(new))))
        return list(map(self.__getitem__, norms))
