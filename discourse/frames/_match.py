"""One batched search for every term of a lexicon: :func:`match_terms`.

:func:`discourse.query.find` searches one query at a time; a lexicon has hundreds of
terms, and most of the cost of searching them one by one is the fixed cost of each
search. Here every term of every language is compiled once (per tokenizer) into
sequences of type-id sets, and all of them are found together with a few numpy
operations over the token arrays. The hits are those of ``find(tokens, term,
lang=lang, warn=False)`` for each term — same elements (a word or phrase tokenized by
the corpus's tokenizer, a wildcard on one token's normalised form, a phrase written
with spaces in a language without them also found joined), same spans, each once.

>>> import discourse
>>> toks = discourse.load_corpus().tokens()
>>> found = match_terms(toks, [("zh", "*攻坚*"), ("fr", "acte d'engagement")])
>>> sorted(found), [int((found["term"] == k).sum()) for k in (0, 1)]
(['end', 'first', 'last', 'seg_row', 'start', 'term'], [14, 2])
"""

from __future__ import annotations

import fnmatch
import functools
import re
import unicodedata

import numpy as np

__all__ = ["KEPT", "compile_term", "match_terms"]

_EMPTY = np.zeros(0, dtype=np.int64)
#: The term lists whose hits are kept per Tokens (all dropped when one more is searched).
KEPT = 8


@functools.lru_cache(maxsize=4096)
def compile_term(tokenizer, term: str) -> tuple[tuple[tuple[tuple[str, str], ...], ...], ...]:
    """The variants of one term as sequences of ``(kind, pattern)``: ``literal`` (a norm)
    or ``glob`` (a wildcard on a normalised form), as :func:`discourse.query.find` reads
    the term with this tokenizer. A phrase written with spaces in a language without
    them ("中央 统筹") has a second variant, its words joined.

    >>> from discourse.languages import get_tokenizer
    >>> compile_term(get_tokenizer("fr"), "Lutte contre*")
    ((('literal', 'lutte'), ('glob', 'contre*')),)
    >>> len(compile_term(get_tokenizer("zh"), "中央 统筹"))
    2
    """
    joins = [" "]
    if len(term.split()) > 1 and not tokenizer.spaces_between_words:
        joins.append("")
    variants = []
    for join in joins:
        out, run = [], []
        for word in [*term.split(), None]:
            if word is None or "*" in word or "?" in word:
                if run:
                    text = unicodedata.normalize("NFC", join.join(run))
                    out.extend(("literal", norm) for _, _, norm in tokenizer.tokenize(text))
                    run = []
                if word is not None:
                    out.append(("glob", tokenizer.normalize(word)))
            else:
                run.append(word)
        variants.append(tuple(out))
    return tuple(variants)


@functools.lru_cache(maxsize=64)
def _glob_patterns(globs: tuple[str, ...]) -> tuple[list[re.Pattern], re.Pattern]:
    """Each glob as a case-insensitive pattern, and one pattern matching any of them."""
    compiled = [re.compile(fnmatch.translate(g), re.IGNORECASE) for g in globs]
    return compiled, re.compile("|".join(f"(?:{rx.pattern})" for rx in compiled), re.IGNORECASE)


def _glob_types(vocab, globs: list[str]) -> dict[str, np.ndarray]:
    """Type ids whose form fully matches each glob (case-insensitively): one combined
    pattern picks the few candidate types, each glob then tests only those."""
    if not globs:
        return {}
    compiled, anyone = _glob_patterns(tuple(globs))
    candidates = [(i, v) for i, v in enumerate(vocab) if anyone.fullmatch(v)]
    return {g: np.array([i for i, v in candidates if rx.fullmatch(v)], dtype=np.int64)
            for g, rx in zip(globs, compiled)}


def match_terms(tokens, terms, *, searched=None) -> dict[str, np.ndarray]:
    """Every hit of every ``(lang, term)`` in ``terms``, found together.

    Parameters
    ----------
    tokens : Tokens
    terms : list of (str, str)
        ``(lang, term)``: a term is searched in the segments of its language.
    searched : numpy.ndarray of bool, optional
        Per segment row, whether to search it (default: all).

    Returns
    -------
    dict of numpy.ndarray
        int64 arrays ``term`` (index into ``terms``), ``seg_row``, ``first``, ``last``
        (token indices, ``last`` one past the end), ``start``, ``end`` (character offsets
        in the segment), sorted by term and then in corpus order; a span of a term once.

    Examples
    --------
    >>> import discourse
    >>> toks = discourse.load_corpus().tokens()
    >>> hits = match_terms(toks, [("fr", "lutte"), ("zh", "lutte")])
    >>> set(hits["term"].tolist())
    {0}

    The hits of all segments are kept with the tokens (:meth:`Tokens.memo_in`, the last
    :data:`KEPT` term lists): a second search for the same terms, as each frame function
    makes, reads them back (read-only arrays).
    """
    if searched is not None:
        return _match_terms(tokens, terms, searched)
    key = tuple(terms)
    return dict(tokens.memo_in(("match_terms",), key, lambda: _read_only(_match_terms(tokens, key, None)), limit=KEPT))


