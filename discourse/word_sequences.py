"""Collocations with no node word: two- and three-word sequences scored with λ and z, as
quanteda's ``textstat_collocations`` does (:func:`discourse.sequences`; the formulas are
:func:`discourse.stats.sequences.sequence_lambda` and
:func:`~discourse.stats.sequences.interaction_lambda`). The module is not named ``sequences``:
importing it would hide the function of that name on the package.

References
----------
Blaheta, D. & Johnson, M. (2001). Unsupervised learning of multi-word verbs. *Proceedings
of the ACL/EACL 2001 Workshop on the Computational Extraction, Analysis and Exploitation
of Collocations*, 54–60.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.counting import check_top, lang_mask, tokens_of, units
from discourse.errors import InputError
from discourse.stats.sequences import interaction_lambda, sequence_lambda

__all__ = ["sequences", "SEQUENCE_COLUMNS"]

#: Columns of the table returned by :func:`sequences` (``size=3`` adds ``count_third`` after ``count_second``).
SEQUENCE_COLUMNS = ("lang", "collocation", "size", "count", "count_first", "count_second", "sequences_total",
                    "lambda", "se", "z")
_WORD_COUNTS = ("count_first", "count_second", "count_third")


def sequences(corpus, *, lang=None, size=2, min_count=2, punct=False, sep=" ", smoothing=0.5, top=None,
              role=None, form="norm"):
    r"""Two- or three-word sequences that occur together more than chance, scored with λ and z.

    quanteda's ``textstat_collocations`` (Blaheta & Johnson 2001): every sequence of two
    tokens of one segment (crossing no punctuation unless ``punct``: the bigrams of
    :func:`discourse.frequencies`, with no stoplist) is a position; for the sequence
    :math:`w_1 w_2`, :math:`n_{11}` (``count``) is how often it occurs,
    :math:`n_{12} = ` ``count_first`` :math:`- n_{11}` how often :math:`w_1` starts another
    sequence, :math:`n_{21} = ` ``count_second`` :math:`- n_{11}` how often :math:`w_2` ends
    another, and :math:`n_{22}` = ``sequences_total`` minus the three. Then

    .. math:: \lambda = \log\frac{(n_{11}+.5)(n_{22}+.5)}{(n_{12}+.5)(n_{21}+.5)},\quad
              z = \lambda \Big/ \sqrt{\textstyle\sum 1/(n_{ij}+.5)}.

    With ``size=3`` the positions are those of the three-word sequences; each is classed by
    which of its words equal the sequence's (word 1, 2, 3: eight patterns, the
    :math:`2 \times 2 \times 2` table), and λ is the three-way interaction of the saturated
    log-linear model: :math:`\lambda = \sum_i (-1)^{3 - b_i} \log(n_i + .5)` over the eight
    cells, :math:`b_i` the agreeing words of cell :math:`i`, SE :math:`= \sqrt{\sum_i 1/(n_i + .5)}`
    (quanteda.textstats' documentation and ``src/collocations.cpp``, see
    :func:`discourse.stats.sequences.interaction_lambda`). ``count_first``, ``count_second``,
    ``count_third``: how often each word stands at its place in a three-word sequence.

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str or list of str, optional
        Only these languages; each language is its own table of counts.
    size : int, keyword-only
        The sequence length in words: 2 or 3.
    min_count : int, keyword-only
        Leave out sequences seen fewer times (quanteda's default 2).
    punct : bool, keyword-only
        Let sequences contain punctuation.
    sep : str, keyword-only
        Joins the words (normalised forms) of a sequence.
    smoothing : float, keyword-only
        Added to every cell (0.5).
    top : int, optional
        Keep the first ``top`` sequences of each language.
    role : str or list of str, optional
        Segment roles counted (default: titles and body text).
    form : {"norm", "lemma"}, keyword-only
        The words of a sequence: normalised forms (default) or lemmas.

    Returns
    -------
    pandas.DataFrame
        :data:`SEQUENCE_COLUMNS`, by language, then ``z`` descending, then collocation.

    Examples
    --------
    >>> import discourse
    >>> table = sequences(discourse.load_corpus(), lang="vi", top=2)
    >>> table[["collocation", "count", "count_first", "count_second"]].values.tolist()
    [['lãnh đạo về', 4, 5, 8], ['những công tác', 3, 6, 5]]

    Three-word sequences (each word's count at its place; λ the three-way interaction):

    >>> three = sequences(discourse.load_corpus(), lang="vi", size=3, top=1)
    >>> three[["collocation", "count", "count_first", "count_second", "count_third"]].values.tolist()
    [['thành phố và huyện', 2, 3, 12, 5]]
    >>> round(float(three["lambda"].iloc[0]), 3)
    1.661
    """
    if isinstance(size, bool) or size not in (2, 3):
        raise InputError(f"size is the sequence length in words: 2 or 3; not {size!r}")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise InputError(f"min_count is a whole number ≥ 1, not {min_count!r}")
    check_top(top)
    toks = tokens_of(corpus, form=form)
    seg_mask = lang_mask(toks.corpus, lang, role=role)
    seg_lang = toks.corpus.column("lang")
    vocab = np.asarray(toks.vocab, dtype=object)
    parts = []
    for code in sorted(set(seg_lang[seg_mask])):
        unit = units(toks, n=size, punct=punct, stopwords=False, seg_mask=seg_mask & (seg_lang == code))
        if not len(unit.start):
            continue
        n_seq = np.bincount(unit.term_id, minlength=len(unit.types))
        keep = np.flatnonzero(n_seq >= min_count)
        words = np.stack([toks.type_id[unit.start + k].astype(np.int64) for k in range(size)])
        cells = _pattern_counts(words, unit.term_id, keep, len(vocab))
        if size == 2:  # bit 0: the first word agrees, bit 1: the second
            lam, se, z = sequence_lambda(cells[:, 3], cells[:, 1], cells[:, 2], cells[:, 0], smoothing=smoothing)
        else:
            lam, se, z = interaction_lambda(cells, smoothing=smoothing)
        types = unit.types[keep]
        parts.append(pd.DataFrame({
            "lang": code,
            "collocation": [sep.join(vocab[seq]) for seq in types],
            "size": size, "count": n_seq[keep],
            **{name: np.bincount(words[k], minlength=len(vocab))[types[:, k]]
               for k, name in enumerate(_WORD_COUNTS[:size])},
            "sequences_total": len(unit.start),
            "lambda": lam, "se": se, "z": z,
        }))
    columns = list(SEQUENCE_COLUMNS)
    if size == 3:
        columns.insert(columns.index("count_second") + 1, "count_third")
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("lang", "collocation") else float)
                             for c in columns})
    table = pd.concat(parts, ignore_index=True)
    table = table.assign(_z=-table["z"]).sort_values(["lang", "_z", "collocation"], kind="mergesort")
    table = table.drop(columns="_z")
    if top is not None:
        table = table.groupby("lang", sort=False).head(top)
    table = table.reset_index(drop=True)[columns]
    return table.astype({c: "int64" for c in columns if c == "size" or c.startswith("count") or c == "sequences_total"})


def _pattern_counts(words, seq_id, wanted, n_types):
    """The :math:`2^K` agreement-pattern counts of the sequences ``wanted``.

    ``words``: (K, positions) type ids of every K-word sequence position; ``seq_id`` the
    sequence of each position. For each subset S of the K places, the positions agreeing
    with a sequence on S are counted (one id per distinct combination of words on S,
    looked up at a position of the sequence); the exact pattern counts follow by
    inclusion–exclusion (Möbius inversion): cell b = Σ over S ⊇ b of (−1)^(|S|−|b|) × count(S).

    >>> import numpy as np
    >>> words = np.array([[0, 1, 0, 0], [1, 0, 1, 2]])  # positions: (0,1) (1,0) (0,1) (0,2)
    >>> _pattern_counts(words, np.array([0, 1, 0, 2]), np.array([0]), 3).tolist()
    [[1, 1, 0, 2]]
    """
    size, n_positions = words.shape
    first = np.full(int(seq_id.max()) + 1, -1, dtype=np.int64)
    first[seq_id[::-1]] = np.arange(n_positions)[::-1]  # a position of each sequence
    at = first[wanted]
    agree = np.zeros((len(wanted), 2**size), dtype=np.int64)  # count(S), S a bit mask of places
    agree[:, 0] = n_positions
    for subset in range(1, 2**size):
        combo = np.zeros(n_positions, dtype=np.int64)
        for k in range(size):
            if subset >> k & 1:
                combo = np.unique(combo * n_types + words[k], return_inverse=True)[1].reshape(-1)
        agree[:, subset] = np.bincount(combo)[combo[at]]
    cells = np.zeros_like(agree)
    for pattern in range(2**size):
        for subset in range(2**size):
            if subset & pattern == pattern:
                sign = -1 if (bin(subset).count("1") - bin(pattern).count("1")) % 2 else 1
                cells[:, pattern] += sign * agree[:, subset]
    return cells
