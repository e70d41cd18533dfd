"""Collocations: the words around a node word or phrase, with their association measures.

:func:`collocates` counts, in a token window around each occurrence of a node, which words
occur there, and :func:`collocation_table` builds the table of their measures. The
measures — MI, t-score, log-likelihood (G²) and logDice — with their formulas, references
and the window span in the expected frequency (Evert 2008) are in
:mod:`discourse.stats.cooccurrence`, and stay importable from here
(``discourse.collocations.mi``). :func:`collocation_table` requires ``span`` explicitly:
state it when you report MI.

References
----------
Church, K. W. & Hanks, P. (1990). Word association norms, mutual information, and
lexicography. *Computational Linguistics* 16(1), 22–29.

Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (eds.), *Corpus
Linguistics. An International Handbook*, article 58. Berlin: de Gruyter.

Rychlý, P. (2008). A lexicographer-friendly association score. *Proceedings of RASLAN
2008*, 6–9. Brno: Masaryk University.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.errors import InputError
from discourse.counting import check_top, lang_mask, tokens_of
from discourse.lemma_tokens import norm_tokens
from discourse.query import MAX_WINDOW, find
from discourse.stats.cooccurrence import check_span, expected_cooccurrence, log_dice, log_likelihood, mi, t_score
from discourse.stats.registry import measures
from discourse.stats.tables import UNSET, counts_series, integral, renamed
from discourse.token_options import stoplist_option

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

#: What a collocation table can be sorted by: its measures and ``co_freq``.
SORT_KEYS = (*measures("collocations"), "co_freq")


def collocation_table(pairs_counts, node_freq, collocate_freqs, corpus_size, *,
                      span, sort="log_dice", min_count=1, sort_by=UNSET):
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
    sort : str, keyword-only
        ``"log_dice"`` (default), ``"mi"``, ``"t_score"``, ``"log_likelihood"``
        or ``"co_freq"`` (:data:`SORT_KEYS`); sorted descending, ties broken by collocate.
    min_count : float, keyword-only
        Drop collocates with ``co_freq`` below this.
    sort_by : str, keyword-only
        The former name of ``sort`` (accepted with a :class:`FutureWarning`).

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
    option = "sort" if sort_by is UNSET else "sort_by"  # the error names the keyword given
    sort = renamed(sort, sort_by, new_name="sort", old_name="sort_by", function="collocation_table",
                   default="log_dice")
    if sort not in SORT_KEYS:
        raise InputError(f"{option} must be {', '.join(SORT_KEYS[:-1])} or {SORT_KEYS[-1]}; not {sort!r}")
    check_span(span)
    pairs = counts_series(pairs_counts, "pairs_counts", key="collocate")
    freqs = counts_series(collocate_freqs, "collocate_freqs", key="collocate")
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
        "co_freq": integral(f_nc),
        "collocate_freq": integral(f_c),
        **{name: spec(f_nc=f_nc, f_n=node_freq, f_c=f_c, n=corpus_size, span=span)
           for name, spec in measures("collocations").items()},
    }, columns=list(COLLOCATION_COLUMNS))
    order = pd.DataFrame({"key": -table[sort], "collocate": table["collocate"].astype(str)})
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
        if side > MAX_WINDOW:
            raise InputError(f"a window of {side} tokens is more than {MAX_WINDOW}: a window never reaches "
                             f"beyond the node's segment (paragraph); give at most {MAX_WINDOW} tokens on "
                             "each side (collocates usually take 1 to 10)")
    if left + right == 0:
        raise InputError("the window is empty: give at least one token on one side")
    return int(left), int(right)


def _window_slots(k_seg, first, last, seg, left: int, right: int) -> np.ndarray:
    """The places (indexes into the counted tokens, whose segments are ``k_seg``) in the
    window of any node occurrence — ``left`` places before ``first``, ``right`` from
    ``last`` (exclusive end), cut at the occurrence's segment ``seg`` — each once, in
    order. The windows are ranges marked on the tokens, so the work and memory grow with
    the tokens and occurrences, not with the window's size."""
    seg_lo = np.searchsorted(k_seg, seg, side="left")
    seg_hi = np.searchsorted(k_seg, seg, side="right")
    starts = np.concatenate([np.maximum(first - left, seg_lo), last])
    ends = np.concatenate([first, np.minimum(last + right, seg_hi)])
    size = len(k_seg) + 1
    depth = np.cumsum(np.bincount(starts, minlength=size) - np.bincount(ends, minlength=size))
    return np.flatnonzero(depth[:-1] > 0)


