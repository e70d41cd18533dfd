"""Tokens: compact storage, offsets into the original text, NFC/NFD invariance."""

from __future__ import annotations

import unicodedata
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from discourse.corpus import Corpus
from discourse.tokens import nfc_with_map


def test_tokens_are_stored_as_integer_arrays(seeds):
    toks = seeds.tokens()
    for name in ("seg_row", "start", "end", "type_id"):
        assert getattr(toks, name).dtype == np.int32
    assert len(toks.vocab) < len(toks)
    assert seeds.tokens() is toks  # computed once per corpus


def test_token_offsets_match_the_segment_text(seeds):
    frame = seeds.tokens().to_frame()
    texts = seeds.segments.set_index(["doc_id", "seg_id"])["text"]
    for row in frame.itertuples():
        assert texts[(row.doc_id, row.seg_id)][row.start:row.end] == row.token
    assert (frame.groupby(["doc_id", "seg_id"])["start"].apply(lambda s: s.is_monotonic_increasing)).all()


def test_domain_words_are_whole(seeds):
    norms = Counter(seeds.tokens().to_frame()["norm"])
    for word in ("脱贫攻坚", "军令状", "责任书", "精准扶贫", "trách nhiệm", "thoát nghèo"):
        assert norms[word] > 0, word
    assert norms["l'"] > 0 and norms["d'"] > 0  # French elisions split


def test_nfd_input_counts_like_nfc():
    text = "Đảng uỷ và chính quyền xoá đói giảm nghèo, trách nhiệm chủ thể."
    nfc = Corpus(pd.DataFrame({"doc_id": ["a"], "lang": ["vi"], "text": [unicodedata.normalize("NFC", text)]}))
    nfd_text = unicodedata.normalize("NFD", text)
    nfd = Corpus(pd.DataFrame({"doc_id": ["a"], "lang": ["vi"], "text": [nfd_text]}))
    a, b = nfc.tokens().to_frame(), nfd.tokens().to_frame()
    assert a["norm"].tolist() == b["norm"].tolist()
    assert all(nfd_text[s:e] == t for s, e, t in zip(b["start"], b["end"], b["token"]))


def test_nfc_map_round_trip():
    text = "e\u0301te\u0301 \u1ea1"
    nfc, mapping = nfc_with_map(text)
    assert nfc == unicodedata.normalize("NFC", text)
    assert mapping[0] == 0 and mapping[-1] == len(text)
    assert nfc_with_map("déjà")[1] is None


def test_stopword_and_punct_masks(seeds):
    frame = seeds.tokens().to_frame(punct=False, stopwords=False)
    assert not frame["is_punct"].any() and not frame["is_stop"].any()
    full = seeds.tokens().to_frame()
    assert full["is_stop"].any() and full["is_punct"].any()
    assert "，" in set(full["norm"])  # the seed's ASCII commas in Chinese count as full-width


def _arrays(toks):
    return [toks.seg_row, toks.start, toks.end, toks.type_id, toks.is_stop]


def test_cached_run_gives_identical_tokens(tmp_path, monkeypatch, seeds):
    from discourse._token_cache import path as _cache_path
    from discourse.tokens import tokenize

    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path))
    cold = tokenize(seeds)
    files = list((tmp_path / "tokens").glob("*.npz"))
    assert len(files) == 1
    warm = tokenize(seeds)
    assert warm.vocab == cold.vocab
    assert all((a == b).all() for a, b in zip(_arrays(warm), _arrays(cold)))
    # a corrupt cache file is dropped and rewritten, not trusted
    files[0].write_bytes(b"not a cache")
    again = tokenize(seeds)
    assert again.vocab == cold.vocab and files[0].stat().st_size > 100
    # nothing is written inside the package or the repository
    assert str(tmp_path) in str(_cache_path("x"))


