"""Hostile input to the tokens and their caches (issue 16, items 6, 7, 8, 14 and 15): every
token is text of its segment, a cache read back is checked against what it is for, a
cache that cannot be written costs a warning, never a traceback. Each case is bounded in
time and memory (:func:`bounded`)."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(texts=["中\u0344"], lang="fr")  # NFC makes the cluster longer: 中 + U+0308 U+0301
@example(texts=["e\u0301q\u0301 \u0958x\u094d"], lang="en")
@given(texts=st.lists(st.text(alphabet=LETTERS + MARKS_ + OTHER, min_size=1, max_size=40), min_size=1, max_size=4),
       lang=st.sampled_from(["fr", "en", "vi", "zh", "und"]))
def test_random_combining_sequences_lose_nothing(texts, lang):
    with bounded(60):
        toks = corpus_of(texts, [lang] * len(texts)).tokens(cache=False)
    check_tokens(texts, toks)


# ------------------------------------------------------------------ item 7: a cache read back is checked
def token_file(corpus):
    """The token cache file of ``corpus`` (default options)."""
    toks = corpus.tokens()
    return _token_cache.path(_token_cache.key(corpus.column("text").tolist(), corpus.column("lang"), toks.tokenizers))


def rewrite(file, **changes):
    """Rewrite an ``.npz`` cache file with some of its arrays changed (a tampered file)."""
    with np.load(file, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays.update(changes)
    with open(file, "wb") as fh:
        np.savez(fh, **arrays)


def fresh_tokens(texts, langs):
    return corpus_of(texts, langs).tokens(cache=False).to_frame()


def test_a_token_cache_of_another_corpus_is_not_believed(cache_dir):
    mine, other = [FR, "Bonjour à tous."], ["Une autre phrase bien plus longue que la première, vraiment.", "Salut."]
    with bounded(60):
        mine_file = token_file(corpus_of(mine, ["fr", "fr"]))
        other_file = token_file(corpus_of(other, ["fr", "fr"]))
        mine_file.write_bytes(other_file.read_bytes())  # a valid file, for other texts
        got = corpus_of(mine, ["fr", "fr"]).tokens().to_frame()
    pd.testing.assert_frame_equal(got, fresh_tokens(mine, ["fr", "fr"]))
    assert mine_file.read_bytes() != other_file.read_bytes()  # replaced by the right one


@pytest.mark.parametrize("change", ["end_out_of_range", "offsets_not_in_order", "empty_token", "flipped_type"])
def test_a_tampered_token_cache_is_not_believed(cache_dir, change):
    texts = [FR, "Bonjour à tous."]
    with bounded(60):
        file = token_file(corpus_of(texts, ["fr", "fr"]))
        with np.load(file) as npz:
            start, end, type_id = npz["start"].copy(), npz["end"].copy(), npz["type_id"].copy()
        if change == "end_out_of_range":
            end[-1] += 1000
            rewrite(file, end=end)
        elif change == "offsets_not_in_order":
            rewrite(file, start=start[::-1].copy(), end=end[::-1].copy())
        elif change == "empty_token":
            end[3] = start[3]
            rewrite(file, end=end)
        else:  # a valid-looking file whose words are wrong: only a checksum sees it
            type_id[0], type_id[1] = type_id[1], type_id[0]
            rewrite(file, type_id=type_id)
        got = corpus_of(texts, ["fr", "fr"]).tokens().to_frame()
    pd.testing.assert_frame_equal(got, fresh_tokens(texts, ["fr", "fr"]))


def jieba_files(cache_dir):
    import jieba

    return [cache_dir / f"jieba-{jieba.__version__}.cache", cache_dir / f"jieba-{jieba.__version__}.prefix"]


def zh_words(text):
    from discourse.languages.zh import ChineseTokenizer

    # jieba's own search (and so its cache files) serves only a tokenizer with a user term of
    # frequency 0, which the compiled search (rjieba) cannot take: such a tokenizer, a new
    # instance each time, so that it reads the cache
    tokenizer = ChineseTokenizer(user_terms=("中国 0",))
    assert tokenizer._rjieba is None  # jieba's search, not the compiled one
    return [text[s:e] for s, e, _ in tokenizer.tokenize(text)]


def test_a_jieba_cache_with_an_empty_dictionary_is_not_believed(cache_dir):
    import marshal

    cache_dir.mkdir(parents=True)
    with bounded(120):
        expected = zh_words(ZH)
        assert "脱贫攻坚战" in expected
        for file in jieba_files(cache_dir):  # jieba's file, and ours, holding a one-word dictionary
            file.write_bytes(marshal.dumps(({"的": 1}, 1)))
        assert zh_words(ZH) == expected
        assert zh_words(ZH) == expected  # and the next run too: the file was replaced


def test_a_forged_jieba_cache_with_a_right_checksum_but_too_few_words_is_rebuilt(cache_dir):
    import hashlib
    import marshal

    import jieba

    with bounded(120):
        expected = zh_words(ZH)
        file = jieba_files(cache_dir)[1]
        header = file.read_bytes().split(b"\n", 1)[0].rsplit(b" ", 1)[0]
        payload = marshal.dumps(({"的": 1}, 1))
        file.write_bytes(header + b" " + hashlib.blake2b(payload, digest_size=20).hexdigest().encode() + b"\n" + payload)
        assert zh_words(ZH) == expected
        assert jieba.__version__ in file.name


# ------------------------------------------------------------------ item 8: a jieba cache that cannot be written
@contextlib.contextmanager
def disk_full(megabytes: int = 1):
    """Writes beyond ``megabytes`` fail (EFBIG), as on a full disk."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (megabytes * 2**20, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


