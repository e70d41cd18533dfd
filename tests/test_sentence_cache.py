"""The on-disk cache of a corpus's sentence units (discourse._sentence_cache): a re-run reads the
units back instead of aligning again, and anything that could make them wrong is a miss."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import discourse
from discourse import _sentence_cache as kept
from discourse import sentence_align, sentence_units
from discourse.sentence_units import align_corpus


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def corpus():
    return discourse.load_corpus()


@pytest.fixture(scope="module")
def aligned(corpus):
    return align_corpus(corpus, cache=False)


def _no_aligner(monkeypatch):
    """Make aligning fail: what comes back then was read from the cache."""
    def refuse(*args, **kwargs):
        raise AssertionError("aligned again")
    monkeypatch.setattr(sentence_align, "document_beads", refuse)


def _files(cache_dir):
    return sorted((cache_dir / "sentences").glob("*.npz"))


def test_a_rerun_reads_the_units_back(cache_dir, corpus, aligned, monkeypatch):
    first = align_corpus(corpus)
    assert len(_files(cache_dir)) == 1
    level = discourse.load_corpus().to_sentences().segments
    _no_aligner(monkeypatch)
    pd.testing.assert_frame_equal(first, aligned, check_exact=True)
    pd.testing.assert_frame_equal(align_corpus(corpus), aligned, check_exact=True)
    again = discourse.load_corpus().to_sentences().segments  # a new corpus object, as a new session's
    pd.testing.assert_frame_equal(again, level, check_exact=True)


def test_cache_false_neither_reads_nor_writes(cache_dir, corpus, aligned, monkeypatch):
    align_corpus(corpus, cache=False)
    assert not _files(cache_dir)
    align_corpus(corpus)
    _no_aligner(monkeypatch)
    with pytest.raises(AssertionError, match="aligned again"):
        align_corpus(corpus, cache=False)


def test_another_text_or_aligner_is_a_miss(cache_dir, corpus, monkeypatch):
    align_corpus(corpus)
    seg = corpus.segments.copy()
    seg.loc[seg.index[-1], "text"] = seg["text"].iloc[-1] + " Thêm."
    changed = type(corpus)(seg, corpus.documents)
    table = discourse.sentences.sentences(changed).rename(columns={"align_id": "paragraph_align_id"})
    tokenizers = {lang: discourse.languages.get_tokenizer(lang) for lang in sorted(set(table["lang"]))}
    old = discourse.sentences.sentences(corpus).rename(columns={"align_id": "paragraph_align_id"})
    assert kept.key(table, tokenizers) != kept.key(old, tokenizers)
    before = kept.key(old, tokenizers)
    monkeypatch.setattr(kept, "_code_stamp", lambda: "another aligner")
    assert kept.key(old, tokenizers) != before
    _no_aligner(monkeypatch)
    with pytest.raises(AssertionError, match="aligned again"):  # the code changed: not read back
        align_corpus(corpus)


@pytest.mark.parametrize("damage", ["truncated", "other arrays", "another key"])
def test_a_damaged_file_is_dropped_and_the_units_aligned_again(cache_dir, corpus, aligned, damage):
    align_corpus(corpus)
    (file,) = _files(cache_dir)
    if damage == "truncated":
        file.write_bytes(file.read_bytes()[:100])
    else:
        with np.load(file) as npz:
            arrays = dict(npz)
        if damage == "other arrays":
            arrays["align_id"] = arrays["align_id"][::-1].copy()  # the checksum no longer fits
        else:
            arrays["key"] = np.frombuffer(b"0" * 40, dtype=np.uint8)
        np.savez(file, **arrays)
    pd.testing.assert_frame_equal(align_corpus(corpus), aligned, check_exact=True)
    assert len(_files(cache_dir)) == 1  # dropped, then written again


def test_an_unwritable_cache_loses_nothing(tmp_path, monkeypatch, corpus, aligned):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(blocked))
    pd.testing.assert_frame_equal(align_corpus(corpus), aligned, check_exact=True)


def test_every_source_in_the_stamp_exists():
    from pathlib import Path

    here = Path(sentence_units.__file__).parent
    assert all((here / name).is_file() for name in kept.SOURCES)
    assert len(kept._code_stamp()) == 40
