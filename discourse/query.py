"""Finding words and phrases in a corpus's tokens: the search behind concordances and frames.

A query is matched on **tokens**, in every language of the corpus (or the ones asked for):

* a word or phrase — ``"责任"``, ``"trách nhiệm"``, ``"recours en responsabilité"``,
  ``"中央 统筹"`` — is tokenized by each language's own tokenizer, and matches where the
  corpus has that sequence of tokens (so a Vietnamese multi-syllable word is one token
  on both sides, and a French ``d’un`` is ``d’`` + ``un`` on both sides);
* a whitespace-separated word with ``*`` or ``?`` is a wildcard on one token's form
  (``"respons*"``; ``"trách*"`` also matches the token ``trách nhiệm``);
* ``regex=True`` makes the query one regular expression, matched against each token's
  whole form;
* a list of queries finds any of them.

Matching uses the normalised forms (``norm``: lowercase, unified apostrophes and
Vietnamese tone placement) unless ``case=True``; ``diacritics=False`` also ignores accents
and tone marks (``"xoa"`` finds ``xoá`` and ``xóa``). ``chars=True`` searches the raw
characters instead of tokens, so ``"攻坚"`` is found inside ``脱贫攻坚战``.
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata

import numpy as np
import pandas as pd

from .errors import InputError

__all__ = ["find", "fold_diacritics"]

HIT_COLUMNS = ["seg_row", "first", "last", "start", "end"]


def fold_diacritics(text: str) -> str:
    """Remove accents and tone marks (and map đ to d), keeping the letters.

    >>> fold_diacritics("Xoá đói, responsabilité")
    'Xoa doi, responsabilite'
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).replace("đ", "d").replace("Đ", "D")


def find(tokens, query, *, lang=None, regex: bool = False, case: bool = False, diacritics: bool = True,
         chars: bool = False) -> pd.DataFrame:
    """Find a query in a corpus's tokens.

    Parameters
    ----------
    tokens : Tokens
        From ``corpus.tokens()``.
    query : str or list of str
        A word, a phrase, a wildcard pattern, a regular expression (``regex=True``), or a
        list of these (any of them).
    lang : str or list of str, optional
        Search only these languages.
    regex : bool
        The query is a regular expression on one token's form (whole-form match).
    case : bool
        Match case (surface forms) instead of normalised forms.
    diacritics : bool
        ``False`` ignores accents and tone marks.
    chars : bool
        Match the raw characters of the text, also inside words (a plain string or, with
        ``regex=True``, a regular expression).

    Returns
    -------
    DataFrame
        One row per hit, in corpus order: ``seg_row`` (row of the segment in
        ``corpus.segments``), ``first``/``last`` (index of the first and one past the last
        token of the hit in the tokens arrays), ``start``/``end`` (character offsets of
        the hit in the segment's text).

    Examples
    --------
    >>> import discourse
    >>> toks = discourse.load_corpus().tokens()
    >>> len(find(toks, "trách nhiệm", lang="vi")) > 5
    True
    >>> hits = find(toks, "攻坚", lang="zh", chars=True)
    >>> seg = toks.corpus.segments
    >>> {seg.text[r][s:e] for r, s, e in zip(hits.seg_row, hits.start, hits.end)}
    {'攻坚'}
    """
    queries = [query] if isinstance(query, str) else list(query)
    if not queries or any(not isinstance(q, str) or not q.strip() for q in queries):
        raise InputError("the query is empty; give a word, a phrase or a pattern")
    rows_of = tokens._lang_rows()
    langs = list(rows_of) if lang is None else ([lang] if isinstance(lang, str) else list(lang))
    parts = []
    for q in queries:
        for code in langs:
            rows = rows_of.get(code, ())
            if len(rows) == 0:
                continue
            if chars:
                parts.append(_find_chars(tokens, q, rows, regex=regex, case=case, diacritics=diacritics))
            else:
                parts.append(_find_tokens(tokens, q, code, rows, regex=regex, case=case, diacritics=diacritics))
    return _sorted_hits(parts)