@pytest.mark.parametrize("obstacle", ["cache_dir_is_a_file", "cache_file_is_a_folder", "disk_full",
                                      "read_only_folder"])
def test_jieba_runs_without_a_cache_it_cannot_write(tmp_path, monkeypatch, capfd, obstacle):
    import jieba

    folder = tmp_path / "cache"
    if obstacle == "cache_dir_is_a_file":
        folder.write_text("not a folder")
    elif obstacle == "cache_file_is_a_folder":
        (folder / f"jieba-{jieba.__version__}.prefix").mkdir(parents=True)
        (folder / f"jieba-{jieba.__version__}.cache").mkdir(parents=True)
    elif obstacle == "disk_full":
        folder.mkdir()
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        folder.mkdir()
        folder.chmod(0o555)
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(folder))
    before = sorted(folder.rglob("*")) if folder.is_dir() else []
    full = disk_full() if obstacle == "disk_full" else contextlib.nullcontext()
    with bounded(120), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with full:
            words = zh_words(ZH)
    err = capfd.readouterr().err
    assert "脱贫攻坚战" in words
    assert "Traceback" not in err and "Dump cache file failed" not in err, err
    mine = [w for w in caught if issubclass(w.category, DiscourseWarning)]
    assert len(mine) == 1 and "cannot be written" in str(mine[0].message) and str(folder) in str(mine[0].message)
    assert (sorted(folder.rglob("*")) if folder.is_dir() else []) == before  # no temporary file left


# ------------------------------------------------------------------ item 15: orphans of a killed write
def test_stale_temporary_files_of_a_killed_write_are_removed(cache_dir):
    import jieba

    tokens_dir = cache_dir / "tokens"
    tokens_dir.mkdir(parents=True)
    old = time.time() - 2 * 3600
    stale = [tokens_dir / f".{'0' * 40}.npz.k7x2m9qa", cache_dir / f".jieba-{jieba.__version__}.prefix.a1b2c3d4"]
    young = tokens_dir / f".{'1' * 40}.npz.z9y8x7w6"  # perhaps another process's write under way
    others = [tokens_dir / "notes.npz.k7x2m9qa", tokens_dir / ".hidden", cache_dir / "tmpk7x2m9qa"]
    for file in [*stale, young, *others]:
        file.write_bytes(b"x" * 1000)
    for file in [*stale, *others]:
        os.utime(file, (old, old))
    with bounded(120):
        corpus_of([FR, ZH], ["fr", "zh"]).tokens()  # tokenizes and writes its cache
        zh_words(ZH)  # a new tokenizer (as in a new run): builds and writes jieba's
    assert not any(f.exists() for f in stale)
    assert young.exists() and all(f.exists() for f in others)