def _read_only(arrays: dict) -> dict:
    for values in arrays.values():
        values.flags.writeable = False
    return arrays


def _match_terms(tokens, terms, searched) -> dict[str, np.ndarray]:
    rows_of = tokens.lang_rows()
    n_seg = len(tokens.corpus)
    pattern_term, pattern_sets = [], []
    by_lang: dict[str, list[int]] = {}
    for index, (lang, term) in enumerate(terms):
        if lang in rows_of and len(rows_of[lang]):
            by_lang.setdefault(lang, []).append(index)
    vocab_index = tokens.vocab_index()
    compiled = {lang: [compile_term(tokens.tokenizer(lang), terms[i][1]) for i in idx] for lang, idx in by_lang.items()}
    globs = sorted({p for variants in compiled.values() for vs in variants for v in vs for k, p in v if k == "glob"})
    glob_types = _glob_types(tokens.vocab, globs)
    parts = []
    for lang, idx in by_lang.items():
        pattern_term, pattern_sets = [], []
        for i, variants in zip(idx, compiled[lang]):
            for variant in variants:
                sets = [glob_types[p] if k == "glob" else
                        (np.array([vocab_index[p]], dtype=np.int64) if p in vocab_index else _EMPTY)
                        for k, p in variant]
                if sets and all(len(s) for s in sets):
                    pattern_term.append(i)
                    pattern_sets.append(sets)
        if not pattern_sets:
            continue
        in_lang = np.zeros(n_seg, dtype=bool)
        in_lang[rows_of[lang]] = True
        if searched is not None:
            in_lang &= searched
        parts.append(_find_patterns(tokens, np.array(pattern_term, dtype=np.int64), pattern_sets, in_lang))
    return _unique_spans(parts)


def _find_patterns(tokens, pattern_term, pattern_sets, in_rows) -> dict[str, np.ndarray]:
    """The hits of every pattern (a sequence of type-id sets) in the segments ``in_rows``."""
    lengths = np.array([len(s) for s in pattern_sets], dtype=np.int64)
    n_vocab = len(tokens.vocab)
    # (pattern, step, type) keys of every element; step 0 also as a type -> patterns table
    keys = np.concatenate([(p * int(lengths.max()) + k) * n_vocab + s
                           for p, sets in enumerate(pattern_sets) for k, s in enumerate(sets)])
    keys = np.unique(keys)
    firsts = [(s, np.full(len(s), p, dtype=np.int64)) for p, sets in enumerate(pattern_sets) for s in sets[:1]]
    first_type = np.concatenate([t for t, _ in firsts])
    first_pattern = np.concatenate([p for _, p in firsts])
    order = np.lexsort((first_pattern, first_type))
    first_type, first_pattern = first_type[order], first_pattern[order]
    pos = tokens.positions_of(np.unique(first_type))
    seg_row = tokens.seg_row
    pos = pos[in_rows[seg_row[pos]]]
    lo = np.searchsorted(first_type, tokens.type_id[pos], side="left")
    hi = np.searchsorted(first_type, tokens.type_id[pos], side="right")
    counts = hi - lo
    cand = np.repeat(pos, counts)
    starts = np.repeat(lo, counts)
    within = np.arange(len(cand)) - np.repeat(np.cumsum(counts) - counts, counts)
    pat = first_pattern[starts + within]
    n_tok = len(tokens)
    width = int(lengths.max())
    for k in range(1, width):
        longer = lengths[pat] > k
        nxt = cand + k
        ok = ~longer
        check = longer & (nxt < n_tok)
        at = nxt[check]
        same = seg_row[at] == seg_row[cand[check]]
        want = (pat[check] * width + k) * n_vocab + tokens.type_id[at]
        where = np.searchsorted(keys, want)
        member = (where < len(keys)) & (keys[np.minimum(where, len(keys) - 1)] == want)
        ok[np.flatnonzero(check)] = same & member
        cand, pat = cand[ok], pat[ok]
    last = cand + lengths[pat]
    return {"term": pattern_term[pat], "seg_row": seg_row[cand].astype(np.int64), "first": cand.astype(np.int64),
            "last": last.astype(np.int64), "start": tokens.start[cand].astype(np.int64),
            "end": tokens.end[last - 1].astype(np.int64)}


def _unique_spans(parts) -> dict[str, np.ndarray]:
    """The hits sorted by term, segment, start, end; a term's span once (the first found)."""
    names = ["term", "seg_row", "first", "last", "start", "end"]
    if not parts:
        return {name: _EMPTY.copy() for name in names}
    columns = {name: np.concatenate([p[name] for p in parts]) for name in names}
    term, row, start, end = columns["term"], columns["seg_row"], columns["start"], columns["end"]
    span = int(end.max(initial=0)) + 1  # (term, segment) and (start, end) each as one key
    order = np.lexsort((start * span + end, term * (int(row.max(initial=0)) + 1) + row))
    t, r, s, e = term[order], row[order], start[order], end[order]
    repeated = (t[1:] == t[:-1]) & (r[1:] == r[:-1]) & (s[1:] == s[:-1]) & (e[1:] == e[:-1])
    order = order[np.r_[True, ~repeated]] if len(order) else order
    return {name: values[order] for name, values in columns.items()}