def _sorted_hits(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The hits of all parts in corpus order (``seg_row, start, end``), each span once
    (the first found), as int64 columns ``HIT_COLUMNS``: one ``numpy.lexsort``."""
    parts = [part for part in parts if len(part)] or parts[:1]
    if len(parts) == 1:  # no copy
        columns = {col: np.asarray(parts[0][col], dtype=np.int64) for col in HIT_COLUMNS}
    else:
        columns = {col: np.concatenate([np.asarray(part[col], dtype=np.int64) for part in parts])
                   if parts else np.zeros(0, dtype=np.int64) for col in HIT_COLUMNS}
    row, start, end = columns["seg_row"], columns["start"], columns["end"]
    if _strictly_increasing(row, start, end):  # one word's hits: already in order, each once
        ready = len(parts) == 1 and isinstance(parts[0], pd.DataFrame) and list(parts[0].columns) == HIT_COLUMNS
        return parts[0] if ready and (parts[0].dtypes == np.int64).all() else int_frame(columns)
    order = np.lexsort((end, start, row))  # stable: the first found comes first
    r, s, e = row[order], start[order], end[order]
    repeated = (r[1:] == r[:-1]) & (s[1:] == s[:-1]) & (e[1:] == e[:-1])
    order = order[np.r_[True, ~repeated]]
    return int_frame({col: values[order] for col, values in columns.items()})


def int_frame(columns: dict) -> pd.DataFrame:
    """A DataFrame of int64 columns held in one block (no copy when pandas makes it, and
    none later to consolidate): quicker than ``pd.DataFrame(columns)`` for large hits."""
    n = len(next(iter(columns.values()))) if columns else 0
    block = np.empty((len(columns), n), dtype=np.int64)
    for i, values in enumerate(columns.values()):
        block[i] = values
    return pd.DataFrame(block.T, columns=list(columns), copy=False)


def _strictly_increasing(*keys: np.ndarray) -> bool:
    """Whether the rows of the key columns are in strictly increasing lexicographic order."""
    after = np.zeros(max(len(keys[0]) - 1, 0), dtype=bool)
    tied = np.ones_like(after)
    for key in keys:
        after |= tied & (key[1:] > key[:-1])
        tied &= key[1:] == key[:-1]
    return bool(after.all())


# ---------------------------------------------------------------------------- tokens
def _elements(query: str, lang: str, *, regex: bool, join: str = " ") -> list[tuple[str, str]]:
    """The query as a sequence of ``(kind, pattern)``: kind ``"literal"`` (a norm form),
    ``"glob"`` or ``"regex"``. Words of a literal run are joined with ``join`` before
    they are tokenized."""
    from .languages import get_tokenizer

    if regex:
        try:
            re.compile(query)
        except re.error as err:
            raise InputError(f"the regular expression {query!r} is not valid: {err}") from None
        return [("regex", query)]
    tokenizer = get_tokenizer(lang)
    out: list[tuple[str, str]] = []
    run: list[str] = []

    def flush():
        if run:
            text = join.join(run)
            out.extend(("literal", norm) for _, _, norm in tokenizer.tokenize(unicodedata.normalize("NFC", text)))
            run.clear()

    for word in query.split():
        if "*" in word or "?" in word:
            flush()
            out.append(("glob", tokenizer.normalize(word) if hasattr(tokenizer, "normalize") else word.lower()))
        else:
            run.append(word)
    flush()
    return out


def _type_set(tokens, kind: str, pattern: str, *, diacritics: bool) -> np.ndarray:
    """Type ids whose normalised form matches one element (case-insensitively)."""
    if kind == "literal" and diacritics:
        type_id = tokens._vocab_index().get(pattern)
        return np.array([] if type_id is None else [type_id], dtype=np.int64)
    fold = (lambda s: s) if diacritics else fold_diacritics
    if kind == "literal":
        target = fold(pattern)
        return np.array([i for i, v in enumerate(tokens.vocab) if fold(v) == target], dtype=np.int64)
    rx = re.compile(fnmatch.translate(fold(pattern)) if kind == "glob" else pattern, re.IGNORECASE)
    return np.array([i for i, v in enumerate(tokens.vocab) if rx.fullmatch(fold(v))], dtype=np.int64)


def _find_tokens(tokens, query, lang, rows, *, regex, case, diacritics) -> pd.DataFrame:
    from .languages import get_tokenizer

    hits = _find_sequence(tokens, query, _elements(query, lang, regex=regex), rows,
                          regex=regex, case=case, diacritics=diacritics)
    if not regex and len(query.split()) > 1 and not get_tokenizer(lang).spaces_between_words:
        # "中央 统筹": the spaces are the user's, not the language's: 中央统筹 counts too
        joined = _find_sequence(tokens, query, _elements(query, lang, regex=False, join=""), rows,
                                regex=False, case=case, diacritics=diacritics)
        hits = pd.concat([hits, joined], ignore_index=True)
    return hits


def _find_sequence(tokens, query, elements, rows, *, regex, case, diacritics) -> pd.DataFrame:
    sets = [_type_set(tokens, kind, pattern, diacritics=diacritics) for kind, pattern in elements]
    if not sets or any(len(s) == 0 for s in sets):
        return pd.DataFrame(columns=HIT_COLUMNS)
    cand = tokens._positions_of(sets[0])
    if len(rows) < len(tokens.corpus._segments):  # only the segments of some languages
        searched = np.zeros(len(tokens.corpus._segments), dtype=bool)
        searched[rows] = True
        cand = cand[searched[tokens.seg_row[cand]]]
    for k in range(1, len(sets)):
        nxt = cand + k
        ok = nxt < len(tokens)
        cand, nxt = cand[ok], nxt[ok]
        cand = cand[(tokens.seg_row[nxt] == tokens.seg_row[cand]) & np.isin(tokens.type_id[nxt], sets[k])]
    hits = int_frame({"seg_row": tokens.seg_row[cand], "first": cand, "last": cand + len(sets),
                      "start": tokens.start[cand], "end": tokens.end[cand + len(sets) - 1]})
    if case:  # the norms matched case-insensitively; now the surface must match as written
        texts = tokens.corpus._segments["text"].to_numpy()
        surfaces = [texts[r][s:e] for r, s, e in zip(hits["seg_row"], hits["start"], hits["end"])]
        if regex or len(elements) == 1 and elements[0][0] == "glob":
            pattern = query if regex else fnmatch.translate(query.strip())
            rx = re.compile(pattern)
            keep = [bool(rx.fullmatch(s if diacritics else fold_diacritics(s))) for s in surfaces]
        else:
            fold = (lambda s: s) if diacritics else fold_diacritics
            wanted = fold("".join(unicodedata.normalize("NFC", query).split()))
            keep = [fold("".join(unicodedata.normalize("NFC", s).split())) == wanted for s in surfaces]
        hits = hits[np.array(keep, dtype=bool)]
    return hits


# ---------------------------------------------------------------------------- characters
def _find_chars(tokens, query, rows, *, regex, case, diacritics) -> pd.DataFrame:
    texts = tokens.corpus._segments["text"].to_numpy()
    flags = 0 if case else re.IGNORECASE
    if not diacritics:
        raise InputError("diacritic-insensitive matching works on tokens; leave out --chars or keep diacritics")
    try:
        rx = re.compile(query if regex else re.escape(query), flags)
    except re.error as err:
        raise InputError(f"the regular expression {query!r} is not valid: {err}") from None
    out = []
    bounds = tokens._segment_bounds()
    for r in rows:
        lo, hi = bounds[r], bounds[r + 1]
        starts, ends = tokens.start[lo:hi], tokens.end[lo:hi]
        for m in rx.finditer(texts[r]):
            if m.end() == m.start():
                continue
            first = lo + int(np.searchsorted(ends, m.start(), side="right"))
            last = lo + int(np.searchsorted(starts, m.end(), side="left"))
            out.append((r, first, max(last, first + 1), m.start(), m.end()))
    return pd.DataFrame(out, columns=HIT_COLUMNS)
