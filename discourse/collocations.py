"""Association measures for node–collocate pairs (window-based collocation).

Notation (all arguments may be scalars or arrays, broadcast together):

========  ==============================================================
``f_nc``  co-occurrence frequency: collocate tokens inside the node's windows
``f_n``   frequency of the node in the corpus
``f_c``   frequency of the collocate in the corpus
``n``     corpus size in tokens
``span``  window size in tokens around one node occurrence (e.g. 4 left +
          4 right = 8)
========  ==============================================================

Expected co-occurrence frequency and the span
---------------------------------------------
Under independence a node occurrence offers ``span`` slots, each filled by
the collocate with probability ``f_c / n``, so

.. math::

    E = \\frac{f_n \\, f_c \\, \\mathrm{span}}{n}

(Evert 2008, "surface co-occurrence"). MI, t-score and log-likelihood all use
this *E*, so they stay comparable. With ``span=1`` (the default of the
vectorised functions) E is the textbook bigram value and MI is Church &
Hanks' (1990) formula as used by Sketch Engine and NLTK; a window without
the span adjustment inflates MI by :math:`\\log_2 \\mathrm{span}`. Tools
differ here, so state the span when you report MI. :func:`collocation_table`
requires ``span`` explicitly.

References
----------
Church, K. W. & Hanks, P. (1990). Word association norms, mutual
information, and lexicography. *Computational Linguistics* 16(1), 22–29.

Dunning, T. (1993). Accurate methods for the statistics of surprise and
coincidence. *Computational Linguistics* 19(1), 61–74.

Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (eds.),
*Corpus Linguistics. An International Handbook*, article 58. Berlin: de Gruyter.

Manning, C. D. & Schütze, H. (1999). *Foundations of Statistical Natural
Language Processing*, §5.3.1. Cambridge, MA: MIT Press.

Rychlý, P. (2008). A lexicographer-friendly association score. *Proceedings
of RASLAN 2008*, 6–9. Brno: Masaryk University.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from discourse.errors import InputError
from discourse.keyness import _counts_series, _integral, g2

__all__ = [
    "expected_cooccurrence",
    "mi",
    "t_score",
    "log_likelihood",
    "log_dice",
    "collocation_table",
    "collocates",
    "COLLOCATION_COLUMNS",
]

#: Column order of the table returned by :func:`collocation_table`.
COLLOCATION_COLUMNS = (
    "collocate", "co_freq", "collocate_freq", "mi", "t_score", "log_likelihood", "log_dice",
)


def _check_span(span):
    if np.any(np.asarray(span, dtype=float) <= 0):
        raise InputError(f"span must be positive, not {span!r}")


def expected_cooccurrence(f_n, f_c, n, *, span=1):
    r"""Expected co-occurrence frequency under independence.

    .. math::

        E = \frac{f_n \, f_c \, \mathrm{span}}{n}

    Parameters
    ----------
    f_n, f_c, n : array_like
        Node frequency, collocate frequency, corpus size.
    span : float, keyword-only
        Window size in tokens (1 = adjacent bigrams).

    Examples
    --------
    >>> print(f"{expected_cooccurrence(100, 50, 10_000, span=8):.1f}")
    4.0
    """
    _check_span(span)
    f_n, f_c, n = (np.asarray(x, dtype=float) for x in (f_n, f_c, n))
    return (f_n * f_c * span / n)[()]


def mi(f_nc, f_n, f_c, n, *, span=1):
    r"""Pointwise mutual information (Church & Hanks 1990).

    .. math::

        \mathrm{MI} = \log_2 \frac{f_{nc}}{E} = \log_2 \frac{f_{nc}\, n}{f_n\, f_c\, \mathrm{span}}

    ``span=1`` gives the unadjusted formula of Church & Hanks, Sketch Engine
    and NLTK's ``BigramAssocMeasures.pmi``. See the module docstring on the
    span.

    Returns
    -------
    numpy.ndarray or numpy.float64
        MI in bits; ``-inf`` when ``f_nc = 0``.

    Examples
    --------
    Church & Hanks' (1990: 24) example, f(x,y) = 8, f(x) = 1105, f(y) = 44,
    N = 15 million:

    >>> print(f"{mi(8, 1105, 44, 15_000_000):.1f}")
    11.3
    """
    f_nc = np.asarray(f_nc, dtype=float)
    e = expected_cooccurrence(f_n, f_c, n, span=span)
    with np.errstate(divide="ignore"):
        return (np.log2(f_nc) - np.log2(e))[()]


def t_score(f_nc, f_n, f_c, n, *, span=1):
    r"""t-score of a co-occurrence (Church et al. 1991; Manning & Schütze 1999).

    .. math::

        t = \frac{O - E}{\sqrt{O}}, \qquad O = f_{nc}

    with *E* from :func:`expected_cooccurrence`.

    Returns
    -------
    numpy.ndarray or numpy.float64
        ``-inf`` when ``f_nc = 0`` (the limit as O → 0 with E > 0).

    Examples
    --------
    Manning & Schütze's (1999: 165) *new companies* example:

    >>> print(f"{t_score(8, 15_828, 4_675, 14_307_668):.4f}")
    0.9999
    """
    o = np.asarray(f_nc, dtype=float)
    e = expected_cooccurrence(f_n, f_c, n, span=span)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (o - e) / np.sqrt(o)
    return np.where(o > 0, t, -np.inf)[()]


def log_likelihood(f_nc, f_n, f_c, n, *, span=1):
    r"""Log-likelihood G² of the node–collocate contingency table (Dunning 1993).

    The 4-cell G² of :func:`discourse.keyness.g2` on the table

    ==============  =====================  =========================
    \               in node windows        elsewhere
    collocate       :math:`f_{nc}`         :math:`f_c - f_{nc}`
    other tokens    :math:`R_1 - f_{nc}`   …
    total           :math:`R_1 = \mathrm{span}\, f_n`  :math:`n - R_1`
    ==============  =====================  =========================

    so that its expected top-left cell is the *E* of
    :func:`expected_cooccurrence`. With ``span=1`` this is the standard
    bigram table (NLTK's ``likelihood_ratio``).

    Returns
    -------
    numpy.ndarray or numpy.float64
        G² ≥ 0 (unsigned: MI < 0 tells you O < E). NaN for impossible tables,
        e.g. ``f_nc > f_c``.

    Examples
    --------
    >>> print(f"{log_likelihood(10, 100, 100, 100_000):.2f}")
    74.33
    """
    _check_span(span)
    f_nc, f_n, f_c, n = (np.asarray(x, dtype=float) for x in (f_nc, f_n, f_c, n))
    r1 = f_n * span
    return g2(f_nc, f_c - f_nc, r1, n - r1)


def log_dice(f_nc, f_n, f_c):
    r"""logDice (Rychlý 2008).

    .. math::

        \mathrm{logDice} = 14 + \log_2 \frac{2 f_{nc}}{f_n + f_c}

    Independent of corpus size and of the span; the theoretical maximum is
    14 (every occurrence of each word is in the pair).

    Returns
    -------
    numpy.ndarray or numpy.float64
        ``-inf`` when ``f_nc = 0``.

    Examples
    --------
    >>> print(f"{log_dice(10, 100, 100):.3f}")  # 14 + log2(0.1)
    10.678
    """
    f_nc, f_n, f_c = (np.asarray(x, dtype=float) for x in (f_nc, f_n, f_c))
    with np.errstate(divide="ignore"):
        return (14.0 + np.log2(2.0 * f_nc / (f_n + f_c)))[()]


def collocation_table(pairs_counts, node_freq, collocate_freqs, corpus_size, *,
                      span, sort_by="log_dice", min_count=1):
    """Association table of one node with its collocates.

    Parameters
    ----------
    pairs_counts : pandas.Series or dict
        Co-occurrence counts ``f_nc`` indexed by collocate (tokens inside the
        node's windows).
    node_freq : float
        Frequency of the node in the corpus.
    collocate_freqs : pandas.Series or dict
        Corpus frequency of each collocate (may list more words).
    corpus_size : float
        Corpus size in tokens.
    span : int, keyword-only
        Total window size in tokens used to count ``pairs_counts`` (e.g. 8 for
        4 left + 4 right). Applied to MI, t-score and log-likelihood; see the
        module docstring.
    sort_by : str, keyword-only
        ``"log_dice"`` (default), ``"mi"``, ``"t_score"``, ``"log_likelihood"``
        or ``"co_freq"``; sorted descending, ties broken by collocate.
    min_count : float, keyword-only
        Drop collocates with ``co_freq`` below this.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLLOCATION_COLUMNS`:
        ``collocate, co_freq, collocate_freq, mi, t_score, log_likelihood,
        log_dice``.

    Raises
    ------
    discourse.errors.InputError
        If a collocate has no corpus frequency, or counts are inconsistent
        (``co_freq`` larger than the collocate's frequency or than
        ``span * node_freq``, or ``span * node_freq`` larger than the corpus).

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.Series({"tea": 10, "the": 40})
    >>> freqs = pd.Series({"tea": 100, "the": 6_000, "cup": 90})
    >>> table = collocation_table(pairs, 100, freqs, 100_000, span=2)
    >>> print(table.round(2).to_string(index=False))
    collocate  co_freq  collocate_freq   mi  t_score  log_likelihood  log_dice
          tea       10             100 5.64     3.10           60.13     10.68
          the       40            6000 1.74     4.43           44.85      7.75
    """
    if sort_by not in ("log_dice", "mi", "t_score", "log_likelihood", "co_freq"):
        raise InputError(f"sort_by must be log_dice, mi, t_score, log_likelihood or "
                         f"co_freq; not {sort_by!r}")
    _check_span(span)
    pairs = _counts_series(pairs_counts, "pairs_counts", key="collocate")
    freqs = _counts_series(collocate_freqs, "collocate_freqs", key="collocate")
    node_freq, corpus_size = float(node_freq), float(corpus_size)
    if not corpus_size > 0 or node_freq < 0:
        raise InputError("corpus_size must be positive and node_freq non-negative")
    if span * node_freq > corpus_size:
        raise InputError(f"span * node_freq ({span * node_freq:g}) exceeds corpus_size "
                         f"({corpus_size:g}); check the counts")
    pairs = pairs[pairs >= min_count]
    missing = pairs.index.difference(freqs.index)
    if len(missing):
        raise InputError(f"collocate_freqs has no frequency for {list(missing[:5])}")
    f_nc = pairs.to_numpy()
    f_c = freqs.reindex(pairs.index).to_numpy()
    bad = (f_nc > f_c) | (f_nc > span * node_freq)
    if bad.any():
        raise InputError(
            f"co-occurrence count exceeds the collocate's frequency or span * node_freq "
            f"for {list(pairs.index[bad][:5])}; were overlapping windows counted twice?")
    table = pd.DataFrame({
        "collocate": pairs.index.to_numpy(),
        "co_freq": _integral(f_nc),
        "collocate_freq": _integral(f_c),
        "mi": mi(f_nc, node_freq, f_c, corpus_size, span=span),
        "t_score": t_score(f_nc, node_freq, f_c, corpus_size, span=span),
        "log_likelihood": log_likelihood(f_nc, node_freq, f_c, corpus_size, span=span),
        "log_dice": log_dice(f_nc, node_freq, f_c),
    }, columns=list(COLLOCATION_COLUMNS))
    order = pd.DataFrame({"key": -table[sort_by], "collocate": table["collocate"].astype(str)})
    order = order.sort_values(["key", "collocate"], kind="mergesort", na_position="last")
    return table.loc[order.index].reset_index(drop=True)


# ---------------------------------------------------------------------------
# Collocates in a corpus
# ---------------------------------------------------------------------------

#: Columns of the table returned by :func:`collocates`.
COLLOCATES_COLUMNS = ("lang", "node", "collocate", "co_freq", "collocate_freq", "mi", "t_score",
                      "log_likelihood", "log_dice", "node_freq", "window_tokens", "corpus_tokens")


def _window(window):
    if isinstance(window, (tuple, list)) and len(window) == 2:
        left, right = window
    else:
        left = right = window
    for side in (left, right):
        if isinstance(side, bool) or not isinstance(side, (int, np.integer)) or side < 0:
            raise InputError(f"window must be a number of tokens (e.g. 4) or a pair (left, right) "
                             f"of non-negative integers, not {window!r}")
    if left + right == 0:
        raise InputError("the window is empty: give at least one token on one side")
    return int(left), int(right)


def collocates(corpus, node, *, lang=None, window=4, punct=False, stopwords=None, min_count=1,
               sort_by="log_dice", top=None, regex=False, chars=False, case=False, diacritics=True, role=None):
    r"""Collocates of a node word or phrase in a token window, with MI, t-score, G² and logDice.

    The node is found with :func:`discourse.find`, so it can be a multi-word unit
    (``"trách nhiệm"`` is one Vietnamese token, ``"recours en responsabilité"`` three
    French ones), a wildcard pattern (``"responsabilit*"``), a regular expression or a
    list of alternatives. Collocates are the tokens up to ``window`` tokens to the left
    of each occurrence and to its right, **within the same segment** (a paragraph's last
    word does not collocate with the next paragraph's first).

    Counting, as in Evert (2008) for surface co-occurrence:

    * windows are counted in tokens without punctuation (unless ``punct=True``);
      stopwords take their place in the window, and the stoplist only leaves them out
      of the table;
    * where the windows of two nearby occurrences overlap, a token in both is counted
      once, and the node's own tokens are never collocates; so ``co_freq`` never
      exceeds the collocate's frequency;
    * ``window_tokens`` (:math:`|W|`) is the number of tokens in the (merged, clipped)
      windows, and the span passed to :func:`collocation_table` is
      :math:`|W| / f_n`, the mean window actually available. The expected
      co-occurrence is then :math:`E = f_c\,|W| / N`: windows cut short by a paragraph
      boundary are not counted as full. With no clipping or overlap the span is
      ``left + right`` as in other tools.

    The measures (:func:`mi`, :func:`t_score`, :func:`log_likelihood`,
    :func:`log_dice`) and their references are in this module's docstring.

    Parameters
    ----------
    corpus : Corpus or Tokens
    node : str or list of str
        The node: word, phrase, pattern, or a list of alternatives (one node).
    lang : str or list of str, optional
        Only these languages; each language gets its own rows (its own corpus size
        and frequencies).
    window : int or (int, int)
        Tokens on each side (default 4, i.e. 4 left + 4 right), or ``(left, right)``.
    punct : bool
        Count punctuation as tokens.
    stopwords : None, False or mapping
        The stoplist, whose words are not listed as collocates (they still fill window
        places): ``None`` (default) the package's function words; ``False`` none;
        ``{"fr": file or words}`` yours (as in :func:`discourse.frequencies`).
    min_count : int
        Leave out collocates with a lower ``co_freq``.
    sort_by : str
        ``"log_dice"`` (default), ``"mi"``, ``"t_score"``, ``"log_likelihood"`` or
        ``"co_freq"``.
    top : int, optional
        Keep the first ``top`` collocates of each language.
    regex, chars, case, diacritics :
        How the node is matched (:func:`discourse.find`).
    role : str or list of str, optional
        Segment roles counted, nodes, windows and corpus size alike (default: titles and
        body text, not the ``meta`` header lines; as in :func:`discourse.frequencies`).

    Returns
    -------
    pandas.DataFrame
        ``lang, node, collocate, co_freq, collocate_freq, mi, t_score, log_likelihood,
        log_dice, node_freq, window_tokens, corpus_tokens``: ``node`` is the query (for a
        list, the alternatives found in that language, joined by `` | ``), ``node_freq``
        its occurrences in the language,
        ``corpus_tokens`` :math:`N` the tokens of the language in the corpus.
        ``attrs["stopwords"]``: the stoplist of each language.

    Examples
    --------
    >>> import discourse
    >>> table = collocates(discourse.load_corpus(), "trách nhiệm", window=3, top=3)
    >>> table[["lang", "collocate", "co_freq"]].values.tolist()
    [['vi', 'chế độ', 5], ['vi', 'chịu', 5], ['vi', 'lãnh đạo', 5]]
    """
    from .frequency import _check_top, _lang_mask, _tokens_of
    from .query import find
    from .tokens import stoplist_option

    left, right = _window(window)
    _check_top(top)
    stopwords = stoplist_option(stopwords)
    toks = _tokens_of(corpus)
    is_stop = toks.stop_mask(stopwords)
    seg = toks.corpus._segments
    seg_mask = _lang_mask(toks.corpus, lang, role=role)
    kept = np.flatnonzero(toks.mask(punct=punct) & seg_mask[toks.seg_row])
    k_seg = toks.seg_row[kept]
    k_type = toks.type_id[kept]
    k_lang = seg["lang"].to_numpy()[k_seg]
    hits = find(toks, node, lang=lang, regex=regex, case=case, diacritics=diacritics, chars=chars)
    hits = hits[seg_mask[hits["seg_row"].to_numpy()]]
    first = np.searchsorted(kept, hits["first"].to_numpy())
    last = np.searchsorted(kept, hits["last"].to_numpy())  # exclusive
    hit_seg = hits["seg_row"].to_numpy()
    hit_lang = seg["lang"].to_numpy()[hit_seg]
    real = last > first  # a node made only of punctuation has no place among counted tokens
    first, last, hit_seg, hit_lang = first[real], last[real], hit_seg[real], hit_lang[real]
    if isinstance(node, str):
        names = {code: node for code in set(hit_lang)}
    else:  # alternatives: name the ones found in each language
        found = {q: set(seg["lang"].to_numpy()[find(toks, q, lang=lang, regex=regex, case=case,
                                                     diacritics=diacritics, chars=chars)["seg_row"].to_numpy()])
                 for q in node}
        names = {code: " | ".join(q for q in node if code in found[q]) for code in set(hit_lang)}
    vocab = np.asarray(toks.vocab, dtype=object)
    parts = []
    for code in sorted(set(hit_lang)):
        h = hit_lang == code
        f, l, s = first[h], last[h], hit_seg[h]
        is_node = np.zeros(len(kept), dtype=bool)
        lengths = l - f
        within = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        is_node[np.repeat(f, lengths) + within] = True  # every token of every node occurrence
        slots = [f - o for o in range(1, left + 1)] + [l - 1 + o for o in range(1, right + 1)]
        owners = [s] * len(slots)
        slots, owners = np.concatenate(slots), np.concatenate(owners)
        ok = (slots >= 0) & (slots < len(kept))
        slots, owners = slots[ok], owners[ok]
        slots = np.unique(slots[k_seg[slots] == owners])
        slots = slots[~is_node[slots]]
        in_lang = k_lang == code
        freqs = np.bincount(k_type[in_lang], minlength=len(vocab))
        co = np.bincount(k_type[slots], minlength=len(vocab))
        listed = np.flatnonzero(co)
        if is_stop is not None:
            stop_types = np.unique(k_type[in_lang & is_stop[kept]])
            listed = listed[~np.isin(listed, stop_types)]
        corpus_tokens = int(in_lang.sum())
        node_freq = int(h.sum())
        if len(slots) == 0:  # every window is empty (e.g. one-token segments)
            continue
        span = len(slots) / node_freq
        pairs = pd.Series(co[listed], index=pd.Index(list(vocab[listed])), dtype=float)
        present = np.flatnonzero(freqs)
        collocate_freqs = pd.Series(freqs[present], index=pd.Index(list(vocab[present])), dtype=float)
        table = collocation_table(pairs, node_freq, collocate_freqs, corpus_tokens, span=span,
                                  sort_by=sort_by, min_count=min_count)
        if top is not None:
            table = table.head(top)
        table.insert(0, "node", names[code])
        table.insert(0, "lang", code)
        table["node_freq"] = node_freq
        table["window_tokens"] = len(slots)
        table["corpus_tokens"] = corpus_tokens
        parts.append(table)
    stoplists = toks.stoplist_labels(stopwords, langs=pd.unique(seg["lang"].to_numpy()[seg_mask]))
    if not parts:
        kinds = {"lang": str, "node": str, "collocate": str, "co_freq": "int64", "collocate_freq": "int64",
                 "node_freq": "int64", "window_tokens": "int64", "corpus_tokens": "int64"}
        empty = pd.DataFrame({c: pd.Series(dtype=kinds.get(c, float)) for c in COLLOCATES_COLUMNS})
        empty.attrs["stopwords"] = stoplists
        return empty
    table = pd.concat(parts, ignore_index=True)[list(COLLOCATES_COLUMNS)]
    table.attrs["stopwords"] = stoplists
    return table
