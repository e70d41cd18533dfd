"""Reading files and folders: :func:`read` picks the reader from what it is given,
:func:`read_file` one file by its name, :func:`read_versions` a folder of language
versions; :func:`concat` joins the corpora read."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

import discourse  # the text, HTML and translation-memory readers load on first use: a table needs none

from .._reading import file_kind
from ..align import align_document
from ..corpus import Corpus
from ..errors import DiscourseWarning, InputError
from .common import check_lang, line_spans, make_corpus
from .decoding import read_text
from .docx import read_docx
from .names import (DOCX_SUFFIXES, HTML_SUFFIXES, MEMORY_SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES, language_suffix,
                    name_list, plan, suffix_codes)
from .table import read_table
from .xlsx import XLSX_SUFFIXES

__all__ = ["concat", "read", "read_file", "read_versions"]


def read_file(path, *, text_col="text", id_col="doc_id", lang_col="lang", lang=None, encoding=None,
              encoding_errors="strict", align="length"):
    """Read one file, choosing the reader by its name: a table (``.csv .tsv .jsonl .xlsx``), a
    saved corpus (``.jsonl`` written by :meth:`Corpus.save`), a translation memory
    (``.tmx``, ``.xlf``/``.xliff``), a Word document (``.docx``, :func:`discourse.io.read_docx`),
    a web page (``.html``, ``.htm``, :func:`discourse.io.read_html`), or a mixed-language text file.

    Options as in :func:`read`; with ``lang``, a text file is one version in that language,
    every non-blank line a body paragraph.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import discourse
    >>> read_file(discourse.data_path("raw", "seeds", "003_90d6e10e09142168.txt")).langs
    ['fr', 'zh']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson") and Corpus.is_saved(path):
        return Corpus.load(path)
    if suffix == ".tmx":
        return discourse.io.read_tmx(path)
    if suffix in MEMORY_SUFFIXES:
        return discourse.io.read_xliff(path)
    if suffix in DOCX_SUFFIXES:
        return read_docx(path, lang=lang, align=align)
    if suffix in HTML_SUFFIXES:
        return discourse.io.read_html(path, lang=lang, encoding=encoding, encoding_errors=encoding_errors, align=align)
    if suffix in TABLE_SUFFIXES or suffix in XLSX_SUFFIXES:
        return read_table(path, text_col=text_col, id_col=id_col, lang_col=lang_col, lang=lang, encoding=encoding,
                          encoding_errors=encoding_errors)
    if lang is not None:  # a one-language plain text file: every line a body paragraph
        check_lang(lang, path=path)
        text, used = read_text(path, encoding, encoding_errors)
        spans = line_spans(text, numbers=True)
        n = len(spans)
        segments = pd.DataFrame({"doc_id": [path.stem] * n, "lang": [lang] * n, "role": ["body"] * n,
                                 "text": [text[s:e] for s, e, _ in spans], "path": [str(path)] * n,
                                 "start": [s for s, _, _ in spans], "end": [e for _, e, _ in spans],
                                 "line": [k for _, _, k in spans]})
        meta = dict(doc_id=path.stem, path=str(path), encoding=used, langs=lang)
        return make_corpus(align_document(segments), [meta])
    return discourse.io.read_mixed(path, encoding=encoding, encoding_errors=encoding_errors, align=align)


