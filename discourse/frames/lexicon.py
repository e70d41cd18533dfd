"""Frame lexicons: :class:`Lexicon`, :func:`load_lexicon` and their validation.

A lexicon lists, per frame and language, the terms (words, phrases, wildcard patterns in
the syntax of :func:`discourse.query.find`) that carry the frame, and for metaphor frames
the known **neutral** renderings of those terms.  It is read from plain CSV files a
teacher can edit in a spreadsheet, or built from a dict; every way validates the same,
and an error names the file, the line and the column.

>>> load_lexicon().names[:2]
['battle', 'responsibility']
"""

from __future__ import annotations

import csv
import functools
import html
import io
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from discourse._data import data_path
from discourse.errors import InputError
from discourse.languages import LANGS

__all__ = ["BUNDLED_LEXICONS", "FRAME_COLUMNS", "KINDS", "Lexicon", "TERM_COLUMNS", "load_lexicon"]

#: Bundled lexicons, by name (files under ``data/frames/``). The first is the default.
BUNDLED_LEXICONS = {"poverty_alleviation": "poverty_alleviation.csv", "media_frames": "media_frames.csv"}
#: ``literal``: the term carries the frame; ``neutral``: a known rendering of a metaphor
#: frame's term without the metaphor (e.g. « élimination de la pauvreté » for 脱贫攻坚).
KINDS = ("literal", "neutral")
TERM_COLUMNS = ["frame", "lang", "term", "kind", "note"]
FRAME_COLUMNS = ["frame", "label", "definition", "sources"]


