"""Hostile input to the tokens and their caches (issue 16, items 6, 7, 8, 14 and 15): every
token is text of its segment, a cache read back is checked against what it is for, a
cache that cannot be written costs a warning, never a traceback. Each case is bounded in
time and memory (:func:`bounded`)."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import time
import unicodedata
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discourse
from discourse import _token_cache
from discourse.corpus import Corpus
from discourse.errors import DiscourseWarning, InputError

FR = "La mise en place d’un mécanisme de travail destiné à l’assistance ciblée aux démunis."
ZH = "脱贫攻坚战建立了分工明确、体系严谨的领导责任制，为各层级参与脱贫攻坚建立了工作机制。"


@contextlib.contextmanager
def bounded(seconds: int = 120, megabytes: int = 1500):
    """Fail the block if it runs longer than ``seconds`` or grows the address space by more
    than ``megabytes``."""
    def stop(*_):
        raise TimeoutError(f"over {seconds} s")

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as fh:
        used = int(fh.read().split()[0]) * resource.getpagesize()
    limit = used + megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(folder))
    return folder


def corpus_of(texts, langs):
    return Corpus(pd.DataFrame({"doc_id": [f"d{k}" for k in range(len(texts))], "lang": langs, "text": texts}))


# ------------------------------------------------------------------ item 6: combining marks
def check_tokens(texts, toks):
    """Every token is its segment's text at its offsets, not empty, in order, and every
    letter, number and mark of the texts is in a token."""
    frame = toks.to_frame(columns=["start", "end", "token"])
    assert (frame["end"] > frame["start"]).all(), "empty token"
    for row in range(len(texts)):
        a, b = toks.segment_bounds()[row], toks.segment_bounds()[row + 1]
        starts, ends = toks.start[a:b], toks.end[a:b]
        assert (starts[1:] >= ends[:-1]).all(), "tokens overlap"
        assert ends.max(initial=0) <= len(texts[row])
        covered = np.zeros(len(texts[row]), dtype=bool)
        for s, e in zip(starts, ends):
            covered[s:e] = True
        lost = [c for c, seen in zip(texts[row], covered) if not seen and unicodedata.category(c)[0] in "LNM"]
        assert not lost, f"not in any token: {lost!r} in {texts[row]!r}"
    assert frame["token"].tolist() == [texts[r][s:e] for r, s, e in zip(toks.seg_row, toks.start, toks.end)]


def test_marks_that_do_not_compose_stay_on_their_letter(cache_dir):
    # q́ and x́ have no composed form; "e" + U+0301 makes the text not NFC (the mapped path)
    texts = ["q\u0301 x\u0301 caf\u0065\u0301", "नमस्ते हिन्दी", "a\u0301b q\u0301", "❤\ufe0f ok"]
    for lang in ("fr", "en", "vi", "zh", "und"):
        with bounded(60):
            toks = corpus_of(texts, [lang] * len(texts)).tokens(cache=False)
        check_tokens(texts, toks)
        tokens = toks.to_frame(columns=["token"])["token"].tolist()
        assert tokens[:5] == ["q\u0301", "x\u0301", "cafe\u0301", "नमस्ते", "हिन्दी"], (lang, tokens)


LETTERS = "aeoqxyzAEQ" + "đươ" + "कनमसतहद" + "中文脱贫" + "αβ" + "0123"
MARKS_ = "\u0300\u0301\u0302\u0303\u0308\u0323\u0338\u093c\u094d\u093e\u0947\u20dd\ufe0f\u0344\u0f73"
OTHER = " ,.!«»…-’'\u00a0\n\u200b" + "\u0958\ufb1d"  # and characters NFC expands


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.text(alphabet=LETTERS + MARKS_ + OTHER, min_size=1, max_size=40), min_size=1, max_size=4),
       lang=st.sampled_from(["fr", "en", "vi", "zh", "und"]))
def test_random_combining_sequences_lose_nothing(texts, lang):
    with bounded(60):
        toks = corpus_of(texts, [lang] * len(texts)).tokens(cache=False)
    check_tokens(texts, toks)