def read(*paths, text_col="text", id_col="doc_id", lang_col="lang", lang=None, encoding=None, encoding_errors="strict",
         align="length", recursive=False, user_dict=None, stopwords=None):
    """Read files and folders into one corpus.

    Parameters
    ----------
    *paths : str, Path or DataFrame
        Mixed-language text files, tables (also ``.xlsx``), saved corpora, translation
        memories (``.tmx``, ``.xlf``), Word documents (``.docx``), web pages (``.html``), or folders. Text files named
        ``NAME.LANG.txt``, ``NAME_LANG.txt`` or ``NAME-LANG.txt`` (``LANG`` one of zh,
        vi, fr, en), given together or in one folder, are the language versions of
        document ``NAME``, aligned (the rules, and the ambiguous names that warn:
        :func:`read_versions`), whatever ``lang`` says; any other text file is read by
        :func:`read_mixed`. A folder is read file by file, skipping with a warning
        naming it each file that cannot be read and each entry that is not read: a file
        of another format (``.json``, ``.odt``, ``.rtf`` …), a hidden (dot-) file, a
        FIFO, device or socket, a broken symbolic link, and a sub-folder (unless
        ``recursive``).
    text_col, id_col, lang_col, lang, encoding :
        See :func:`read_table` and :func:`discourse.io.decode`.
    encoding_errors : {"strict", "replace"}
        ``"replace"`` turns undecodable bytes into U+FFFD (with a warning) instead of
        refusing the file.
    align : {"length", "order"}
        How versions are aligned (see :func:`read_mixed`).
    recursive : bool
        Read the sub-folders of a folder too (and theirs; hidden ones are skipped with a
        warning). Language versions are grouped within each folder; document ids must
        differ across folders.
    user_dict, stopwords :
        The corpus's user dictionary and stoplist (see :func:`discourse.load_corpus`).

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import discourse
    >>> corpus = read(discourse.data_path("raw", "seeds"))
    >>> corpus.summary()[["doc_id", "lang", "body"]].values.tolist()[:2]
    [['000_6faf780c4d1388a2', 'vi', 2], ['000_6faf780c4d1388a2', 'zh', 2]]
    """
    if not paths:
        raise InputError("no corpus given; name files or folders to read")
    options = dict(text_col=text_col, id_col=id_col, lang_col=lang_col, lang=lang, encoding=encoding,
                   encoding_errors=encoding_errors)
    for item in paths:
        if not isinstance(item, pd.DataFrame) and not Path(item).exists():
            raise InputError("does not exist; check the path", path=item)
    # text files named as language versions are grouped across the files given, and
    # read where the first text file was given
    texts = [Path(item) for item in paths if not isinstance(item, pd.DataFrame) and not Path(item).is_dir()
             and Path(item).suffix.lower() in TEXT_SUFFIXES]
    grouped = any(language_suffix(p) for p in texts)
    parts = []
    for item in paths:
        if isinstance(item, pd.DataFrame):
            parts.append(read_table(item, **options))
            continue
        path = Path(item)
        if path.is_dir():
            parts.append(_read_folder(path, align=align, recursive=recursive, **options))
        elif grouped and path in texts:
            if path == texts[0]:
                parts.extend(_read_grouped(texts, align=align, skip_bad=False, depth=2, **options))
        else:
            parts.append(read_file(path, align=align, **options))
    if user_dict is not None or stopwords is not None:
        return concat(parts).with_tokenizer_options(user_dict=user_dict, stopwords=stopwords)
    return concat(parts)


def _folder_files(folder: Path) -> list[Path]:
    """The files of a folder, sorted by name, hidden ones left out."""
    return sorted(p for p in _listing(folder) if p.is_file() and not p.name.startswith("."))


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError as err:
        raise InputError(f"cannot be listed ({err.strerror or err}); check the folder's permissions",
                         path=folder) from None


_READ_SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES | MEMORY_SUFFIXES | DOCX_SUFFIXES | HTML_SUFFIXES | XLSX_SUFFIXES
_READ_NAMES = ".txt, .md, .csv, .tsv, .jsonl, .xlsx, .tmx, .xlf, .docx, .html"


def _folder_entries(folder: Path, *, recursive: bool, depth: int) -> tuple[list[Path], list[Path]]:
    """The files of a folder to read and its sub-folders to read (with ``recursive``);
    every other entry is skipped with a warning naming it (one warning per reason)."""
    files, folders, skipped = [], [], {}
    for entry in _listing(folder):
        reason = None
        if entry.name.startswith("."):
            reason = "hidden (name starts with a dot)"
        else:
            try:
                kind = file_kind(entry.stat().st_mode)
            except FileNotFoundError:
                kind = "broken symbolic link" if entry.is_symlink() else "gone"
            except OSError as err:
                kind = f"unreadable ({err.strerror or err})"
            if kind == "a folder":
                if recursive:
                    folders.append(entry)
                else:
                    reason = "a sub-folder (read sub-folders with --recursive, recursive=True)"
            elif kind is not None:
                reason = kind if kind.startswith(("broken", "unreadable", "gone")) else f"{kind}, not a file"
            elif entry.suffix.lower() not in _READ_SUFFIXES:
                reason = f"not a format read ({_READ_NAMES})"
            else:
                files.append(entry)
        if reason is not None:
            skipped.setdefault(reason, []).append(entry.name)
    for reason, names in skipped.items():
        warnings.warn(f"{folder}: skipped {name_list(names, most=20)}: {reason}", DiscourseWarning,
                      stacklevel=depth + 1)
    return files, folders


def _read_folder(folder: Path, *, align, recursive=False, depth=3, seen=None, **options):
    """The corpus of a folder's files (and, with ``recursive``, its sub-folders'); ``None``
    for a sub-folder with nothing to read (warned about)."""
    seen = set() if seen is None else seen
    seen.add(folder.resolve())
    files, folders = _folder_entries(folder, recursive=recursive, depth=depth)
    parts = _read_grouped(files, align=align, skip_bad=True, depth=depth, **options)
    for sub in folders:
        if sub.resolve() in seen:  # a symbolic link back up the tree
            warnings.warn(f"{sub}: skipped: a link to a folder already read", DiscourseWarning, stacklevel=depth + 1)
            continue
        try:
            part = _read_folder(sub, align=align, recursive=True, depth=depth + 1, seen=seen, **options)
        except InputError as err:
            warnings.warn(f"skipped {err}", DiscourseWarning, stacklevel=depth + 1)
            continue
        parts.append(part)
    if not parts:
        raise InputError(f"has no readable text files ({_READ_NAMES})", path=folder)
    return concat(parts)