class Lexicon:
    """Frames and the terms that carry them, per language.

    Build one with :meth:`read` (CSV files), :meth:`from_dict` (in a notebook) or
    :func:`load_lexicon` (bundled by name, or any of these). Every way validates the
    same: a known language code, a non-empty term, a known kind, no duplicate, and every
    described frame has terms.

    Parameters
    ----------
    terms : DataFrame or list of dict
        Columns ``frame, lang, term`` and optionally ``kind`` (``literal``, the default,
        or ``neutral``) and ``note``.
    frames : DataFrame or list of dict, optional
        Columns ``frame`` and optionally ``label, definition, sources``; when given,
        every frame of ``terms`` must be described here and every frame here must have
        terms.
    name : str, optional

    Attributes
    ----------
    terms : DataFrame
        ``frame, lang, term, kind, note`` (a copy).
    frames : DataFrame
        ``frame, label, definition, sources`` in the lexicon's order (a copy).

    Examples
    --------
    >>> lex = Lexicon.from_dict({"battle": {"zh": ["*攻坚*", "军令状"],
    ...                                     "fr": {"literal": ["bataille*"], "neutral": ["acte d'engagement"]}}})
    >>> lex
    <Lexicon: 1 frames, 4 terms in fr, zh>
    >>> lex.terms[["lang", "term", "kind"]].values.tolist()[-1]
    ['fr', "acte d'engagement", 'neutral']
    """

    def __init__(self, terms, frames=None, *, name: str | None = None):
        term_rows = [(None, r) for r in _records(terms)]
        frame_rows = None if frames is None else [(None, r) for r in _records(frames)]
        self._terms, self._frames = _validate(term_rows, frame_rows)
        self._plan = _plan(self._terms, self._frames)
        self.name = name
        self.path = None

    @classmethod
    def from_dict(cls, mapping: Mapping, *, definitions: Mapping | None = None, name: str | None = None) -> Lexicon:
        """A lexicon from ``{frame: {lang: [terms]}}``.

        A language's value is a list of literal terms, or a dict ``{"literal": [...],
        "neutral": [...]}``. ``definitions`` optionally maps a frame to its definition.

        >>> Lexicon.from_dict({"precision": {"zh": ["精准*"], "fr": ["ciblé*"]}}).frames["frame"].tolist()
        ['precision']
        """
        if not isinstance(mapping, Mapping) or not mapping:
            raise InputError("give the frames as a dict {frame: {lang: [terms]}}")
        rows = []
        for frame, by_lang in mapping.items():
            if not isinstance(by_lang, Mapping):
                raise InputError(f"frame {frame!r}: give its terms as a dict {{lang: [terms]}}")
            for lang, value in by_lang.items():
                groups = value if isinstance(value, Mapping) else {"literal": value}
                for kind, terms in groups.items():
                    if isinstance(terms, str):
                        terms = [terms]
                    for term in terms:
                        rows.append({"frame": frame, "lang": lang, "term": term, "kind": kind})
        frames = None
        if definitions is not None:
            frames = [{"frame": f, "definition": definitions.get(f, "")} for f in mapping]
        return cls(rows, frames, name=name)

    @classmethod
    def read(cls, path, *, frames=None, name: str | None = None) -> Lexicon:
        """Read a lexicon from a CSV file of terms (``frame, lang, term, kind[, note]``).

        The frame descriptions (``frame, label, definition, sources``) are read from
        ``frames``, by default from ``NAME.frames.csv`` beside ``NAME.csv`` when it exists.
        Files are UTF-8 (a spreadsheet's "CSV UTF-8"); the separator may be a comma, a
        semicolon or a tab; empty lines and lines starting with ``#`` are skipped. An
        error names the file, the line and the column.

        >>> from discourse._data import data_path
        >>> Lexicon.read(data_path("frames", "poverty_alleviation.csv")).name
        'poverty_alleviation'
        """
        path = Path(path)
        if frames is None:
            sibling = path.with_name(path.name[: -len(path.suffix)] + ".frames" + path.suffix) if path.suffix else None
            frames = sibling if sibling is not None and sibling.is_file() else None
        frames_path = None if frames is None else Path(frames)
        lexicon = cls.__new__(cls)
        lexicon._terms, lexicon._frames, lexicon._plan = _read_tables(path, _stamp(path), frames_path,
                                                                      _stamp(frames_path))
        lexicon.name = name or path.stem
        lexicon.path = str(path)
        return lexicon

    @property
    def terms(self) -> pd.DataFrame:
        return self._terms.copy()

    @property
    def frames(self) -> pd.DataFrame:
        return self._frames.copy()

    @property
    def names(self) -> list[str]:
        """Frame names, in the lexicon's order."""
        return self._frames["frame"].tolist()

    def plan(self) -> dict:
        """The terms as the frame functions search and count them, made once per lexicon
        (a dict; do not change it): ``keys`` (the distinct ``(lang, term)`` in the
        lexicon's order), per entry (row of :attr:`terms`) int64 arrays ``entry_key``
        (into ``keys``), ``entry_frame`` (into :attr:`names`) and ``entry_kind`` (into
        :data:`KINDS`); ``names``; ``frames_of`` (per language, the frames with terms
        there, as indices in the lexicon's order) and ``literal_langs`` (per frame, the
        languages of its literal terms).

        >>> lex = Lexicon.from_dict({"a": {"fr": ["x", "y"]}, "b": {"fr": ["x"], "vi": ["z"]}})
        >>> lex.plan()["keys"], lex.plan()["entry_key"].tolist(), lex.plan()["frames_of"]["fr"]
        ([('fr', 'x'), ('fr', 'y'), ('vi', 'z')], [0, 1, 0, 2], [0, 1])
        """
        return self._plan

    @property
    def langs(self) -> list[str]:
        return sorted(self._terms["lang"].unique())

    def to_frame(self) -> pd.DataFrame:
        """The terms with their frame's label: ``frame, label, lang, term, kind, note``."""
        out = self._terms.merge(self._frames[["frame", "label"]], on="frame", how="left")
        return out[["frame", "label", "lang", "term", "kind", "note"]]

    def summary(self) -> pd.DataFrame:
        """Frames × languages: the number of literal and neutral terms, with labels."""
        counts = (self._terms.assign(col=self._terms["lang"] + " " + self._terms["kind"])
                  .pivot_table(index="frame", columns="col", values="term", aggfunc="size", fill_value=0))
        counts.columns.name = None
        out = self._frames[["frame", "label"]].merge(counts.reset_index(), on="frame", how="left")
        return out.fillna(0)

    def __len__(self) -> int:
        return len(self._terms)

    def __repr__(self) -> str:
        name = f" {self.name!r}" if self.name else ""
        return f"<Lexicon{name}: {len(self._frames)} frames, {len(self)} terms in {', '.join(self.langs)}>"

    def _repr_html_(self) -> str:
        name = f" <b>{html.escape(self.name)}</b>" if self.name else ""
        head = (f"<p>Lexicon{name}: {len(self._frames)} frames, {len(self)} terms in "
                f"{html.escape(', '.join(self.langs))}</p>")
        return head + self.summary().to_html(index=False, escape=True)


