"""The counting engine every statistic shares (frequencies, keywords, dispersions,
collocates, the Dask path): segments counted, groups, units (tokens or n-grams), count
tables, frequency lists. Counts are ``numpy.bincount`` on the tokens' integer type ids
(:meth:`discourse.Corpus.tokens`), **split by language** (a Chinese and a French word
are not the same unit).

Conventions (the same in every function that counts with this module):

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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from ._util import as_list, distinct_per_cell, string_ranks
from .corpus import COUNTED_ROLES, ROLES, Corpus
from .count_merge import merge_count_tables
from .errors import InputError
from .lemma_tokens import with_form
from .tokens import Tokens

__all__ = ["tokens_of", "lang_mask", "select", "parse_conditions", "groups", "Units", "units", "count_table",
           "merge_count_tables", "check_top", "finish"]

_BINCOUNT_LIMIT = 1 << 25  # above this many (group, term) cells, count with np.unique instead


# ----------------------------------------------------------------------------- selection
def tokens_of(corpus, *, form: str = "norm") -> Tokens:
    """The Tokens of a Corpus (computed once per corpus), or the Tokens given, counted by
    ``form``: ``"norm"`` or ``"lemma"`` (:func:`discourse.lemma_tokens.with_form`)."""
    if isinstance(corpus, (Tokens, Corpus)):
        return with_form(corpus if isinstance(corpus, Tokens) else corpus.tokens(), form)
    raise InputError(f"expected a discourse Corpus (or its tokens), not {type(corpus).__name__}; "
                     "read one with discourse.load_corpus(…)")


def lang_mask(corpus, lang, *, strict: bool = True, role=None) -> np.ndarray:
    """Boolean per segment: its language is one of ``lang`` (all when None) and its role
    one of ``role``: the one place that decides which segments are counted by default
    (``role=None``: :data:`discourse.corpus.COUNTED_ROLES`, not the ``meta`` lines). A
    language the corpus lacks is an error unless ``strict=False`` (a corpus partition).

    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> int(lang_mask(corpus, "vi").sum()), int(lang_mask(corpus, "vi", role="meta").sum())
    (3, 3)
    """
    langs = corpus.column("lang")
    role_of = corpus.column("role")
    roles = list(COUNTED_ROLES) if role is None else as_list(role)
    if not roles or any(r not in ROLES for r in roles):
        raise InputError(f"role must be one or more of {', '.join(ROLES)}, not {role!r}")
    in_roles = np.isin(role_of, roles)
    if lang is None:
        return in_roles
    wanted = as_list(lang)
    missing = [code for code in wanted if code not in set(langs[in_roles])]
    if missing and strict:
        absent = [code for code in missing if code not in set(langs)]
        if absent:
            raise InputError(f"the corpus has no text in language {', '.join(map(repr, absent))}; its languages "
                             f"are {', '.join(sorted(set(langs)))}")
        raise InputError(f"the corpus has text in language {', '.join(map(repr, missing))} only in segments of "
                         f"role {', '.join(sorted(set(role_of[np.isin(langs, missing)])))}, which "
                         f"are not counted here (role={tuple(roles)!r}); pass role=('title', 'body', 'meta') to "
                         "count them")
    return np.isin(langs, wanted) & in_roles


def parse_conditions(conditions) -> dict:
    """``"year=2015-2020"``, ``["doc_id=a,b", "kind=report"]`` or a mapping → {column: value}.

    >>> parse_conditions(["doc_id=a,b", "year=2015-2020"])
    {'doc_id': 'a,b', 'year': '2015-2020'}
    """
    if conditions is None:
        return {}
    if isinstance(conditions, Mapping):
        return {str(col): value for col, value in conditions.items()}
    out: dict = {}
    for item in as_list(conditions):
        if not isinstance(item, str) or "=" not in item:
            raise InputError(f"a selection is COLUMN=VALUE (e.g. doc_id=X, year=2020, year=2015-2020), not {item!r}")
        col, value = item.split("=", 1)
        col = col.strip()
        if not col:
            raise InputError(f"a selection is COLUMN=VALUE; {item!r} names no column")
        out[col] = value
    return out


def select(corpus, conditions, *, strict: bool = True) -> np.ndarray:
    """Boolean per segment: it (or its document) meets every condition, ``"COLUMN=VALUE"``
    strings or a mapping (:func:`parse_conditions`) matched by :meth:`discourse.Corpus.mask`
    (lists ``a,b``, ranges ``2015-2020``, numbers stored as text compared as numbers). A
    condition no segment meets is an error unless ``strict=False`` (a corpus partition).

    >>> import discourse
    >>> corpus = discourse.read_table(pd.DataFrame({"text": ["甲。", "乙。", "丙。"],
    ...                                             "year": ["2014", "2016", "n.d."]}), lang="zh")
    >>> select(corpus, "year=2015-2020").tolist(), select(corpus, "year=n.d.").tolist()
    ([False, True, False], [False, False, True])
    """
    return corpus.mask(strict=strict, **parse_conditions(conditions))


def groups(corpus, by, seg_mask) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code per segment (``-1`` outside ``seg_mask``) and the group labels
    (``lang`` + ``by`` columns, one row per code). Groups follow corpus order; a missing
    ``by`` value is a group of its own.

    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> codes, labels = groups(corpus, "doc_id", lang_mask(corpus, "zh"))
    >>> codes.tolist()[6:], labels["lang"].tolist()
    ([0, 0, 0, -1, -1, 1, 1, 1], ['zh', 'zh'])
    """
    by = [c for c in as_list(by) if c != "lang"]
    codes = np.full(len(corpus), -1, dtype=np.int64)
    if not by and seg_mask.any():  # the language alone: one factorize, no frame of keys
        codes[seg_mask], langs = pd.factorize(corpus.column("lang")[seg_mask], use_na_sentinel=False)
        return codes, pd.DataFrame({"lang": np.asarray(langs, dtype=object)})
    keys = corpus.segment_frame(["lang"] + by)
    sub = keys[seg_mask]
    if not len(sub):
        return codes, keys.iloc[:0].reset_index(drop=True)
    codes[seg_mask] = sub.groupby(list(sub.columns), sort=False, dropna=False).ngroup().to_numpy()
    labels = sub.assign(_g=codes[seg_mask]).drop_duplicates("_g").sort_values("_g").drop(columns="_g")
    return codes, labels.reset_index(drop=True)


