"""Reading files into a :class:`~discourse.corpus.Corpus`.

Four layouts are read, each keeping character offsets back to the original text:

* **mixed-language files** like the seeds (:func:`read_mixed`): one file holds several
  language versions of one document, one paragraph a line; paragraphs are identified by
  language, titles and the header block (title, bracketed series name, ``date | source``
  line, repeated title) are recognised, and the versions' paragraphs are aligned;
* **one file per language version**, named ``NAME.zh.txt``, ``NAME_fr.txt`` or
  ``NAME-vi.txt`` (:func:`read_versions`; :func:`read` groups such files wherever it
  meets them);
* **line-aligned parallel files**, one sentence a line in each language
  (:func:`read_parallel`);
* **a table** (CSV, TSV, JSON Lines, or a DataFrame) with ``doc_id, lang, text`` and
  optional ``align_id`` and metadata columns (:func:`read_table`).

:func:`read` picks the reader from what it is given. Nothing is dropped: lines that are
not body text become ``title`` or ``meta`` segments, paragraphs of no language we know
are kept with language ``und``, and the whitespace between segments is the only text no
segment covers.
"""

from __future__ import annotations

import codecs
import json
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .align import align_paragraphs
from .errors import DiscourseWarning, InputError

__all__ = [
    "decode",
    "read",
    "read_file",
    "read_mixed",
    "read_parallel",
    "read_table",
    "read_udhr",
    "read_versions",
    "split_lines",
]

SEGMENT_COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "role", "text", "path", "start", "end", "line"]
_TABLE_SUFFIXES = {".csv", ".tsv", ".tab", ".jsonl", ".ndjson"}
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
#: A file-name stem ending in a language code: NAME.zh, NAME_zh, NAME-zh (three letters
#: are matched too, to warn about codes that are not ours).
_LANG_SUFFIX = re.compile(r"^(?P<name>.+)[._-](?P<code>[A-Za-z]{2,3})$")
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


# ----------------------------------------------------------------------------- decoding
def decode(data: bytes, *, path="<bytes>", encoding: str | None = None, errors: str = "strict") -> tuple[str, str]:
    """Decode a file's bytes, detecting the encoding when none is given.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then strict UTF-8; then
    ``charset-normalizer``'s best guess (GB18030/GBK, Big5, Windows-125x …). Bytes that
    cannot be decoded are an error naming the byte offset, never silently replaced —
    unless ``errors="replace"`` is asked for (each bad byte becomes U+FFFD, with a warning).

    Parameters
    ----------
    data : bytes
    path : str or Path
        Named in error messages.
    encoding : str, optional
        Use this encoding instead of detecting one.
    errors : {"strict", "replace"}

    Returns
    -------
    (text, encoding) : tuple of str

    Examples
    --------
    >>> decode("脱贫".encode("gb18030"), encoding="gb18030")
    ('脱贫', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "l’État".encode())
    ('l’État', 'utf-8-sig')
    """
    if errors not in ("strict", "replace"):
        raise InputError(f"errors must be 'strict' or 'replace', not {errors!r}")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; give a Python codec name such as utf-8 or gb18030",
                             path=path) from None
        except UnicodeDecodeError as err:
            if errors == "strict":
                raise InputError(
                    f"cannot be decoded as {encoding}: byte offset {err.start} ({data[err.start:err.start + 4]!r}); "
                    "check the encoding, leave --encoding out to detect it, or accept replacement characters "
                    "with --encoding-errors replace",
                    path=path,
                ) from None
            text = data.decode(encoding, errors="replace")
            warnings.warn(f"{path}: {text.count(chr(0xFFFD))} undecodable byte(s) replaced by U+FFFD "
                          f"(first at byte offset {err.start})", DiscourseWarning, stacklevel=2)
        return text, encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            return decode(data, path=path, encoding=name, errors=errors)
    if _looks_binary(data):
        raise InputError("looks like a binary file (NUL and control bytes), not text; give a text file "
                         "(UTF-16/32 text without a byte-order mark: give --encoding utf-16-le or similar)",
                         path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    from charset_normalizer import from_bytes  # imported only when UTF-8 fails

    best = from_bytes(data).best()
    if best is None:
        if errors == "replace":
            return decode(data, path=path, encoding="utf-8", errors="replace")
        raise InputError(
            f"is not UTF-8 (byte offset {utf8_error.start}) and no other text encoding fits; "
            "if it is text, give its encoding with --encoding (e.g. gb18030, big5, cp1252)",
            path=path,
        )
    return decode(data, path=path, encoding=best.encoding, errors=errors)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")


def _looks_binary(data: bytes) -> bool:
    """Many NUL/control bytes mean binary — unless the NULs sit at every other position,
    as in UTF-16 text without a byte-order mark. A stray NUL or control character in a
    text file is kept (tokenizers skip it)."""
    sample = data[:65536]
    if not sample:
        return False
    def controls(part: bytes) -> int:
        return len(part) - len(part.translate(None, _CONTROL_BYTES))

    half = max(1, len(sample) // 2)
    even, odd = sample[0::2], sample[1::2]
    if even.count(0) / half < 0.05 and odd.count(0) / half > 0.3:
        return controls(even) > half // 50  # UTF-16-LE (mostly Latin) text without a BOM?
    if odd.count(0) / half < 0.05 and even.count(0) / half > 0.3:
        return controls(odd) > half // 50  # UTF-16-BE
    return controls(sample) > max(2, len(sample) // 100)


_HTML_REMNANT = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);|</?(?:p|br|div|span|a|b|i|em|strong|img|"
                           r"script|table|tr|td|li|ul|ol|h[1-6])\b[^<>]{0,200}>", re.IGNORECASE)


def _read_text(path: Path, encoding: str | None, errors: str = "strict") -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror}); check the path", path=path) from None
    if not data.strip():
        raise InputError("is empty; give a file with text in it", path=path)
    text, used = decode(data, path=path, encoding=encoding, errors=errors)
    if not text.strip():
        raise InputError("holds only whitespace; give a file with text in it", path=path)
    remnant = _HTML_REMNANT.search(text)
    if remnant:
        line = text.count("\n", 0, remnant.start()) + 1
        warnings.warn(f"{path}: HTML remnants such as {remnant.group()!r} (line {line}) are kept as text; "
                      "strip the markup first if they should not count", DiscourseWarning, stacklevel=3)
    return text, used