def load_lexicon(source=None) -> Lexicon:
    """The one way to pick a lexicon: bundled by default, by name, a file, a dict.

    Parameters
    ----------
    source : None, str, Path, dict or Lexicon
        ``None`` gives the bundled poverty-alleviation lexicon; a name from
        :data:`BUNDLED_LEXICONS` (``"media_frames"``: the Media Frames Corpus dimensions,
        a starting template in en and fr) gives that one; a path is read with
        :meth:`Lexicon.read`; a dict goes to :meth:`Lexicon.from_dict`.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex.names[:2]
    ['battle', 'responsibility']
    >>> load_lexicon("media_frames").langs
    ['en', 'fr']
    """
    if isinstance(source, Lexicon):
        return source
    if isinstance(source, Mapping):
        return Lexicon.from_dict(source)
    if source is None:
        source = next(iter(BUNDLED_LEXICONS))
    if isinstance(source, str) and source in BUNDLED_LEXICONS:
        return Lexicon.read(data_path("frames", BUNDLED_LEXICONS[source]))
    path = Path(source)
    if not path.is_file():
        raise InputError(f"no such lexicon file; give a CSV file or one of {', '.join(BUNDLED_LEXICONS)}", path=path)
    return Lexicon.read(path)


def _stamp(path: Path | None) -> tuple | None:
    """What says a file changed: its size and modification time (``None`` if absent)."""
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return None
    return None if info is None else (info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _read_tables(path: Path, stamp, frames_path: Path | None, frames_stamp) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The validated terms and frames tables of a lexicon file, read once while the files
    are unchanged (``stamp``s); a :class:`Lexicon` only hands out copies of them."""
    term_rows = _read_csv(path, required=("frame", "lang", "term"))
    frame_rows = None if frames_path is None else _read_csv(frames_path, required=("frame",))
    terms, frames = _validate(term_rows, frame_rows, path=path, frames_path=frames_path)
    return terms, frames, _plan(terms, frames)


def _plan(terms: pd.DataFrame, frames: pd.DataFrame) -> dict:
    """What :meth:`Lexicon.plan` gives, from the validated tables."""
    names = frames["frame"].tolist()
    rank = {f: i for i, f in enumerate(names)}
    pairs = list(zip(terms["lang"].tolist(), terms["term"].tolist()))
    key_of: dict[tuple[str, str], int] = {}
    entry_key = np.array([key_of.setdefault(pair, len(key_of)) for pair in pairs], dtype=np.int64)
    entry_frame = np.array([rank[f] for f in terms["frame"].tolist()], dtype=np.int64)
    entry_kind = np.array([KINDS.index(k) for k in terms["kind"].tolist()], dtype=np.int64)
    frames_of: dict[str, list[int]] = {}
    literal_langs: dict[str, set] = {}
    for (lang, _), frame, kind in zip(pairs, entry_frame.tolist(), terms["kind"].tolist()):
        frames_of.setdefault(lang, []).append(frame)
        if kind == "literal":
            literal_langs.setdefault(names[frame], set()).add(lang)
    return {"keys": list(key_of), "entry_key": entry_key, "entry_frame": entry_frame, "entry_kind": entry_kind,
            "names": names, "frames_of": {lang: sorted(set(fs)) for lang, fs in frames_of.items()},
            "literal_langs": literal_langs}


def _records(table) -> list[dict]:
    if isinstance(table, pd.DataFrame):
        return table.to_dict("records")
    return [dict(r) for r in table]


def _read_csv(path: Path, *, required) -> list[tuple[int, dict]]:
    """Rows of a CSV file as ``(line, {column: cell})``; header names lowercased."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror})", path=path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"is not UTF-8 text (byte {err.start}); save it as 'CSV UTF-8'", path=path,
                         line=data[:err.start].count(b"\n") + 1) from None
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, header = [], None
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            cells = [unicodedata.normalize("NFC", " ".join(c.split())) for c in cells]
            if header is None:
                header = [c.lower() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise InputError(f"the header needs the columns {', '.join(required)}; it has "
                                     f"{', '.join(header) or 'none'} (missing: {', '.join(missing)})",
                                     path=path, line=line)
                doubled = sorted({c for c in header if c and header.count(c) > 1})
                if doubled:
                    raise InputError(f"the header names the column {doubled[0]!r} twice", path=path, line=line)
                continue
            if len(cells) > len(header) and any(cells[len(header):]):
                raise InputError(f"has {len(cells)} cells but the header has {len(header)} columns; "
                                 f"put a term containing {delimiter!r} in double quotes", path=path, line=line)
            rows.append((line, dict(zip(header, cells + [""] * (len(header) - len(cells))))))
    except csv.Error as err:
        raise InputError(f"is not valid CSV ({err})", path=path, line=reader.line_num) from None
    if header is None:
        raise InputError(f"is empty; it needs a header line with the columns {', '.join(required)}", path=path)
    return rows


def _validate(term_rows, frame_rows, *, path=None, frames_path=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check the rows; return the terms and frames tables. Rows are ``(line, dict)``."""
    def fail(message, line, row, column=None, where=path):
        if where is None:  # built in Python: say which entry
            entry = ", ".join(f"{k} {row.get(k)!r}" for k in ("frame", "lang", "term") if k in row)
            message = f"{entry}: {message}" if entry else message
        elif column is not None:
            message = f"column {column!r}: {message}"
        raise InputError(message, path=where, line=line)

    def cell(row, key):
        value = row.get(key)
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        return unicodedata.normalize("NFC", " ".join(str(value).split()))

    frames: dict[str, dict] = {}
    frame_line: dict[str, int | None] = {}
    if frame_rows is not None:
        for line, row in frame_rows:
            name = cell(row, "frame")
            if not name:
                fail("the frame name is empty", line, row, "frame", frames_path)
            if name in frames:
                fail(f"frame {name!r} is described twice (also line {frame_line[name]})", line, row, "frame",
                     frames_path)
            frames[name] = {"frame": name, "label": cell(row, "label") or name,
                            "definition": cell(row, "definition"), "sources": cell(row, "sources")}
            frame_line[name] = line
    terms, seen = [], {}
    for line, row in term_rows:
        frame, lang, term = cell(row, "frame"), cell(row, "lang").lower(), cell(row, "term")
        kind = cell(row, "kind").lower() or "literal"
        if not frame:
            fail("the frame name is empty; every term needs its frame", line, row, "frame")
        if frame_rows is not None and frame not in frames:
            where = f" in {frames_path}" if frames_path is not None else ""
            fail(f"frame {frame!r} is not described{where}; add it there or correct the spelling", line, row,
                 "frame")
        if lang not in LANGS:
            fail(f"unknown language {lang!r}; use one of {', '.join(LANGS)}", line, row, "lang")
        if not term:
            fail("the term is empty; write a word or phrase, or delete the line", line, row, "term")
        if not re.sub(r"[\s*?]", "", term):
            fail(f"the term {term!r} is only wildcards and would match every word", line, row, "term")
        if kind not in KINDS:
            fail(f"unknown kind {kind!r}; use literal or neutral (empty means literal)", line, row, "kind")
        key = (frame, lang, term.casefold())
        if key in seen:
            first = f"line {seen[key]}" if seen[key] is not None else "an earlier entry"
            fail(f"the term {term!r} ({lang}) is listed twice in frame {frame!r} (also {first}); keep one",
                 line, row, "term")
        seen[key] = line
        frames.setdefault(frame, {"frame": frame, "label": frame, "definition": "", "sources": ""})
        terms.append({"frame": frame, "lang": lang, "term": term, "kind": kind, "note": cell(row, "note")})
    if not terms:
        raise InputError("the lexicon has no terms; add lines frame, lang, term, kind", path=path)
    used = {t["frame"] for t in terms}
    for name in frames:
        if name not in used:
            fail(f"frame {name!r} has no terms; add terms for it or delete the line", frame_line.get(name),
                 {"frame": name}, "frame", frames_path)
    return (pd.DataFrame(terms, columns=TERM_COLUMNS),
            pd.DataFrame(list(frames.values()), columns=FRAME_COLUMNS))
