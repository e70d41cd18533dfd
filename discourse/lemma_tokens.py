"""Tokens counted by lemma: the ``form="lemma"`` option of the counting functions.

A word's lemma depends on its language and its norm only (:mod:`discourse.languages.lemmas`),
so counting by lemma needs no new tokenization: :class:`LemmaTokens` are the same tokens
(segments, offsets, tokenizers) with ``vocab`` the lemmas and ``type_id`` each token's lemma
— a remap of type ids, made once per :class:`~discourse.tokens.Tokens` (:func:`with_form`).
Everything that counts type ids (frequencies, n-grams, keyness, collocates, document-term
matrices) then counts lemmas: « responsabilités » with « responsabilité », *was* with *be*.
Chinese and Vietnamese tokens keep their norm (their words do not inflect).

**Stoplists** with ``form="lemma"``: a token is left out when its norm *or* its lemma is in
its language's stoplist, so every word the stoplist leaves out of a norm list stays out, and
a listed lemma goes with all its forms (French *serons* with *est*: *être* is listed).

Examples
--------
>>> import discourse
>>> toks = with_form(discourse.load_corpus().filter(lang="fr").tokens(), "lemma")
>>> toks.form, "responsabilité" in toks.vocab, "responsabilités" in toks.vocab
('lemma', True, False)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .languages import get_tokenizer
from .languages.lemmas import check_form, lemmas
from .token_options import stoplist_option
from .tokens import Tokens

__all__ = ["LemmaTokens", "LemmaTokenizer", "with_form", "norm_tokens", "lemma_types", "lemma_counts", "union_hits"]


class LemmaTokens(Tokens):
    """The tokens ``norms`` with their lemmas as types (see the module docstring).

    Attributes
    ----------
    norms : Tokens
        The same tokens counted by norm.

    Examples
    --------
    >>> import discourse
    >>> norms = discourse.load_corpus().tokens()
    >>> lemmas = LemmaTokens(norms)
    >>> len(lemmas) == len(norms), len(lemmas.vocab) < len(norms.vocab)
    (True, True)
    """

    form = "lemma"

    def __init__(self, norms: Tokens):
        ids, lemma_vocab = norms.lemma_ids()
        super().__init__(norms.corpus, seg_row=norms.seg_row, start=norms.start, end=norms.end, type_id=ids,
                         vocab=lemma_vocab, is_stop=norms.is_stop, tokenizers=norms.tokenizers)
        self.norms = norms
        self.is_stop = self.stop_mask(None)

    def tokenizer(self, lang: str) -> LemmaTokenizer:
        """The tokenizer of ``lang`` for these tokens: that of :attr:`norms`, giving lemmas
        (so a word or phrase looked for in lemma tokens, a frame term, matches by lemma)."""
        return LemmaTokenizer(self.norms.tokenizer(lang))

    def stop_mask(self, stopwords=None) -> np.ndarray | None:
        """Per token, whether it is a stopword: its norm (:meth:`Tokens.stop_mask` of
        :attr:`norms`) or its lemma is in its language's stoplist (``stopwords`` as there)."""
        stopwords = stoplist_option(stopwords, stacklevel=4)
        by_norm = self.norms.stop_mask(stopwords)
        if by_norm is None:
            return None
        lists = {lang: self.tokenizer(lang).stopwords for lang in self.lang_rows()}
        lists.update({lang: get_tokenizer(lang, stopwords=value).stopwords for lang, value in (stopwords or {}).items()})
        return by_norm | self.listed(lists)

    def listed(self, lists: dict) -> np.ndarray:
        """Per token, whether its lemma is among the words ``lists`` gives for its language."""
        out = np.zeros(len(self), dtype=bool)
        index, rows_of = self.vocab_index(), self.lang_rows()
        for lang, words in lists.items():
            if lang not in rows_of or not words:
                continue
            in_lang = np.zeros(len(self.corpus), dtype=bool)
            in_lang[rows_of[lang]] = True
            is_listed = np.zeros(len(self.vocab), dtype=bool)
            is_listed[[index[w] for w in words if w in index]] = True
            out |= in_lang[self.seg_row] & is_listed[self.type_id]
        return out

    def subset(self, corpus, keep_rows: np.ndarray) -> LemmaTokens:
        """The lemma tokens of the segments kept (see :meth:`Tokens.subset`)."""
        return LemmaTokens(self.norms.subset(corpus, keep_rows))


class LemmaTokenizer:
    """A tokenizer whose norms are lemmas: :meth:`tokenize` gives each token's lemma where
    the wrapped tokenizer gives its norm; everything else (``stopwords``, ``normalize`` …)
    is the wrapped tokenizer's.

    >>> from discourse.languages import get_tokenizer
    >>> LemmaTokenizer(get_tokenizer("fr")).tokenize("Les responsabilités")
    [(0, 3, 'le'), (4, 19, 'responsabilité')]
    """

    def __init__(self, tokenizer):
        self.wrapped = tokenizer

    def __getattr__(self, name):
        return getattr(self.wrapped, name)

    def tokenize(self, text: str) -> list[tuple[int, int, str]]:
        found = self.wrapped.tokenize(text)
        forms = lemmas(self.wrapped.lang, [norm for _, _, norm in found])
        return [(start, end, form) for (start, end, _), form in zip(found, forms)]


