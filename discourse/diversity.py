r"""Lexical diversity and a length profile of each document × language.

:func:`lexical_diversity` (Wordless' profiler, quanteda's ``textstat_lexdiv``) computes
TTR, MATTR, MTLD and HD-D (:mod:`discourse.stats.diversity`) over the norms of the
non-punctuation tokens of each document and language; :func:`text_profile` gives the
distributions of tokens per sentence and sentences per paragraph.

**Values are not comparable across languages.** A "word" is what the language's
tokenizer makes of the text: jieba's Chinese words (often two characters, a compound
such as 脱贫攻坚 is one token), pyvi's Vietnamese words (syllables joined into compounds,
``thoát_nghèo``), French words split at spaces and apostrophes. Each segmentation gives
other token and type counts for the same content, so a French MTLD of 80 and a Chinese
one of 60 say nothing about which translation is more varied; compare documents within
one language (or one language's versions over time).

>>> import discourse
>>> table = lexical_diversity(discourse.load_corpus(), measure="ttr", lang="fr")
>>> print(table[["lang", "measure", "value", "tokens", "types"]].round(4).to_string(index=False))
lang measure  value  tokens  types
  fr     ttr 0.4342     403    175
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._util import as_list
from .counting import groups, lang_mask, tokens_of
from .errors import InputError
from .stats import diversity as _measures

__all__ = ["lexical_diversity", "text_profile", "DIVERSITY_COLUMNS", "PROFILE_COLUMNS"]

#: Columns of :func:`lexical_diversity` after the ``by`` columns.
DIVERSITY_COLUMNS = ("lang", "measure", "value", "tokens", "types")
#: Columns of :func:`text_profile` after the ``by`` columns.
PROFILE_COLUMNS = ("lang", "unit", "n", "mean", "median", "sd", "min", "max")


def _measure_list(measure) -> list[str]:
    names = list(_measures.DIVERSITY_MEASURES) if measure == "all" else as_list(measure)
    wrong = [m for m in names if m not in _measures.DIVERSITY_MEASURES]
    if wrong or not names:
        raise InputError(f"unknown diversity measure {', '.join(map(repr, wrong)) or repr(measure)}; choose from "
                         f"{', '.join(_measures.DIVERSITY_MEASURES)} or 'all'")
    return names


def _by_columns(by) -> list[str]:
    by = [c for c in as_list(by) if c != "lang"]
    if not by:
        raise InputError("by must name what a text is, e.g. by='doc_id'")
    return by


def lexical_diversity(corpus, *, measure="mtld", by="doc_id", lang=None, role=None, window: int = 50,
                      threshold: float = 0.72, sample: int = 42) -> pd.DataFrame:
    r"""Lexical diversity of each document (or ``by`` group) in each language.

    Tokens are the norms of the non-punctuation tokens (stopwords included: diversity is
    about all the words), in reading order within the group; the measures are those of
    :mod:`discourse.stats.diversity`:

    - ``ttr``: :math:`V/N` (Templin 1957);
    - ``mattr``: mean TTR of every window of ``window`` tokens (Covington & McFall 2010);
    - ``mtld``: mean length of the stretches keeping TTR above ``threshold``, forward
      and backward averaged (McCarthy & Jarvis 2010), partial factor as they define it;
    - ``hdd``: expected TTR of a random sample of ``sample`` tokens, from the
      hypergeometric distribution (McCarthy & Jarvis 2007).

    Values compare texts of one language only (see the module docstring): a Chinese,
    a Vietnamese and a French "word" are different units.

    Parameters
    ----------
    corpus : Corpus or Tokens
    measure : str or list of str
        ``"mtld"`` (default), ``"mattr"``, ``"hdd"``, ``"ttr"``, a list, or ``"all"``.
    by : str or list of str
        What a text is (default ``doc_id``); any segment or metadata column.
    lang : str or list of str, optional
        Languages (default: all).
    role : str or list of str, optional
        Segment roles counted (default: title and body, as every count).
    window : int
        MATTR's window (tokens, default 50).
    threshold : float
        MTLD's factor threshold (default 0.72).
    sample : int
        HD-D's sample size (tokens, default 42).

    Returns
    -------
    DataFrame
        The ``by`` columns, then ``lang, measure, value, tokens, types``: one row per
        group × language × measure, groups in corpus order. ``value`` is NaN for a text
        shorter than MATTR's window or HD-D's sample (and for a text with no token); the
        row is kept, with its ``tokens`` and ``types``.

    Examples
    --------
    >>> import discourse
    >>> table = lexical_diversity(discourse.load_corpus(), measure=["mtld", "mattr"], lang="zh")
    >>> table[["lang", "measure"]].values.tolist()
    [['zh', 'mtld'], ['zh', 'mattr'], ['zh', 'mtld'], ['zh', 'mattr']]
    >>> bool((table["value"] > 0).all())
    True
    """
    names = _measure_list(measure)
    by = _by_columns(by)
    toks = tokens_of(corpus)
    seg_mask = lang_mask(toks.corpus, lang, role=role)
    codes, labels = groups(toks.corpus, by, seg_mask)
    keep = toks.mask(punct=False)
    group_of = codes[toks.seg_row][keep]
    type_ids = toks.type_id[keep]
    inside = group_of >= 0
    group_of, type_ids = group_of[inside], type_ids[inside]
    order = np.argsort(group_of, kind="stable")  # reading order within each group
    bounds = np.searchsorted(group_of[order], np.arange(len(labels) + 1))
    options = {"mattr": {"window": window}, "mtld": {"threshold": threshold}, "hdd": {"sample": sample}}
    rows = []
    for g in range(len(labels)):
        seq = type_ids[order[bounds[g]:bounds[g + 1]]]
        n_types = int(len(np.unique(seq)))
        for name in names:
            try:
                value = getattr(_measures, name)(seq, **options.get(name, {}))
            except ValueError as err:
                raise InputError(f"lexical_diversity: {err}") from None
            rows.append((g, name, value, len(seq), n_types))
    out = pd.DataFrame(rows, columns=["_g", "measure", "value", "tokens", "types"])
    label_frame = labels[by + ["lang"]].iloc[out["_g"].to_numpy()].reset_index(drop=True)
    out = pd.concat([label_frame, out.drop(columns="_g")], axis=1)
    out = out.astype({"value": float, "tokens": np.int64, "types": np.int64})
    return out[[*by, *DIVERSITY_COLUMNS]]


def _summary(values: np.ndarray) -> tuple:
    if not len(values):
        return 0, np.nan, np.nan, np.nan, np.nan, np.nan
    sd = float(np.std(values, ddof=1)) if len(values) > 1 else np.nan
    return (len(values), float(np.mean(values)), float(np.median(values)), sd, float(np.min(values)),
            float(np.max(values)))


def text_profile(corpus, *, by="doc_id", lang=None, role=None) -> pd.DataFrame:
    """Length profile of each document × language: tokens per sentence, sentences per paragraph.

    Sentences are the corpus's own (:meth:`discourse.Corpus.sentences`, split by each
    language's rules); tokens are the non-punctuation tokens (as in
    :func:`lexical_diversity`); a paragraph is a segment of the corpus. Token counts are
    in each language's own words, so they do not compare across languages (a Chinese
    sentence has fewer "words" than its French translation because jieba's words are
    longer, not because it says less).

    Parameters
    ----------
    corpus : Corpus
    by : str or list of str
        What a text is (default ``doc_id``).
    lang : str or list of str, optional
        Languages (default: all).
    role : str or list of str, optional
        Segment roles counted (default: title and body).

    Returns
    -------
    DataFrame
        The ``by`` columns, then ``lang, unit, n, mean, median, sd, min, max``, with
        ``unit`` ``"tokens_per_sentence"`` (``n`` sentences) or
        ``"sentences_per_paragraph"`` (``n`` paragraphs); ``sd`` is the sample standard
        deviation (ddof = 1; NaN for a single value).

    Examples
    --------
    >>> import discourse
    >>> table = text_profile(discourse.load_corpus(), lang="fr")
    >>> print(table[["lang", "unit", "n", "median"]].to_string(index=False))
    lang                    unit  n  median
      fr     tokens_per_sentence  8    35.0
      fr sentences_per_paragraph  2     4.0
    """
    by = _by_columns(by)
    if isinstance(corpus, pd.DataFrame) or not hasattr(corpus, "to_sentences"):
        raise InputError(f"text_profile needs a discourse Corpus, not {type(corpus).__name__}; "
                         "read one with discourse.load_corpus(…)")
    level = corpus.to_sentences()
    toks = level.tokens()
    seg_mask = lang_mask(level, lang, role=role)
    codes, labels = groups(level, by, seg_mask)
    keep = toks.mask(punct=False)
    per_sentence = np.bincount(toks.seg_row[keep], minlength=len(level))
    paragraphs = pd.DataFrame({"g": codes, "doc": toks.doc_codes(), "paragraph": level.column("paragraph")})
    rows = []
    for g in range(len(labels)):
        mine = codes == g
        sizes = paragraphs[mine].groupby(["doc", "paragraph"], sort=False).size().to_numpy()
        rows.append((g, "tokens_per_sentence", *_summary(per_sentence[mine].astype(float))))
        rows.append((g, "sentences_per_paragraph", *_summary(sizes.astype(float))))
    out = pd.DataFrame(rows, columns=["_g", "unit", "n", "mean", "median", "sd", "min", "max"])
    label_frame = labels[by + ["lang"]].iloc[out["_g"].to_numpy()].reset_index(drop=True)
    out = pd.concat([label_frame, out.drop(columns="_g")], axis=1).astype({"n": np.int64})
    return out[[*by, *PROFILE_COLUMNS]]