def test_cache_key_follows_text_and_tokenizer(seeds):
    from discourse.languages import get_tokenizer
    from discourse._token_cache import key as _cache_key

    seg = seeds._segments
    tokenizers = {lang: get_tokenizer(lang) for lang in seeds.langs}
    key = _cache_key(seg["text"].tolist(), seg["lang"].to_numpy(), tokenizers)
    changed = seg["text"].tolist()
    changed[0] += "!"
    assert _cache_key(changed, seg["lang"].to_numpy(), tokenizers) != key
    other = dict(tokenizers, zh=get_tokenizer("zh", user_dict=["一个新词"]))
    assert _cache_key(seg["text"].tolist(), seg["lang"].to_numpy(), other) != key


def test_parallel_tokenization_is_identical(seeds):
    from discourse.tokens import tokenize

    serial = tokenize(seeds, cache=False, n_jobs=1)
    parallel = tokenize(seeds, cache=False, n_jobs=2)
    assert parallel.vocab == serial.vocab
    assert all((a == b).all() for a, b in zip(_arrays(parallel), _arrays(serial)))


def test_two_processes_sharing_the_cache(tmp_path):
    """Two notebooks on one cache: both finish and the cache they leave is valid."""
    import os
    import subprocess
    import sys

    code = ("import discourse; t = discourse.load_corpus().tokens(); print(len(t))")
    env = dict(os.environ, DISCOURSE_CACHE_DIR=str(tmp_path))
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs) and outs[0] == outs[1]
    assert len(list((tmp_path / "tokens").glob("*.npz"))) == 1
    assert not list((tmp_path / "tokens").glob(".*.tmp"))  # no half-written file left behind
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == outs[0]


def test_chunks_give_the_tokens_and_vocabulary_of_one_pass(seeds, monkeypatch):
    """Per-chunk interning (distinct norms, then ids) keeps the vocabulary in order of first
    occurrence, language by language, whatever the chunking and with NFD text mixed in."""
    import discourse._chunked as chunked_module
    import discourse.tokens as tokens_module
    from discourse.languages import get_tokenizer

    import discourse

    seg = seeds.segments
    texts = [unicodedata.normalize("NFD", t) if i % 3 == 0 else t for i, t in enumerate(seg["text"])]
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(seg))], "lang": seg["lang"], "text": texts})
    corpus = discourse.read_table(frame)
    whole = tokens_module.tokenize(corpus, cache=False, n_jobs=1)
    # the reference: every segment tokenized on its own, norms interned token by token
    texts, langs = corpus._segments["text"].tolist(), corpus._segments["lang"].to_numpy()
    vocab: dict[str, int] = {}
    norms_of = {}
    for lang in pd.unique(langs):
        for row in np.flatnonzero(langs == lang):
            nfc, mapping = nfc_with_map(texts[row])
            norms_of[row] = [n for _, _, n in get_tokenizer(lang).tokenize(nfc)]
            for norm in norms_of[row]:
                vocab.setdefault(norm, len(vocab))
    assert whole.vocab == list(vocab)
    expected_ids = [vocab[n] for row in range(len(texts)) for n in norms_of.get(row, [])]
    assert whole.type_id.tolist() == expected_ids
    monkeypatch.setattr(chunked_module, "CHUNK_CHARS", 200)  # many small chunks
    for n_jobs in (1, 2):
        chunked = tokens_module.tokenize(corpus, cache=False, n_jobs=n_jobs)
        assert chunked.vocab == whole.vocab
        assert all((a == b).all() for a, b in zip(_arrays(chunked), _arrays(whole)))


@pytest.mark.slow
def test_parallel_tokenization_without_fork(seeds, monkeypatch):
    """Where workers are spawned (macOS, Windows), texts are sent to them: same tokens."""
    import multiprocessing

    import discourse._chunked as chunked_module
    import discourse.tokens as tokens_module

    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: spawn)
    monkeypatch.setattr(chunked_module, "CHUNK_CHARS", 2000)
    fr = seeds.filter(lang="fr")
    parallel = tokens_module.tokenize(fr, cache=False, n_jobs=2)
    serial = tokens_module.tokenize(fr, cache=False, n_jobs=1)
    assert parallel.vocab == serial.vocab
    assert all((a == b).all() for a, b in zip(_arrays(parallel), _arrays(serial)))
