"""Check and correct sentence links: a side-by-side view, a links file out and back in.

:class:`AlignmentView` (``corpus.alignment_view(doc_id)``) shows a document's sentence
units side by side, coloured by the link's score, low-confidence links marked;
:func:`export_links` writes every sentence's link as CSV (``doc_id, lang, sent_id,
align_id, align_score, low_confidence, text``) to edit in a spreadsheet — give sentences
that translate each other the same ``align_id``, a sentence no other its own — and
``corpus.with_links(path)`` reads the corrected file back (:func:`read_links` checks it).
:func:`discourse.io.write_tmx` of ``corpus.to_sentences()`` gives the units as a TMX.
This module works on the sentence table (``corpus.sentences()``) and imports no corpus.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

import numpy as np
import pandas as pd

from discourse._util import atomic_write
from discourse.errors import InputError

__all__ = ["AlignmentView", "export_links", "read_links", "LINK_COLUMNS"]

#: The columns of a links file, in order (``doc_id, lang, sent_id, align_id`` are required to read one back).
LINK_COLUMNS = ["doc_id", "lang", "sent_id", "align_id", "align_score", "low_confidence", "text"]
_REQUIRED = LINK_COLUMNS[:4]


def _colour(score: float) -> str:
    """Red (0) through yellow to green (1); grey for a sentence that was not aligned."""
    if score != score:  # NaN
        return "#eeeeee"
    hue = int(round(120 * min(max(score, 0.0), 1.0)))
    return f"hsl({hue}, 70%, 85%)"


class AlignmentView:
    """One document's sentence units side by side (a row per unit, a column per language).

    Parameters
    ----------
    sentences : DataFrame
        A corpus's aligned sentences (``corpus.sentences()``).
    doc_id : str
    role : str or list of str
        Roles shown (title and body by default; ``meta`` lines are units of their own).

    Examples
    --------
    >>> import discourse
    >>> view = AlignmentView(discourse.load_corpus().sentences(), "003_90d6e10e09142168")
    >>> frame = view.to_frame()
    >>> list(frame.columns)
    ['doc_id', 'align_id', 'align_score', 'low_confidence', 'text_fr', 'text_zh']
    """

    def __init__(self, sentences: pd.DataFrame, doc_id: str, *, role=("title", "body")):
        roles = [role] if isinstance(role, str) else list(role)
        table = sentences[(sentences["doc_id"] == doc_id) & sentences["role"].isin(roles)]
        self.doc_id = doc_id
        self.langs = list(pd.unique(table["lang"]))
        self._table = table

    def to_frame(self) -> pd.DataFrame:
        """One row per unit: ``doc_id, align_id, align_score`` (its lowest), ``low_confidence``
        (any link flagged) and ``text_<lang>`` (its sentences joined by a space)."""
        t = self._table
        head = t.groupby("align_id", sort=True).agg(align_score=("align_score", "min"),
                                                     low_confidence=("low_confidence", "any"))
        texts = t.groupby(["align_id", "lang"], sort=True)["text"].agg(" ".join).unstack("lang", fill_value="")
        texts = texts.reindex(columns=sorted(self.langs), fill_value="")
        texts.columns = [f"text_{c}" for c in texts.columns]
        out = head.join(texts).reset_index()
        out.insert(0, "doc_id", self.doc_id)
        out["low_confidence"] = out["low_confidence"].astype(bool)
        return out

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        langs = [c for c in frame.columns if c.startswith("text_")]
        head = "".join(f"<th>{html.escape(c[5:])}</th>" for c in langs)
        rows = []
        for rec in frame.to_dict("records"):
            score = rec["align_score"]
            mark = " ⚠ low confidence" if rec["low_confidence"] else ""
            label = "—" if score != score else f"{score:.2f}"
            cells = "".join(f"<td style='vertical-align:top'>{html.escape(rec[c])}</td>" for c in langs)
            rows.append(f"<tr style='background:{_colour(score)}'><td>{rec['align_id']}</td>"
                        f"<td title='link score'>{label}{mark}</td>{cells}</tr>")
        return (f"<p>Sentence links of document {html.escape(self.doc_id)}: {len(frame)} units; "
                "colour = link score (red low, green high), ⚠ = low confidence</p>"
                f"<table><tr><th>align_id</th><th>score</th>{head}</tr>{''.join(rows)}</table>")


def export_links(corpus, path, *, force: bool = False) -> Path:
    """Write the corpus's sentence links as CSV (:data:`LINK_COLUMNS`) to correct by hand.

    Read them back with ``corpus.with_links(path)``; an existing file is replaced only with
    ``force=True``.

    >>> import discourse, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "links.csv"
    >>> _ = export_links(discourse.load_corpus(), path)
    >>> path.read_text(encoding="utf-8").splitlines()[0]
    'doc_id,lang,sent_id,align_id,align_score,low_confidence,text'
    """
    path = Path(path)
    if path.exists() and not force:
        raise InputError("exists already; choose another name or pass force=True", path=path)
    atomic_write(path, corpus.sentences()[LINK_COLUMNS].to_csv(index=False, lineterminator="\n"))
    return path


def _frame_of(links) -> tuple[pd.DataFrame, str | None]:
    if isinstance(links, pd.DataFrame):
        return links.reset_index(drop=True), None
    path = Path(links)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot be read as a UTF-8 links file ({err.__class__.__name__}); export one with "
                         "export_links", path=path) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or not set(_REQUIRED) <= set(rows[0]):
        raise InputError(f"is not a links CSV: its first line must name the columns {', '.join(_REQUIRED)} "
                         "(write one with export_links)", path=path, line=1)
    width = len(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        if row and len(row) != width:
            raise InputError(f"has {len(row)} fields where the header has {width}; quote texts with commas",
                             path=path, line=number)
    return pd.DataFrame([r for r in rows[1:] if r], columns=rows[0]), str(path)


def _integers(values: pd.Series, name: str, where) -> np.ndarray:
    out = pd.to_numeric(values, errors="coerce")
    bad = np.flatnonzero(out.isna().to_numpy() | (out % 1 != 0).fillna(True).to_numpy())
    if len(bad):
        where(f"{name} {values.iloc[bad[0]]!r} is not a whole number", bad[0])
    return out.to_numpy().astype(np.int64)


def read_links(links, sentences: pd.DataFrame) -> pd.DataFrame:
    """Check corrected links against a corpus's sentences; ``doc_id, lang, sent_id, align_id``
    (and ``align_score``, ``low_confidence`` when given).

    An unknown document or sentence, a sentence whose text differs from the corpus's,
    an ``align_id`` that is not a whole number, a file that is not a links CSV: an
    :class:`~discourse.errors.InputError` naming the file and line (for a DataFrame, the
    row's line in the CSV it would be: row 0 is line 2).

    >>> import discourse
    >>> table = discourse.load_corpus().sentences()
    >>> read_links(table, table).shape[0] == len(table)
    True
    """
    frame, path = _frame_of(links)

    def fail(message, row):
        raise InputError(message + "; export the links again with export_links and edit align_id only",
                         path=path or "links", line=int(row) + 2)

    missing = [c for c in _REQUIRED if c not in frame]
    if missing:
        raise InputError(f"the links need the columns {', '.join(_REQUIRED)}; missing {', '.join(missing)}",
                         path=path or "links", line=1)
    out = pd.DataFrame({"doc_id": frame["doc_id"].astype(str), "lang": frame["lang"].astype(str),
                        "sent_id": _integers(frame["sent_id"], "sent_id", fail),
                        "align_id": _integers(frame["align_id"], "align_id", fail)})
    known = sentences.set_index(["doc_id", "lang", "sent_id"])["text"]
    docs = set(sentences["doc_id"])
    index = pd.MultiIndex.from_frame(out[["doc_id", "lang", "sent_id"]])
    found = index.isin(known.index)
    if not found.all():
        row = int(np.flatnonzero(~found)[0])
        doc = out.loc[row, "doc_id"]
        what = f"document {doc!r}" if doc not in docs else (
            f"sentence {out.loc[row, 'sent_id']} of {out.loc[row, 'lang']} in document {doc!r}")
        fail(f"the corpus has no {what}", row)
    if "text" in frame:
        differs = np.flatnonzero(known.reindex(index).to_numpy() != frame["text"].astype(str).to_numpy())
        if len(differs):
            fail("the sentence's text differs from the corpus's (links of another corpus or version?)", differs[0])
    if index.duplicated().any():
        fail("the sentence is listed twice", np.flatnonzero(index.duplicated())[0])
    if "align_score" in frame:
        out["align_score"] = pd.to_numeric(frame["align_score"], errors="coerce").to_numpy()
    if "low_confidence" in frame:
        out["low_confidence"] = frame["low_confidence"].astype(str).str.lower().isin(["true", "1", "yes"]).to_numpy()
    return out