def with_form(toks: Tokens, form: str = "norm") -> Tokens:
    """``toks`` counted by ``form``: ``"lemma"`` their :class:`LemmaTokens` (made once per
    Tokens and kept with them); ``"norm"``, the default of every counting function, the
    tokens as given (lemma tokens passed from one function to another stay lemma tokens;
    their norms are :attr:`LemmaTokens.norms`).

    >>> import discourse
    >>> toks = discourse.load_corpus().tokens()
    >>> with_form(toks, "norm") is toks, with_form(toks, "lemma") is with_form(toks, "lemma")
    (True, True)
    """
    if check_form(form) == "norm" or isinstance(toks, LemmaTokens):
        return toks
    return toks.memo(("form", "lemma"), lambda: LemmaTokens(toks))


def norm_tokens(toks: Tokens) -> Tokens:
    """The tokens counted by norm: ``toks`` themselves, or the norms of lemma tokens (where a
    query is looked for).

    >>> import discourse
    >>> toks = discourse.load_corpus().tokens()
    >>> norm_tokens(with_form(toks, "lemma")) is toks
    True
    """
    return toks.norms if isinstance(toks, LemmaTokens) else toks


def lemma_types(tokens: Tokens, lang: str, lemma: str, *, fold=None) -> np.ndarray:
    """The type ids (norms) of the tokens of language ``lang`` whose lemma is ``lemma``
    (compared after ``fold``, e.g. a function removing accents, when given): a ``lemma:`` query.

    >>> import discourse
    >>> toks = discourse.load_corpus().tokens()
    >>> sorted(toks.vocab[t] for t in lemma_types(toks, "fr", "responsabilité"))
    ['responsabilité', 'responsabilités']
    """
    rows = tokens.lang_rows().get(lang)
    if rows is None:
        return np.zeros(0, dtype=np.int64)
    ids, lemma_vocab = tokens.lemma_ids()
    if fold is None:
        wanted = [i for i, form in enumerate(lemma_vocab) if form == lemma]
    else:
        wanted = [i for i, form in enumerate(lemma_vocab) if fold(form) == fold(lemma)]
    in_lang = np.zeros(len(tokens.corpus), dtype=bool)
    in_lang[rows] = True
    hit = in_lang[tokens.seg_row] & np.isin(ids, wanted)
    return np.unique(tokens.type_id[hit]).astype(np.int64)


def lemma_counts(counts: pd.Series, lang: str, *, sep: str = " ") -> pd.Series:
    """A frequency list by norm (counts indexed by term; an n-gram's words joined by ``sep``)
    as a list by lemma: each word lemmatised, the counts of terms alike summed.

    >>> lemma_counts(pd.Series({"responsabilités": 2, "responsabilité": 1, "assumées": 4}), "fr").to_dict()
    {'responsabilité': 3, 'assumer': 4}
    """
    terms = [str(term).split(sep) for term in counts.index]
    words = sorted({word for term in terms for word in term})
    lemma_of = dict(zip(words, lemmas(lang, words)))
    index = pd.Index([sep.join(lemma_of[word] for word in term) for term in terms])
    return counts.groupby(index, sort=False).sum()


def union_hits(*parts: dict) -> dict:
    """Term hits (mappings of int64 arrays ``term, seg_row, first, last, start, end``, as
    :func:`discourse.frames._match.match_terms` gives) together: sorted by term, segment,
    start, end, a term's span once. Frame terms by lemma are the hits by norm (a wildcard
    matches written forms) and by lemma.

    >>> a = {k: np.array(v) for k, v in dict(term=[0], seg_row=[1], first=[2], last=[3], start=[9], end=[12]).items()}
    >>> b = {k: np.array(v) for k, v in dict(term=[0, 0], seg_row=[0, 1], first=[0, 2], last=[1, 3],
    ...                                       start=[0, 9], end=[4, 12]).items()}
    >>> union_hits(a, b)["seg_row"].tolist()
    [0, 1]
    """
    names = ["term", "seg_row", "first", "last", "start", "end"]
    columns = {name: np.concatenate([np.asarray(p[name], dtype=np.int64) for p in parts]) for name in names}
    term, row, start, end = columns["term"], columns["seg_row"], columns["start"], columns["end"]
    order = np.lexsort((end, start, row, term))
    t, r, s, e = term[order], row[order], start[order], end[order]
    repeated = (t[1:] == t[:-1]) & (r[1:] == r[:-1]) & (s[1:] == s[:-1]) & (e[1:] == e[:-1])
    order = order[np.r_[True, ~repeated]] if len(order) else order
    return {name: values[order] for name, values in columns.items()}
