"""Frequency lists, n-grams, TF-IDF and trends of a corpus, counted per language.

Counts are made on the corpus's tokens (:meth:`discourse.Corpus.tokens`) with
``numpy.bincount`` on the integer type ids: no Python counter, no re-tokenizing.
Every table is tidy and **split by language**: a Chinese word and a French word are not
the same unit, so counts across languages mean nothing.

Conventions (the same in every function of the module, and in
:func:`discourse.keywords`, :func:`discourse.dispersions` and :func:`discourse.collocates`,
which count with it):

* **Terms** are normalised forms (``norm``: lowercased, unified apostrophes and
  Vietnamese tone placement). An n-gram's term is its n norms joined by ``sep`` (a space
  by default, also in Chinese, so the bigram ``脱贫 攻坚`` is told from the word
  ``脱贫攻坚``; a Vietnamese word keeps its inner spaces, ``trách nhiệm chung``).
* **N-grams never cross a segment** (paragraph) boundary, and with ``punct=False``
  (the default) never cross punctuation either: ``中央统筹、省负总责`` has no bigram
  ``中央统筹 省负总责``.
* **Stoplists** (``stopwords``): by default (``None``) the words of the package's
  stoplists — **function words only**: determiners, pronouns, adpositions, conjunctions,
  auxiliaries, particles and a few light adverbs (``data/stopwords/``, each checked
  against Universal Dependencies tags) — are left out of the tables; ``stopwords=False``
  applies no stoplist (every word listed, as AntConc and Wordless do by default);
  ``stopwords={"fr": "my_stopwords.txt"}`` (a file, one word per line, or a list of
  words) uses your list for that language and the package's for the others. The
  stoplist used is recorded in the table's ``attrs["stopwords"]`` (``{"fr": "user:
  my_stopwords.txt (120 words)", "zh": "default"}``).
* **Totals** (the denominators of ``per_10k`` and ``per_million``, and the corpus sizes
  of keyness) are the number of tokens — or of n-gram positions — in the group, without
  punctuation unless ``punct=True``. Stopwords are *in* the total even when the stoplist
  leaves them out of the list: a stoplist chooses which rows you see, not how often a
  word occurs per 10,000 words. With ``punct=True, stopwords=False`` the ``per_10k``
  column of a group sums to exactly 10,000.
* A stoplist drops an n-gram that *begins or ends* with a stopword (for n = 1, the
  stopwords themselves), so ``lutte contre la pauvreté`` stays and ``de la`` goes.
* **Header lines are not counted**: segments of role ``meta`` (a document's series name,
  its ``date | source`` line, a title repeated after them) are metadata, left out of
  every count, total and denominator by default. Each counting function takes
  ``role=`` — the roles counted, by default ``None`` = titles and body text
  (:data:`discourse.corpus.COUNTED_ROLES`); ``role=("title", "body", "meta")`` counts
  everything. (Searching — :func:`discourse.kwic`, :func:`discourse.find` — looks at
  every role.)
* ``doc_freq`` is the number of documents (``doc_id``) of the group the term occurs in;
  ``rank`` is the competition rank by count within the group (ties share the best rank,
  as in AntConc).

Examples
--------
>>> import discourse
>>> corpus = discourse.load_corpus()
>>> freq = frequencies(corpus, lang="vi", top=3)
>>> print(freq[["lang", "term", "count", "doc_freq", "rank"]].to_string(index=False))
lang        term  count  doc_freq  rank
  vi trách nhiệm     11         1     1
  vi       chung      8         1     2
  vi thoát nghèo      8         1     2
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from ._util import string_ranks
from .errors import InputError

__all__ = ["frequencies", "document_term_matrix", "DocumentTermMatrix", "tfidf", "trend", "FREQUENCY_COLUMNS"]

#: Columns of :func:`frequencies` (``by`` columns go after ``lang``).
FREQUENCY_COLUMNS = ("lang", "term", "count", "per_10k", "per_million", "doc_freq", "rank", "total")

_BINCOUNT_LIMIT = 1 << 25  # above this many (group, term) cells, count with np.unique instead


# ----------------------------------------------------------------------------- helpers
def _tokens_of(corpus):
    """The Tokens of a Corpus (computed once per corpus), or the Tokens given."""
    from .tokens import Tokens

    if isinstance(corpus, Tokens):
        return corpus
    if hasattr(corpus, "tokens") and hasattr(corpus, "_segments"):
        return corpus.tokens()
    raise InputError(f"expected a discourse Corpus (or its tokens), not {type(corpus).__name__}; "
                     "read one with discourse.load_corpus(…)")


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset, range, np.ndarray, pd.Series, pd.Index)):
        return list(value)
    return [value]


def _segment_frame(corpus, columns) -> pd.DataFrame:
    """One row per segment (in ``corpus._segments`` order) with ``columns``, taken from
    the segments or, failing that, from the document metadata."""
    seg = corpus._segments
    docs = corpus._documents
    out = pd.DataFrame(index=seg.index)
    for col in columns:
        if col in seg.columns:
            out[col] = seg[col].to_numpy()
        elif col in docs.columns:
            out[col] = seg["doc_id"].map(docs.drop_duplicates("doc_id").set_index("doc_id")[col]).to_numpy()
            values = out[col]
            if pd.api.types.is_float_dtype(values) and values.notna().any() and \
                    (values.dropna() == values.dropna().round()).all():
                out[col] = values.astype("Int64")  # years saved as 2020.0 (a column with gaps) are 2020
        else:
            known = [c for c in seg.columns if c not in ("text", "path", "start", "end", "line", "align_score")]
            known += [c for c in docs.columns if c not in known]
            raise InputError(f"no column {col!r} to group or select by; the corpus has "
                             f"{', '.join(map(str, known))}")
    return out


def _roles(role) -> list[str]:
    """The segment roles asked for, checked; ``None`` is :data:`COUNTED_ROLES`."""
    from .corpus import COUNTED_ROLES, ROLES

    roles = list(COUNTED_ROLES) if role is None else _as_list(role)
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise InputError(f"role must be one or more of {', '.join(ROLES)}, not {role!r}")
    return roles


def _lang_mask(corpus, lang, *, strict: bool = True, role=None) -> np.ndarray:
    """Boolean per segment: its language is one of ``lang`` (all when None) and its role
    one of ``role``. This is the one place that decides which segments are counted by
    default: ``role=None`` means :data:`discourse.corpus.COUNTED_ROLES` (titles and body
    text, not the ``meta`` header lines). A language the corpus lacks is an error unless
    ``strict=False`` (a partition of a corpus)."""
    seg = corpus._segments
    langs = seg["lang"].to_numpy()
    roles = _roles(role)
    in_roles = np.isin(seg["role"].to_numpy(), roles)
    if lang is None:
        return in_roles
    wanted = _as_list(lang)
    missing = [code for code in wanted if code not in set(langs[in_roles])]
    if missing and strict:
        absent = [code for code in missing if code not in set(langs)]
        if absent:
            raise InputError(f"the corpus has no text in language {', '.join(map(repr, absent))}; its languages "
                             f"are {', '.join(sorted(set(langs)))}")
        raise InputError(f"the corpus has text in language {', '.join(map(repr, missing))} only in segments of "
                         f"role {', '.join(sorted(set(seg['role'].to_numpy()[np.isin(langs, missing)])))}, which "
                         f"are not counted here (role={tuple(roles)!r}); pass role=('title', 'body', 'meta') to "
                         "count them")
    return np.isin(langs, wanted) & in_roles


_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:\.\.|-)\s*(-?\d+(?:\.\d+)?)\s*$")


def _parse_conditions(conditions) -> dict:
    """``"year=2015-2020"``, ``["doc_id=a,b", "kind=report"]`` or a mapping → {column: value(s)}."""
    if conditions is None:
        return {}
    if isinstance(conditions, Mapping):
        return dict(conditions)
    out: dict = {}
    for item in _as_list(conditions):
        if not isinstance(item, str) or "=" not in item:
            raise InputError(f"a selection is COLUMN=VALUE (e.g. doc_id=X, year=2020, year=2015-2020), not {item!r}")
        col, value = item.split("=", 1)
        col = col.strip()
        if not col:
            raise InputError(f"a selection is COLUMN=VALUE; {item!r} names no column")
        out[col] = value
    return out


def _select(corpus, conditions, *, strict: bool = True) -> np.ndarray:
    """Boolean per segment: the segment (or its document) meets every condition.

    A condition is ``column=value``: a segment column (``doc_id``, ``role``, ``seg_id`` …)
    or a document metadata column (``year``, ``date`` …). A string value may list values
    separated by commas; ``lo-hi`` or ``lo..hi`` is an inclusive range of numbers.
    Numeric columns compare as numbers, so ``year=2020`` finds the year stored as
    ``2020.0``. In a column of text a value matches the text written the same; a number
    or a range no text is written as compares with the texts that read as numbers, so
    ``year=2015-2020`` also selects years stored as text (``"2016"``, as a table read
    without types gives them), while ``date=2021-01-14`` stays a date. A condition no
    segment meets is an error unless ``strict=False`` (a partition of a corpus).

    Examples
    --------
    >>> import discourse
    >>> corpus = discourse.read_table(pd.DataFrame({"text": ["甲。", "乙。", "丙。"],
    ...                                             "year": ["2014", "2016", "n.d."]}), lang="zh")
    >>> _select(corpus, "year=2015-2020").tolist(), _select(corpus, "year=n.d.").tolist()
    ([False, True, False], [False, False, True])
    """
    conditions = _parse_conditions(conditions)
    keep = np.ones(len(corpus), dtype=bool)
    if not conditions:
        return keep
    frame = _segment_frame(corpus, list(conditions))
    for col, value in conditions.items():
        column = frame[col]
        numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
        values = [v.strip() for v in value.split(",")] if isinstance(value, str) else _as_list(value)
        hit = np.zeros(len(column), dtype=bool)
        for v in values:
            if numeric:
                nums = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
                span = _RANGE.match(str(v)) if isinstance(v, str) else None
                if span:
                    lo, hi = float(span[1]), float(span[2])
                    hit |= (nums >= lo) & (nums <= hi)
                else:
                    try:
                        hit |= nums == float(v)
                    except (TypeError, ValueError):
                        raise InputError(f"column {col!r} holds numbers; {v!r} is not a number or a range "
                                         "such as 2015-2020") from None
            else:
                text = column.astype(str).to_numpy() == str(v)
                if not text.any() and isinstance(v, (str, int, float, np.number)) and not isinstance(v, bool):
                    text = _as_numbers(column, v)  # years stored as text: "2016" in 2015-2020
                hit |= text
        if strict and not hit.any():
            shown = pd.unique(column.dropna().astype(str))
            raise InputError(f"no text has {col}={value!r}; values of {col} include "
                             f"{', '.join(shown[:8])}{' …' if len(shown) > 8 else ''}")
        keep &= hit
    return keep


def _as_numbers(column: pd.Series, value) -> np.ndarray:
    """Which texts of ``column`` read as a number equal to ``value`` or in its range
    ``lo-hi`` / ``lo..hi``; all False when ``value`` is neither."""
    span = _RANGE.match(value) if isinstance(value, str) else None
    if span is None:
        try:
            lo = hi = float(value)
        except (TypeError, ValueError):
            return np.zeros(len(column), dtype=bool)
    else:
        lo, hi = float(span[1]), float(span[2])
    nums = pd.to_numeric(column.astype(object).where(column.notna()), errors="coerce")
    nums = nums.to_numpy(dtype=float, na_value=np.nan)
    return (nums >= lo) & (nums <= hi)


def _groups(corpus, by, seg_mask) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code per segment (``-1`` outside ``seg_mask``) and the group labels
    (``lang`` + ``by`` columns, one row per code). Groups follow corpus order; a missing
    ``by`` value is a group of its own."""
    by = [c for c in _as_list(by) if c != "lang"]
    keys = _segment_frame(corpus, ["lang"] + by)
    sub = keys[seg_mask]
    codes = np.full(len(keys), -1, dtype=np.int64)
    if len(sub):
        grouped = sub.groupby(list(sub.columns), sort=False, dropna=False)
        codes[seg_mask] = grouped.ngroup().to_numpy()
        labels = sub.assign(_g=codes[seg_mask]).drop_duplicates("_g").sort_values("_g").drop(columns="_g")
    else:
        labels = keys.iloc[:0]
    return codes, labels.reset_index(drop=True)