# ----------------------------------------------------------------------------- lines
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def split_lines(text: str) -> list[tuple[int, int, int]]:
    """Non-blank lines of ``text`` as ``(start, end, line_number)``, whitespace trimmed.

    Any line ending (LF, CRLF, CR) is accepted; ``text[start:end]`` is the line without
    its surrounding whitespace.

    >>> split_lines("a\\r\\n\\n  b \\n")
    [(0, 1, 1), (6, 7, 3)]
    """
    out = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        out.append((start, start + len(stripped), number))
        if match.end() == len(text):
            break
    return out


# ----------------------------------------------------------------------------- mixed files
_SENTENCE_END = re.compile(r"[。．.!！?？…;；:：]['\"’”»」』）)]*$")
_BRACKETED = re.compile(r"^[(（\[【〔].+[)）\]】〕]$")
_DATELINE = re.compile(
    r"^(?P<date>\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}日?)\s*[|｜]\s*(?P<source>.+)$"
)


def _iso_date(raw: str) -> str:
    parts = [int(p) for p in re.findall(r"\d+", raw)]
    if len(parts) != 3:
        return raw
    if parts[0] > 31:  # year first
        year, month, day = parts
    else:
        day, month, year = parts
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return raw
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_title_like(text: str) -> bool:
    return len(text) <= 200 and not _SENTENCE_END.search(text)


def read_mixed(path, *, doc_id: str | None = None, encoding: str | None = None, encoding_errors: str = "strict",
               align: str = "length"):
    """Read one file that mixes language versions of one document (the seeds' layout).

    Each non-blank line is a paragraph. The languages of the lines are identified
    together (:func:`discourse.languages.identify_lines`): a line too short to decide by
    itself — a title of one or two words, a line of names or numbers — takes the
    language of the version it sits in; consecutive paragraphs of one language form a
    version. At the start of each version a short line without final punctuation is a
    ``title``; right after it a bracketed line (series name), a ``date | source`` line and
    a repetition of the title are ``meta`` segments, fill the document's metadata and
    carry the language of the version they head (the date line ``14-01-2021 |
    China.org.cn`` of a Vietnamese version is ``vi``). Meta segments are left out of
    every count by default (see :mod:`discourse.frequency`). A line that fits no version
    (another script, or no letters between two versions) stays ``und``, with a warning
    when it is body text.
    Body paragraphs of each version are aligned to the pivot version (Chinese when
    present, else the first) with :func:`discourse.align.align_paragraphs`.

    Parameters
    ----------
    path : str or Path
    doc_id : str, optional
        Defaults to the file name without its suffix.
    encoding : str, optional
        Detected when not given (see :func:`decode`).
    align : {"length", "order"}
        Gale–Church alignment by length (default) or pairing paragraphs by position.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import discourse
    >>> c = read_mixed(discourse.data_path("raw", "seeds", "003_90d6e10e09142168.txt"))
    >>> sorted(c.langs)
    ['fr', 'zh']
    """
    from .languages import identify_lines

    path = Path(path)
    text, used = _read_text(path, encoding, encoding_errors)
    doc_id = doc_id or path.stem
    lines = split_lines(text)
    langs = identify_lines([text[s:e] for s, e, _ in lines])
    rows, meta = [], {"doc_id": doc_id, "path": str(path), "encoding": used}
    run_lang, in_header, title = None, False, None
    for (start, end, number), lang in zip(lines, langs):
        para = text[start:end]
        role = "body"
        date = _DATELINE.match(para) if in_header else None
        if date:  # a header line, whatever its letters say: it belongs to the version it heads
            role, lang = "meta", run_lang
            meta.setdefault("date", _iso_date(date["date"]))
            meta.setdefault("source", date["source"].strip())
        elif lang != "und" and lang != run_lang:  # a new language version starts
            run_lang, in_header, title = lang, False, None
            if _is_title_like(para):
                role, in_header, title = "title", True, para
        elif in_header:
            if _BRACKETED.match(para):
                role, lang = "meta", run_lang
                meta.setdefault("series", para[1:-1].strip())
            elif " ".join(para.split()) == " ".join(title.split()):
                role, lang = "meta", run_lang  # the title repeated after the header block
            else:
                in_header = False
        if role == "title":
            meta.setdefault("title", para)
        rows.append(dict(doc_id=doc_id, lang=lang, role=role, text=para, path=str(path),
                         start=start, end=end, line=number))
    _warn_und(rows, path)
    segments = pd.DataFrame(rows, columns=[c for c in SEGMENT_COLUMNS if c not in ("seg_id", "align_id")])
    segments = _align_document(segments, how=align)
    meta["langs"] = ",".join(sorted(set(segments["lang"]) - {"und"}))
    return _corpus(segments, [meta])


