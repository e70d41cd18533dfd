"""Worker processes for tokenizing and for pairing renderings: ``n_jobs``, ``--jobs``, ``$DISCOURSE_JOBS``
and the default (issue 18: never slower than one worker; the pool sized from the CPU affinity)."""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import discourse
from discourse import _chunked
from discourse.cli import main
from discourse._forked import pieces_of
from discourse.tokens import tokenize

BIG = _chunked.PARALLEL_MIN_CHARS + 1


@pytest.fixture
def machine(monkeypatch):
    """A machine of 64 cores of which this process may use those given, at a given load average, with
    `others` cores wanted by other tasks now (by default the load average: none of it ours; None: the
    system cannot tell, as without /proc/loadavg)."""
    monkeypatch.delenv("DISCOURSE_JOBS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)

    def set_up(cores, load=0.0, others="load"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
        monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
        busy = load if others == "load" else others
        monkeypatch.setattr(_chunked, "busy_elsewhere", lambda **options: busy)

    return set_up


def test_the_default_pool_is_the_cpu_affinity_not_the_core_count(machine):
    machine(4)
    assert _chunked.worker_count(chars=BIG) == 4
    machine(1)  # taskset -c 0, a one-core container
    assert _chunked.worker_count(chars=BIG) == 1


def test_the_default_leaves_out_the_busy_cores(machine):
    machine(4, load=1.6)  # two cores' worth of other work
    assert _chunked.worker_count(chars=BIG) == 2
    machine(2, load=1.2)  # the second core busy: one worker
    assert _chunked.worker_count(chars=BIG) == 1
    machine(2, load=9.0)
    assert _chunked.worker_count(chars=BIG) == 1


def test_the_load_this_process_adds_itself_does_not_take_a_core(machine):
    # a script or a notebook kernel that has computed for a minute puts the load average near 1 by
    # itself: on an otherwise idle 2-core machine the second core is free (bench_jobs: 1.7-1.9 x faster)
    machine(2, load=1.2, others=0.1)
    assert _chunked.worker_count(chars=BIG) == 2
    machine(4, load=3.1, others=1.2)  # what the others want now, when less than the load average
    assert _chunked.worker_count(chars=BIG) == 3
    machine(4, load=0.4, others=3.0)  # a burst now, on a machine idle for the last minute
    assert _chunked.worker_count(chars=BIG) == 4
    machine(2, load=1.2, others=None)  # no /proc/loadavg (macOS): the load average alone
    assert _chunked.worker_count(chars=BIG) == 1


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def _least_busy(tries: int = 8) -> float:
    """The least :func:`busy_elsewhere` says over a few reads, 20 ms apart: what the machine's
    other tasks want, with a task passing through elsewhere (another test run, a build) left out."""
    found = []
    for k in range(tries):
        if k:
            time.sleep(0.02)
        found.append(_chunked.busy_elsewhere(samples=10))
    assert None not in found
    return min(found)


@pytest.mark.skipif(not Path("/proc/loadavg").is_file(), reason="no /proc/loadavg: the load average alone is used")
def test_busy_elsewhere_counts_other_processes_not_the_work_this_one_has_done():
    # The machine may be shared (on 12-04 a profiling run beside CI made one read 0.5 above the
    # quiet one): each figure is the least of a few reads, so a task elsewhere that comes and
    # goes is not taken for this process's work; a spinning child is counted in every read.
    quiet = _least_busy()
    assert quiet >= 0.0
    _spin(1.0)  # this process's own work, which the load average keeps for a minute
    after = _least_busy()
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)  # started and running
        other = _least_busy()
    finally:
        spinner.kill()
        spinner.wait()
    assert other - min(quiet, after) >= 0.6, (quiet, after, other)  # another process spinning: a core's worth
    assert after - quiet < 0.5, (quiet, after)


def test_without_an_affinity_the_core_count_is_used(machine, monkeypatch):
    machine(4)
    monkeypatch.delattr(os, "sched_getaffinity")
    assert _chunked.worker_count(chars=BIG) == 64


def test_work_too_small_to_split_takes_one_worker(machine):
    machine(8)
    assert _chunked.worker_count(chars=_chunked.PARALLEL_MIN_CHARS) == 1


def test_n_jobs_and_the_environment_variable_are_obeyed(machine, monkeypatch):
    machine(1)
    assert _chunked.worker_count(3, chars=10) == 3
    monkeypatch.setenv("DISCOURSE_JOBS", "2")
    assert _chunked.worker_count(chars=10) == 2
    assert _chunked.worker_count(1, chars=BIG) == 1  # the argument over the variable


@pytest.mark.parametrize("value", ["0", "-2", "abc", "2.5"])
def test_a_bad_environment_variable_is_refused_naming_it(value, monkeypatch):
    monkeypatch.setenv("DISCOURSE_JOBS", value)
    corpus = discourse.load_corpus()
    with pytest.raises(discourse.InputError, match=rf"DISCOURSE_JOBS .* not '{value}'"):
        tokenize(corpus)  # even when the token cache would answer


@pytest.mark.parametrize("value", [0, -1, 1.5, "x", True])
def test_a_bad_n_jobs_is_refused_naming_it(value, monkeypatch):
    monkeypatch.delenv("DISCOURSE_JOBS", raising=False)
    with pytest.raises(discourse.InputError, match="n_jobs is a number of worker processes"):
        discourse.load_corpus().tokens(n_jobs=value, cache=False)


def _pool_spy(monkeypatch) -> list:
    """Record the ``max_workers`` of every process pool started."""
    started, real = [], concurrent.futures.ProcessPoolExecutor

    def spy(*args, max_workers=None, **kwargs):
        started.append(max_workers)
        return real(*args, max_workers=max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spy)
    return started


def test_the_environment_variable_starts_that_many_workers_with_identical_tokens(seeds, monkeypatch):
    monkeypatch.delenv("DISCOURSE_JOBS", raising=False)
    started = _pool_spy(monkeypatch)
    serial = tokenize(seeds, cache=False)
    assert started == []  # the seeds are far too small to split
    monkeypatch.setenv("DISCOURSE_JOBS", "2")
    parallel = tokenize(seeds, cache=False)
    assert started and set(started) == {2}
    assert parallel.vocab == serial.vocab
    for name in ("seg_row", "start", "end", "type_id", "is_stop"):
        assert np.array_equal(getattr(parallel, name), getattr(serial, name)), name


def test_cli_jobs_option(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("DISCOURSE_JOBS", raising=False)
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path))  # tokenized here, not read back
    started = _pool_spy(monkeypatch)
    assert main(["freq", "--lang", "fr", "--top", "5", "--format", "csv"]) == 0
    alone, _ = capsys.readouterr()
    assert started == []
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path / "other"))
    assert main(["freq", "--lang", "fr", "--top", "5", "--format", "csv", "--jobs", "2"]) == 0
    out, _ = capsys.readouterr()
    assert started and set(started) == {2}
    assert out == alone


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_cli_bad_jobs_is_a_usage_error_naming_the_option(capsys, value):
    with pytest.raises(SystemExit) as exit_info:
        main(["freq", "--jobs", value])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --jobs: takes a whole number of worker processes, 1 or more (e.g. --jobs 2), not '{value}'" in err