def collocates(corpus, node, *, lang=None, window=4, punct=False, stopwords=None, min_count=1,
               sort="log_dice", top=None, regex=False, chars=False, case=False, diacritics=True, role=None,
               sort_by=UNSET, form="norm"):
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
        Tokens on each side (default 4, i.e. 4 left + 4 right), or ``(left, right)``;
        each 0 to :data:`~discourse.query.MAX_WINDOW` (1000), and never beyond the
        node's segment.
    punct : bool
        Count punctuation as tokens.
    stopwords : None, False or mapping
        The stoplist, whose words are not listed as collocates (they still fill window
        places): ``None`` (default) the package's function words; ``False`` none;
        ``{"fr": file or words}`` yours (as in :func:`discourse.frequencies`).
    min_count : int
        Leave out collocates with a lower ``co_freq``.
    sort : str
        ``"log_dice"`` (default), ``"mi"``, ``"t_score"``, ``"log_likelihood"`` or
        ``"co_freq"``.
    top : int, optional
        Keep the first ``top`` collocates of each language.
    regex, chars, case, diacritics :
        How the node is matched (:func:`discourse.find`).
    role : str or list of str, optional
        Segment roles counted, nodes, windows and corpus size alike (default: titles and
        body text, not the ``meta`` header lines; as in :func:`discourse.frequencies`).
    sort_by : str
        The former name of ``sort`` (accepted with a :class:`FutureWarning`).
    form : {"norm", "lemma"}
        What a collocate is (as in :func:`discourse.frequencies`): ``"lemma"`` counts
        collocates by lemma. The node is matched as a query all the same: write
        ``"lemma:assumer"`` for every form of a node.

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
    sort = renamed(sort, sort_by, new_name="sort", old_name="sort_by", function="collocates", default="log_dice")
    left, right = _window(window)
    check_top(top)
    stopwords = stoplist_option(stopwords)
    toks = tokens_of(corpus, form=form)
    norms = norm_tokens(toks)  # the node is a query on the tokens as written
    is_stop = toks.stop_mask(stopwords)
    seg_lang = toks.corpus.column("lang")
    seg_mask = lang_mask(toks.corpus, lang, role=role)
    kept = np.flatnonzero(toks.mask(punct=punct) & seg_mask[toks.seg_row])
    k_seg = toks.seg_row[kept]
    k_type = toks.type_id[kept]
    k_lang = seg_lang[k_seg]
    hits = find(norms, node, lang=lang, regex=regex, case=case, diacritics=diacritics, chars=chars)
    hits = hits[seg_mask[hits["seg_row"].to_numpy()]]
    first = np.searchsorted(kept, hits["first"].to_numpy())
    last = np.searchsorted(kept, hits["last"].to_numpy())  # exclusive
    hit_seg = hits["seg_row"].to_numpy()
    hit_lang = seg_lang[hit_seg]
    real = last > first  # a node made only of punctuation has no place among counted tokens
    first, last, hit_seg, hit_lang = first[real], last[real], hit_seg[real], hit_lang[real]
    if isinstance(node, str):
        names = {code: node for code in set(hit_lang)}
    else:  # alternatives: name the ones found in each language
        found = {q: set(seg_lang[find(norms, q, lang=lang, regex=regex, case=case,
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
        slots = _window_slots(k_seg, f, l, s, left, right)
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
                                  sort=sort, min_count=min_count)
        if top is not None:
            table = table.head(top)
        table.insert(0, "node", names[code])
        table.insert(0, "lang", code)
        table["node_freq"] = node_freq
        table["window_tokens"] = len(slots)
        table["corpus_tokens"] = corpus_tokens
        parts.append(table)
    stoplists = toks.stoplist_labels(stopwords, langs=pd.unique(seg_lang[seg_mask]))
    if not parts:
        kinds = {"lang": str, "node": str, "collocate": str, "co_freq": "int64", "collocate_freq": "int64",
                 "node_freq": "int64", "window_tokens": "int64", "corpus_tokens": "int64"}
        empty = pd.DataFrame({c: pd.Series(dtype=kinds.get(c, float)) for c in COLLOCATES_COLUMNS})
        empty.attrs["stopwords"] = stoplists
        return empty
    table = pd.concat(parts, ignore_index=True)[list(COLLOCATES_COLUMNS)]
    table.attrs["stopwords"] = stoplists
    return table