def _warn_und(rows: list[dict], path) -> None:
    und = [r for r in rows if r["lang"] == "und" and r["role"] == "body"]
    if und:
        where = ", ".join(str(r["line"]) for r in und[:5]) + (" …" if len(und) > 5 else "")
        warnings.warn(
            f"{path}: {len(und)} paragraph(s) of unknown language kept as 'und' (line {where}); "
            "they are tokenized by a generic rule — give a table with a lang column to set it",
            DiscourseWarning,
            stacklevel=3,
        )


# ----------------------------------------------------------------------------- alignment
def _align_document(segments: pd.DataFrame, *, how: str = "length") -> pd.DataFrame:
    """Number segments and give translations of each other one ``align_id``.

    The *k*-th title of every version links to the pivot's *k*-th title; body paragraphs
    of every version are aligned to the pivot version (zh when present, else the first)
    by length (or by position with ``how="order"``). Linked segments of all versions form
    units (connected components), numbered 1, 2 … in reading order. ``meta`` segments and
    ``und`` paragraphs get no ``align_id``.
    """
    if how not in ("length", "order"):
        raise InputError(f"align must be 'length' or 'order', not {how!r}")
    segments = segments.reset_index(drop=True).copy()
    segments.insert(2, "seg_id", range(len(segments)))
    align = pd.array([pd.NA] * len(segments), dtype="Int64")
    scores = [float("nan")] * len(segments)
    langs = [lang for lang in dict.fromkeys(segments["lang"]) if lang != "und"]
    if langs:
        pivot = "zh" if "zh" in langs else langs[0]
        ids = {(lang, role): segments.index[(segments["lang"] == lang) & (segments["role"] == role)].tolist()
               for lang in langs for role in ("title", "body")}
        parent = {i: i for key, members in ids.items() for i in members}

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for lang in langs:
            if lang == pivot:
                continue
            for role in ("title", "body"):
                src, tgt = ids[(pivot, role)], ids[(lang, role)]
                if not src or not tgt:
                    continue
                if how == "order" or role == "title":
                    pairs = [((k,), (k,), 1.0) for k in range(min(len(src), len(tgt)))]
                else:
                    links = align_paragraphs(segments.loc[src, "text"].tolist(), segments.loc[tgt, "text"].tolist())
                    pairs = [(link.src, link.tgt, link.score) for link in links]
                for s_idx, t_idx, score in pairs:
                    members = [src[k] for k in s_idx] + [tgt[k] for k in t_idx]
                    for k in t_idx:
                        scores[tgt[k]] = score
                    for other in members[1:]:
                        parent[find(other)] = find(members[0])
        # order units by their first pivot segment; a unit without one (an untranslated
        # paragraph) goes right after the unit that precedes it in its own version
        order: dict[int, float] = {}
        for i in sorted(parent):
            if segments.at[i, "lang"] == pivot:
                order.setdefault(find(i), i)
        for lang in langs:
            last = -1.0
            for i in sorted(j for j in parent if segments.at[j, "lang"] == lang):
                root = find(i)
                if root not in order:
                    order[root] = last + 0.5
                last = order[root]
        numbers = {root: n for n, root in enumerate(sorted(order, key=order.get), start=1)}
        for i in parent:
            align[i] = numbers[find(i)]
    segments.insert(3, "align_id", align)
    segments["align_score"] = scores
    return segments


