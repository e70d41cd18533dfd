"""Collocations with no node word: two-word sequences scored with λ and z, as quanteda's
``textstat_collocations`` does (:func:`discourse.sequences`; the formula is
:func:`discourse.stats.sequences.sequence_lambda`). The module is not named ``sequences``:
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
from discourse.stats.sequences import sequence_lambda

__all__ = ["sequences", "SEQUENCE_COLUMNS"]

#: Columns of the table returned by :func:`sequences`.
SEQUENCE_COLUMNS = ("lang", "collocation", "size", "count", "count_first", "count_second", "sequences_total",
                    "lambda", "se", "z")


def sequences(corpus, *, lang=None, size=2, min_count=2, punct=False, sep=" ", smoothing=0.5, top=None,
              role=None, form="norm"):
    r"""Two-word sequences that occur together more than chance, scored with λ and z.

    quanteda's ``textstat_collocations`` (Blaheta & Johnson 2001): every sequence of two
    tokens of one segment (crossing no punctuation unless ``punct``: the bigrams of
    :func:`discourse.frequencies`, with no stoplist) is a position; for the sequence
    :math:`w_1 w_2`, :math:`n_{11}` (``count``) is how often it occurs,
    :math:`n_{12} = ` ``count_first`` :math:`- n_{11}` how often :math:`w_1` starts another
    sequence, :math:`n_{21} = ` ``count_second`` :math:`- n_{11}` how often :math:`w_2` ends
    another, and :math:`n_{22}` = ``sequences_total`` minus the three. Then

    .. math:: \lambda = \log\frac{(n_{11}+.5)(n_{22}+.5)}{(n_{12}+.5)(n_{21}+.5)},\quad
              z = \lambda \Big/ \sqrt{\textstyle\sum 1/(n_{ij}+.5)}.

    Parameters
    ----------
    corpus : Corpus or Tokens
    lang : str or list of str, optional
        Only these languages; each language is its own table of counts.
    size : int, keyword-only
        The sequence length: 2 (sequences of three words are not implemented yet).
    min_count : int, keyword-only
        Leave out sequences seen fewer times (quanteda's default 2).
    punct : bool, keyword-only
        Let sequences contain punctuation.
    sep : str, keyword-only
        Joins the two words (normalised forms) of a sequence.
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
    """
    if size != 2 or isinstance(size, bool):
        raise InputError(f"size is the sequence length: 2 (sequences of three words are not implemented); "
                         f"not {size!r}")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise InputError(f"min_count is a whole number ≥ 1, not {min_count!r}")
    check_top(top)
    toks = tokens_of(corpus, form=form)
    seg_mask = lang_mask(toks.corpus, lang, role=role)
    seg_lang = toks.corpus.column("lang")
    vocab = np.asarray(toks.vocab, dtype=object)
    parts = []
    for code in sorted(set(seg_lang[seg_mask])):
        unit = units(toks, n=2, punct=punct, stopwords=False, seg_mask=seg_mask & (seg_lang == code))
        if not len(unit.start):
            continue
        n11 = np.bincount(unit.term_id, minlength=len(unit.types))
        first = toks.type_id[unit.start].astype(np.int64)
        second = toks.type_id[unit.start + 1].astype(np.int64)
        first_count = np.bincount(first, minlength=len(vocab))[unit.types[:, 0]]
        second_count = np.bincount(second, minlength=len(vocab))[unit.types[:, 1]]
        keep = np.flatnonzero(n11 >= min_count)
        total = len(unit.start)
        a, f1, f2 = n11[keep], first_count[keep], second_count[keep]
        lam, se, z = sequence_lambda(a, f1 - a, f2 - a, total - f1 - f2 + a, smoothing=smoothing)
        parts.append(pd.DataFrame({
            "lang": code,
            "collocation": [sep.join(vocab[pair]) for pair in unit.types[keep]],
            "size": 2, "count": a, "count_first": f1, "count_second": f2, "sequences_total": total,
            "lambda": lam, "se": se, "z": z,
        }))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("lang", "collocation") else float)
                             for c in SEQUENCE_COLUMNS})
    table = pd.concat(parts, ignore_index=True)
    table = table.assign(_z=-table["z"]).sort_values(["lang", "_z", "collocation"], kind="mergesort")
    table = table.drop(columns="_z")
    if top is not None:
        table = table.groupby("lang", sort=False).head(top)
    table = table.reset_index(drop=True)[list(SEQUENCE_COLUMNS)]
    return table.astype({c: "int64" for c in ("size", "count", "count_first", "count_second", "sequences_total")})
