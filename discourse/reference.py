"""Reference frequency lists: read from a CSV file, and made comparable with a corpus's counts.

A published frequency list (a CSV file with the columns ``term`` and ``count``) can be the
reference of :func:`discourse.keywords`. :func:`read_frequency_list` reads one (the CLI's
``--reference-list``); :func:`frequency_list` puts its terms in the tokenizer's normalised
form and leaves out what the target's counts leave out (punctuation, stopwords).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from discourse.errors import InputError
from discourse.languages import get_tokenizer, is_punct
from discourse.stats.tables import counts_series

__all__ = ["read_frequency_list", "frequency_list", "stopword_set"]


def read_frequency_list(path) -> pd.DataFrame:
    """A frequency list read from a CSV file with a header line and the columns ``term`` and
    ``count`` (other columns are kept).

    Terms are read as text as written (``"NA"``, ``"null"`` or ``"2020"`` stay strings).

    Parameters
    ----------
    path : str or Path
        The CSV file.

    Returns
    -------
    pandas.DataFrame
        The file's columns; ``term`` as str. Pass it to :func:`discourse.keywords` as
        ``reference`` (with ``reference_total``, the size of its corpus).

    Raises
    ------
    discourse.errors.InputError
        Naming the file, when it cannot be read as CSV or has no ``term`` or ``count``
        column.

    Examples
    --------
    >>> from pathlib import Path
    >>> _ = Path("ref.csv").write_text("term,count\\nNA,3\\npauvreté,5\\n", encoding="utf-8")
    >>> read_frequency_list("ref.csv").values.tolist()
    [['NA', 3], ['pauvreté', 5]]
    """
    try:
        table = pd.read_csv(path, dtype={"term": str}, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as err:
        raise InputError(f"cannot be read as a CSV frequency list ({err})", path=path) from None
    if not {"term", "count"} <= set(table.columns):
        raise InputError("a frequency list needs the columns term,count (a header line)", path=path)
    return table


def stopword_set(toks, lang, stopwords) -> frozenset:
    """The stopwords of ``lang`` under a ``stopwords`` option (for a reference frequency
    list): none for ``False``, the given list for ``{lang: …}``, else the corpus's.

    >>> import discourse
    >>> toks = discourse.load_corpus().tokens()
    >>> stopword_set(toks, "fr", False)
    frozenset()
    >>> "de" in stopword_set(toks, "fr", None)
    True
    """
    if stopwords is False:
        return frozenset()
    if isinstance(stopwords, Mapping) and lang in stopwords:
        return get_tokenizer(lang, stopwords=stopwords[lang]).stopwords
    return toks.tokenizer(lang).stopwords


def frequency_list(reference, lang, *, n, punct, stopwords, sep, tokenizer=None) -> pd.Series:
    """A reference frequency list as a Series of counts by term, in the tokenizer's
    normalised form (counts of forms that normalise alike are summed), without the terms
    the target leaves out.

    Parameters
    ----------
    reference : pandas.Series or pandas.DataFrame
        Counts indexed by term, or a table with ``term`` and ``count`` columns.
    lang : str
        The language of the list.
    n : int
        The n-gram length of the target's counts (terms of ``n`` words joined by ``sep``).
    punct : bool
        Keep terms with punctuation.
    stopwords : set of str
        Stopwords (:func:`stopword_set`): a term that begins or ends with one is left out.
    sep : str
        What joins the words of an n-gram.
    tokenizer : optional
        The tokenizer whose ``normalize`` is applied (default: ``lang``'s).

    Examples
    --------
    >>> ref = pd.Series({"Pauvreté": 2, "pauvreté": 3, "la": 9, ",": 4})
    >>> frequency_list(ref, "fr", n=1, punct=False, stopwords={"la"}, sep=" ").to_dict()
    {'pauvreté': 5.0}
    """
    if isinstance(reference, pd.DataFrame):
        missing = {"term", "count"} - set(reference.columns)
        if missing:
            raise InputError("a reference frequency list needs the columns term and count; "
                             f"missing: {', '.join(sorted(missing))}")
        reference = pd.Series(reference["count"].to_numpy(), index=reference["term"].astype(str))
    counts = counts_series(reference, "reference")
    tokenizer = get_tokenizer(lang) if tokenizer is None else tokenizer
    norms = [sep.join(tokenizer.normalize(w) for w in str(t).split(sep)) for t in counts.index]
    counts = counts.groupby(pd.Index(norms), sort=False).sum()  # Word, word -> word
    words = [str(t).split(sep) if n > 1 else [str(t)] for t in counts.index]
    keep = np.ones(len(counts), dtype=bool)
    if not punct:
        keep &= [not any(is_punct(w) for w in ws) for ws in words]
    if stopwords:
        keep &= [not (ws[0] in stopwords or ws[-1] in stopwords) for ws in words]
    return counts[keep]