# ----------------------------------------------------------------------------- other layouts
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

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.zh.txt").write_text("脱贫。\\n攻坚。", encoding="utf-8")
    >>> _ = (d / "a_fr.txt").write_text("Pauvreté.\\nBataille.", encoding="utf-8")
    >>> read_versions(d).segments[["doc_id", "lang", "align_id", "text"]].values.tolist()
    [['a', 'fr', 1, 'Pauvreté.'], ['a', 'fr', 2, 'Bataille.'],
     ['a', 'zh', 1, '脱贫。'], ['a', 'zh', 2, '攻坚。']]
    """
    folder = Path(folder)
    files = _folder_files(folder)
    texts = [p for p in files if p.suffix.lower() in _TEXT_SUFFIXES]
    versions = [p for p in texts if _language_suffix(p)]
    if not versions:
        raise InputError("has no files named NAME.LANG.txt, NAME_LANG.txt or NAME-LANG.txt with LANG one of "
                         f"{', '.join(_suffix_codes())} (e.g. report.zh.txt, report_fr.txt)", path=folder)
    others = [p.name for p in texts if p not in versions]
    if others:
        warnings.warn(f"{folder}: {_some(others)} have no language suffix and are not read as versions; "
                      "read the folder with discourse.read to read them too", DiscourseWarning, stacklevel=2)
    parts = _read_grouped(versions, align=align, skip_bad=False, depth=2, encoding=encoding,
                          encoding_errors=encoding_errors)
    return concat(parts)


def _suffix_codes() -> list[str]:
    """The codes that make a file-name suffix: ISO 639-1 codes of the languages read."""
    from .languages import LANGS

    return [code for code in LANGS if len(code) == 2]


def _language_suffix(path: Path) -> tuple[str, str] | None:
    """``(NAME, LANG)`` of a text file named ``NAME.LANG.txt``, ``NAME_LANG.txt`` or
    ``NAME-LANG.txt`` (any text extension, or none), ``LANG`` one of
    :func:`_suffix_codes` in any case; ``None`` for any other file.

    >>> _language_suffix(Path("flood_ZH.txt")), _language_suffix(Path("a.b-fr.md"))
    (('flood', 'zh'), ('a.b', 'fr'))
    >>> _language_suffix(Path("my_fr_notes.txt")), _language_suffix(Path("speech.de.txt"))
    (None, None)
    """
    if path.suffix.lower() not in _TEXT_SUFFIXES:
        return None
    match = _LANG_SUFFIX.match(path.stem)
    if match and match["code"].lower() in _suffix_codes():
        return match["name"], match["code"].lower()
    return None


def _some(names: list, most: int = 5) -> str:
    """A list of file names for a message: the first ``most``, then how many more."""
    names = [str(n) for n in names]
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _plan(files: list[Path], *, depth: int) -> list[tuple]:
    """What to read, in the order of the files: ``("versions", NAME, {lang: path})`` for
    the language versions of one document, ``("file", path, None)`` for any other file.
    Ambiguous names warn, naming the files (``depth``: frames from the caller of
    :func:`_read_grouped` to the user's code)."""
    from .languages.registry import normalize_code

    def warn(message):
        warnings.warn(message, DiscourseWarning, stacklevel=depth + 3)

    codes = _suffix_codes()
    suffixed = {p: _language_suffix(p) for p in files}
    groups: dict[str, list[tuple[str, Path]]] = {}
    for path, found in suffixed.items():
        if found:
            groups.setdefault(found[0], []).append((found[1], path))
    plain = {p.stem: p for p, found in suffixed.items() if not found and p.suffix.lower() in _TEXT_SUFFIXES}
    apart: set[Path] = set()  # suffixed files read as documents of their own, named as the file
    for name, members in groups.items():
        langs = [lang for lang, _ in members]
        names = [p.name for _, p in members]
        twice = sorted({lang for lang in langs if langs.count(lang) > 1})
        if twice:
            same = [p.name for lang, p in members if lang in twice]
            warn(f"{_some(same)} are all the {'/'.join(twice)} version of document '{name}'; "
                 f"{_some(names)} are read as documents of their own, named as the files — rename or remove "
                 "one of them to make them one document")
        elif name in plain:
            warn(f"{plain[name].name} and the versions {_some(names)} would all be document '{name}'; the "
                 f"versions are read as documents of their own, named as the files — rename {plain[name].name} "
                 "to make them one document")
        else:
            continue
        apart.update(p for _, p in members)
    for path, found in suffixed.items():  # codes that look like a language we do not read
        match = None if found or path.suffix.lower() not in _TEXT_SUFFIXES else _LANG_SUFFIX.match(path.stem)
        if match is None:
            continue
        name, code = match["name"], match["code"].lower()
        meant = normalize_code(code, default="")
        if meant in codes:
            warn(f"{path.name}: '{code}' is not an ISO 639-1 code, so the file is read as document "
                 f"'{path.stem}' with its paragraphs' languages identified; name it "
                 f"{name}_{meant}{path.suffix} to make it the {meant} version of '{name}'")
        elif len(code) == 2 and name in groups:
            warn(f"{path.name}: '{code}' is not a language the package reads ({', '.join(codes)}), so the file "
                 f"is not a version of '{name}': it is read as document '{path.stem}' with its paragraphs' "
                 "languages identified")
    alone = [(name, members[0][1]) for name, members in groups.items()
             if len(members) == 1 and members[0][1] not in apart]
    if alone:
        warn(f"{_some([p.name for _, p in alone])}: the name ends in a language code but no other version of "
             f"the document is here; read as one-language document(s) {_some([repr(n) for n, _ in alone])}, "
             "named without the code — rename the file if the code is part of its name")
    plan, done = [], set()
    for path in files:
        found = suffixed[path]
        if found is None:
            plan.append(("file", path, None))
        elif path in apart:
            plan.append(("versions", path.stem, {found[1]: path}))
        elif found[0] not in done:
            done.add(found[0])
            plan.append(("versions", found[0], dict(sorted(groups[found[0]]))))  # languages in code order
    return plan


def _read_grouped(files: list[Path], *, align: str, skip_bad: bool, depth: int, **options) -> list:
    """Read files, the language versions of a document (:func:`_plan`) as one document,
    any other file by :func:`read_file`. With ``skip_bad``, a file that cannot be read
    is left out with a warning naming it (the other versions of its document are read);
    else its error is raised. ``depth``: frames from the caller to the user's code, for
    the warnings."""
    parts = []
    for kind, name, versions in _plan(files, depth=depth):
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
                parts.append(read_parallel(versions, doc_id=name, encoding=options.get("encoding"),
                                           encoding_errors=options.get("encoding_errors", "strict"), align=align))
                break
            except InputError as err:
                bad = [lang for lang, path in versions.items() if str(path) == err.path]
                if not skip_bad or not bad:
                    raise
                warnings.warn(f"skipped {err}", DiscourseWarning, stacklevel=depth + 1)
                del versions[bad[0]]
    return parts


def read_parallel(files: Mapping[str, str | Path], *, doc_id: str | None = None, encoding: str | None = None,
                  encoding_errors: str = "strict",
                  align: str = "order"):
    """Read the language versions of one document from one file per language.

    Parameters
    ----------
    files : mapping of language code to path
        e.g. ``{"zh": "speech.zh.txt", "fr": "speech.fr.txt"}``.
    doc_id : str, optional
        Defaults to the common file-name stem.
    align : {"order", "length"}
        ``"order"`` (default) pairs line *k* of every file (line-aligned parallel files);
        ``"length"`` aligns paragraphs by length (Gale–Church).

    Returns
    -------
    Corpus
    """
    rows, meta = [], {}
    paths = {lang: Path(p) for lang, p in files.items()}
    doc_id = doc_id or next(iter(paths.values())).name.split(".")[0]
    for lang, path in paths.items():
        _check_lang(lang, path=path)
        text, used = _read_text(path, encoding, encoding_errors)
        meta.setdefault("encoding", used)
        for k, (start, end, number) in enumerate(split_lines(text)):
            para = text[start:end]
            role = "title" if k == 0 and align == "length" and _is_title_like(para) else "body"
            rows.append(dict(doc_id=doc_id, lang=lang, role=role, text=para, path=str(path),
                             start=start, end=end, line=number))
    segments = _align_document(pd.DataFrame(rows), how=align)
    meta.update(doc_id=doc_id, path=",".join(str(p) for p in paths.values()),
                langs=",".join(sorted(paths)))
    return _corpus(segments, [meta])


def read_table(source, *, text_col: str = "text", id_col: str = "doc_id", lang_col: str = "lang",
               lang: str | None = None, encoding: str | None = None, encoding_errors: str = "strict"):
    """Read a table of texts: CSV, TSV, JSON Lines file, or a pandas DataFrame.

    Each row is a text of one document in one language. Multi-line texts are split into
    one segment per non-blank line, with offsets into the row's text. Rows that share
    ``doc_id`` and ``align_id`` (if that column exists) are translations of each other;
    without ``align_id`` the versions of a document are aligned by length. Other columns
    become document metadata (their first value per document).

    Parameters
    ----------
    source : str, Path or DataFrame
    text_col, id_col, lang_col : str
        Column names of the text, the document id and the language code. Without an id
        column, the row number is the document id.
    lang : str, optional
        The language of every row, for a one-language table without a language column.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "a"], "lang": ["fr", "en"],
    ...                    "text": ["La pauvreté.", "Poverty."]})
    >>> read_table(df).segments[["doc_id", "lang", "align_id"]].values.tolist()
    [['a', 'fr', 1], ['a', 'en', 1]]
    """
    path = "<DataFrame>"
    if isinstance(source, pd.DataFrame):
        df = source
    else:
        path = Path(source)
        df = _load_table(path, encoding, encoding_errors)
    for col, option in ((text_col, "--text-col"), (id_col, "--id-col")):
        if col not in df.columns and not (col == id_col and id_col == "doc_id"):
            raise InputError(f"has no column {col!r} (columns: {', '.join(map(str, df.columns))}); "
                             f"name the right one with {option}", path=path)
    if lang is None and lang_col not in df.columns:
        raise InputError(f"has no column {lang_col!r}; name it with --lang-col, or give the language "
                         "of every row with --lang", path=path)
    if lang is not None:
        _check_lang(lang, path=path)
    has_align = "align_id" in df.columns
    rows, metas = [], {}
    extra = [c for c in df.columns if c not in {text_col, id_col, lang_col, "align_id", "role", "seg_id"}]
    for number, record in enumerate(df.to_dict("records"), start=1):
        doc = str(record[id_col]) if id_col in df.columns else str(number)
        row_lang = lang or str(record[lang_col]).strip().lower()
        _check_lang(row_lang, path=path, line=number)
        text = record[text_col]
        if not isinstance(text, str):
            if text is None or (isinstance(text, float) and pd.isna(text)):
                continue  # an empty cell holds no text to lose
            text = str(text)
        meta = metas.setdefault(doc, {"doc_id": doc, "path": str(path)})
        for col in extra:
            value = record[col]
            if col not in meta and not (isinstance(value, float) and pd.isna(value)):
                meta[col] = value
        for start, end, _ in split_lines(text):
            rows.append(dict(doc_id=doc, lang=row_lang, role=str(record.get("role", "body") or "body"),
                             text=text[start:end], path=str(path), start=start, end=end, line=number,
                             align_id=record.get("align_id") if has_align else None))
    if not rows:
        raise InputError("has no text in it", path=path)
    segments = pd.DataFrame(rows)
    if has_align:
        segments.insert(2, "seg_id", segments.groupby("doc_id").cumcount())
        segments["align_id"] = pd.to_numeric(segments["align_id"], errors="coerce").astype("Int64")
        segments = segments[[c for c in SEGMENT_COLUMNS]]
    else:
        segments = pd.concat(
            [_align_document(group.drop(columns="align_id"), how="length") for _, group in segments.groupby("doc_id", sort=False)],
            ignore_index=True,
        )
    for doc, meta in metas.items():
        meta["langs"] = ",".join(sorted(set(segments.loc[segments["doc_id"] == doc, "lang"])))
    return _corpus(segments, list(metas.values()))


def _load_table(path: Path, encoding: str | None, encoding_errors: str = "strict") -> pd.DataFrame:
    suffix = path.suffix.lower()
    text, _ = _read_text(path, encoding, encoding_errors)
    if suffix in (".jsonl", ".ndjson"):
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"is not valid JSON ({err.msg} at column {err.colno}); each line must be one "
                                 "JSON object", path=path, line=number) from None
            if not isinstance(record, dict):
                raise InputError("is not a JSON object; each line must be one object such as "
                                 '{"doc_id": …, "lang": …, "text": …}', path=path, line=number)
            records.append(record)
        return pd.DataFrame.from_records(records)
    import io

    sep = "," if suffix == ".csv" else "\t"
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except pd.errors.ParserError as err:
        line = re.search(r"line (\d+)", str(err))
        raise InputError(f"is not a valid {'CSV' if sep == ',' else 'TSV'} table ({err}); check quoting "
                         "and the number of fields", path=path, line=int(line[1]) if line else None) from None


