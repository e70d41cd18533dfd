"""Keyness: which words are more (or less) frequent in a target than in a reference.

:func:`keywords` counts a target and a reference in a corpus (or takes a frequency list as
the reference) and :func:`keyness` builds the table. The formulas, each with its formula,
reference and a worked example, are in :mod:`discourse.stats`: G² and χ² in
:mod:`discourse.stats.association`, Log Ratio, %DIFF and Simple Maths in
:mod:`discourse.stats.effect_size`; their notation (``a, b`` the word's frequency in target
and reference, ``c, d`` the corpus sizes) is the UCREL log-likelihood calculator's
(Rayson & Garside 2000). They stay importable from here (``discourse.keyness.g2``).

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61–74.

Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for Corpus
Approaches to Social Science (CASS), Lancaster University.

Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling.
*Proceedings of the Workshop on Comparing Corpora*, ACL 2000, 1–6.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from discourse._util import string_ranks
from discourse.errors import InputError
from discourse.counting import count_table, lang_mask, select, tokens_of
from discourse.lemma_tokens import lemma_counts
from discourse.keyness_groups import group_column, group_keyness
from discourse.reference import frequency_list, stopword_set
from discourse.keyness_table import KEYNESS_COLUMNS, check_measure, keyness_columns, rank_keys, sort_order
from discourse.stats.association import chi2, g2, p_value
from discourse.stats.effect_size import log_ratio, log_ratio_ci, pct_diff, simple_maths
from discourse.stats.tables import corpus_total, counts_series
from discourse.token_options import stoplist_option

__all__ = [
    "g2",
    "chi2",
    "log_ratio",
    "log_ratio_ci",
    "pct_diff",
    "simple_maths",
    "p_value",
    "keyness",
    "keywords",
    "one_language",
    "KEYNESS_COLUMNS",
]

def keyness(target, reference, *, target_total=None, reference_total=None,
            measure="g2", bonferroni=False, min_count=1, ci_level=0.95):
    """Keyness table of a target frequency list against a reference list.

    Parameters
    ----------
    target, reference : pandas.Series or dict
        Counts indexed by term. Terms missing from one list count as 0 there.
        The reference may be a published frequency list (give its corpus size
        as ``reference_total``).
    target_total, reference_total : float, optional, keyword-only
        Corpus sizes in tokens. Default: the sum of the counts, which is only
        right when the list covers every token of its corpus.
    measure : str, keyword-only
        Column used for ranking: one of ``"g2"`` (default), ``"g2_2cell"``,
        ``"chi2"``, ``"chi2_yates"``, ``"log_ratio"``, ``"pct_diff"``,
        ``"simple_maths"``.
    bonferroni : bool, keyword-only
        Multiply ``p_value`` by the number of rows in the table (the terms
        tested after ``min_count`` filtering), capped at 1.
    min_count : float, keyword-only
        Keep terms whose combined count ``target_count + reference_count`` is
        at least this.
    ci_level : float, keyword-only
        Confidence level of the Log Ratio interval.

    Returns
    -------
    pandas.DataFrame
        One row per term with the columns of :data:`KEYNESS_COLUMNS`:

        - ``g2``: 4-cell log-likelihood (:func:`g2`, Dunning/AntConc form);
          ``g2_2cell``: UCREL-calculator form.
        - ``chi2``, ``chi2_yates``: :func:`chi2` without / with Yates.
        - ``log_ratio`` with ``log_ratio_ci_low``/``_high`` (:func:`log_ratio`,
          :func:`log_ratio_ci`), ``pct_diff``, ``simple_maths`` (n = 1,
          per million).
        - ``p_value``: from ``g2`` with 1 df (:func:`p_value`),
          Bonferroni-adjusted if requested.
        - ``direction``: ``"positive"`` when the relative frequency is higher
          in the target, ``"negative"`` when lower, ``"none"`` when equal.

        Order: positive keywords first, then ``"none"``, then negative
        keywords. Within each group rows are ranked by the strength of
        ``measure``: test statistics descending; effect sizes descending for
        positive keywords and ascending (most negative first) for negative
        ones. Ties are broken by term. The index is a fresh RangeIndex.

    Examples
    --------
    >>> import pandas as pd
    >>> target = pd.Series({"war": 52, "peace": 5, "the": 3000})
    >>> reference = pd.Series({"war": 57, "peace": 40, "the": 4500})
    >>> table = keyness(target, reference, target_total=50_000,
    ...                 reference_total=75_000)
    >>> print(table[["term", "g2", "log_ratio", "direction"]].round(3).to_string(index=False))
     term     g2  log_ratio direction
      war  2.654      0.453  positive
      the  0.000      0.000      none
    peace 18.640     -2.415  negative
    """
    check_measure(measure)
    target = counts_series(target, "target")
    reference = counts_series(reference, "reference")
    c = corpus_total(target_total, target, "target_total")
    d = corpus_total(reference_total, reference, "reference_total")

    terms = target.index.union(reference.index, sort=False)
    a = target.reindex(terms, fill_value=0.0).to_numpy(dtype=float)
    b = reference.reindex(terms, fill_value=0.0).to_numpy(dtype=float)
    keep = (a + b) >= min_count
    terms, a, b = terms[keep], a[keep], b[keep]

    columns, direction = keyness_columns(a, b, c, d, ci_level=ci_level,
                                         n_comparisons=max(len(terms), 1) if bonferroni else 1)
    strength, direction_key = rank_keys(columns, direction, measure)
    order = sort_order(direction_key, strength, string_ranks(terms.astype(str)), n_last=len(terms))
    return pd.DataFrame({"term": terms[order], **{k: v[order] for k, v in columns.items()}},
                        columns=list(KEYNESS_COLUMNS))


# ---------------------------------------------------------------------------
# Keyness of corpora
# ---------------------------------------------------------------------------

def one_language(langs) -> str:
    """The one language of a keyness target, or an error saying what to do.

    >>> one_language(["zh"])
    'zh'
    """
    langs = sorted(langs)
    if not langs:
        raise InputError("the target selection has no text in that language")
    if len(langs) > 1:
        raise InputError(f"the target has text in {', '.join(langs)}; keyness compares one "
                         "language: pass lang= (--lang)")
    return langs[0]


def keywords(corpus, reference=None, *, target=None, lang=None, n=1, punct=False,
             stopwords=None, reference_total=None, measure="g2", bonferroni=False,
             min_count=1, ci_level=0.95, sep=" ", role=None, max_p=None, top=None, by=None,
             reference_group=None, form="norm"):
    """Keyness of a (part of a) corpus against a reference: corpus, part or frequency list;
    or of every group of a column (``by``) against the rest, in one call.

    Counts words (or n-grams) of one language with :func:`discourse.frequencies`'
    conventions and passes them to :func:`keyness`: the default statistic is the
    **4-cell G²** (Dunning 1993; AntConc, WordSmith), with the 2-cell UCREL form, χ²
    with and without Yates, Log Ratio with its confidence interval, %DIFF and Simple
    Maths in the other columns.

    Parameters
    ----------
    corpus : Corpus or Tokens
        Where the target comes from.
    reference : optional
        What the target is compared with:

        - ``None`` (default): the rest of ``corpus`` in the target's language (every
          segment not selected by ``target``);
        - a selection within ``corpus`` (a ``"column=value"`` string, a list of them or
          a mapping, as for ``target``);
        - another Corpus (or its Tokens): its text in the target's language;
        - a frequency list: a pandas Series of counts indexed by term, or a DataFrame
          with ``term`` and ``count`` columns; give the size of its corpus as
          ``reference_total`` (default: the sum of the counts).
    target : str, list of str or mapping, optional
        Selects the target within ``corpus``: ``"doc_id=X"``, ``"year=2015-2020"``,
        ``{"year": 2020}`` … on any segment or document metadata column (numeric columns
        compare as numbers, and so do numbers stored as text, ``"2016"``; ``lo-hi`` is an
        inclusive range; commas separate values). Default: all of ``corpus``.
    lang : str, optional
        The language compared; required when the target has text in several
        languages (comparing a French text with its Chinese version is meaningless).
    n, punct, stopwords, sep :
        As in :func:`discourse.frequencies`: the words of the stoplist (by default the
        package's function words; ``stopwords=False``: none; ``{"fr": file or words}``:
        yours) are left out of the table. The corpus sizes (``target_total``,
        ``reference_total``) are token counts without punctuation, with stopwords (so
        leaving stopwords out of the table does not change any statistic). The words
        of the stoplist (and, without ``punct``, punctuation) are also left out of a
        frequency list given as reference.
    reference_total : float, optional
        Size in tokens of the corpus of a frequency list.
    measure, bonferroni, min_count, ci_level :
        As in :func:`keyness`.
    role : str or list of str, optional
        Segment roles counted in the target and in a reference corpus or selection
        (default: titles and body text, not the ``meta`` header lines; as in
        :func:`discourse.frequencies`).
    max_p : float, optional
        Keep only the rows with ``p_value <= max_p`` (0 < max_p ≤ 1), the
        Bonferroni-corrected p-value with ``bonferroni=True``. ``0.05`` is AntConc's
        default threshold (G² ≥ 3.84 with 1 df). Default: every row. The statistics
        do not change (the corpus sizes are the same); the filter only chooses rows.
    top : int, optional
        Keep the ``top`` strongest positive and the ``top`` strongest negative keywords
        (by ``measure``, after ``max_p``), and leave out the rows of ``direction``
        ``"none"``, which are keywords of neither side. Default: every row.
    by : str, optional
        Keyness for several groups at once: every value of this segment or metadata
        column (``"year"``, ``"doc_id"`` …) is a target, compared with the rest of the
        text (the other groups: the complement) or with ``reference_group``. The text is
        ``target`` (default: the whole corpus) in language ``lang``; the corpus is counted
        once, and each group's rows are those of ``keywords(corpus, target={by: value},
        reference=…)`` (``max_p`` and ``top`` apply per group). A group with no counted
        token is left out and listed in ``attrs["empty_groups"]``.
    reference_group : optional
        With ``by``: the value of the group every other group is compared with (it gets
        no rows of its own). Default: each group against the rest.
    form : {"norm", "lemma"}
        What a term is (as in :func:`discourse.frequencies`): ``"lemma"`` compares lemmas
        (« responsabilités » counts with « responsabilité »), in the target, a reference
        corpus, and a reference frequency list (whose terms are lemmatised and summed).

    Returns
    -------
    pandas.DataFrame
        ``lang`` and the columns of :data:`KEYNESS_COLUMNS` (``term, target_count,
        reference_count, target_total, reference_total, g2, g2_2cell, chi2, chi2_yates,
        log_ratio, log_ratio_ci_low, log_ratio_ci_high, pct_diff, simple_maths,
        p_value, direction``), positive keywords first (see :func:`keyness`).
        ``attrs["stopwords"]``: the stoplist of the language compared. With ``by``, a
        ``group`` column (the group's value) comes first; the groups follow corpus order.

    Notes
    -----
    Log Ratio replaces a count of 0 by 0.5 (Hardie 2014). When the target is much
    smaller than the reference (a document against 70 years of reports), a word absent
    from the target but rare in the reference then gets a *positive* Log Ratio although
    it is a negative keyword (``direction``): such rows have a tiny G² and a p-value
    near 1. Read Log Ratio only for keywords that pass a significance filter
    (``p_value``), as CQPweb does.

    Examples
    --------
    The Chinese of one seed document against the Chinese of the other:

    >>> import discourse
    >>> corpus = discourse.load_corpus()
    >>> table = keywords(corpus, target="doc_id=003_90d6e10e09142168", lang="zh")
    >>> table[["term", "target_count", "reference_count"]].head(2).values.tolist()
    [['精准扶贫', 4, 0], ['2020', 3, 0]]
    >>> int(table["target_total"].iloc[0]), int(table["reference_total"].iloc[0])
    (176, 195)

    The significant keywords only, at most two of each direction:

    >>> short = keywords(corpus, target="doc_id=003_90d6e10e09142168", lang="zh",
    ...                  max_p=0.05, top=2)
    >>> short[["term", "direction"]].values.tolist()
    [['精准扶贫', 'positive'], ['2020', 'positive'], ['扶贫开发', 'negative'], ['脱贫攻坚战', 'negative']]
    >>> bool((short["p_value"] <= 0.05).all())
    True

    Every document against the other, in one call (``G² = 2 Σ O ln(O/E)`` over the 2 × 2
    table of each term, for each group):

    >>> groups = keywords(corpus, lang="zh", by="doc_id", max_p=0.05, top=1)
    >>> groups[["group", "term", "direction"]].values.tolist()[2:]
    [['003_90d6e10e09142168', '精准扶贫', 'positive'], ['003_90d6e10e09142168', '扶贫开发', 'negative']]
    """
    if max_p is not None and (isinstance(max_p, bool) or not isinstance(max_p, (int, float, np.number))
                              or not 0 < max_p <= 1):
        raise InputError(f"max_p is a p-value threshold between 0 (excluded) and 1, such as 0.05; not {max_p!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise InputError(f"top is the number of keywords of each direction to keep, a whole number ≥ 1; "
                         f"not {top!r}")
    stopwords = stoplist_option(stopwords)
    toks = tokens_of(corpus, form=form)
    target_mask = select(toks.corpus, target) & lang_mask(toks.corpus, lang, role=role)
    code = one_language(pd.unique(toks.corpus.column("lang")[target_mask]))
    options = dict(n=n, punct=punct, sep=sep)
    table_options = dict(measure=measure, bonferroni=bonferroni, min_count=min_count, ci_level=ci_level)
    if by is not None or reference_group is not None:
        if by is None:
            raise InputError("reference_group names a group of `by`: give by= too (by='year')")
        if reference is not None or reference_total is not None:
            raise InputError("with by=, each group is compared with the rest or with reference_group=; "
                             "leave reference out")
        table = group_keyness(toks, target_mask, group_column(by), lang=code, reference_group=reference_group,
                              max_p=max_p, top=top, stopwords=stopwords, **options, **table_options)
        table.attrs["stopwords"] = toks.stoplist_labels(stopwords, langs=[code])
        return table

    def counts(tokens, mask, stoplist=stopwords):
        table, groups = count_table(tokens, seg_mask=mask, stopwords=stoplist, **options)
        total = int(groups["total"].sum())
        return pd.Series(table["count"].to_numpy(), index=pd.Index(table["term"])), total

    a, c = counts(toks, target_mask)
    if reference_total is not None and not isinstance(reference, (pd.Series, pd.DataFrame)):
        raise InputError("reference_total is the size of a reference frequency list; "
                         "a reference corpus is counted")
    if reference is None:
        if target is None:
            raise InputError("the target is the whole corpus, so there is no rest to compare "
                             "with: select a target (target='doc_id=…') or give a reference")
        ref_mask = ~target_mask & lang_mask(toks.corpus, code, role=role)
        if not ref_mask.any():
            raise InputError(f"the target is all the {code} text of the corpus; give a reference")
        b, d = counts(toks, ref_mask)
    elif isinstance(reference, (pd.Series, pd.DataFrame)):
        b = frequency_list(reference, code, n=n, punct=punct, stopwords=stopword_set(toks, code, stopwords),
                            sep=sep, tokenizer=toks.tokenizer(code))
        b = lemma_counts(b, code, sep=sep) if form == "lemma" else b
        d = reference_total
    elif isinstance(reference, (str, list, tuple, Mapping)):
        ref_mask = select(toks.corpus, reference) & lang_mask(toks.corpus, code, role=role)
        if not ref_mask.any():
            raise InputError(f"the reference selection has no {code} text")
        b, d = counts(toks, ref_mask)
    else:
        ref_toks = tokens_of(reference, form=form)
        ref_mask = lang_mask(ref_toks.corpus, code, role=role, strict=False)
        if not ref_mask.any():
            raise InputError(f"the reference corpus has no {code} text")
        # the target's stoplist (a reference corpus read with another one would list
        # words the target leaves out)
        b, d = counts(ref_toks, ref_mask, False if stopwords is False else {code: stopword_set(toks, code, stopwords)})
    table = keyness(a, b, target_total=c, reference_total=d, **table_options)
    table.insert(0, "lang", code)
    table = _kept(table, max_p, top)
    table.attrs["stopwords"] = toks.stoplist_labels(stopwords, langs=[code])
    return table


def _kept(table, max_p, top):
    """The rows of a keyness table that ``max_p`` and ``top`` keep (:func:`keywords`)."""
    if max_p is not None:
        table = table[table["p_value"].to_numpy() <= max_p]
    if top is not None:  # the order is positive (strongest first), none, negative (strongest first)
        direction = table["direction"]
        table = pd.concat([table[direction == "positive"].head(top), table[direction == "negative"].head(top)])
    if max_p is not None or top is not None:
        table = table.reset_index(drop=True)
    return table


# the name scale.py calls until it is updated (issue 14): use one_language
_one_language = one_language