# ----------------------------------------------------------------------------- counting
class Units(NamedTuple):
    """Countable positions: tokens (n = 1) or n-gram starts (made by :func:`units`)."""

    start: np.ndarray  # token index of each unit's first token
    term_id: np.ndarray  # id of the unit's term (type id for n = 1, compact n-gram id else)
    counted: np.ndarray | None  # bool: listed (False: a stopword; in the total all the same), None: all
    types: np.ndarray  # (n_terms, n) type ids of each term id


def units(toks, *, n: int, punct: bool, stopwords, seg_mask) -> Units:
    """The countable units of the segments in ``seg_mask``: tokens (``n == 1``) or the
    starts of n-grams that cross no segment boundary (nor punctuation unless ``punct``),
    each with its term id, and whether the stoplist leaves it out (see the module
    docstring).

    >>> import discourse
    >>> toks = tokens_of(discourse.load_corpus())
    >>> len(units(toks, n=1, punct=True, stopwords=False, seg_mask=np.ones(14, bool)).start) == len(toks)
    True
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 5:
        raise InputError(f"n (the n-gram length) must be 1, 2, 3, 4 or 5, not {n!r}")
    total = len(toks)
    if n == 1:  # every token is a unit: no segment or punctuation boundary to check
        ok = _counted_tokens(toks, punct=punct, seg_mask=seg_mask)
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
        counted = ~is_stop[start] if n == 1 else ~(is_stop[start] | is_stop[start + n - 1])
    if n == 1:
        term_id = toks.type_id[start].astype(np.int64)
        return Units(start, term_id, counted, np.arange(len(toks.vocab), dtype=np.int64)[:, None])
    vocab_size = max(len(toks.vocab), 1)
    term_id = toks.type_id[start].astype(np.int64)
    for k in range(1, n):  # pairwise: (id so far, next type) -> compact id; never overflows
        _, term_id = np.unique(term_id * vocab_size + toks.type_id[start + k], return_inverse=True)
        term_id = term_id.astype(np.int64).ravel()
    n_terms = int(term_id.max()) + 1 if len(term_id) else 0
    first = np.full(n_terms, -1, dtype=np.int64)
    first[term_id[::-1]] = start[::-1]  # first occurrence of each term
    types = toks.type_id[first[:, None] + np.arange(n)].astype(np.int64) if n_terms else np.zeros((0, n), np.int64)
    return Units(start, term_id, counted, types)


def _counted_tokens(toks, *, punct: bool, seg_mask) -> np.ndarray:
    """Boolean per token: in a segment of ``seg_mask``, and not punctuation unless ``punct``."""
    every = bool(seg_mask.all())  # every segment counted: no look-up per token
    ok = np.ones(len(toks), dtype=bool) if every else seg_mask[toks.seg_row] if len(toks) else np.zeros(0, bool)
    if not punct:
        ok = ~toks.is_punct[toks.type_id] if every else ok & ~toks.is_punct[toks.type_id]
    return ok


def _count(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys (sorted) and how often each occurs: bincount when the key space is
    small enough, else a sort."""
    if size <= _BINCOUNT_LIMIT:
        counts = np.bincount(keys, minlength=size)
        nz = np.flatnonzero(counts)
        return nz, counts[nz]
    return np.unique(keys, return_counts=True)