def _check_lang(lang: str, *, path=None, line=None) -> None:
    from .languages import LANGS

    if lang not in LANGS:
        raise InputError(f"language {lang!r} is not one of {', '.join(LANGS)} (ISO 639-1 codes; "
                         "'und' for unknown)", path=path, line=line)


# ----------------------------------------------------------------------------- dispatch
def read_file(path, *, text_col="text", id_col="doc_id", lang_col="lang", lang=None, encoding=None,
              encoding_errors="strict", align="length"):
    """Read one file, choosing the reader by its name: a table (``.csv .tsv .jsonl``), a
    saved corpus (``.jsonl`` written by :meth:`Corpus.save`), or a mixed-language text file."""
    from .corpus import Corpus

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson") and Corpus.is_saved(path):
        return Corpus.load(path)
    if suffix in _TABLE_SUFFIXES:
        return read_table(path, text_col=text_col, id_col=id_col, lang_col=lang_col, lang=lang, encoding=encoding,
                          encoding_errors=encoding_errors)
    if lang is not None:  # a one-language plain text file: every line a body paragraph
        _check_lang(lang, path=path)
        text, used = _read_text(path, encoding, encoding_errors)
        rows = [dict(doc_id=path.stem, lang=lang, role="body", text=text[s:e], path=str(path), start=s, end=e, line=n)
                for s, e, n in split_lines(text)]
        meta = dict(doc_id=path.stem, path=str(path), encoding=used, langs=lang)
        return _corpus(_align_document(pd.DataFrame(rows)), [meta])
    return read_mixed(path, encoding=encoding, encoding_errors=encoding_errors, align=align)


