"""The corpus at sentence level: one row per sentence of every segment.

Each segment is split by its language's ``split_sentences``
(:mod:`discourse.languages.sentences`); the sentences keep offsets into their segment
and into the file, as tokens do. Only the corpus's public interface is used
(``corpus.column``), so this module does not import :mod:`discourse.corpus`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.languages import registry

__all__ = ["sentences", "COLUMNS"]

#: The columns of :func:`sentences`, in order.
COLUMNS = ("doc_id", "lang", "seg_id", "sent_id", "align_id", "role", "start", "end",
           "file_start", "file_end", "line", "text")


def sentences(corpus) -> pd.DataFrame:
    """One row per sentence of the corpus, with its offsets in its segment and its file.

    Parameters
    ----------
    corpus : Corpus
        Any corpus (:func:`discourse.load_corpus`, :func:`discourse.read`); it is not changed.

    Returns
    -------
    DataFrame
        ``doc_id, lang, seg_id``: the sentence's segment; ``sent_id``: 1, 2 … within
        the document, in reading order (segments by ``seg_id``, then sentences in
        order); ``align_id, role``: the segment's; ``start, end``: offsets into the
        segment's text (``text == segment_text[start:end]``); ``file_start,
        file_end``: the same in the file, the segment's ``start`` plus these (for a
        table, such as JSON lines or CSV, offsets into the cell, as the segment's
        are); ``line``: the file line the sentence starts on (for a table, the row);
        ``text``. A segment of whitespace only has no sentence; every other character
        of every segment is in exactly one sentence.

    Examples
    --------
    >>> import discourse
    >>> from discourse.sentences import sentences
    >>> corpus = discourse.load_corpus()
    >>> table = sentences(corpus)
    >>> list(table.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['doc_id', 'lang', 'seg_id', 'sent_id', 'align_id', 'role', 'start', 'end',
     'file_start', 'file_end', 'line', 'text']
    >>> row = table[table["lang"] == "zh"].iloc[1]
    >>> seg = corpus.segments.set_index(["doc_id", "seg_id"]).loc[(row.doc_id, row.seg_id)]
    >>> seg.text[row.start:row.end] == row.text
    True
    """
    texts = corpus.column("text")
    langs = corpus.column("lang")
    seg_starts = corpus.column("start")
    seg_lines = corpus.column("line")
    rows: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    split_of: dict = {}
    for k, (text, lang) in enumerate(zip(texts, langs)):
        split = split_of.get(lang)
        if split is None:
            split = split_of[lang] = registry.language(lang).split_sentences
        for s, e in split(text):
            rows.append(k)
            starts.append(s)
            ends.append(e)
    idx = np.asarray(rows, dtype=np.int64)
    start = np.asarray(starts, dtype=np.int64)
    end = np.asarray(ends, dtype=np.int64)
    sentence_text = [texts[r][s:e] for r, s, e in zip(rows, starts, ends)]
    lines = [int(seg_lines[r]) + texts[r].count("\n", 0, s) for r, s in zip(rows, starts)]
    table = pd.DataFrame({
        "doc_id": corpus.column("doc_id")[idx],
        "lang": corpus.column("lang")[idx],
        "seg_id": corpus.column("seg_id")[idx].astype("int64"),
        "sent_id": np.zeros(len(idx), dtype=np.int64),
        "align_id": pd.array(corpus.column("align_id")[idx], dtype="Int64"),
        "role": corpus.column("role")[idx],
        "start": start,
        "end": end,
        "file_start": seg_starts[idx].astype("int64") + start,
        "file_end": seg_starts[idx].astype("int64") + end,
        "line": np.asarray(lines, dtype=np.int64),
        "text": sentence_text,
    }, columns=list(COLUMNS))
    if len(table):
        doc_order = {d: n for n, d in enumerate(pd.unique(table["doc_id"]))}
        order = np.lexsort((table["start"].to_numpy(), table["seg_id"].to_numpy(),
                            table["doc_id"].map(doc_order).to_numpy()))
        numbered = table.iloc[order].groupby("doc_id", sort=False).cumcount() + 1
        table["sent_id"] = numbered.reindex(table.index).to_numpy(dtype=np.int64)
    return table