# ------------------------------------------------------------------ item 14: a document in two partitions
def test_dask_refuses_a_document_id_in_two_partitions_as_the_local_path_does(tmp_path):
    pytest.importorskip("dask", reason="the Dask path needs the optional extra")
    from discourse.scale import frequencies_dask, keywords_dask

    paths = [tmp_path / "x.csv", tmp_path / "y.csv"]
    paths[0].write_text("doc_id,lang,text\na,fr,Bonjour le monde.\nb,fr,Un autre texte.\n", encoding="utf-8")
    paths[1].write_text("doc_id,lang,text\na,fr,Bonjour encore.\n", encoding="utf-8")
    with pytest.raises(InputError, match="document id"):
        discourse.load_corpus(paths)
    with bounded(120):
        with pytest.raises(InputError, match=r"document id\(s\) a occur in more than one input .*x\.csv.*y\.csv"):
            frequencies_dask(paths, scheduler="sync")
        with pytest.raises(InputError, match=r"document id\(s\) a occur"):
            keywords_dask(paths, reference="doc_id=b", scheduler="sync")
    # the language versions of one document (x.fr.txt, x.en.txt) are one document for
    # load_corpus, and are counted right in two partitions: kept
    paths = [tmp_path / "x.fr.txt", tmp_path / "x.en.txt"]
    paths[0].write_text("Bonjour le monde, bonjour.\n", encoding="utf-8")
    paths[1].write_text("Hello world.\n", encoding="utf-8")
    with bounded(120), warnings.catch_warnings():
        warnings.simplefilter("ignore", DiscourseWarning)  # each file alone: "no other version here"
        table = frequencies_dask(paths, scheduler="sync", partitions=2)
        local = discourse.frequencies(discourse.load_corpus(paths))
    pd.testing.assert_frame_equal(table.sort_values(["lang", "term"], ignore_index=True),
                                  local.sort_values(["lang", "term"], ignore_index=True), check_exact=True)


# ------------------------------------------------------------------ issue 18: the fingerprint's fixed cost
_FINGERPRINT = ("import sys; from discourse.languages import get_tokenizer; "
                "print(get_tokenizer('zh').fingerprint, 'importlib.metadata' in sys.modules)")


def _fingerprint_in_a_new_process(cache: Path) -> tuple[str, bool]:
    from .conftest import ROOT

    env = dict(os.environ, DISCOURSE_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _FINGERPRINT], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    fingerprint, asked = done.stdout.split()
    return fingerprint, asked == "True"


def test_library_versions_are_remembered_so_a_warm_run_asks_no_package_metadata(tmp_path):
    first, asked_first = _fingerprint_in_a_new_process(tmp_path)
    again, asked_again = _fingerprint_in_a_new_process(tmp_path)
    assert (first, asked_first) == (again, True) and not asked_again  # same key, no importlib.metadata


def test_a_stale_or_forged_library_version_memo_is_not_believed(tmp_path):
    from importlib.metadata import version

    true_print, _ = _fingerprint_in_a_new_process(tmp_path / "clean")
    libraries = discourse.get_tokenizer("zh").libraries
    memo = tmp_path / "forged" / "library_versions.json"
    memo.parent.mkdir()
    # another file's stamp (a library since upgraded) and a version it does not have
    memo.write_text(json.dumps({lib: [["/elsewhere/__init__.py", 1, 1], "0.0.forged"] for lib in libraries}),
                    encoding="utf-8")
    forged_print, asked = _fingerprint_in_a_new_process(memo.parent)
    assert forged_print == true_print and asked
    assert {lib: entry[1] for lib, entry in json.loads(memo.read_text(encoding="utf-8")).items()} == {
        lib: version(lib) for lib in libraries}  # rewritten with the versions installed
    memo.write_text("not json{", encoding="utf-8")  # a corrupt memo: ignored, rewritten
    assert _fingerprint_in_a_new_process(memo.parent)[0] == true_print
    assert set(json.loads(memo.read_text(encoding="utf-8"))) == set(libraries)


@pytest.mark.parametrize("change", ["swapped", "not_a_permutation"])
def test_the_cached_vocabulary_order_is_checked_like_the_tokens(cache_dir, change):
    from discourse._util import string_ranks

    texts = [FR, "Bonjour à tous, et à demain."]
    with bounded(60):
        file = token_file(corpus_of(texts, ["fr", "fr"]))
        with np.load(file) as npz:  # kept with the tokens: no sort of the vocabulary per frequency list
            ranks, vocab = npz["vocab_ranks"].copy(), json.loads(npz["vocab"].tobytes().decode("utf-8"))
        assert ranks.tolist() == string_ranks(vocab).tolist()
        fresh = discourse.frequencies(corpus_of(texts, ["fr", "fr"]).tokens(cache=False), stopwords=False)
        pd.testing.assert_frame_equal(discourse.frequencies(corpus_of(texts, ["fr", "fr"]), stopwords=False), fresh)
        if change == "swapped":  # still a permutation: only the checksum sees it
            ranks[[0, 1]] = ranks[[1, 0]]
        else:
            ranks[0] = ranks[1]
        rewrite(file, vocab_ranks=ranks)
        tampered = file.read_bytes()
        got = discourse.frequencies(corpus_of(texts, ["fr", "fr"]), stopwords=False)
    pd.testing.assert_frame_equal(got, fresh)
    assert file.read_bytes() != tampered  # dropped and written again