def read(*paths, text_col="text", id_col="doc_id", lang_col="lang", lang=None, encoding=None, encoding_errors="strict",
         align="length", user_dict=None, stopwords=None):
    """Read files and folders into one corpus.

    Parameters
    ----------
    *paths : str, Path or DataFrame
        Mixed-language text files, tables, saved corpora, or folders. Text files named
        ``NAME.LANG.txt``, ``NAME_LANG.txt`` or ``NAME-LANG.txt`` (``LANG`` one of zh,
        vi, fr, en), given together or in one folder, are the language versions of
        document ``NAME``, aligned (the rules, and the ambiguous names that warn:
        :func:`read_versions`), whatever ``lang`` says; any other text file is read by
        :func:`read_mixed`. A folder is read file by file, skipping (with a warning
        naming it) a file that cannot be read.
    text_col, id_col, lang_col, lang, encoding :
        See :func:`read_table` and :func:`decode`.
    encoding_errors : {"strict", "replace"}
        ``"replace"`` turns undecodable bytes into U+FFFD (with a warning) instead of
        refusing the file.
    align : {"length", "order"}
        How versions are aligned (see :func:`read_mixed`).
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
             and Path(item).suffix.lower() in _TEXT_SUFFIXES]
    grouped = any(_language_suffix(p) for p in texts)
    parts = []
    for item in paths:
        if isinstance(item, pd.DataFrame):
            parts.append(read_table(item, **options))
            continue
        path = Path(item)
        if path.is_dir():
            parts.append(_read_folder(path, align=align, **options))
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
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _read_folder(folder: Path, *, align, **options):
    files = [p for p in _folder_files(folder) if p.suffix.lower() in _TEXT_SUFFIXES | _TABLE_SUFFIXES]
    parts = _read_grouped(files, align=align, skip_bad=True, depth=3, **options)
    if not parts:
        raise InputError("has no readable text files (.txt, .csv, .tsv, .jsonl)", path=folder)
    return concat(parts)


def concat(corpora: Iterable):
    """Join corpora into one (document ids must not repeat)."""
    from .corpus import Corpus

    corpora = list(corpora)
    if len(corpora) == 1:
        return corpora[0]
    return Corpus.concat(corpora)


def _corpus(segments: pd.DataFrame, documents: list[dict]):
    from .corpus import Corpus

    return Corpus(segments, pd.DataFrame(documents))


# ----------------------------------------------------------------------------- UDHR XML
_UDHR_NS = "{http://efele.net/udhr}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _parse_udhr(path: Path):
    """Parse a UDHR XML file into an element tree, with where each element's text is.

    Returns the root element, the decoded file and ``{element: (start, end)}``: character
    offsets in the decoded file of each element's leading text (before its first child).
    """
    import xml.etree.ElementTree as ET
    import xml.parsers.expat as expat

    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err}); check the path", path=path) from None
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(f"is not UTF-8 (byte offset {err.start}); UDHR XML files are UTF-8", path=path,
                         line=line) from None
    builder, parser = ET.TreeBuilder(), expat.ParserCreate(namespace_separator="}")
    stack, spans = [], {}  # spans: element -> [first byte of its text, byte where the text ends]

    def name(raw):
        return "{" + raw if "}" in raw else raw

    def close_text():
        if stack and stack[-1] in spans and spans[stack[-1]][1] is None:
            spans[stack[-1]][1] = parser.CurrentByteIndex

    def start(tag, attrs):
        close_text()
        stack.append(builder.start(name(tag), {name(k): v for k, v in attrs.items()}))

    def data_(text):
        element = stack[-1]
        if element not in spans and len(element) == 0:
            spans[element] = [parser.CurrentByteIndex, None]
        builder.data(text)

    def end(tag):
        close_text()
        builder.end(name(tag))
        stack.pop()

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data_
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        raise InputError(f"is not readable UDHR XML ({expat.ErrorString(err.code)}, column {err.offset + 1})",
                         path=path, line=err.lineno) from None
    root = builder.close()
    chars = {b: len(data[:b].decode("utf-8")) for span in spans.values() for b in span if b is not None}
    return root, decoded, {el: (chars[a], chars[b]) for el, (a, b) in spans.items() if b is not None}


def read_udhr(*paths, doc_id: str = "udhr"):
    """Read Universal Declaration of Human Rights XML files (Unicode's UDHR in XML, one
    file per language) as one document with a version per language.

    Titles and article headings are ``title`` segments, paragraphs ``body``, notes
    ``meta``. Articles and their paragraphs align one to one by position (every
    translation keeps the articles' paragraph counts); the preamble, whose paragraphing
    differs between translations, is aligned by length. ``start``/``end`` are character
    offsets in the decoded file and ``line`` its 1-based line, so ``path[start:end]`` is
    the text (unless the XML escapes a character in it, ``&amp;``, or breaks it over
    lines: runs of whitespace are read as one space).

    Parameters
    ----------
    *paths : str or Path
        ``udhr_cmn_hans.xml``, ``udhr_fra.xml`` … (UTF-8). Language codes are taken from
        the files' ``iso639-3`` / ``xml:lang`` attributes and mapped to ISO 639-1.
    doc_id : str
        The document's id.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import discourse
    >>> files = [discourse.data_path("udhr", f"udhr_{k}.xml") for k in ("cmn_hans", "fra")]
    >>> udhr = read_udhr(*files)
    >>> udhr.langs
    ['fr', 'zh']
    >>> body = udhr.filter(role="body").segments
    >>> body.groupby("lang")["align_id"].nunique().tolist()
    [58, 58]
    """
    from .languages.registry import normalize_code

    versions = {}
    for path in map(Path, paths):
        root, decoded, spans = _parse_udhr(path)
        lang = normalize_code(root.get("iso639-3") or root.get(_XML_LANG))
        units = []  # (unit key, role, text, start, end, line); key None = not aligned

        def add(key, role, element):
            if element is None or element not in spans:
                return
            s, e = spans[element]
            raw = decoded[s:e]
            text = " ".join(raw.split())
            if text:
                s += len(raw) - len(raw.lstrip())
                e -= len(raw) - len(raw.rstrip())
                units.append((key, role, text, s, e, decoded.count("\n", 0, s) + 1))

        add(("title",), "title", root.find(f"{_UDHR_NS}title"))
        for note in root.findall(f"{_UDHR_NS}note"):
            for para in note.iter(f"{_UDHR_NS}para"):
                add(None, "meta", para)
        preamble = root.find(f"{_UDHR_NS}preamble")
        if preamble is not None:
            add(("preamble",), "title", preamble.find(f"{_UDHR_NS}title"))
            for para in preamble.iter(f"{_UDHR_NS}para"):
                add(("preamble-body",), "body", para)
        for article in root.findall(f"{_UDHR_NS}article"):
            number = article.get("number")
            add(("article", number), "title", article.find(f"{_UDHR_NS}title"))
            for k, para in enumerate(article.iter(f"{_UDHR_NS}para")):
                add(("article", number, k), "body", para)
        versions[lang] = (path, units)
    if not versions:
        raise InputError("no UDHR files given")
    pivot = "zh" if "zh" in versions else next(iter(versions))
    keys = list(dict.fromkeys(k for _, units in versions.values() for k, *_ in units if k is not None))
    unit_of = {key: n for n, key in enumerate(keys, start=1)}
    rows = []
    for lang, (path, units) in versions.items():
        for key, role, text, start, end, line in units:
            rows.append(dict(doc_id=doc_id, lang=lang, role=role, text=text, path=str(path),
                             start=start, end=end, line=line, align_id=unit_of.get(key)))
    segments = pd.DataFrame(rows)
    # the preamble's paragraphs: align each version to the pivot by length, numbering
    # the resulting units after the articles'
    pre = segments["align_id"] == unit_of.get(("preamble-body",), -1)
    if pre.any():
        src = segments.index[pre & (segments["lang"] == pivot)].tolist()
        next_id = len(keys) + 1
        unit_ids = {i: next_id + n for n, i in enumerate(src)}
        for lang in versions:
            tgt = segments.index[pre & (segments["lang"] == lang)].tolist()
            if lang == pivot or not tgt:
                continue
            for link in align_paragraphs(segments.loc[src, "text"].tolist(), segments.loc[tgt, "text"].tolist()):
                unit = unit_ids[src[link.src[0]]] if link.src else pd.NA
                for k in link.tgt:
                    segments.at[tgt[k], "align_id"] = unit
        for i, unit in unit_ids.items():
            segments.at[i, "align_id"] = unit
    segments.insert(2, "seg_id", range(len(segments)))
    meta = dict(doc_id=doc_id, title=segments.loc[segments["lang"] == pivot, "text"].iloc[0],
                langs=",".join(sorted(versions)), path=",".join(str(p) for p, _ in versions.values()))
    return _corpus(segments, [meta])
