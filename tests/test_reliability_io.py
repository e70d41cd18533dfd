"""Hostile input, the reading side (issue 16, items 1, 4, 5, 9, 11, 12): each case is refused
with a clear error naming the file (and line), or read right — never a hang, a traceback,
an "internal error" or a silently wrong result. Cases that would hang or eat memory run in a
subprocess with a timeout and an address-space limit."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import discourse
from discourse.cli import main
from discourse.corpus import Corpus
from discourse.errors import DiscourseWarning, InputError
from discourse.io import decode, read_table

PACKAGE_ROOT = Path(discourse.__file__).resolve().parents[1]  # the copy under test, for subprocesses
FR = "La pauvreté recule : l’éducation, la santé et l’emploi sont les priorités de l’État.\n"
TIMEOUT = 60  # seconds: a hang fails the test instead of the suite
MEMORY = 2 << 30  # bytes of address space for a subprocess (importing pandas needs about 1.5 GB)


def cli(capsys, *argv):
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err


def bounded(*argv, timeout=TIMEOUT):
    """Run ``discourse ARGV`` in a subprocess bounded in time and memory: (exit code, stderr)."""
    script = ("import resource, sys\n"
              f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY}))\n"
              "from discourse.cli import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    env = dict(os.environ, PYTHONPATH=str(PACKAGE_ROOT))
    try:
        done = subprocess.run([sys.executable, "-c", script, *map(str, argv)], capture_output=True, text=True,
                              timeout=timeout, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"discourse {' '.join(map(str, argv))} did not finish in {timeout} s")
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return done.returncode, done.stderr


# ------------------------------------------------------------- 1. stray bytes in UTF-8
def test_a_stray_latin1_byte_does_not_garble_a_utf8_file(capsys, tmp_path):
    data = (FR * 30).encode()
    at = data.index("santé".encode()) + 4  # "sant" then a Latin-1 é instead of the UTF-8 one
    path = tmp_path / "fr.txt"
    path.write_bytes(data[:at] + b"\xe9" + data[at + 2:])
    code, _, err = cli(capsys, "freq", path, "--lang", "fr")
    assert code == 1 and str(path) in err and f"byte offset {at}" in err and "line 1" in err
    assert "--encoding-errors replace" in err
    with pytest.warns(DiscourseWarning, match=f"byte offset {at}"):
        corpus = discourse.read(path, lang="fr", encoding_errors="replace")
    assert corpus.documents["encoding"].tolist() == ["utf-8"]
    assert "\ufffd" in corpus.segments["text"].iloc[0] and "pauvreté" in corpus.segments["text"].iloc[0]
    counts = discourse.frequencies(corpus, lang="fr").set_index("term")["count"]
    assert counts["pauvreté"] == 30
    text, used = decode((FR * 5).replace("’", "'").encode("cp1252"))  # a file not UTF-8 at all: detected
    assert used != "utf-8" and "pauvreté" in text


_BAD = [bytes([b]) for b in [*range(0x80, 0xC2), *range(0xF5, 0x100)]]  # never valid UTF-8, alone or together


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, blacklist_categories=("Cs", "Cc", "Co", "Cn"),
                                  blacklist_characters="\ufeff"), min_size=1, max_size=200),
       inserts=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(_BAD)), min_size=1, max_size=5))
def test_utf8_with_a_few_bad_bytes_is_read_as_utf8(text, inserts):
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F)
    assume(multibyte >= len(inserts))
    chars = list(text)
    for position, byte in sorted(inserts, reverse=True):  # inserted between characters
        chars.insert(position % (len(chars) + 1), byte)
    data = b"".join(c if isinstance(c, bytes) else c.encode() for c in chars)
    first = next(i for i, c in enumerate(chars) if isinstance(c, bytes))
    first_offset = len(b"".join(c if isinstance(c, bytes) else c.encode() for c in chars[:first]))
    with pytest.raises(InputError, match=f"byte offset {first_offset} "):
        decode(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiscourseWarning)
        replaced, used = decode(data, errors="replace")
    assert used == "utf-8"
    assert replaced == "".join("\ufffd" if isinstance(c, bytes) else c for c in chars)


# ------------------------------------------------------------- 4. import -o X --force
def test_import_force_refuses_a_fifo_a_folder_and_a_link_to_one(capsys, tmp_path):
    good = tmp_path / "in.txt"
    good.write_text(FR, encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "out_dir"
    folder.mkdir()
    link = tmp_path / "link.jsonl"
    link.symlink_to(folder)
    for target, kind in ((fifo, "FIFO"), (folder, "folder"), (link, "folder")):
        code, _, err = cli(capsys, "import", good, "--lang", "fr", "-o", target, "--force")
        assert code == 1 and str(target) in err and kind in err, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and folder.is_dir() and link.is_symlink()


# ------------------------------------------------------------- 5. JSON Lines line ends
@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_json_lines_with_unicode_line_separators_are_read(tmp_path, separator):
    path = tmp_path / "t.jsonl"
    rows = [{"doc_id": "a", "lang": "fr", "text": f"Une ligne{separator}et la suite."},
            {"doc_id": "a", "lang": "en", "text": "One line and the rest."}]
    path.write_text("\r\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\r\n", encoding="utf-8")
    corpus = discourse.read(path)
    assert sorted(corpus.segments["text"]) == sorted(r["text"] for r in rows)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.text(st.sampled_from("ab é脱\u2028\u2029\x85\u000b\u000c\u001c\u001d\u001e"), min_size=1,
                              max_size=20).filter(lambda t: t.strip()), min_size=1, max_size=5))
def test_line_separators_in_json_lines_values_round_trip(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("jsonl")
    rows = [{"doc_id": str(i), "lang": "fr", "text": text} for i, text in enumerate(texts)]
    path = folder / "t.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    corpus = read_table(path)
    assert corpus.segments["text"].tolist() == [t.strip() for t in texts]
    saved = corpus.save(folder / "saved.jsonl")
    assert Corpus.load(saved).segments["text"].tolist() == [t.strip() for t in texts]


# ------------------------------------------------------------- 9. FIFOs, devices, huge files
def test_a_fifo_as_input_is_refused_not_waited_on(tmp_path):
    for name in ("in.txt", "in.jsonl"):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        code, err = bounded("freq", fifo)
        assert code == 1 and str(fifo) in err and "FIFO" in err, err


def test_dev_zero_as_input_is_refused_not_read():
    code, err = bounded("freq", "/dev/zero")
    assert code == 1 and "/dev/zero" in err and "character device" in err, err


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: no disk used
        fh.truncate((1 << 30) + 1)
    code, err = bounded("freq", big)
    assert code == 1 and str(big) in err and "larger than 1 GB" in err, err


# ------------------------------------------------------------- 11. no "internal error"
def test_an_unreadable_folder_is_an_error_naming_it(capsys, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(FR, encoding="utf-8")
    real = Path.iterdir

    def refuse(self):
        if self == tmp_path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refuse)  # root reads any folder: make this one unreadable
    code, _, err = cli(capsys, "freq", tmp_path)
    assert code == 1 and str(tmp_path) in err and "Permission denied" in err


def test_output_to_a_place_that_cannot_be_written(capsys, tmp_path):
    good = tmp_path / "in.txt"
    good.write_text(FR, encoding="utf-8")
    places = [good / "out.jsonl"]  # under a file
    if Path("/sys").is_dir():
        places.append(Path("/sys/out.jsonl"))  # read-only even for root
    for target in places:
        code, _, err = cli(capsys, "import", good, "--lang", "fr", "-o", target)
        assert code == 1 and str(target) in err and "cannot be written" in err, err


@pytest.mark.parametrize("name, line", [
    ("t.jsonl", '{"doc_id": "a", "lang": "fr", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"),
    ("c.jsonl", '{"format": "discourse-corpus", "version": 1}\n{"segment": ' + "[" * 100_000 + "]" * 100_000 + "}\n"),
])
def test_deeply_nested_json_is_refused(capsys, tmp_path, name, line):
    path = tmp_path / name
    path.write_text(line, encoding="utf-8")
    code, _, err = cli(capsys, "freq", path)
    assert code == 1 and str(path) in err and "nested" in err


HEADER = '{"format": "discourse-corpus", "version": 1, "name": "c"}\n'
DOC = '{"document": {"doc_id": "a"}}\n'


def seg(**fields):
    record = {"doc_id": "a", "lang": "fr", "seg_id": 0, "role": "body", "text": "Oui.", "start": 0, "end": 4, "line": 1}
    record.update(fields)
    return json.dumps({"segment": record}) + "\n"


CORRUPT = {
    "header-not-an-object": ("[1]\n" + seg(), 1, "header"),
    "header-missing": (DOC + seg(), 1, "header"),
    "offset-of-wrong-type": (HEADER + DOC + seg(start="zero"), 3, "start"),
    "text-of-wrong-type": (HEADER + DOC + seg(text=4), 3, "text"),
    "offsets-out-of-range": (HEADER + DOC + seg(end=999), 3, "offsets"),
    "negative-offset": (HEADER + DOC + seg(start=-4, end=0), 3, "negative"),
    "duplicate-document": (HEADER + DOC + DOC + seg(), 3, "twice"),
    "duplicate-segment": (HEADER + DOC + seg() + seg(), 4, "twice"),
    "unknown-role": (HEADER + DOC + seg(role="footnote"), 3, "role"),
    "neither-document-nor-segment": (HEADER + DOC + '{"sentence": {}}\n' + seg(), 3, "neither"),
    "segment-not-an-object": (HEADER + DOC + '{"segment": [1, 2]}\n', 3, "not an object"),
    "not-utf8": ((HEADER + DOC + seg(text="Ou.")).encode().replace(b"Ou.", b"Ou\xe9."), 3, "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_corrupt_saved_corpus_is_refused_with_file_and_line(capsys, tmp_path, case):
    text, line, word = CORRUPT[case]
    path = tmp_path / "c.jsonl"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(InputError) as info:
        Corpus.load(path)
    assert info.value.path == str(path) and info.value.line == line and word in info.value.reason, info.value
    code, _, err = cli(capsys, "freq", path)
    assert code == 1 and str(path) in err


def test_a_saved_corpus_cut_short_is_refused(tmp_path):
    path = discourse.load_corpus().save(tmp_path / "c.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-3]), encoding="utf-8")  # cut at a line end: every line still valid JSON
    with pytest.raises(InputError, match="cut short"):
        Corpus.load(path)


# ------------------------------------------------------------- 12. what a folder skips
def make_folder(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(FR, encoding="utf-8")
    for name in ("b.json", "c.odt", "d.rtf", ".hidden.txt"):
        (folder / name).write_text(FR, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "e.txt").write_text(FR, encoding="utf-8")
    (sub / "loop").symlink_to(folder)  # a link back up the tree
    return folder


def test_a_folder_warns_about_each_entry_it_skips(tmp_path):
    folder = make_folder(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = discourse.read(folder, lang="fr")
    said = "\n".join(str(w.message) for w in caught if issubclass(w.category, DiscourseWarning))
    for name in ("b.json", "c.odt", "d.rtf", ".hidden.txt", "pipe.txt", "gone.txt", "sub"):
        assert name in said, (name, said)
    assert "FIFO" in said and "broken symbolic link" in said and "--recursive" in said
    assert corpus.doc_ids == ["a"]


def test_recursive_reads_sub_folders(capsys, tmp_path):
    folder = make_folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiscourseWarning)
        corpus = discourse.read(folder, lang="fr", recursive=True)
    assert corpus.doc_ids == ["a", "e"]
    code, out, err = cli(capsys, "import", folder, "--lang", "fr", "--recursive", "--format", "csv")
    assert code == 0 and [row.split(",")[0] for row in out.splitlines()[1:]] == ["a", "e"], out
    assert "already read" in err  # the link back up is skipped, not followed for ever