class _Units(NamedTuple):
    """Countable positions: tokens (n = 1) or n-gram starts."""

    start: np.ndarray  # token index of each unit's first token
    term_id: np.ndarray  # id of the unit's term (type id for n = 1, compact n-gram id else)
    counted: np.ndarray | None  # bool: listed (False = left out as stopword), always in the total;
    # None when every unit is listed
    types: np.ndarray  # (n_terms, n) type ids of each term id


def _units(toks, *, n: int, punct: bool, stopwords, seg_mask) -> _Units:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 5:
        raise InputError(f"n (the n-gram length) must be 1, 2, 3, 4 or 5, not {n!r}")
    total = len(toks)
    if n == 1:  # every token is a unit: no segment or punctuation boundary to check
        ok = seg_mask[toks.seg_row] if total else np.zeros(0, dtype=bool)
        if not punct:
            ok &= ~toks.is_punct[toks.type_id]
        start = np.flatnonzero(ok) if not ok.all() else np.arange(total, dtype=np.int64)
    else:
        punct_tok = toks.is_punct[toks.type_id] if total else np.zeros(0, dtype=bool)
        start = np.arange(max(total - n + 1, 0), dtype=np.int64)
        ok = toks.seg_row[start] == toks.seg_row[start + n - 1]  # tokens are in segment order
        if not punct:
            inside = np.r_[0, np.cumsum(punct_tok)]
            ok &= inside[start + n] == inside[start]
        ok &= seg_mask[toks.seg_row[start]]
        start = start[ok]
    is_stop = toks.stop_mask(stopwords)
    if is_stop is None:
        counted = None  # all listed
    else:
        counted = ~(is_stop[start] | is_stop[start + n - 1])
    if n == 1:
        term_id = toks.type_id[start].astype(np.int64)
        return _Units(start, term_id, counted, np.arange(len(toks.vocab), dtype=np.int64)[:, None])
    vocab_size = max(len(toks.vocab), 1)
    term_id = toks.type_id[start].astype(np.int64)
    for k in range(1, n):  # pairwise: (id so far, next type) -> compact id; never overflows
        _, term_id = np.unique(term_id * vocab_size + toks.type_id[start + k], return_inverse=True)
        term_id = term_id.astype(np.int64).ravel()
    n_terms = int(term_id.max()) + 1 if len(term_id) else 0
    first = np.full(n_terms, -1, dtype=np.int64)
    first[term_id[::-1]] = start[::-1]  # first occurrence of each term
    types = toks.type_id[first[:, None] + np.arange(n)].astype(np.int64) if n_terms else np.zeros((0, n), np.int64)
    return _Units(start, term_id, counted, types)