def concat(corpora: Iterable):
    """Join corpora into one (document ids must not repeat); one corpus is returned as it is.

    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> len(concat([corpus.filter(lang="zh"), corpus.filter(lang="fr")]).doc_ids)
    Traceback (most recent call last):
    ...
    discourse.errors.InputError: document id(s) 003_90d6e10e09142168 occur in more than one input; rename the files
    >>> concat([corpus]) is corpus
    True
    """
    corpora = list(corpora)
    if len(corpora) == 1:
        return corpora[0]
    return Corpus.concat(corpora)


def read_versions(folder, *, encoding: str | None = None, encoding_errors: str = "strict", align: str = "length"):
    """Read a folder of one-file-per-language versions: ``NAME.zh.txt``, ``NAME_fr.txt`` ….

    A text file (``.txt``, ``.text``, ``.md`` or no extension) whose name ends in
    ``.LANG``, ``_LANG`` or ``-LANG`` before the extension, ``LANG`` being the ISO 639-1
    code of a language the package reads (zh, vi, fr, en; any case), is the ``LANG``
    version of document ``NAME``: ``flood_zh.txt`` and ``flood_fr.txt`` are one document
    ``flood`` in two languages. Only the last part of the name counts (``my_fr_notes.txt``
    has no language suffix). Each non-blank line is a paragraph, aligned across versions
    as in :func:`read_mixed` (``align="order"`` pairs lines by position, for line-aligned
    files). A file's first line is a title when it is short and has no final punctuation.

    The document keeps the name without the suffix even when it has one version only
    (``report_en.txt`` is document ``report`` in English, as it will be once
    ``report_fr.txt`` joins it), with a warning naming such files. A name that cannot be
    read one way is read file by file, with a warning naming the files: two files for
    one version (``flood_zh.txt`` and ``flood.zh.txt``), versions whose ``NAME`` is also
    the name of a file without a suffix (``flood.txt``), or a code the package does not
    read (``flood_de.txt`` beside ``flood_zh.txt``; ``flood_fra.txt``: use ``flood_fr.txt``).
    Text files without a language suffix are not read here (a warning names them):
    :func:`read` reads the folder with them.

    Parameters
    ----------
    folder : str or Path
    encoding, encoding_errors, align :
        As in :func:`read`.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.zh.txt").write_text("脱贫。\\n攻坚。", encoding="utf-8")
    >>> _ = (d / "a_fr.txt").write_text("Pauvreté.\\nBataille.", encoding="utf-8")
    >>> read_versions(d).segments[["doc_id", "lang", "align_id", "text"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['a', 'fr', 1, 'Pauvreté.'], ['a', 'fr', 2, 'Bataille.'],
     ['a', 'zh', 1, '脱贫。'], ['a', 'zh', 2, '攻坚。']]
    """
    folder = Path(folder)
    files = _folder_files(folder)
    texts = [p for p in files if p.suffix.lower() in TEXT_SUFFIXES]
    versions = [p for p in texts if language_suffix(p)]
    if not versions:
        raise InputError("has no files named NAME.LANG.txt, NAME_LANG.txt or NAME-LANG.txt with LANG one of "
                         f"{', '.join(suffix_codes())} (e.g. report.zh.txt, report_fr.txt)", path=folder)
    others = [p.name for p in texts if p not in versions]
    if others:
        warnings.warn(f"{folder}: {name_list(others)} have no language suffix and are not read as versions; "
                      "read the folder with discourse.read to read them too", DiscourseWarning, stacklevel=2)
    parts = _read_grouped(versions, align=align, skip_bad=False, depth=2, encoding=encoding,
                          encoding_errors=encoding_errors)
    return concat(parts)



def _read_grouped(files: list[Path], *, align: str, skip_bad: bool, depth: int, **options) -> list:
    """Read files, the language versions of a document (:func:`discourse.io.names.plan`) as one document,
    any other file by :func:`read_file`. With ``skip_bad``, a file that cannot be read
    is left out with a warning naming it (the other versions of its document are read);
    else its error is raised. ``depth``: frames from the caller to the user's code, for
    the warnings."""
    parts = []
    for kind, name, versions in plan(files, depth=depth):
        if kind == "file":
            try:
                parts.append(read_file(name, align=align, **options))
            except InputError as err:
                if not skip_bad:
                    raise
                warnings.warn(f"skipped {err}", DiscourseWarning, stacklevel=depth + 1)
            continue
        versions = dict(versions)
        while versions:
            try:
                parts.append(discourse.io.read_parallel(versions, doc_id=name, encoding=options.get("encoding"),
                                                        encoding_errors=options.get("encoding_errors", "strict"),
                                                        align=align))
                break
            except InputError as err:
                bad = [lang for lang, path in versions.items() if str(path) == err.path]
                if not skip_bad or not bad:
                    raise
                warnings.warn(f"skipped {err}", DiscourseWarning, stacklevel=depth + 1)
                del versions[bad[0]]
    return parts
