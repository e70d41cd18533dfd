"""Frames across languages: frame lexicons, frame profiles, translation shifts, plots.

A **frame** (Entman 1993) selects some aspects of a reality and makes them salient: a
problem definition, a cause, a moral evaluation, a remedy. Here a frame is measured by
its **terms**: a lexicon lists, per frame and language, the words and phrases that
carry it. Metaphor frames (the battle imagery of 脱贫攻坚战) also list the known
**neutral** renderings of their terms (脱贫攻坚 → « élimination de la pauvreté »), so
that a translation which keeps the meaning but not the metaphor can be told apart from
one that keeps the metaphor or drops the idea.

* :class:`Lexicon` — frames and their terms, read from plain CSV files a teacher can edit
  in a spreadsheet (:meth:`Lexicon.read`, :func:`load_lexicon`) or built from a dict
  (:meth:`Lexicon.from_dict`); validated on load.
* :func:`frame_hits` — every occurrence of a frame term, with its offsets;
  :func:`lexicon_coverage` — what each term of a lexicon matches in a corpus.
* :func:`frame_profile` — per document × language × frame: hits per 1,000 tokens and
  the share of aligned units in which the frame appears.
* :func:`translation_shifts` / :func:`shift_summary` — per aligned unit and frame, is
  the source's frame **kept**, **softened**, **dropped**, or **added** in a translation?
* Plots: :func:`plot_frame_heatmap`, :func:`plot_frame_bars`, :func:`plot_shifts`,
  :func:`plot_frame_strip`.

Matching uses :func:`discourse.query.find` on the corpus's tokens: a term is a word, a
phrase or a wildcard pattern per word, in the syntax of ``find``. So ``攻坚`` matches the
token 攻坚 but not the inside of jieba's token 脱贫攻坚战; the lexicon says ``*攻坚*`` to
match both. Where matches of one frame overlap in a segment, the leftmost is kept (the
longest of those starting at the same token; a literal term before a neutral one), so
a neutral phrase such as « lutte contre la pauvreté » can be listed to override the
literal « lutte » inside it.

Only ``title`` and ``body`` segments are counted: ``meta`` lines (series name, date line,
repeated title) are not text of the document.

Token rates are **not comparable across languages**: a Chinese token (jieba word), a
Vietnamese token (multi-syllable word) and a French token (elisions split) are different
units, and languages say the same thing in different numbers of words. Compare
``per_1k`` between documents of one language; compare languages with ``unit_share``, the
share of aligned units (paragraphs that translate each other) in which a frame appears.

References
----------
Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm. *Journal of
Communication* 43(4), 51–58.

Steen, G. J., Dorst, A. G., Herrmann, J. B., Kaal, A. A., Krennmayr, T. & Pasma, T.
(2010). *A Method for Linguistic Metaphor Identification: From MIP to MIPVU*.
Amsterdam: John Benjamins.

Schäffner, C. (2004). Metaphor and translation: some implications of a cognitive
approach. *Journal of Pragmatics* 36(7), 1253–1269.

Boydstun, A. E., Card, D., Gross, J. H., Resnik, P. & Smith, N. A. (2014). Tracking the
development of media frames within and across policy issues. APSA 2014 Annual Meeting.
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

from .corpus import COUNTED_ROLES
from .errors import InputError

__all__ = [
    "BUNDLED_LEXICONS",
    "KINDS",
    "Lexicon",
    "load_lexicon",
    "frame_hits",
    "lexicon_coverage",
    "frame_profile",
    "translation_shifts",
    "shift_summary",
    "plot_frame_heatmap",
    "plot_frame_bars",
    "plot_shifts",
    "plot_frame_strip",
    "SHIFT_COLORS",
]

#: Bundled lexicons, by name (files under ``data/frames/``). The first is the default.
BUNDLED_LEXICONS = {"poverty_alleviation": "poverty_alleviation.csv", "media_frames": "media_frames.csv"}
#: ``literal``: the term carries the frame; ``neutral``: a known rendering of a metaphor
#: frame's term without the metaphor (e.g. « élimination de la pauvreté » for 脱贫攻坚).
KINDS = ("literal", "neutral")
TERM_COLUMNS = ["frame", "lang", "term", "kind", "note"]
FRAME_COLUMNS = ["frame", "label", "definition", "sources"]
HIT_COLUMNS = ["doc_id", "lang", "seg_id", "align_id", "role", "frame", "kind", "term", "match",
               "start", "end", "position", "length"]
PROFILE_COLUMNS = ["doc_id", "lang", "frame", "hits", "tokens", "per_1k", "units", "units_with_frame",
                   "unit_share", "terms", "neutral_hits", "neutral_terms"]
SHIFT_COLUMNS = ["doc_id", "align_id", "frame", "source_lang", "target_lang", "status", "source_terms",
                 "target_terms"]
STATUSES = ("kept", "softened", "dropped", "added")
#: Colours of the shift statuses (Okabe–Ito colours not used for languages).
SHIFT_COLORS = {"kept": "#56B4E9", "softened": "#F0E442", "dropped": "#CC79A7", "added": "#666666"}
_ROLES = COUNTED_ROLES  # frame profiles and shifts count titles and body text, not meta lines


# =============================================================================== lexicon
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
        term_rows = _read_csv(path, required=("frame", "lang", "term"))
        if frames is None:
            sibling = path.with_name(path.name[: -len(path.suffix)] + ".frames" + path.suffix) if path.suffix else None
            frames = sibling if sibling is not None and sibling.is_file() else None
        frames_path = None if frames is None else Path(frames)
        frame_rows = None if frames_path is None else _read_csv(frames_path, required=("frame",))
        lexicon = cls.__new__(cls)
        lexicon._terms, lexicon._frames = _validate(term_rows, frame_rows, path=path, frames_path=frames_path)
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
    from ._data import data_path

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
    from .languages import LANGS

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


# =============================================================================== matching
def frame_hits(corpus, lexicon=None, *, role=_ROLES, warn: bool | None = None) -> pd.DataFrame:
    """Every occurrence of a frame term in the corpus.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
        Anything :func:`load_lexicon` takes; the bundled poverty-alleviation lexicon by
        default.
    role : str or tuple of str
        Segment roles searched (default: titles and body paragraphs, not meta lines).
    warn : bool, optional
        Warn about terms that cannot match (below). Default: about your own terms, not
        those of the bundled lexicons (also when your lexicon took them from one);
        ``warn=True`` checks every term.

    Returns
    -------
    DataFrame
        One row per hit, in corpus order: ``doc_id, lang, seg_id, align_id, role, frame,
        kind, term`` (the lexicon entry), ``match`` (the text found), ``start, end``
        (character offsets in the segment's text), ``position`` (index of the first
        token in the segment) and ``length`` (tokens). Overlapping hits of one frame are
        reduced to the leftmost-longest.

    Warns
    -----
    DiscourseWarning
        For a term that occurs in the text but cannot match there: the tokenizer keeps
        it inside longer words (印度 in 印度尼西亚) or cuts it otherwise (see
        :func:`discourse.query.unmatched`). The warning names the term and the fix: a
        user dictionary, ``load_corpus(…, user_dict={"zh": ["防汛抗洪"]})``, if the term
        is a word there; a wildcard (``*印度*``) if it should match inside words.

    Examples
    --------
    >>> import discourse
    >>> hits = frame_hits(discourse.load_corpus())
    >>> sorted(set(hits.query("frame == 'battle' and lang == 'fr'")["match"]))
    ['acte d’engagement', 'bataille', 'lutte', 'élimination de la pauvreté']
    """
    import warnings

    from .errors import DiscourseWarning
    from .query import find, unmatched

    lex = load_lexicon(lexicon)
    skip = _bundled_terms() if warn is None else frozenset()
    toks = corpus.tokens()
    seg = corpus._segments
    roles = [role] if isinstance(role, str) else list(role)
    rows_ok = seg["role"].isin(roles).to_numpy()
    parts = []
    for (lang, term), entries in lex._terms.groupby(["lang", "term"], sort=False):
        if lang not in corpus.langs:
            continue
        found = find(toks, term, lang=lang, warn=False)
        problem = unmatched(toks, term, lang, hits=found, what=f"lexicon term (frame {', '.join(entries['frame'])})") \
            if warn is not False and (lang, term) not in skip else None
        if problem:
            warnings.warn(problem["message"], DiscourseWarning, stacklevel=2)
        found = found[rows_ok[found["seg_row"].to_numpy()]]
        if len(found):
            for entry in entries.itertuples(index=False):
                parts.append(found.assign(frame=entry.frame, kind=entry.kind, term=term))
    if not parts:
        return pd.DataFrame(columns=HIT_COLUMNS)
    hits = pd.concat(parts, ignore_index=True)
    hits["_kind"] = hits["kind"].map({k: i for i, k in enumerate(KINDS)})
    hits = hits.sort_values(["frame", "seg_row", "first", "last", "_kind"], ascending=[True, True, True, False, True])
    keep, last_end = [], {}
    for i, frame, row, first, last in zip(hits.index, hits["frame"], hits["seg_row"], hits["first"], hits["last"]):
        if first >= last_end.get((frame, row), -1):  # leftmost-longest, per frame and segment
            keep.append(i)
            last_end[(frame, row)] = last
    hits = hits.loc[keep]
    order = {f: i for i, f in enumerate(lex.names)}
    hits = hits.assign(_frame=hits["frame"].map(order)).sort_values(["seg_row", "first", "_frame"])
    rows = hits["seg_row"].to_numpy()
    texts = seg["text"].to_numpy()
    bounds = toks.segment_bounds()
    out = pd.DataFrame({
        "doc_id": seg["doc_id"].to_numpy()[rows], "lang": seg["lang"].to_numpy()[rows],
        "seg_id": seg["seg_id"].to_numpy()[rows], "align_id": pd.array(seg["align_id"].to_numpy()[rows], dtype="Int64"),
        "role": seg["role"].to_numpy()[rows], "frame": hits["frame"].to_numpy(), "kind": hits["kind"].to_numpy(),
        "term": hits["term"].to_numpy(),
        "match": [texts[r][s:e] for r, s, e in zip(rows, hits["start"], hits["end"])],
        "start": hits["start"].to_numpy(), "end": hits["end"].to_numpy(),
        "position": hits["first"].to_numpy() - bounds[rows], "length": (hits["last"] - hits["first"]).to_numpy(),
    })
    return out.reset_index(drop=True)


@functools.cache
def _bundled_terms() -> frozenset:
    """``(lang, term)`` of every bundled lexicon: :func:`frame_hits` does not warn about them
    by default (their known misses are the curators' choice; ``warn=True`` lists them)."""
    return frozenset((lang, term) for name in BUNDLED_LEXICONS
                     for lang, term in load_lexicon(name)._terms[["lang", "term"]].itertuples(index=False))


def lexicon_coverage(corpus, lexicon=None) -> pd.DataFrame:
    """Which lexicon terms match in the corpus, and as what: check a lexicon on your texts.

    Returns one row per term of the lexicon's languages present in the corpus:
    ``frame, lang, term, kind, hits, forms`` (the distinct texts matched). A term with
    no hits may be absent from the texts, or written so that it does not match our
    tokens (e.g. a Chinese phrase jieba cuts differently: write its words apart,
    ``党 的 领导``, or use a wildcard, ``*攻坚*``).

    >>> import discourse
    >>> cov = lexicon_coverage(discourse.load_corpus())
    >>> cov.query("term == '*攻坚*'")[["hits", "forms"]].values.tolist()
    [[14, '脱贫攻坚战; 脱贫攻坚; 攻坚']]
    """
    lex = load_lexicon(lexicon)
    hits = frame_hits(corpus, lex)
    keys = ["frame", "lang", "term", "kind"]
    found = hits.groupby(keys, sort=False).agg(hits=("match", "size"), forms=("match", lambda m: "; ".join(_forms(m))))
    terms = lex._terms[lex._terms["lang"].isin(corpus.langs)][keys]
    out = terms.merge(found.reset_index(), on=keys, how="left")
    out["hits"] = out["hits"].fillna(0).astype("int64")
    out["forms"] = out["forms"].fillna("")
    return out.reset_index(drop=True)


def _form(match: str) -> str:
    """A matched text as listed: NFC, lowercase, single spaces."""
    return unicodedata.normalize("NFC", " ".join(match.lower().split()))


def _forms(matches) -> list[str]:
    """Distinct matched forms, in order of first occurrence."""
    return list(dict.fromkeys(map(_form, matches)))


def _counted(matches) -> str:
    """``"脱贫攻坚 (6); 打赢 (2)"``: forms by frequency, then first occurrence."""
    forms = pd.Series([_form(m) for m in matches], dtype=object)
    if forms.empty:
        return ""
    counts = forms.value_counts(sort=False).sort_values(ascending=False, kind="stable")
    return "; ".join(f"{form} ({n})" for form, n in counts.items())


# =============================================================================== profiles
def frame_profile(corpus, lexicon=None) -> pd.DataFrame:
    """How present each frame is in each document's language versions.

    For each document × language × frame of the lexicon that has terms in that
    language (a frame without terms in a language is not measured there, so it gets no
    row):

    * ``hits`` — literal hits (:func:`frame_hits`; neutral renderings are counted apart,
      in ``neutral_hits``, since they carry the meaning without the frame);
    * ``tokens`` — word tokens of the version (titles and body; punctuation left out);
    * ``per_1k`` — ``1000 * hits / tokens``;
    * ``units`` — aligned units (``align_id``) the version has;
    * ``units_with_frame`` — those with at least one literal hit;
    * ``unit_share`` — ``units_with_frame / units``;
    * ``terms`` / ``neutral_terms`` — the forms found, ``"form (count); …"``.

    ``per_1k`` is **not comparable across languages**: a zh token (jieba word), a vi
    token (a multi-syllable word) and a fr token are different units, and a translation
    uses more or fewer of them for the same content. Compare languages with
    ``unit_share``; compare documents of one language with either.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
        Anything :func:`load_lexicon` takes (bundled poverty-alleviation lexicon by
        default).

    Returns
    -------
    DataFrame
        ``doc_id, lang, frame, hits, tokens, per_1k, units, units_with_frame,
        unit_share, terms, neutral_hits, neutral_terms``.

    Examples
    --------
    >>> import discourse
    >>> p = frame_profile(discourse.load_corpus())
    >>> p.query("frame == 'battle'")[["lang", "hits", "units", "units_with_frame"]].values.tolist()
    [['vi', 12, 3, 1], ['zh', 9, 3, 1], ['fr', 2, 2, 1], ['zh', 9, 3, 3]]
    """
    lex = load_lexicon(lexicon)
    hits = frame_hits(corpus, lex)
    seg = corpus._segments
    toks = corpus.tokens()
    in_roles = seg["role"].isin(_ROLES).to_numpy()
    words = toks.mask(punct=False) & in_roles[toks.seg_row]
    keys = ["doc_id", "lang"]
    versions = seg[in_roles].groupby(keys, sort=False).agg(units=("align_id", "nunique")).reset_index()
    counts = pd.DataFrame({"doc_id": seg["doc_id"].to_numpy()[toks.seg_row[words]],
                           "lang": seg["lang"].to_numpy()[toks.seg_row[words]]})
    versions = versions.merge(counts.groupby(keys, sort=False).size().rename("tokens").reset_index(),
                              on=keys, how="left")
    covered = lex._terms[["lang", "frame"]].drop_duplicates()
    grid = versions.merge(covered, on="lang")
    order = {f: i for i, f in enumerate(lex.names)}
    doc_order = {d: i for i, d in enumerate(corpus.doc_ids)}
    grid = grid.assign(_d=grid["doc_id"].map(doc_order), _f=grid["frame"].map(order))
    grid = grid.sort_values(["_d", "lang", "_f"], kind="stable")
    k3 = ["doc_id", "lang", "frame"]
    lit, neu = hits[hits["kind"] == "literal"], hits[hits["kind"] == "neutral"]
    agg = lit.groupby(k3).agg(hits=("match", "size"), units_with_frame=("align_id", "nunique"),
                              terms=("match", _counted))
    nagg = neu.groupby(k3).agg(neutral_hits=("match", "size"), neutral_terms=("match", _counted))
    out = grid.merge(agg.reset_index(), on=k3, how="left").merge(nagg.reset_index(), on=k3, how="left")
    for col in ("hits", "units_with_frame", "neutral_hits", "tokens"):
        out[col] = out[col].fillna(0).astype("int64")
    for col in ("terms", "neutral_terms"):
        out[col] = out[col].fillna("")
    out["per_1k"] = 1000 * out["hits"] / out["tokens"].where(out["tokens"] > 0)
    out["unit_share"] = out["units_with_frame"] / out["units"].where(out["units"] > 0)
    out = out[PROFILE_COLUMNS].reset_index(drop=True)
    out.attrs["frames"] = lex.names  # the lexicon's order, for summaries and plots
    return out


# =============================================================================== shifts
def translation_shifts(corpus, lexicon=None, *, source: str = "zh", target=None) -> pd.DataFrame:
    """What happens to each frame between a source language and its translations.

    The unit of comparison is the **aligned unit**: the segments of one document that
    share an ``align_id`` (a paragraph or title and its translations). For each unit
    present in both languages and each frame with terms in both, a side *has the frame*
    when it has a literal term of it; then

    * **kept** — source and target have the frame;
    * **softened** — the source has it, the target only a neutral rendering of it;
    * **dropped** — the source has it, the target neither;
    * **added** — the target has it, the source does not.

    Units where neither side has the frame get no row, and neither do units missing
    in one language (e.g. a title that was not translated). The decision is per unit,
    not per term: a paragraph with three battle terms in Chinese and one in French is
    *kept*. Every row lists the terms behind it, so a reader can check it.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
        Anything :func:`load_lexicon` takes (bundled poverty-alleviation lexicon by
        default).
    source : str
        The language translated from (default ``"zh"``).
    target : str or list of str, optional
        The languages translated into (default: every other language of the corpus but
        ``und``).

    Returns
    -------
    DataFrame
        ``doc_id, align_id, frame, source_lang, target_lang, status, source_terms,
        target_terms``; terms are the forms found, separated by ``"; "``, neutral ones
        marked ``(neutral)``.

    Examples
    --------
    >>> import discourse
    >>> s = translation_shifts(discourse.load_corpus(), target="fr")
    >>> battle = s.query("frame == 'battle'")
    >>> battle[["align_id", "status", "source_terms", "target_terms"]].values.tolist()[0]
    [2, 'softened', '脱贫攻坚; 军令状', 'acte d’engagement (neutral)']
    >>> battle[["align_id", "status"]].values.tolist()[1]
    [3, 'kept']
    """
    lex = load_lexicon(lexicon)
    seg = corpus._segments
    langs = corpus.langs
    if source not in langs:
        raise InputError(f"the corpus has no text in the source language {source!r}; it has {', '.join(langs)}")
    if target is None:
        targets = [t for t in langs if t not in (source, "und")]
    else:
        targets = [target] if isinstance(target, str) else list(target)
    unknown = [t for t in targets if t not in langs]
    if unknown:
        raise InputError(f"the corpus has no text in {', '.join(map(repr, unknown))}; it has {', '.join(langs)}")
    units = seg[seg["role"].isin(_ROLES) & seg["align_id"].notna()][["doc_id", "align_id", "lang"]].drop_duplicates()
    hits = frame_hits(corpus, lex)
    hits = hits[hits["align_id"].notna()]
    found = {key: _forms(g["match"]) for key, g in hits.groupby(["doc_id", "align_id", "lang", "frame", "kind"])}
    literal_langs = lex._terms[lex._terms["kind"] == "literal"].groupby("frame")["lang"].agg(set)
    doc_order = {d: i for i, d in enumerate(corpus.doc_ids)}
    rows = []
    src_units = units[units["lang"] == source][["doc_id", "align_id"]]
    for tgt in targets:
        pairs = src_units.merge(units[units["lang"] == tgt][["doc_id", "align_id"]], on=["doc_id", "align_id"])
        frames = [f for f in lex.names if {source, tgt} <= literal_langs.get(f, set())]
        for doc_id, align_id in zip(pairs["doc_id"], pairs["align_id"]):
            for frame in frames:
                s = found.get((doc_id, align_id, source, frame, "literal"), [])
                t = found.get((doc_id, align_id, tgt, frame, "literal"), [])
                n = found.get((doc_id, align_id, tgt, frame, "neutral"), [])
                if s:
                    status = "kept" if t else "softened" if n else "dropped"
                elif t:
                    status = "added"
                else:
                    continue
                rows.append((doc_id, int(align_id), frame, source, tgt, status, "; ".join(s),
                             "; ".join(t + [f"{m} (neutral)" for m in n])))
    out = pd.DataFrame(rows, columns=SHIFT_COLUMNS)
    order = {f: i for i, f in enumerate(lex.names)}
    out = out.assign(_d=out["doc_id"].map(doc_order), _f=out["frame"].map(order))
    out = out.sort_values(["_d", "align_id", "_f", "target_lang"], kind="stable")[SHIFT_COLUMNS]
    out["align_id"] = out["align_id"].astype("int64")
    out = out.reset_index(drop=True)
    out.attrs["frames"] = lex.names  # the lexicon's order, for summaries and plots
    return out


def shift_summary(shifts: pd.DataFrame) -> pd.DataFrame:
    """Counts and rates of the shift statuses per frame and language pair.

    ``source_units`` = kept + softened + dropped (aligned units whose source has the
    frame); ``kept_rate``, ``softened_rate``, ``dropped_rate`` divide by it; ``added``
    counts units where only the target has the frame.

    Parameters
    ----------
    shifts : DataFrame
        From :func:`translation_shifts`.

    Returns
    -------
    DataFrame
        ``frame, source_lang, target_lang, source_units, kept, softened, dropped,
        added, kept_rate, softened_rate, dropped_rate``.

    Examples
    --------
    >>> import discourse
    >>> s = shift_summary(translation_shifts(discourse.load_corpus()))
    >>> s.query("frame == 'battle'")[["target_lang", "kept", "softened", "dropped"]].values.tolist()
    [['fr', 1, 1, 0], ['vi', 1, 0, 0]]
    """
    keys = ["frame", "source_lang", "target_lang"]
    counts = pd.crosstab([shifts[k] for k in keys], shifts["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts.columns.name = None
    counts = counts.reset_index()
    order = {f: i for i, f in enumerate(_frame_order(shifts))}
    counts = counts.sort_values(keys, key=lambda c: c.map(order) if c.name == "frame" else c, kind="stable")
    counts["source_units"] = counts["kept"] + counts["softened"] + counts["dropped"]
    for status in ("kept", "softened", "dropped"):
        counts[f"{status}_rate"] = counts[status] / counts["source_units"].where(counts["source_units"] > 0)
    columns = keys + ["source_units", *STATUSES, "kept_rate", "softened_rate", "dropped_rate"]
    return counts[columns].reset_index(drop=True)


def _frame_order(table: pd.DataFrame) -> list[str]:
    """Frames of a profile or shifts table in the lexicon's order (kept in ``attrs`` by
    :func:`frame_profile` and :func:`translation_shifts`), else in order of appearance."""
    present = list(pd.unique(table["frame"]))
    known = [f for f in table.attrs.get("frames", []) if f in present]
    return known + [f for f in present if f not in known]


# =============================================================================== plots
_RATE_NOTE = ("per 1,000 tokens — not comparable across languages: a zh, vi and fr token are different units; "
              "compare languages by unit share")
_SHARE_NOTE = "share of aligned units (paragraphs and titles) in which the frame appears"


def _by_lang(profile: pd.DataFrame, value: str) -> pd.DataFrame:
    """Frame × language table of ``value`` over all documents (pooled, not averaged)."""
    if value not in ("unit_share", "per_1k"):
        raise InputError(f"value must be 'unit_share' or 'per_1k', not {value!r}")
    if profile.empty:
        raise InputError("the profile is empty: the lexicon has no terms in the corpus's languages; "
                         "add terms for them (see discourse.equivalents)")
    num, den = ("units_with_frame", "units") if value == "unit_share" else ("hits", "tokens")
    sums = profile.groupby(["frame", "lang"], sort=False)[[num, den]].sum()
    table = (sums[num] / sums[den].where(sums[den] > 0)).unstack("lang")
    if value == "per_1k":
        table = table * 1000
    return table.reindex(index=_frame_order(profile))


def _lang_ticks(ax, axis: str) -> None:
    from .plot import lang_color

    for label in (ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()):
        label.set_color(lang_color(label.get_text()))


def plot_frame_heatmap(profile: pd.DataFrame, *, value: str = "unit_share", ax=None, title: str | None = None):
    """Frames × languages heatmap of a :func:`frame_profile`, pooled over documents.

    Parameters
    ----------
    profile : DataFrame
        From :func:`frame_profile` (filter it first to show one document).
    value : {"unit_share", "per_1k"}
        ``unit_share`` (default) compares languages; ``per_1k`` does not (see
        :func:`frame_profile`), and the caption says so.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = plot_frame_heatmap(frame_profile(discourse.load_corpus()))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['fr', 'vi', 'zh']
    """
    from .plot import _set_label_fonts, style, subplots

    table = _by_lang(profile, value)
    table = table.reindex(columns=sorted(table.columns))
    with style():
        if ax is None:
            _, ax = subplots(figsize=(2.2 + 1.1 * max(len(table.columns), 1), 1.6 + 0.45 * len(table)))
        data = np.ma.masked_invalid(table.to_numpy(dtype=float))
        vmax = 1.0 if value == "unit_share" else max(float(np.nanmax(table.to_numpy(dtype=float), initial=0)), 1e-9)
        image = ax.imshow(data, cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
        ax.set_facecolor("#EEEEEE")  # languages without terms for a frame: not measured
        ax.set_xticks(range(len(table.columns)), labels=list(table.columns))
        ax.set_yticks(range(len(table)), labels=list(table.index))
        for (i, j), v in np.ndenumerate(table.to_numpy(dtype=float)):
            text = "–" if np.isnan(v) else (f"{v:.0%}" if value == "unit_share" else f"{v:.1f}")
            dark = not np.isnan(v) and v > 0.6 * vmax
            ax.text(j, i, text, ha="center", va="center", fontsize=11, color="white" if dark else "black")
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        ax.figure.colorbar(image, ax=ax, shrink=0.8)
        ax.set_xlabel(_SHARE_NOTE if value == "unit_share" else _RATE_NOTE, fontsize=9, wrap=True)
        _lang_ticks(ax, "x")
        _set_label_fonts(ax)
        if title is not None:
            ax.set_title(title)
    return ax


def plot_frame_bars(profile: pd.DataFrame, *, value: str = "unit_share", ax=None, title: str | None = None):
    """Grouped horizontal bars: one group per frame, one bar per language (its colour).

    Parameters and pooling as :func:`plot_frame_heatmap`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = plot_frame_bars(frame_profile(discourse.load_corpus()))
    >>> len(ax.patches)
    21
    """
    from matplotlib.patches import Patch

    from .plot import _set_label_fonts, lang_color, style, subplots

    table = _by_lang(profile, value)
    langs = sorted(table.columns)
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.4 + 0.35 * len(table) * max(len(langs), 1)))
        height = 0.8 / max(len(langs), 1)
        for k, lang in enumerate(langs):
            ys = np.arange(len(table)) + (k - (len(langs) - 1) / 2) * height
            ax.barh(ys, table[lang].fillna(0).to_numpy(), height=height, color=lang_color(lang))
        ax.set_yticks(range(len(table)), labels=list(table.index))
        if len(table):
            ax.set_ylim(len(table) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.grid(True)
        if value == "unit_share":
            ax.set_xlim(0, 1)
            from matplotlib.ticker import PercentFormatter

            ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel(_SHARE_NOTE if value == "unit_share" else _RATE_NOTE, fontsize=9, wrap=True)
        ax.legend(handles=[Patch(facecolor=lang_color(v), label=v) for v in langs], loc="upper left",
                  bbox_to_anchor=(1.0, 1.0))
        _set_label_fonts(ax)
        if title is not None:
            ax.set_title(title)
    return ax


def plot_shifts(shifts: pd.DataFrame, *, ax=None, title: str | None = None):
    """Stacked bars of kept / softened / dropped / added units per frame and language pair.

    Parameters
    ----------
    shifts : DataFrame
        From :func:`translation_shifts`.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
        One bar per frame and pair, labelled ``frame · zh→fr``.

    Examples
    --------
    >>> import discourse
    >>> ax = plot_shifts(translation_shifts(discourse.load_corpus()))
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['battle · zh→fr', 'battle · zh→vi']
    """
    from matplotlib.patches import Patch

    from .plot import _set_label_fonts, style, subplots

    summary = shift_summary(shifts)
    labels = [f"{f} · {s}→{t}" for f, s, t in zip(summary["frame"], summary["source_lang"], summary["target_lang"])]
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.6 + 0.4 * len(labels)))
        left = np.zeros(len(summary))
        for status in STATUSES:
            values = summary[status].to_numpy(dtype=float)
            ax.barh(range(len(summary)), values, left=left, color=SHIFT_COLORS[status], height=0.7,
                    hatch="//" if status == "added" else None, edgecolor="white")
            for y, (x0, v) in enumerate(zip(left, values)):
                if v:
                    ax.text(x0 + v / 2, y, f"{v:.0f}", ha="center", va="center", fontsize=10,
                            color="white" if status == "added" else "black")
            left += values
        ax.set_yticks(range(len(labels)), labels=labels)
        if labels:
            ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.grid(True)
        ax.set_xlabel("aligned units (a title or paragraph and its translation)")
        ax.legend(handles=[Patch(facecolor=SHIFT_COLORS[s], label=s, hatch="//" if s == "added" else None)
                           for s in STATUSES], loc="upper left", bbox_to_anchor=(1.0, 1.0))
        _set_label_fonts(ax)
        if title is not None:
            ax.set_title(title)
    return ax


def plot_frame_strip(corpus, lexicon=None, *, doc_id: str | None = None, frames=None, ax=None,
                     title: str | None = None):
    """Where each frame occurs along one document, in each of its language versions.

    The x axis is the document's aligned units in order (1, 2 …; each a cell of width
    one), so a paragraph and its translation sit in the same cell; inside a cell a hit
    is placed by its token position in that language's text. Each frame is a band with
    one row per language (its colour); filled dots are literal terms, hollow dots
    neutral renderings.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon, str, Path or dict, optional
    doc_id : str, optional
        The document (default: the corpus's first).
    frames : list of str, optional
        Frames to show (default: all of the lexicon).
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import discourse
    >>> ax = plot_frame_strip(discourse.load_corpus(), doc_id="003_90d6e10e09142168")
    >>> ax.get_yticklabels()[0].get_text()
    'battle'
    """
    from matplotlib.lines import Line2D

    from .plot import _set_label_fonts, lang_color, style, subplots

    lex = load_lexicon(lexicon)
    doc_id = corpus.doc_ids[0] if doc_id is None else doc_id
    if doc_id not in corpus.doc_ids:
        raise InputError(f"no document {doc_id!r}; the corpus has {', '.join(corpus.doc_ids)}")
    names = lex.names if frames is None else list(frames)
    unknown = [f for f in names if f not in lex.names]
    if unknown:
        raise InputError(f"the lexicon has no frame {unknown[0]!r}; it has {', '.join(lex.names)}")
    doc = corpus.filter(doc_id=doc_id, role=list(_ROLES))
    seg = doc._segments
    seg = seg[seg["align_id"].notna()]
    unit_ids = sorted(seg["align_id"].unique())
    cell = {a: i for i, a in enumerate(unit_ids)}
    langs = sorted(seg["lang"].unique())
    # token offset of each segment inside its unit (per language), and the unit's size
    counts = np.diff(doc.tokens().segment_bounds())
    sizes = pd.DataFrame({"seg_id": doc._segments["seg_id"], "n": counts}).set_index("seg_id")["n"]
    seg = seg.assign(n=seg["seg_id"].map(sizes)).sort_values("seg_id")
    seg["offset"] = seg.groupby(["align_id", "lang"])["n"].cumsum() - seg["n"]
    seg["total"] = seg.groupby(["align_id", "lang"])["n"].transform("sum")
    hits = frame_hits(doc, lex)
    hits = hits[hits["align_id"].notna() & hits["frame"].isin(names)]
    hits = hits.merge(seg[["seg_id", "offset", "total"]], on="seg_id")
    x = hits["align_id"].map(cell) + (hits["offset"] + hits["position"] + hits["length"] / 2) / hits["total"]
    band = 0.8 / max(len(langs), 1)
    y = hits["frame"].map({f: i for i, f in enumerate(names)}) + \
        (hits["lang"].map({v: k for k, v in enumerate(langs)}) - (len(langs) - 1) / 2) * band
    with style():
        if ax is None:
            _, ax = subplots(figsize=(8.0, 1.6 + 0.55 * len(names)))
        for lang in langs:
            for kind, face in (("literal", lang_color(lang)), ("neutral", "none")):
                sel = ((hits["lang"] == lang) & (hits["kind"] == kind)).to_numpy()
                ax.scatter(x[sel], y[sel], s=46, marker="o", facecolors=face, edgecolors=lang_color(lang),
                           linewidths=1.5, zorder=3)
        for i in range(0, len(unit_ids), 2):  # every other unit shaded, so cells read apart
            ax.axvspan(i, i + 1, color="#F2F2F2", zorder=0)
        ax.set_xlim(0, max(len(unit_ids), 1))
        ax.set_xticks([i + 0.5 for i in range(len(unit_ids))], labels=[str(a) for a in unit_ids])
        ax.set_xlabel("aligned unit (position inside a unit: token position in each language's text)")
        ax.set_yticks(range(len(names)), labels=names)
        ax.set_ylim(len(names) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        handles = [Line2D([], [], marker="o", linestyle="", color=lang_color(v), label=v) for v in langs]
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="#444444",
                              label="neutral rendering"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        _set_label_fonts(ax)
        ax.set_title(title if title is not None else doc_id)
    return ax