def _count(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys (sorted) and how often each occurs: bincount when the key space is
    small enough, else a sort."""
    if size <= _BINCOUNT_LIMIT:
        counts = np.bincount(keys, minlength=size)
        nz = np.flatnonzero(counts)
        return nz, counts[nz]
    return np.unique(keys, return_counts=True)


def _doc_freq(cell: np.ndarray, doc: np.ndarray, *, n_cells: int, n_docs: int, slots: int = 1 << 20) -> np.ndarray:
    """Number of distinct documents in which each cell (a (group, term) pair, numbered
    ``0 … n_cells - 1``) occurs, given the cell and document of every unit.

    No sort and no hash: each unit writes its position into the slot of its (document,
    cell) pair; exactly one unit per distinct pair finds its own position there (the
    one whose write was kept), and those units are counted. The slots of a batch of
    documents at a time are kept in one reused array of about ``slots`` integers.
    Units are in corpus order, so usually already grouped by document.
    """
    if len(doc) > 1 and np.any(doc[1:] < doc[:-1]):
        order = np.argsort(doc, kind="stable")
        cell, doc = cell[order], doc[order]
    per_batch = max(1, slots // max(n_cells, 1))
    edges = np.searchsorted(doc, np.arange(0, n_docs + per_batch, per_batch))
    small = int(np.diff(edges).max(initial=0)) < 2**31  # positions within a batch fit in int32
    # small enough to stay in cache and quick to touch the first time; never read before written
    owner = np.empty(per_batch * max(n_cells, 1), dtype=np.int32 if small else np.int64)
    kept = []  # the cell of each unit that kept its slot: one per (document, cell)
    for batch, (lo, hi) in enumerate(zip(edges[:-1], edges[1:])):
        if lo == hi:
            continue
        slot = (doc[lo:hi] - batch * per_batch) * n_cells + cell[lo:hi]
        position = np.arange(hi - lo, dtype=owner.dtype)
        owner[slot] = position
        kept.append(cell[lo:hi][owner[slot] == position])
    return np.bincount(np.concatenate(kept), minlength=n_cells) if kept else np.zeros(n_cells, dtype=np.int64)


def _term_strings(toks, units: _Units, term_ids: np.ndarray, sep: str) -> np.ndarray:
    vocab = np.asarray(toks.vocab, dtype=object)
    if units.types.shape[1] == 1:
        return vocab[term_ids]
    parts = vocab[units.types[term_ids]]
    joined = parts[:, 0].copy()
    for k in range(1, parts.shape[1]):  # element-wise str + str, column by column
        joined = joined + sep + parts[:, k]
    return joined


def _one_id_per_string(toks, units: _Units, sep: str) -> _Units:
    """Give n-grams written alike one term id: Vietnamese words hold spaces, so
    "trách nhiệm" + "chung" and "trách" + "nhiệm chung" are both "trách nhiệm chung".

    A table has one row per term as written (as the Dask path, which sums tables by term,
    has too); the id kept is the first.
    """
    holds_sep = np.fromiter((sep in form for form in toks.vocab), dtype=bool, count=len(toks.vocab))
    # only n-grams with a word holding `sep` can be written like another n-gram
    suspects = np.flatnonzero(holds_sep[units.types].any(axis=1)) if holds_sep.any() else []
    if len(suspects) < 2:
        return units
    codes, uniques = pd.factorize(_term_strings(toks, units, suspects, sep))
    if len(uniques) == len(suspects):
        return units
    first = np.full(len(uniques), len(units.types), dtype=np.int64)
    np.minimum.at(first, codes, suspects)
    canonical = np.arange(len(units.types), dtype=np.int64)
    canonical[suspects] = first[codes]
    return units._replace(term_id=canonical[units.term_id])


def _count_table(toks, *, n=1, by=None, seg_mask=None, punct=False, stopwords=None, sep=" ") -> pd.DataFrame:
    """The long count table behind every frequency list: one row per (group, term) with
    ``lang``, the ``by`` columns, ``term``, ``count``, ``doc_freq``, ``total``, ``_group``;
    and the groups (``lang``, ``by`` columns and ``total``, one row per ``_group`` code,
    also for a group with no listed term)."""
    corpus = toks.corpus
    seg_mask = np.ones(len(corpus), dtype=bool) if seg_mask is None else seg_mask
    codes, labels = _groups(corpus, by, seg_mask)
    units = _units(toks, n=n, punct=punct, stopwords=stopwords, seg_mask=seg_mask)
    if n > 1:
        units = _one_id_per_string(toks, units, sep)
    n_groups = len(labels)
    if n_groups == 1:  # one language, no `by`: no look-up per unit
        group = None
        totals = np.array([len(units.start)], dtype=np.int64)
    else:
        group = codes[toks.seg_row[units.start]]
        totals = np.bincount(group, minlength=n_groups) if n_groups else np.zeros(0, dtype=np.int64)
    term_id, start = units.term_id, units.start
    if units.counted is not None:
        listed = units.counted
        term_id, start = term_id[listed], start[listed]
        group = None if group is None else group[listed]
    n_terms = max(len(units.types), 1)
    unit_key = term_id if group is None else group * n_terms + term_id
    keys, counts = _count(unit_key, n_groups * n_terms)
    if n_groups * n_terms <= _BINCOUNT_LIMIT:  # index of each unit's (group, term) in keys
        lookup = np.zeros(n_groups * n_terms, dtype=np.int64)
        lookup[keys] = np.arange(len(keys))
        cell = lookup[unit_key]
    else:
        cell = np.searchsorted(keys, unit_key)
    doc_codes = toks.doc_codes()
    n_docs = int(doc_codes.max()) + 1 if len(doc_codes) else 1
    doc_freq = _doc_freq(cell, doc_codes[toks.seg_row[start]], n_cells=len(keys), n_docs=n_docs)
    g, t = keys // n_terms, keys % n_terms
    table = labels.iloc[g].reset_index(drop=True)
    table["term"] = _term_strings(toks, units, t, sep)
    table["count"] = counts.astype(np.int64)
    table["doc_freq"] = doc_freq.astype(np.int64)
    table["total"] = totals[g].astype(np.int64)
    table["_group"] = g
    table["_term"] = t  # the type id when n = 1
    return table, labels.assign(total=totals.astype(np.int64))


def _merge_count_tables(parts, *, by, labels=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sum count tables (``_count_table`` results) of corpus partitions into the count
    table of the whole, as if counted at once.

    Counts and totals add up; ``doc_freq`` adds up because a document lies in one
    partition only. Groups (``lang`` + ``by`` values) are matched by value and keep
    the order in which they first come in the partitions, or the order of ``labels``
    (the groups of the whole corpus, from :func:`_groups`) when given.

    Parameters
    ----------
    parts : list of (table, groups)
        What :func:`_count_table` returns for each partition, in corpus order.
    by : list of str
    labels : DataFrame, optional
        ``lang`` + ``by`` columns, one row per group, in the order of the whole corpus.

    Returns
    -------
    (table, groups)
        As :func:`_count_table` returns them.
    """
    keys = ["lang", *by]
    group_parts, table_parts = [], []
    for number, (table, groups) in enumerate(parts):
        group_parts.append(groups.assign(_part=number, _local=np.arange(len(groups))))
        table_parts.append(table.assign(_part=number))
    groups = pd.concat(group_parts, ignore_index=True)
    if labels is not None:  # the group order of the whole corpus
        order = labels[keys].reset_index(drop=True).assign(_order=np.arange(len(labels)))
        groups = groups.merge(order, on=keys, how="left", sort=False)
        groups = groups.sort_values(["_order", "_part", "_local"], kind="mergesort").drop(columns="_order")
    groups["_group"] = groups.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    merged = groups.drop_duplicates("_group").sort_values("_group")[keys].reset_index(drop=True)
    totals = groups.groupby("_group", sort=True)["total"].sum().to_numpy(dtype=np.int64)
    merged["total"] = totals
    code = groups.set_index(["_part", "_local"])["_group"]
    table = pd.concat(table_parts, ignore_index=True)
    table["_group"] = code.reindex(pd.MultiIndex.from_arrays([table["_part"], table["_group"]])).to_numpy()
    summed = table.groupby(["_group", "term"], sort=False)[["count", "doc_freq"]].sum().reset_index()
    g = summed["_group"].to_numpy(dtype=np.int64)
    out = merged[keys].iloc[g].reset_index(drop=True)
    out["term"] = summed["term"].to_numpy()
    out["count"] = summed["count"].to_numpy(dtype=np.int64)
    out["doc_freq"] = summed["doc_freq"].to_numpy(dtype=np.int64)
    out["total"] = totals[g]
    out["_group"] = g
    return out, merged


def _check_top(top, name="top"):
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise InputError(f"{name} must be a positive integer or None, not {top!r}")


# ----------------------------------------------------------------------------- frequencies
def frequencies(corpus, *, n: int = 1, by=None, lang=None, punct: bool = False, stopwords=None,
                min_count: int = 1, top: int | None = None, sep: str = " ", role=None) -> pd.DataFrame:
    r"""Frequency list of words or n-grams, per language (and per ``by`` group).

    Parameters
    ----------
    corpus : Corpus or Tokens
    n : int
        1 for words, 2–5 for n-grams (never across segments or, unless ``punct=True``,
        punctuation).
    by : str or list of str, optional
        Also split by these columns: a segment column (``doc_id``, ``role`` …) or a
        document metadata column (``year`` …). Every table is split by ``lang``.
    lang : str or list of str, optional
        Only these languages.
    punct : bool
        Count punctuation tokens (default: left out, and not in the totals).
    stopwords : None, False or mapping
        The stoplist: its words are left out of the list (still in the totals).
        ``None`` (default): the package's function words (or the corpus's stoplist, if
        it was read with ``stopwords=``); ``False``: none, every word is listed;
        ``{"fr": file or words, …}``: your lists for those languages.
    min_count : int
        Leave out terms counted fewer times in their group.
    top : int, optional
        Keep the first ``top`` rows of each group (by rank, then term).
    sep : str
        Joins the words of an n-gram.
    role : str or list of str, optional
        Segment roles counted (default: ``title`` and ``body``; the ``meta`` header
        lines only when named, e.g. ``role=("title", "body", "meta")``).

    Returns
    -------
    DataFrame
        ``lang``, the ``by`` columns, ``term, count, per_10k, per_million, doc_freq, rank,
        total``: ``per_10k = count / total × 10,000`` and ``per_million = count / total ×
        10⁶`` with ``total`` the tokens (or n-gram positions) of the group — see the
        module docstring for what the total includes. Sorted by language, group (corpus
        order), rank and term. ``attrs["stopwords"]`` says which stoplist left words out,
        per language (``"default"``, ``"none"`` or ``"user: …"``).

    Examples
    --------
    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> zh = frequencies(corpus, lang="zh", top=5)
    >>> zh["term"].tolist()[:3]
    ['脱贫攻坚', '工作', '年']
    >>> frequencies(corpus, lang="fr", n=2, top=2)["term"].tolist()
    ['assistance ciblée', 'divers échelons']
    >>> zh.attrs["stopwords"]
    {'zh': 'default'}
    >>> totals = frequencies(corpus, punct=True, stopwords=False).groupby("lang")["per_10k"].sum()
    >>> totals.round(6).tolist()
    [10000.0, 10000.0, 10000.0]
    """
    from .tokens import stoplist_option

    _check_top(top)
    stopwords = stoplist_option(stopwords)
    toks = _tokens_of(corpus)
    by = [c for c in _as_list(by) if c != "lang"]
    seg_mask = _lang_mask(toks.corpus, lang, role=role)
    table, _ = _count_table(toks, n=n, by=by, seg_mask=seg_mask, punct=punct, stopwords=stopwords, sep=sep)
    term_order = toks.vocab_order()[table["_term"].to_numpy()] if n == 1 else None
    out = _finish(table, by=by, min_count=min_count, top=top, term_order=term_order)
    out.attrs["stopwords"] = _stoplists(toks, stopwords, seg_mask)
    return out


def _stoplists(toks, stopwords, seg_mask) -> dict[str, str]:
    """The stoplist of each language of the selection, for ``attrs["stopwords"]``."""
    langs = pd.unique(toks.corpus.column("lang")[seg_mask])
    return toks.stoplist_labels(stopwords, langs=langs)


def _finish(table: pd.DataFrame, *, by, min_count, top, term_order=None) -> pd.DataFrame:
    """The frequency list from a count table (see :func:`_count_table`): relative
    frequencies, competition rank, sorted by language, group (``_group`` order), rank and
    term, the first ``top`` rows of each group.

    Shared by :func:`frequencies` and :func:`discourse.scale.frequencies_dask`, whose
    count tables are summed over partitions. Sorting is one ``numpy.lexsort`` on integer
    keys: the terms replaced by their places in code-point order, ``term_order`` (one
    per row) when the caller knows them, else worked out here.
    """
    if min_count > 1:
        keep = table["count"].to_numpy() >= min_count
        table = table[keep]
        term_order = None if term_order is None else term_order[keep]
    count = table["count"].to_numpy(dtype=np.int64)
    group = table["_group"].to_numpy(dtype=np.int64)
    # language first, then groups in _group order (the order they come in the corpus)
    codes, first = np.unique(group, return_index=True)
    group_langs = table["lang"].to_numpy()[first].astype(str)
    group_order = np.empty(int(codes.max()) + 1 if len(codes) else 0, dtype=np.int64)
    group_order[codes[np.lexsort((codes, group_langs))]] = np.arange(len(codes))
    group_key = group_order[group]
    if term_order is None:
        term_order = string_ranks(table["term"])
    order = np.lexsort((term_order, -count, group_key))
    group_key, count = group_key[order], count[order]
    # competition rank ("min"): 1 + rows of the group with a greater count
    position = np.arange(len(order))
    new_group = np.r_[True, group_key[1:] != group_key[:-1]] if len(order) else np.zeros(0, dtype=bool)
    new_count = new_group | np.r_[True, count[1:] != count[:-1]] if len(order) else new_group
    group_start = np.maximum.accumulate(np.where(new_group, position, 0)) if len(order) else position
    count_start = np.maximum.accumulate(np.where(new_count, position, 0)) if len(order) else position
    rank = count_start - group_start + 1
    if top is not None:
        keep = position - group_start < top
        order, rank = order[keep], rank[keep]
    out = table.iloc[order][["lang", *by, "term", "count"]].reset_index(drop=True)
    total = table["total"].to_numpy(dtype=np.int64)[order]
    out["per_10k"] = out["count"].to_numpy() / total * 1e4
    out["per_million"] = out["count"].to_numpy() / total * 1e6
    out["doc_freq"] = table["doc_freq"].to_numpy(dtype=np.int64)[order]
    out["rank"] = rank.astype(np.int64)
    out["total"] = total
    return out


# ----------------------------------------------------------------------------- TF-IDF
class DocumentTermMatrix(NamedTuple):
    """A sparse document-term count matrix of one language.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts, one row per document (or ``by`` group), one column per term.
    rows : pandas.DataFrame
        The row labels (the ``by`` columns), one row per matrix row.
    terms : pandas.Index
        The column labels (terms), sorted.
    """

    matrix: object
    rows: pd.DataFrame
    terms: pd.Index


def document_term_matrix(corpus, *, lang: str, by="doc_id", n: int = 1, punct: bool = False,
                         stopwords=None, sep: str = " ", role=None) -> DocumentTermMatrix:
    """Sparse document-term count matrix of one language, for scikit-learn.

    Built from the package's own tokens (no re-tokenizing), with the conventions of
    :func:`frequencies`. Pass ``matrix`` to any scikit-learn estimator that takes counts
    (``TfidfTransformer``, ``LatentDirichletAllocation`` …).

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str
        The language (one matrix never mixes languages).
    by : str or list of str
        What a row is: a document by default; any segment or metadata column.
    n, punct, stopwords, sep, role :
        As in :func:`frequencies`: the words of the stoplist (by default the package's
        function words) are not columns; ``stopwords=False`` keeps every word.

    Returns
    -------
    DocumentTermMatrix
        Its ``rows.attrs["stopwords"]`` says which stoplist left words out.

    Examples
    --------
    >>> import discourse
    >>> dtm = document_term_matrix(discourse.load_corpus(), lang="zh")
    >>> dtm.matrix.shape[0], list(dtm.rows.columns)
    (2, ['doc_id'])
    """
    from scipy import sparse

    from .tokens import stoplist_option

    stopwords = stoplist_option(stopwords)
    if not isinstance(lang, str):
        raise InputError("document_term_matrix needs one language: pass lang='zh' (or 'vi', 'fr' …)")
    by = [c for c in _as_list(by) if c != "lang"]
    if not by:
        raise InputError("by must name what a row is, e.g. by='doc_id'")
    toks = _tokens_of(corpus)
    seg_mask = _lang_mask(toks.corpus, lang, role=role)
    table, groups = _count_table(toks, n=n, by=by, seg_mask=seg_mask, punct=punct, stopwords=stopwords, sep=sep)
    labels = groups[by].reset_index(drop=True)
    labels.attrs["stopwords"] = _stoplists(toks, stopwords, seg_mask)
    terms = pd.Index(np.sort(pd.unique(table["term"])), name="term")
    cols = terms.get_indexer(table["term"])
    matrix = sparse.csr_matrix((table["count"].to_numpy(dtype=np.int64), (table["_group"].to_numpy(), cols)),
                               shape=(len(labels), len(terms)))
    return DocumentTermMatrix(matrix, labels, terms)


def tfidf(corpus, *, lang=None, by="doc_id", n: int = 1, punct: bool = False, stopwords=None,
          norm: str | None = "l2", use_idf: bool = True, smooth_idf: bool = True, sublinear_tf: bool = False,
          top: int | None = None, sep: str = " ", role=None) -> pd.DataFrame:
    r"""TF-IDF of every term in every document, per language, through scikit-learn.

    The counts come from :func:`document_term_matrix` (our tokens) and go through
    ``sklearn.feature_extraction.text.TfidfTransformer``, so the values are exactly those
    of ``TfidfVectorizer`` run on the same token lists. With the defaults (scikit-learn's)

    .. math::

        \mathrm{tfidf}(t, d) = \mathrm{tf}(t, d) \times \Bigl(\ln\frac{1 + N}{1 + \mathrm{df}(t)} + 1\Bigr),

    then each document's vector is scaled to unit Euclidean length (``norm="l2"``);
    ``N`` is the number of documents of the language and ``df(t)`` those containing t.
    With ``smooth_idf=False`` the idf is :math:`\ln(N / \mathrm{df}) + 1`;
    ``sublinear_tf=True`` uses :math:`1 + \ln \mathrm{tf}` (Manning, Raghavan & Schütze
    2008, *Introduction to Information Retrieval*, ch. 6; scikit-learn user guide
    §6.2.3.4).

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str or list of str, optional
        Languages (each has its own matrix and idf). Default: all.
    by : str or list of str
        What a document is (default ``doc_id``).
    n, punct, stopwords, sep, role :
        As in :func:`frequencies`: the words of the stoplist (by default the package's
        function words) are left out; ``stopwords=False`` keeps every word.
    norm, use_idf, smooth_idf, sublinear_tf :
        Passed to ``TfidfTransformer``.
    top : int, optional
        Keep the ``top`` terms of each document.

    Returns
    -------
    DataFrame
        ``lang``, the ``by`` columns, ``term, count, tf_idf, rank``: one row per term
        present in a document, sorted by language, document and ``tf_idf`` (descending);
        ``rank`` is the competition rank by ``tf_idf`` within the document.
        ``attrs["stopwords"]``: the stoplist of each language.

    Examples
    --------
    >>> import discourse
    >>> table = tfidf(discourse.load_corpus(), lang="zh", top=1)
    >>> table[["doc_id", "term"]].values.tolist()
    [['000_6faf780c4d1388a2', '工作'], ['003_90d6e10e09142168', '脱贫攻坚']]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    from .tokens import stoplist_option

    _check_top(top)
    stopwords = stoplist_option(stopwords)
    toks = _tokens_of(corpus)
    by = [c for c in _as_list(by) if c != "lang"]
    langs = sorted(pd.unique(toks.corpus._segments.loc[_lang_mask(toks.corpus, lang, role=role), "lang"]))
    stoplists = toks.stoplist_labels(stopwords, langs=langs)
    parts = []
    for code in langs:
        dtm = document_term_matrix(toks, lang=code, by=by, n=n, punct=punct, stopwords=stopwords, sep=sep,
                                   role=role)
        if dtm.matrix.shape[1] == 0:
            continue
        weights = TfidfTransformer(norm=norm, use_idf=use_idf, smooth_idf=smooth_idf,
                                   sublinear_tf=sublinear_tf).fit_transform(dtm.matrix).tocoo()
        counts = dtm.matrix.tocsr()
        frame = dtm.rows.iloc[weights.row].reset_index(drop=True)
        frame.insert(0, "lang", code)
        frame["term"] = dtm.terms.to_numpy()[weights.col]
        frame["count"] = np.asarray(counts[weights.row, weights.col]).ravel().astype(np.int64)
        frame["tf_idf"] = weights.data
        frame["_row"] = weights.row
        parts.append(frame)
    if not parts:
        empty = pd.DataFrame(columns=["lang", *by, "term", "count", "tf_idf", "rank"])
        empty.attrs["stopwords"] = stoplists
        return empty
    table = pd.concat(parts, ignore_index=True)
    table["rank"] = table.groupby(["lang", "_row"])["tf_idf"].rank(method="min", ascending=False).astype(np.int64)
    table = table.sort_values(["lang", "_row", "rank", "term"], kind="mergesort")
    if top is not None:
        table = table.groupby(["lang", "_row"], sort=False).head(top)
    out = table.drop(columns="_row").reset_index(drop=True)
    out.attrs["stopwords"] = stoplists
    return out


# ----------------------------------------------------------------------------- trend
def trend(corpus, terms, *, by="year", lang=None, chars: bool = False, regex: bool = False,
          punct: bool = False, role=None) -> pd.DataFrame:
    """Relative frequency of terms per year (or any metadata column): a trend table.

    Each term is found with :func:`discourse.find` — so it may be a word, a phrase, a
    wildcard pattern or (``regex=True``) a regular expression — and counted per group.
    For a Chinese morpheme, count the *words containing it* with a wildcard: ``"*攻坚*"``
    counts 攻坚, 脱贫攻坚, 攻坚战 … (as a token, 攻坚 alone misses them: jieba keeps
    脱贫攻坚 whole). ``chars=True`` searches the raw characters instead, also across
    word boundaries: ``脱贫`` is then also found in 摆脱贫困 (摆脱 + 贫困, "shake off
    poverty"), which is not the word 脱贫.

    Parameters
    ----------
    corpus : Corpus or Tokens
    terms : str or list of str
        Each is counted separately.
    by : str or list of str
        The groups (default ``year``, a document metadata column). Documents without a
        value form a group with an empty value (they are not dropped); the
        trend plot leaves that group out.
    lang : str or list of str, optional
        Only these languages.
    chars, regex :
        As in :func:`discourse.find`.
    punct : bool
        Count punctuation in the total (default: no, as in :func:`frequencies`).
    role : str or list of str, optional
        Segment roles counted, hits and totals alike (default: titles and body text, not
        the ``meta`` header lines; as in :func:`frequencies`).

    Returns
    -------
    DataFrame
        ``lang``, the ``by`` columns, ``term, count, total, per_10k``: one row per
        language, group and term (also when the count is 0), ``total`` being the tokens
        of the group and ``per_10k = count / total × 10,000``. Sorted by language, ``by``
        values and the order of ``terms``.

    Examples
    --------
    >>> import discourse
    >>> t = trend(discourse.load_corpus(), ["脱贫", "责任"], by="doc_id", lang="zh", chars=True)
    >>> t[["term", "count"]].values.tolist()
    [['脱贫', 7], ['责任', 7], ['脱贫', 9], ['责任', 7]]
    """
    from .query import find

    terms = _as_list(terms)
    if not terms:
        raise InputError("trend needs at least one term")
    toks = _tokens_of(corpus)
    by = [c for c in _as_list(by) if c != "lang"]
    seg_mask = _lang_mask(toks.corpus, lang, role=role)
    codes, labels = _groups(toks.corpus, by, seg_mask)
    units = _units(toks, n=1, punct=punct, stopwords=False, seg_mask=seg_mask)
    totals = np.bincount(codes[toks.seg_row[units.start]], minlength=len(labels))
    parts = []
    for term in terms:
        hits = find(toks, term, lang=lang, chars=chars, regex=regex)
        hit_groups = codes[hits["seg_row"].to_numpy()]
        hit_groups = hit_groups[hit_groups >= 0]
        part = labels.copy()
        part["term"] = term
        part["count"] = np.bincount(hit_groups, minlength=len(labels)).astype(np.int64)
        part["total"] = totals.astype(np.int64)
        part["_group"] = np.arange(len(labels))
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["per_10k"] = table["count"] / table["total"].where(table["total"] > 0) * 1e4
    table["_term"] = table["term"].map({t: i for i, t in enumerate(terms)})
    table = table.sort_values(["lang", *by, "_term"], kind="mergesort", na_position="last")
    return table[["lang", *by, "term", "count", "total", "per_10k"]].reset_index(drop=True)
