"""Tables of texts: CSV, TSV, JSON Lines, ``.xlsx`` files or a DataFrame with ``doc_id, lang, text``
(and optional ``align_id`` and metadata columns), read by :func:`read_table`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..align import align_each_document
from ..errors import InputError
from .common import SEGMENT_COLUMNS, check_lang, lines_of, make_corpus
from .._reading import json_lines
from .decoding import read_text
from .xlsx import XLSX_SUFFIXES, xlsx_frame

__all__ = ["read_table"]


def read_table(source, *, text_col: str = "text", id_col: str = "doc_id", lang_col: str = "lang",
               lang: str | None = None, encoding: str | None = None, encoding_errors: str = "strict"):
    """Read a table of texts: CSV, TSV, JSON Lines, ``.xlsx`` file (its first sheet:
    :func:`discourse.io.xlsx.xlsx_frame`), or a pandas DataFrame.

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

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import pandas as pd
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
        check_lang(lang, path=path)
    has_align = "align_id" in df.columns
    extra = [c for c in df.columns if c not in {text_col, id_col, lang_col, "align_id", "role", "seg_id"}]
    n_rows = len(df)
    docs = [str(value) for value in df[id_col].tolist()] if id_col in df.columns else [str(k) for k in range(1, n_rows + 1)]
    langs = [lang] * n_rows if lang else _langs(df[lang_col].tolist(), path)
    roles = df["role"].tolist() if "role" in df.columns else ["body"] * n_rows
    aligns = df["align_id"].tolist() if has_align else [None] * n_rows
    extras = {col: df[col].tolist() for col in extra}
    metas, kept, texts = {}, [], []  # the rows with a text, and their texts
    role_of = [""] * n_rows
    for k, text in enumerate(df[text_col].tolist()):
        if not isinstance(text, str):
            if text is None or (isinstance(text, float) and pd.isna(text)):
                continue  # an empty cell holds no text to lose
            text = str(text)
        doc = docs[k]
        meta = metas.setdefault(doc, {"doc_id": doc, "path": str(path)})
        for col, values in extras.items():
            value = values[k]
            if col not in meta and not (isinstance(value, float) and pd.isna(value)):
                meta[col] = value
        role_of[k] = str(roles[k] or "body")
        kept.append(k)
        texts.append(text)
    of_text, start, end, lines = lines_of(texts)  # every non-blank line, at once
    if not lines:
        raise InputError("has no text in it", path=path)
    line_row = np.asarray(kept, dtype=np.int64)[of_text]  # the table row of each line

    def per_line(values: list) -> list:
        return np.asarray(values, dtype=object)[line_row].tolist()

    columns = {"doc_id": per_line(docs), "lang": per_line(langs), "role": per_line(role_of), "text": lines,
               "path": [str(path)] * len(lines), "start": start, "end": end, "line": line_row + 1,
               "align_id": [aligns[k] for k in line_row.tolist()] if has_align else [None] * len(lines)}
    segments = pd.DataFrame(columns)
    if has_align:
        segments.insert(2, "seg_id", segments.groupby("doc_id").cumcount())
        segments["align_id"] = pd.to_numeric(segments["align_id"], errors="coerce").astype("Int64")
        segments = segments[[c for c in SEGMENT_COLUMNS]]
    else:
        segments = align_each_document(segments.drop(columns="align_id"), how="length")
    found: dict = {}
    for doc, row_lang in dict.fromkeys(zip(columns["doc_id"], columns["lang"])):
        found.setdefault(doc, set()).add(row_lang)
    for doc, meta in metas.items():
        meta["langs"] = ",".join(sorted(found.get(doc, ())))
    return make_corpus(segments, list(metas.values()))


def _langs(values: list, path) -> list[str]:
    """The language code of every row, checked (the first row with a code not read is named)."""
    langs = [str(value).strip().lower() for value in values]
    for code in dict.fromkeys(langs):
        try:
            check_lang(code, path=path)
        except InputError:
            check_lang(code, path=path, line=langs.index(code) + 1)
    return langs


def _load_table(path: Path, encoding: str | None, encoding_errors: str = "strict") -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return xlsx_frame(path)
    text, _ = read_text(path, encoding, encoding_errors)
    if suffix in (".jsonl", ".ndjson"):
        records = []
        # lines end at "\n" only ("\r\n" too): U+2028, U+2029 and U+0085, which JSON writers
        # leave raw in strings, are text, not line ends (str.splitlines would break on them)
        for number, record in json_lines(text, path=path, hint="each line must be one JSON object"):
            if not isinstance(record, dict):
                raise InputError("is not a JSON object; each line must be one object such as "
                                 '{"doc_id": …, "lang": …, "text": …}', path=path, line=number)
            records.append(record)
        return pd.DataFrame.from_records(records)
    sep = "," if suffix == ".csv" else "\t"
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except pd.errors.ParserError as err:
        line = re.search(r"line (\d+)", str(err))
        raise InputError(f"is not a valid {'CSV' if sep == ',' else 'TSV'} table ({err}); check quoting "
                         "and the number of fields", path=path, line=int(line[1]) if line else None) from None


