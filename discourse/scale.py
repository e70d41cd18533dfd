"""Frequency lists and keywords beyond one machine: the same counts on Dask.

The corpus is split **by document** into partitions; each partition is tokenized by
the usual tokenizers in a Dask worker (with the on-disk token cache of that machine)
and counted into a small table — one row per (group, term) with ``count`` and
``doc_freq`` — and the tables are summed. A document lies in one partition only, so
counts, totals and document frequencies add up exactly, and the final table is built
by the same code as :func:`discourse.frequencies` and :func:`discourse.keywords`:
**the tables are identical** to the in-memory ones.

Install the optional extra (``pip install "discourse[dask]"``). Without a ``client``
the work goes to the active Dask client if there is one (``Client(...)`` makes itself
the default), else to Dask's local scheduler. To use a cluster, connect first::

    from distributed import Client
    client = Client("tcp://scheduler:8786")   # the address of your dask-scheduler
    freq = discourse.scale.frequencies_dask(paths, client=client, read_options={"text_col": "content"})

Give **paths** (files every worker can read, e.g. on a shared file system) rather than
a Corpus: each worker then reads its own files, and only the count tables travel.
Every worker needs ``discourse`` installed (same version, so the tokens are the same).

Examples
--------
>>> import discourse
>>> from discourse.scale import frequencies_dask
>>> corpus = discourse.load_corpus()
>>> table = frequencies_dask(corpus, lang="vi", top=3, scheduler="sync")  # doctest: +SKIP
>>> table.equals(discourse.frequencies(corpus, lang="vi", top=3))  # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ._util import as_list
from .corpus import Corpus
from .counting import check_top, count_table, finish, groups, lang_mask, merge_count_tables, select
from .errors import InputError
from .io import load_corpus
from .keyness import keyness, one_language
from .languages import get_tokenizer
from .token_options import stoplist_option, tokenizers_for

__all__ = ["frequencies_dask", "keywords_dask"]


# ----------------------------------------------------------------------------- partitions
def _partitions(source, partitions, read_options) -> tuple[list, object]:
    """(Dask-ready partitions, the whole Corpus or None): sub-corpora of whole documents
    for a Corpus, or groups of paths (read in the workers)."""
    if isinstance(source, Corpus):
        doc_ids = source.doc_ids
        n = min(len(doc_ids), 32) if partitions is None else partitions
        chunks = [list(chunk) for chunk in np.array_split(np.array(doc_ids, dtype=object), max(n, 1))
                  if len(chunk)]
        parts = [source.select(source.mask(doc_id=chunk), tokens=False) for chunk in chunks]  # tokenized in the worker
        return parts, source
    paths = [source] if isinstance(source, (str, Path)) else list(source)
    if not paths or not all(isinstance(p, (str, Path)) for p in paths):
        raise InputError("frequencies_dask reads a discourse Corpus or a list of file paths "
                         f"(not {type(source).__name__})")
    n = len(paths) if partitions is None else max(1, min(partitions, len(paths)))
    return [[str(p) for p in chunk] for chunk in np.array_split(np.array(paths, dtype=object), n) if len(chunk)], None


def _open(part, read_options):
    """The Corpus of a partition (read here, in the worker, when it is a list of paths)."""
    if isinstance(part, list):
        return load_corpus(part, **dict(read_options or {}))
    return part


def _compute(tasks, client, scheduler):
    import dask  # deferred: optional and heavy, only for the Dask path

    if client is not None:
        return client.gather(client.compute(tasks))
    return dask.compute(*tasks, scheduler=scheduler)


def _count_partition(part, read_options, *, lang, by, target=None, invert=False, **options):
    """Count table and groups of one partition (runs in a worker), and its documents as
    ``(doc_id, lang)`` pairs (to find a document met in two partitions)."""
    corpus = _open(part, read_options)
    toks = corpus.tokens(n_jobs=1)  # one process per worker: Dask gives the parallelism
    mask = lang_mask(corpus, lang, strict=False)
    if target is not None:
        chosen = select(corpus, target, strict=False)
        mask &= ~chosen if invert else chosen
    table, groups_ = count_table(toks, by=by, seg_mask=mask, **options)
    return table, groups_, list(dict.fromkeys(zip(corpus.column("doc_id"), corpus.column("lang"))))


def _check_documents_once(results, parts) -> None:
    """Refuse, as :func:`discourse.load_corpus` does, a document (id and language) that
    two partitions hold: its counts and document frequency would be summed twice."""
    where: dict = {}
    for number, (_, _, pairs) in enumerate(results):
        for pair in pairs:
            where.setdefault(pair, []).append(number)
    dup = sorted({doc for (doc, _), numbers in where.items() if len(numbers) > 1})
    if dup:
        files = sorted({f for (doc, _), numbers in where.items() if doc in dup and len(numbers) > 1
                        for n in numbers for f in (parts[n] if isinstance(parts[n], list) else [])})
        inputs = f" ({', '.join(files)})" if files else ""
        raise InputError(f"document id(s) {', '.join(dup)} occur in more than one input{inputs}; rename the files")


def _merged_counts(source, *, client, scheduler, partitions, read_options, lang, by, target=None,
                   invert=False, **options):
    """The count table of the whole source, summed over its partitions."""
    import dask  # deferred: optional and heavy, only for the Dask path

    parts, whole = _partitions(source, partitions, read_options)
    count = dask.delayed(_count_partition, pure=True)
    tasks = [count(part, read_options, lang=lang, by=by, target=target, invert=invert, **options)
             for part in parts]
    labels = None
    if whole is not None:  # the groups in the order of the whole corpus (no tokens needed)
        mask = lang_mask(whole, lang)
        if target is not None:
            chosen = select(whole, target)
            mask &= ~chosen if invert else chosen
        labels = groups(whole, [c for c in as_list(by) if c != "lang"], mask)[1]
    results = list(_compute(tasks, client, scheduler))
    _check_documents_once(results, parts)
    return merge_count_tables([(table, groups_) for table, groups_, _ in results], by=by, labels=labels)


# ----------------------------------------------------------------------------- public
def frequencies_dask(source, *, client=None, scheduler=None, partitions: int | None = None,
                     read_options: Mapping | None = None, n: int = 1, by=None, lang=None,
                     punct: bool = False, stopwords=None, min_count: int = 1,
                     top: int | None = None, sep: str = " ") -> pd.DataFrame:
    """:func:`discourse.frequencies` computed on Dask, partitioned by document.

    Parameters
    ----------
    source : Corpus, path or list of paths
        A Corpus (split into sub-corpora of whole documents, shipped to the workers) or
        files (each worker reads its share with :func:`discourse.load_corpus` and
        ``read_options``; a document must not be split across files: one met in two
        partitions is refused, as :func:`discourse.load_corpus` refuses it).
    client : distributed.Client, optional
        Where to run (``Client("tcp://scheduler:8786")`` for a cluster). Default: the
        active client, else ``scheduler``.
    scheduler : str, optional
        Dask scheduler when there is no client: ``"processes"``, ``"threads"``,
        ``"sync"``.
    partitions : int, optional
        How many parts (default: one per path, or up to 32 groups of documents).
    read_options : mapping, optional
        Passed to :func:`discourse.load_corpus` for paths (``text_col``, ``lang`` …).
    n, by, lang, punct, stopwords, min_count, top, sep :
        As in :func:`discourse.frequencies` (the words of the stoplist, by default the
        package's function words, are left out of the table; ``stopwords=False``: none).

    Returns
    -------
    DataFrame
        The table of :func:`discourse.frequencies` for the same corpus and options
        (identical values, dtypes and order, and ``attrs["stopwords"]``). From paths,
        groups come in the order of ``load_corpus(paths)``.

    Examples
    --------
    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> table = frequencies_dask(corpus, lang="zh", top=2, scheduler="sync")
    >>> table.equals(discourse.frequencies(corpus, lang="zh", top=2))
    True
    """
    check_top(top)
    stopwords = stoplist_option(stopwords)
    by = [c for c in as_list(by) if c != "lang"]
    table, groups = _merged_counts(source, client=client, scheduler=scheduler, partitions=partitions,
                                   read_options=read_options, lang=lang, by=by, n=n, punct=punct,
                                   stopwords=stopwords, sep=sep)
    out = finish(table, by=by, min_count=min_count, top=top)
    out.attrs["stopwords"] = _stoplists(source, read_options, pd.unique(groups["lang"]), stopwords)
    return out


def _stoplists(source, read_options, langs, stopwords) -> dict[str, str]:
    """``attrs["stopwords"]`` of a table of the source, without tokenizing it here."""
    options = source.token_options if isinstance(source, Corpus) else dict(read_options or {})
    langs = sorted(langs)
    if stopwords is False:
        return {lang: "none" for lang in langs}
    labels = {lang: t.stoplist for lang, t in tokenizers_for(langs, user_dict=options.get("user_dict"),
                                                             stopwords=options.get("stopwords")).items()}
    for lang, value in (stopwords or {}).items():
        if lang in labels:
            labels[lang] = get_tokenizer(lang, stopwords=value).stoplist
    return labels


def keywords_dask(source, reference=None, *, target=None, client=None, scheduler=None,
                  partitions: int | None = None, read_options: Mapping | None = None, lang=None,
                  n: int = 1, punct: bool = False, stopwords=None, measure: str = "g2",
                  bonferroni: bool = False, min_count=1, ci_level: float = 0.95,
                  sep: str = " ") -> pd.DataFrame:
    """:func:`discourse.keywords` computed on Dask, partitioned by document.

    The target and reference counts are summed over partitions (see
    :func:`frequencies_dask`) and passed to :func:`discourse.keyness`: the same
    statistics, formulae and order as :func:`discourse.keywords`.

    Parameters
    ----------
    source : Corpus, path or list of paths
        Where the target comes from (as in :func:`frequencies_dask`).
    reference : optional
        ``None`` (the rest of ``source`` in the target's language), a selection within
        ``source`` (``"doc_id=…"``, a list or a mapping, as ``target``), or another
        Corpus, path or list of paths. (A frequency list is small: use
        :func:`discourse.keywords` with ``frequencies_dask`` counts.)
    target : str, list of str or mapping, optional
        Selects the target within ``source`` (default: all of it).
    client, scheduler, partitions, read_options :
        As in :func:`frequencies_dask`.
    lang, n, punct, stopwords, measure, bonferroni, min_count, ci_level, sep :
        As in :func:`discourse.keywords` (the words of the stoplist, by default the
        package's function words, are left out of the table). A reference read from
        other paths is counted with its own stoplist: read it with the same one.

    Returns
    -------
    DataFrame
        ``lang`` and the columns of :data:`discourse.keyness.KEYNESS_COLUMNS`.

    Examples
    --------
    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> table = keywords_dask(corpus, target="doc_id=003_90d6e10e09142168", lang="zh", scheduler="sync")
    >>> table.equals(discourse.keywords(corpus, target="doc_id=003_90d6e10e09142168", lang="zh"))
    True
    """
    stopwords = stoplist_option(stopwords)
    options = dict(client=client, scheduler=scheduler, partitions=partitions, read_options=read_options,
                   by=[], n=n, punct=punct, stopwords=stopwords, sep=sep)
    target_table, target_groups = _merged_counts(source, lang=lang, target=target, **options)
    code = one_language(target_groups["lang"])
    if reference is None:
        if target is None:
            raise InputError("the target is the whole corpus, so there is no rest to compare "
                             "with: select a target (target='doc_id=…') or give a reference")
        ref_table, ref_groups = _merged_counts(source, lang=code, target=target, invert=True, **options)
    elif isinstance(reference, (str, list, tuple, Mapping)) and not _looks_like_paths(reference):
        ref_table, ref_groups = _merged_counts(source, lang=code, target=reference, **options)
    else:
        ref_table, ref_groups = _merged_counts(reference, lang=None, **options)
        keep = ref_table["lang"].to_numpy() == code
        ref_table, ref_groups = ref_table[keep], ref_groups[ref_groups["lang"] == code]
    if not len(ref_groups):
        raise InputError(f"the reference has no {code} text")

    def counts(table):
        return pd.Series(table["count"].to_numpy(), index=pd.Index(table["term"]))

    table = keyness(counts(target_table), counts(ref_table),
                    target_total=int(target_groups["total"].sum()),
                    reference_total=int(ref_groups["total"].sum()), measure=measure,
                    bonferroni=bonferroni, min_count=min_count, ci_level=ci_level)
    table.insert(0, "lang", code)
    table.attrs["stopwords"] = _stoplists(source, read_options, [code], stopwords)
    return table


def _looks_like_paths(reference) -> bool:
    """A string or list naming existing files (a reference corpus), not a selection."""
    items = [reference] if isinstance(reference, (str, Path)) else list(reference) \
        if isinstance(reference, (list, tuple)) else []
    return bool(items) and all(isinstance(x, (str, Path)) and "=" not in str(x) and Path(x).exists()
                               for x in items)
