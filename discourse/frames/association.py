"""Dice association between source frame forms and target words over aligned units (for renderings).

:class:`Association` counts, once per language pair, in how many aligned units each target
content word occurs (the corpus's own tokens, so nothing is tokenized again) and, per
distinct source form, in how many of the units that have the form; the Dice coefficient
``2·c(form, word) / (c(form) + c(word))`` is then a look-up.

>>> import discourse
>>> from discourse.frames.profile import frame_hits
>>> corpus = discourse.load_corpus()
>>> a = Association(corpus, frame_hits(corpus), "zh", "fr")
>>> a.strength("中央", {"central"}), a.strength("军令状", {"responsables"})  # 2 units; 1 is no evidence
(1.0, 0.0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from discourse.corpus import COUNTED_ROLES
from discourse.languages import get_tokenizer

__all__ = ["Association", "aligned_rows", "LEARNED_MIN_COUNT", "LEARNED_MIN_DICE", "TRUSTED_COUNT"]

#: A Dice coefficient counts in a pairing score only from this many co-occurring units: from
#: one, every word found once with the form has a Dice of 1 (军令状, in one sentence with
#: « acte d'engagement contre la pauvreté », is no evidence that they translate each other).
TRUSTED_COUNT = 2
#: A learned rendering co-occurs with the source form in at least this many aligned units
#: (one co-occurrence gives any word found once a Dice of 1) …
LEARNED_MIN_COUNT = 3
#: … with at least this Dice coefficient.
LEARNED_MIN_DICE = 0.5


class Association:
    """Dice between a source form and a target word over the aligned units of one language pair.

    Parameters
    ----------
    units : Corpus
        The aligned units (paragraph or sentence level) the hits were found in.
    hits : DataFrame
        :func:`discourse.frames.frame_hits` of `units`.
    source, target : str
        The language pair.
    aligned : tuple, optional
        :func:`aligned_rows` of `units`, when the caller has it.
    """

    def __init__(self, units, hits, source, target, *, aligned=None):
        self.target = target
        rows, docs, aligns, keys, row_lang = aligned_rows(units) if aligned is None else aligned
        is_tgt = (row_lang == target) & np.isin(keys, keys[row_lang == source])
        codes, uniques = pd.factorize(keys[is_tgt])  # in order of first appearance
        first = np.flatnonzero(is_tgt)[np.unique(codes, return_index=True)[1]]
        self.unit_code = dict(zip(zip(pd.Series(docs[first]).tolist(), aligns[first].tolist()), range(len(uniques))))
        self.n_units = len(uniques)
        toks = units.tokens()
        vocab = toks.vocab
        seg_unit = np.full(len(units), -1, dtype=np.int64)
        seg_unit[rows[is_tgt]] = codes
        tok_unit = seg_unit[toks.seg_row]
        keep = tok_unit >= 0
        pairs = np.unique(tok_unit[keep] * len(vocab) + toks.type_id[keep])
        self._unit = pairs // len(vocab)
        self._type = pairs % len(vocab)
        content = toks.memo(("association_content", target), lambda: _content(toks, target))
        sel = content[self._type] if len(self._type) else np.zeros(0, dtype=bool)
        self._unit, self._type = self._unit[sel], self._type[sel]
        self._vocab = vocab
        self.count = np.bincount(self._type, minlength=len(vocab))
        src = np.asarray(hits["lang"]) == source
        self.forms = {}
        for d, a, form in zip(*(np.asarray(hits[c])[src].tolist() for c in ("doc_id", "align_id", "match"))):
            code = self.unit_code.get((d, int(a)))
            if code is not None:
                self.forms.setdefault(form, set()).add(code)
        self._dice = {}  # form -> {word: dice}, built on first use
        self._trusted = {}  # form -> ({word: Dice} of the words co-occurring in TRUSTED_COUNT units, their set)
        self._both, self._learned = {}, {}  # form -> {word: co-occurrences}; form -> learned words

    def _together(self, form):
        """Per target type, in how many of the form's units it occurs; and the form's units."""
        units = self.forms.get(form, set())
        inside = np.zeros(self.n_units, dtype=bool)
        inside[list(units)] = True
        return np.bincount(self._type[inside[self._unit]], minlength=len(self._vocab)), len(units)

    def _dice_of(self, both, n, types) -> dict:
        return {self._vocab[t]: 2 * b / (n + c) for t, b, c in zip(types.tolist(), both[types].tolist(),
                                                                    self.count[types].tolist())}

    def dice(self, form) -> dict:
        """``{target word: Dice with form}`` for the words that co-occur with `form`."""
        out = self._dice.get(form)
        if out is None:
            both, n = self._together(form)
            hit = np.flatnonzero(both)
            out = self._dice[form] = self._dice_of(both, n, hit)
            self._both[form] = dict(zip((self._vocab[t] for t in hit.tolist()), both[hit].tolist()))
        return out

    def learned(self, form) -> list[tuple[str, float]]:
        """Target words that may render `form` by association alone: ``(word, dice)``, strongest first.

        Words co-occurring with the form in at least :data:`LEARNED_MIN_COUNT` aligned
        units with a Dice of at least :data:`LEARNED_MIN_DICE`.
        """
        out = self._learned.get(form)
        if out is None:
            table = self.dice(form) if form in self.forms else {}
            both = self._both.get(form, {})
            out = self._learned[form] = sorted(
                ((w, x) for w, x in table.items() if x >= LEARNED_MIN_DICE and both[w] >= LEARNED_MIN_COUNT),
                key=lambda p: (-p[1], p[0]))
        return out

    def trusted(self, form) -> tuple[dict, frozenset]:
        """``({word: Dice}, words)`` of the target words co-occurring with `form` in at least
        :data:`TRUSTED_COUNT` units (built once per form)."""
        trusted = self._trusted.get(form)
        if trusted is None:
            trusted = {}
            if form in self.forms:
                both, n = self._together(form)
                trusted = self._dice_of(both, n, np.flatnonzero(both >= TRUSTED_COUNT))
            trusted = self._trusted[form] = (trusted, frozenset(trusted))
        return trusted

    def strength(self, form, words) -> float:
        """The strongest Dice between `form` and one of `words` co-occurring with it in at least
        :data:`TRUSTED_COUNT` units (0.0 when none does)."""
        dice, trusted = self.trusted(form)
        common = trusted.intersection(words)
        return max(map(dice.__getitem__, common)) if common else 0.0


def aligned_rows(units) -> tuple:
    """What :class:`Association` needs of the aligned segments of `units`, whatever the language
    pair (a caller building several gives it once, ``aligned=``): their rows, documents, align ids,
    unit keys (one integer per document and align id) and languages.

    >>> import discourse
    >>> rows, docs, aligns, keys, langs = aligned_rows(discourse.load_corpus())
    >>> len(rows), sorted(set(langs.tolist()))
    (11, ['fr', 'vi', 'zh'])
    """
    lang, align = units.column("lang"), units.column("align_id")
    rows = np.flatnonzero(units.mask(role=list(COUNTED_ROLES)) & pd.notna(align))
    # a unit is (document, align id): one integer per pair of codes, no tuple per row
    docs = units.column("doc_id")[rows]
    aligns = pd.Series(align[rows]).astype("int64").to_numpy()
    align_code, align_values = pd.factorize(aligns)
    keys = pd.factorize(docs)[0].astype(np.int64) * max(len(align_values), 1) + align_code
    return rows, docs, aligns, keys, lang[rows]


def _content(toks, target) -> np.ndarray:
    """Per type of the tokens' vocabulary, whether it is a content word of `target` (no stopword,
    punctuation or digit: the punctuation is the tokens' own ``is_punct``; only a type that is
    not all letters is looked at character by character, as no letter is a digit)."""
    vocab, n = toks.vocab, len(toks.vocab)
    stop = get_tokenizer(target).stopwords
    out = ~(np.fromiter(map(stop.__contains__, vocab), dtype=bool, count=n) | toks.is_punct)
    for i in np.flatnonzero(out & ~np.fromiter(map(str.isalpha, vocab), dtype=bool, count=n)).tolist():
        if any(c.isdigit() for c in vocab[i]):
            out[i] = False
    return out
