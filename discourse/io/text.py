"""Text files: one file mixing language versions (:func:`read_mixed`, the seeds' layout),
and the language versions of one document in one file each (:func:`read_parallel`).

Folders of versions named ``NAME.LANG.txt`` are grouped by :func:`discourse.io.read_versions`
and :func:`discourse.io.read` (the file-name rules: :mod:`discourse.io.names`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import languages  # languages.identify_lines loads on first use: a table read needs none
from ..align import align_document
from ..errors import DiscourseWarning, InputError
from .common import SEGMENT_COLUMNS, check_lang, make_corpus
from .decoding import read_text, split_lines

__all__ = ["read_mixed", "read_parallel"]

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
        Detected when not given (see :func:`discourse.io.decode`).
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
    path = Path(path)
    text, used = read_text(path, encoding, encoding_errors)
    doc_id = doc_id or path.stem
    lines = split_lines(text)
    langs = languages.identify_lines([text[s:e] for s, e, _ in lines])
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
    segments = align_document(segments, how=align)
    meta["langs"] = ",".join(sorted(set(segments["lang"]) - {"und"}))
    return make_corpus(segments, [meta])


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



def read_parallel(files: Mapping[str, str | Path], *, doc_id: str | None = None, encoding: str | None = None,
                  encoding_errors: str = "strict",
                  align: str | None = None):
    """Read the language versions of one document from one file per language.

    Parameters
    ----------
    files : mapping of language code to path
        e.g. ``{"zh": "speech.zh.txt", "fr": "speech.fr.txt"}``.
    doc_id : str, optional
        Defaults to the common file-name stem.
    align : {None, "order", "length"}
        ``"order"`` pairs line *k* of every file (line-aligned parallel files);
        ``"length"`` aligns paragraphs by length (Gale–Church), a short first line
        without final punctuation being a title, linked only with the other versions'
        titles (so a title one version lacks does not shift the lines after it).
        ``None`` (default): by position when every file has as many lines, else — with a
        :class:`~discourse.errors.DiscourseWarning` naming the counts — by length.
    encoding, encoding_errors :
        As in :func:`read_mixed`.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "speech.zh.txt").write_text("脱贫。\\n攻坚。", encoding="utf-8")
    >>> _ = (d / "speech.fr.txt").write_text("Pauvreté.\\nBataille.", encoding="utf-8")
    >>> c = read_parallel({"zh": d / "speech.zh.txt", "fr": d / "speech.fr.txt"})
    >>> c.alignment()[["align_id", "text_fr", "text_zh"]].values.tolist()
    [[1, 'Pauvreté.', '脱贫。'], [2, 'Bataille.', '攻坚。']]
    """
    if align not in (None, "order", "length"):
        raise InputError(f"align={align!r}: use 'order', 'length' or None (by position when the line counts agree)")
    rows, meta, texts = [], {}, {}
    paths = {lang: Path(p) for lang, p in files.items()}
    doc_id = doc_id or next(iter(paths.values())).name.split(".")[0]
    for lang, path in paths.items():
        check_lang(lang, path=path)
        texts[lang] = read_text(path, encoding, encoding_errors)
        meta.setdefault("encoding", texts[lang][1])
    counts = {lang: len(split_lines(text)) for lang, (text, _) in texts.items()}
    if align is None and len(set(counts.values())) > 1:
        warnings.warn(f"{doc_id}: the versions have different numbers of lines "
                      f"({', '.join(f'{lang} {n}' for lang, n in counts.items())}): aligned by length, not by "
                      "position (pass align='order' to pair line k with line k)", DiscourseWarning, stacklevel=2)
    align = align or ("order" if len(set(counts.values())) <= 1 else "length")
    for lang, path in paths.items():
        text = texts[lang][0]
        for k, (start, end, number) in enumerate(split_lines(text)):
            para = text[start:end]
            role = "title" if k == 0 and align == "length" and _is_title_like(para) else "body"
            rows.append(dict(doc_id=doc_id, lang=lang, role=role, text=para, path=str(path),
                             start=start, end=end, line=number))
    segments = align_document(pd.DataFrame(rows), how=align)
    meta.update(doc_id=doc_id, path=",".join(str(p) for p in paths.values()),
                langs=",".join(sorted(paths)))
    return make_corpus(segments, [meta])