def test_cli_bad_environment_variable_is_an_error_naming_it(capsys, monkeypatch):
    monkeypatch.setenv("DISCOURSE_JOBS", "abc")
    assert main(["freq", "--lang", "fr", "--top", "3"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("discourse: error: DISCOURSE_JOBS is a number of worker processes") and "'abc'" in err


# ---------------------------------------------------------------- renderings' pairing (discourse/_forked.py)

@pytest.mark.parametrize("unit", ["paragraph", "sentence"])
def test_renderings_in_two_workers_give_the_same_table(seeds, monkeypatch, unit):
    monkeypatch.delenv("DISCOURSE_JOBS", raising=False)
    started = _pool_spy(monkeypatch)
    alone = discourse.renderings(seeds, unit=unit)
    assert started == []  # the seeds are far too small to split
    two = discourse.renderings(seeds, unit=unit, n_jobs=2)
    assert started == [2]
    assert len(alone) > 100
    pd.testing.assert_frame_equal(two, alone, check_exact=True)
    assert two.attrs == alone.attrs
    monkeypatch.setenv("DISCOURSE_JOBS", "2")
    pd.testing.assert_frame_equal(discourse.renderings(seeds, unit=unit, target="fr"),
                                  alone.query("target_lang == 'fr'").reset_index(drop=True), check_exact=True)
    assert started == [2, 2]


@pytest.mark.parametrize("value", [0, -2, "two", 1.5])
def test_renderings_refuse_a_bad_n_jobs_naming_it(seeds, value, monkeypatch):
    monkeypatch.delenv("DISCOURSE_JOBS", raising=False)
    with pytest.raises(discourse.InputError, match="n_jobs is a number of worker processes"):
        discourse.renderings(seeds, n_jobs=value, unit="paragraph")


@pytest.mark.parametrize("n", [0, 1, 2, 7, 8, 9, 100])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_the_units_are_cut_in_pieces_covering_them_in_order(n, workers):
    pieces = pieces_of(n, workers)
    assert [i for lo, hi in pieces for i in range(lo, hi)] == list(range(n))
    assert all(hi > lo for lo, hi in pieces)
    assert len(pieces) == (min(n, 4 * workers) if workers > 1 else min(n, 1))


def test_cli_renderings_jobs_option(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("DISCOURSE_JOBS", raising=False)
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path))
    started = _pool_spy(monkeypatch)
    args = ["renderings", "--unit", "paragraph", "--format", "csv"]
    assert main(args) == 0
    alone, _ = capsys.readouterr()
    assert started == [] and alone.count("\n") > 100
    assert main([*args, "--jobs", "2"]) == 0
    out, _ = capsys.readouterr()
    assert 2 in started and set(started) == {2}
    assert out == alone


# ---------------------------------------------------------------- sentence alignment (sentence_align.document_beads)

def _copies(corpus, n: int):
    """The corpus `n` times, as new documents."""
    seg, docs = corpus.segments, corpus.documents
    return discourse.Corpus(pd.concat([seg.assign(doc_id=seg["doc_id"] + f"_{k}") for k in range(n)], ignore_index=True),
                            pd.concat([docs.assign(doc_id=docs["doc_id"] + f"_{k}") for k in range(n)], ignore_index=True))


def test_documents_aligned_in_workers_give_the_same_sentence_units(seeds, monkeypatch, tmp_path):
    monkeypatch.delenv("DISCOURSE_JOBS", raising=False)
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path))  # aligned here, not read back
    corpus = _copies(seeds, 3)
    started = _pool_spy(monkeypatch)
    alone = corpus.sentences()
    assert started == []  # three copies of the seeds are aligned in one process by default
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path / "other"))
    monkeypatch.setenv("DISCOURSE_JOBS", "2")
    two = _copies(seeds, 3).sentences()
    assert started and set(started) == {2}  # each pass over the three documents of a language pair
    pd.testing.assert_frame_equal(two, alone, check_exact=True)
    assert alone.groupby("doc_id")["align_id"].max().min() > 5


def test_document_beads_in_workers_are_those_of_one_process_and_refuse_a_bad_n_jobs():
    from discourse.sentence_align import document_beads

    docs = {f"d{k}": (["卡瓦诺法官发言。", f"他说了{k}次。"], ["Le juge Kavanaugh parle.", f"Il l'a dit {k} fois."])
            for k in range(5)}
    alone = document_beads(docs, source_lang="zh", target_lang="fr", n_jobs=1)
    two = document_beads(docs, source_lang="zh", target_lang="fr", n_jobs=2)
    assert list(two) == list(alone) == list(docs)
    for doc_id in docs:
        pd.testing.assert_frame_equal(two[doc_id], alone[doc_id], check_exact=True)
    bad = dict(docs, d3="not a pair of lists")
    with pytest.raises(discourse.InputError, match="document 'd3': give a pair"):  # from a worker, as from one process
        document_beads(bad, source_lang="zh", target_lang="fr", n_jobs=2)
    with pytest.raises(discourse.InputError, match="n_jobs is a number of worker processes"):
        document_beads(docs, source_lang="zh", target_lang="fr", n_jobs=0)