def _term_strings(toks, units: Units, term_ids: np.ndarray, sep: str) -> np.ndarray:
    vocab = np.asarray(toks.vocab, dtype=object)
    if units.types.shape[1] == 1:
        return vocab[term_ids]
    parts = vocab[units.types[term_ids]]
    joined = parts[:, 0].copy()
    for k in range(1, parts.shape[1]):  # element-wise str + str, column by column
        joined = joined + sep + parts[:, k]
    return joined


def _one_id_per_string(toks, units: Units, sep: str) -> Units:
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


def count_table(toks, *, n=1, by=None, seg_mask=None, punct=False, stopwords=None,
                sep=" ") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The long count table behind every frequency list, and its groups.

    The table has one row per (group, term) with ``lang``, the ``by`` columns, ``term,
    count, doc_freq, total, _group`` and ``_term`` (the type id when ``n == 1``); the
    groups one row per ``_group`` code with ``lang``, the ``by`` columns and ``total``
    (also for a group with no listed term). Options as in :func:`discourse.frequencies`;
    ``seg_mask`` (default: every segment) chooses the segments counted.

    >>> import discourse
    >>> toks = tokens_of(discourse.load_corpus())
    >>> table, groups = count_table(toks, n=2, seg_mask=lang_mask(toks.corpus, "zh"))
    >>> groups[["lang", "total"]].values.tolist()
    [['zh', 281]]
    """
    corpus = toks.corpus
    seg_mask = np.ones(len(corpus), dtype=bool) if seg_mask is None else seg_mask
    codes, labels = groups(corpus, by, seg_mask)
    n_groups = len(labels)
    if n_groups == 1 and isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n == 1:
        # one group of words: the listed tokens straight from the masks, no array per unit
        ok = _counted_tokens(toks, punct=punct, seg_mask=seg_mask)
        is_stop = toks.stop_mask(stopwords)
        start = np.flatnonzero(ok if is_stop is None else ok & ~is_stop)
        unit = Units(start, toks.type_id[start], None, np.arange(len(toks.vocab), dtype=np.int64)[:, None])
        group, totals = None, np.array([np.count_nonzero(ok)], dtype=np.int64)
    else:
        unit = units(toks, n=n, punct=punct, stopwords=stopwords, seg_mask=seg_mask)
        if n > 1:
            unit = _one_id_per_string(toks, unit, sep)
        if n_groups == 1:  # one language, no `by`: no look-up per unit
            group = None
            totals = np.array([len(unit.start)], dtype=np.int64)
        else:
            group = codes[toks.seg_row[unit.start]]
            totals = np.bincount(group, minlength=n_groups) if n_groups else np.zeros(0, dtype=np.int64)
    term_id, start = unit.term_id, unit.start
    if unit.counted is not None:
        listed = np.flatnonzero(unit.counted)  # one pass over the mask, then takes
        term_id, start = term_id[listed], start[listed]
        group = None if group is None else group[listed]
    n_terms = max(len(unit.types), 1)
    unit_key = term_id if group is None else group * n_terms + term_id
    keys, counts = _count(unit_key, n_groups * n_terms)
    doc_codes = toks.doc_codes()
    n_docs, unit_docs = int(doc_codes.max()) + 1 if len(doc_codes) else 1, doc_codes[toks.seg_row[start]]
    if group is None:  # the term ids are the cells: no look-up per unit
        docs = distinct_per_cell(unit_key, unit_docs, n_cells=n_terms, n_docs=n_docs)[keys]
    elif n_groups * n_terms <= _BINCOUNT_LIMIT:  # index of each unit's (group, term) in keys
        lookup = np.zeros(n_groups * n_terms, dtype=np.int64)
        lookup[keys] = np.arange(len(keys))
        docs = distinct_per_cell(lookup[unit_key], unit_docs, n_cells=len(keys), n_docs=n_docs)
    else:
        docs = distinct_per_cell(np.searchsorted(keys, unit_key), unit_docs, n_cells=len(keys), n_docs=n_docs)
    g, t = keys // n_terms, keys % n_terms
    table = labels.iloc[g].reset_index(drop=True)
    table["term"] = _term_strings(toks, unit, t, sep)
    table["count"] = counts.astype(np.int64)
    table["doc_freq"] = docs.astype(np.int64)
    table["total"] = totals[g].astype(np.int64)
    table["_group"] = g
    table["_term"] = t  # the type id when n = 1
    return table, labels.assign(total=totals.astype(np.int64))


def check_top(top, name="top") -> None:
    """Check a ``top`` option: a positive integer or None."""
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise InputError(f"{name} must be a positive integer or None, not {top!r}")


def finish(table: pd.DataFrame, *, by, min_count, top, term_order=None) -> pd.DataFrame:
    """The frequency list from a count table (:func:`count_table`): relative
    frequencies, competition rank, sorted by language, group (``_group`` order), rank and
    term, the first ``top`` rows of each group.

    Shared by :func:`discourse.frequencies` and :func:`discourse.scale.frequencies_dask`, whose
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

