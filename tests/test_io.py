"""discourse.io, the one place for input (issue 14): its names are the package's, and the
old module discourse.importers still gives them for one release."""

from __future__ import annotations

import importlib

import discourse
import discourse.io


def test_the_package_names_come_from_discourse_io():
    for name in ("load_corpus", "BUNDLED", "read", "read_mixed", "read_versions", "read_parallel", "read_table",
                 "read_udhr"):
        assert getattr(discourse, name) is getattr(discourse.io, name), name
    assert list(discourse.io.BUNDLED) == ["poverty_alleviation", "gov_work_reports", "udhr"]
    assert "io" in dir(discourse)


def test_discourse_importers_still_gives_every_public_name():
    from discourse.importers import read_file

    importers = importlib.import_module("discourse.importers")
    assert read_file is discourse.io.read_file
    for name in ("decode", "read", "read_file", "read_mixed", "read_parallel", "read_table", "read_udhr",
                 "read_versions", "split_lines", "concat"):
        assert getattr(importers, name) is getattr(discourse.io, name), name
    assert importers.SEGMENT_COLUMNS == ["doc_id", "lang", "seg_id", "align_id", "role", "text", "path", "start",
                                         "end", "line"]


def test_a_saved_corpus_gets_the_mode_open_gives_not_mkstemps(tmp_path):
    # the saved format (discourse._saved) writes through discourse._util.atomic_write
    path = discourse.load_corpus().save(tmp_path / "c.jsonl")
    assert path.stat().st_mode & 0o777 != 0o600
    assert discourse.corpus.Corpus.load(path).segments.equals(discourse.load_corpus().segments)
