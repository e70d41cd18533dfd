"""Finding words and phrases in a corpus's tokens: the search behind concordances and frames.

A query is matched on **tokens**, in every language of the corpus (or the ones asked for):

* a word or phrase — ``"责任"``, ``"trách nhiệm"``, ``"recours en responsabilité"``,
  ``"中央 统筹"`` — is tokenized by each language's own tokenizer, and matches where the
  corpus has that sequence of tokens (so a Vietnamese multi-syllable word is one token
  on both sides, and a French ``d’un`` is ``d’`` + ``un`` on both sides);
* a whitespace-separated word with ``*`` or ``?`` is a wildcard on one token's form
  (``"respons*"``; ``"trách*"`` also matches the token ``trách nhiệm``);
* ``lemma:WORD`` matches every token whose lemma is WORD (``"lemma:assumer"`` finds *assume*,
  *assumées* …; :mod:`discourse.languages.lemmas`; in zh and vi the lemma is the norm);
* ``regex=True`` makes the query one regular expression, matched against each token's
  whole form (run by the ``regex`` engine with a time bound: a catastrophic pattern such
  as ``(a|aa)+b`` is stopped with an :class:`~discourse.errors.InputError` saying why,
  see :mod:`discourse._user_regex`);
* a list of queries finds any of them.

Matching uses the normalised forms (``norm``: lowercase, unified apostrophes and
Vietnamese tone placement) unless ``case=True``; ``diacritics=False`` also ignores accents
and tone marks (``"xoa"`` finds ``xoá`` and ``xóa``). ``chars=True`` searches the raw
characters instead of tokens, so ``"攻坚"`` is found inside ``脱贫攻坚战``.

A query is tokenized by the tokenizer of the corpus's tokens (with its user dictionary).
A word or phrase that occurs in the text but cannot be found as words there — the
tokenizer keeps it inside longer words (印度 in 印度尼西亚) or cuts it otherwise — gets a
:class:`~discourse.errors.DiscourseWarning` naming the term and the fix: add it to the
user dictionary (``load_corpus(…, user_dict={"zh": ["防汛抗洪"]})``) if it is a word
there, or search inside words (``*印度*``, ``chars=True``) if not (:func:`unmatched`).
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
import warnings

import numpy as np
import pandas as pd

from ._hit_arrays import HIT_COLUMNS, int_frame, sorted_hits
from ._user_regex import UserPattern
from .errors import DiscourseWarning, InputError
from .query_elements import elements as parse_elements
from .query_elements import fold_diacritics, type_set

__all__ = ["find", "find_hits", "fold_diacritics", "int_frame", "unmatched", "MAX_WINDOW"]

#: The largest window around a hit (tokens or characters on each side) that a concordance or
#: collocates take; a window never reaches beyond the hit's segment, and a larger value is
#: refused as a mistake (``--window 1000000000``) rather than tried.
MAX_WINDOW = 1000
_WORD_RUN = re.compile(r"\w+")
_DOTTED_I = str.maketrans({"\u0130": "i", "\u0131": "i"})  # İ and ı: re's IGNORECASE matches them with i and I


def find(tokens, query, *, lang=None, regex: bool = False, case: bool = False, diacritics: bool = True,
         chars: bool = False, warn: bool = True) -> pd.DataFrame:
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
    warn : bool
        Warn (:class:`~discourse.errors.DiscourseWarning`) about a word or phrase that
        occurs in the text but cannot be found as words (see :func:`unmatched`).

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
    return int_frame(find_hits(tokens, query, lang=lang, regex=regex, case=case, diacritics=diacritics, chars=chars,
                               warn=warn, stacklevel=3))


def find_hits(tokens, query, *, lang=None, regex: bool = False, case: bool = False, diacritics: bool = True,
              chars: bool = False, warn: bool = True, stacklevel: int = 2) -> dict[str, np.ndarray]:
    """:func:`find`'s hits as int64 arrays, ``{column: array}`` (columns ``seg_row, first,
    last, start, end``), without making a DataFrame: the quick path of a concordance.

    ``stacklevel`` is the warning's (2: the line that called this function).

    Examples
    --------
    >>> import discourse
    >>> hits = find_hits(discourse.load_corpus().tokens(), "军令状")
    >>> {col: values.tolist() for col, values in hits.items()}
    {'seg_row': [12], 'first': [1157], 'last': [1158], 'start': [95], 'end': [98]}
    """
    queries = [query] if isinstance(query, str) else list(query)
    if not queries or any(not isinstance(q, str) or not q.strip() for q in queries):
        raise InputError("the query is empty; give a word, a phrase or a pattern")
    rows_of = tokens.lang_rows()
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
                found = _find_tokens(tokens, q, code, rows, regex=regex, case=case, diacritics=diacritics)
                parts.append(found)
                if warn and not regex and not case and diacritics:
                    problem = unmatched(tokens, q, code, hits=found)
                    if problem:
                        warnings.warn(problem["message"], DiscourseWarning, stacklevel=stacklevel)
    return sorted_hits(parts)


def unmatched(tokens, term: str, lang: str, *, hits=None, what: str = "the query") -> dict | None:
    """Where a word or phrase occurs in the text of a language but is not found as words.

    The term's characters are searched in the raw text (case-insensitively; for a
    language with spaces between words, as whole words) and compared with the token
    matches of :func:`find`. A problem is reported when the term occurs in the text

    * but is never found as words (the tokenizer keeps it inside longer words — 印度 in
      印度尼西亚 — or cuts those places otherwise), or
    * (Chinese) the tokenizer cuts the term itself into several words (防汛抗洪 → 防汛 |
      抗洪) and some of its occurrences are cut otherwise in their context.

    A term with a wildcard is not checked.

    Parameters
    ----------
    tokens : Tokens
    term : str
    lang : str
    hits : DataFrame, optional
        ``find(tokens, term, lang=lang, warn=False)`` if already made.
    what : str
        How the message names the term's source ("the query", "lexicon term").

    Returns
    -------
    dict or None
        ``None`` when there is nothing to report; else ``term, lang, occurrences`` (in the
        raw text), ``found`` (as words), ``missed``, ``parts`` (how the tokenizer cuts
        the term alone), ``contexts`` (the words the missed places lie in, most frequent
        first, as ``"印度尼西亚"`` or cut ``"防 | 汛抗洪"``) and ``message``.

    Examples
    --------
    >>> import discourse, pandas as pd
    >>> corpus = discourse.Corpus(pd.DataFrame({"doc_id": "d", "lang": "zh",
    ...                                         "text": ["印度尼西亚和马来西亚。"]}))
    >>> problem = unmatched(corpus.tokens(), "印度", "zh")
    >>> problem["occurrences"], problem["found"], problem["contexts"]
    (1, 0, ['印度尼西亚'])
    """
    words = term.split()
    if not words or any("*" in w or "?" in w for w in words):
        return None
    rows = tokens.lang_rows().get(lang)
    if rows is None or not len(rows):
        return None
    tokenizer = tokens.tokenizer(lang)
    spaced = tokenizer.spaces_between_words
    parts = [norm for _, _, norm in tokenizer.tokenize(unicodedata.normalize("NFC", "".join(words)))] \
        if not spaced else []
    split = len(words) == 1 and len(parts) > 1
    if hits is not None and len(hits["seg_row"]) and not split:  # found as words, and one word: nothing to report,
        return None  # whatever the text holds (the rule at the end), so the text is not scanned
    apostrophe = "['’ʼ]"
    if spaced:
        body = r"\s+".join(re.escape(unicodedata.normalize("NFC", w)).replace("'", apostrophe) for w in words)
        rx = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
    else:
        rx = re.compile(re.escape(unicodedata.normalize("NFC", "".join(words))), re.IGNORECASE)
    text, offsets = _joined_text(tokens, lang)
    if _surely_absent(tokens, lang, words, spaced) or rx.search(text) is None:  # the usual case for a term
        return None  # absent from the text: known from the text's words, else one scan
    spans = np.array([m.span() for m in rx.finditer(text)], dtype=np.int64).reshape(-1, 2)
    at = np.searchsorted(offsets, spans[:, 0], side="right") - 1
    seg_rows, starts, ends = rows[at], spans[:, 0] - offsets[at], spans[:, 1] - offsets[at]
    if hits is None:
        hits = find(tokens, term, lang=lang, warn=False)
    found = set(zip(hits["seg_row"].tolist(), hits["start"].tolist(), hits["end"].tolist()))
    missed = [k for k, key in enumerate(zip(seg_rows.tolist(), starts.tolist(), ends.tolist())) if key not in found]
    if not missed or (found and not split):
        return None
    texts = tokens.corpus.column("text")
    bounds = tokens.segment_bounds()
    contexts: dict[str, int] = {}
    for k in missed:
        r, s, e = int(seg_rows[k]), int(starts[k]), int(ends[k])
        lo, hi = bounds[r], bounds[r + 1]
        first = lo + int(np.searchsorted(tokens.end[lo:hi], s, side="right"))
        last = lo + int(np.searchsorted(tokens.start[lo:hi], e, side="left"))
        shown = " | ".join(texts[r][tokens.start[i]:tokens.end[i]] for i in range(first, max(last, first + 1)))
        contexts[shown] = contexts.get(shown, 0) + 1
    ordered = sorted(contexts, key=lambda c: -contexts[c])
    listed = ", ".join(f"{c} ({contexts[c]})" for c in ordered[:5]) + (" …" if len(ordered) > 5 else "")
    how = (f"is not one word for the {lang} tokenizer ({' | '.join(parts)}), and " if split else "")
    inside = f"'*{''.join(words)}*' or " if not spaced or len(words) == 1 else ""  # a wildcard is one token
    message = (f"{what} {term!r} ({lang}) {how}is in the text {len(missed)} time(s) where it is not found as "
               f"words (found {len(found)} time(s)): the tokenizer cuts those places as {listed}. "
               f"If it is one word there, add it to the user dictionary: user_dict={{{lang!r}: [{term!r}]}} "
               f"(command line: --user-dict {lang}=FILE); if it is part of longer words there, search "
               f"inside words with {inside}chars=True.")
    return {"term": term, "lang": lang, "occurrences": len(spans), "found": len(found), "missed": len(missed),
            "parts": parts, "contexts": ordered, "message": message}


def _surely_absent(tokens, lang: str, words: list[str], spaced: bool) -> bool:
    """Whether :func:`unmatched`'s case-insensitive search of the term (``words``) in the raw
    text of ``lang`` surely finds nothing, known without scanning the text (``False``: scan).

    * One word of word characters (``\\w``) in a language with spaces: a match of
      ``(?<!\\w)WORD(?!\\w)`` is a whole run of word characters of the text (a character
      that matches a word character ignoring case is one itself, but for the Greek iota,
      which U+0345 matches), so the word is absent when no run has its :func:`_word_key`,
      the runs' keys being made once per Tokens.
    * A term whose characters have no case (Chinese): present only as written (``in``).

    >>> import discourse, pandas as pd
    >>> toks = discourse.Corpus(pd.DataFrame({"doc_id": "d", "lang": "fr", "text": ["Il fut ſeul."]})).tokens()
    >>> _surely_absent(toks, "fr", ["seul"], True), _surely_absent(toks, "fr", ["FUT"], True)
    (False, False)
    >>> _surely_absent(toks, "fr", ["seuls"], True), _surely_absent(toks, "fr", ["d'un"], True)
    (True, False)
    """
    term = unicodedata.normalize("NFC", "".join(words))
    if spaced and len(words) == 1 and _WORD_RUN.fullmatch(term) and "ι" not in _word_key(term):
        keys = tokens.memo(("word_keys", lang), lambda: {_word_key(run) for run in
                                                         set(_WORD_RUN.findall(_joined_text(tokens, lang)[0]))})
        return _word_key(term) not in keys
    if not spaced and all(c.lower() == c.upper() == c.casefold() == c for c in term):  # re matches each only as is
        return term not in _joined_text(tokens, lang)[0]
    return False


def _word_key(word: str) -> str:
    """A form that two words share whenever ``re`` matches one with the other ignoring case
    (casefolded, with İ and ı as i: ``re`` matches them with i and I); words ``re`` keeps
    apart may share it too (ß and ss), which only means the text is scanned.

    >>> [_word_key(w) for w in ("ſoleil", "İzmir", "Straße", "K")]  # long s, dotted I, ß, Kelvin sign
    ['soleil', 'izmir', 'strasse', 'k']
    """
    return word.translate(_DOTTED_I).casefold()


def _joined_text(tokens, lang: str) -> tuple[str, np.ndarray]:
    """The texts of a language's segments joined by NUL (never part of a match), and the
    offset of each segment in it; made once per Tokens."""
    def join():
        texts = tokens.corpus.column("text")[tokens.lang_rows()[lang]]
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
        return "\x00".join(texts), np.r_[0, np.cumsum(lengths)[:-1]]

    return tokens.memo(("joined_text", lang), join)


# ---------------------------------------------------------------------------- tokens
def _cached(tokens, key, make):
    """``make()``, remembered per Tokens (a query's elements and type sets are the same each
    time it is asked of the same tokens; the last 4096, :meth:`Tokens.memo_in`)."""
    return tokens.memo_in(("query",), key, make, limit=4096)


def _find_tokens(tokens, query, lang, rows, *, regex, case, diacritics) -> dict[str, np.ndarray]:
    tokenizer = tokens.tokenizer(lang)  # the corpus's: its user dictionary cuts the query as the text
    elements = _cached(tokens, ("elements", query, lang, regex, " "),
                       lambda: parse_elements(query, lang, regex=regex, tokenizer=tokenizer))
    hits = _find_sequence(tokens, query, elements, rows, regex=regex, case=case, diacritics=diacritics)
    if not regex and len(query.split()) > 1 and not tokenizer.spaces_between_words:
        # "中央 统筹": the spaces are the user's, not the language's: 中央统筹 counts too
        elements = _cached(tokens, ("elements", query, lang, False, ""),
                           lambda: parse_elements(query, lang, regex=False, join="", tokenizer=tokenizer))
        joined = _find_sequence(tokens, query, elements, rows, regex=False, case=case, diacritics=diacritics)
        hits = {col: np.concatenate([hits[col], joined[col]]) for col in HIT_COLUMNS}
    return hits


def _find_sequence(tokens, query, elements, rows, *, regex, case, diacritics) -> dict[str, np.ndarray]:
    sets = [_cached(tokens, ("types", kind, pattern, diacritics),
                    lambda: type_set(tokens, kind, pattern, diacritics=diacritics)) for kind, pattern in elements]
    if not sets or any(len(s) == 0 for s in sets):
        return {col: np.zeros(0, dtype=np.int64) for col in HIT_COLUMNS}
    cand = tokens.positions_of(sets[0])
    if len(rows) < len(tokens.segment_lengths()):  # only the segments of some languages
        searched = np.zeros(len(tokens.corpus), dtype=bool)
        searched[rows] = True
        cand = cand[searched[tokens.seg_row[cand]]]
    for k in range(1, len(sets)):
        nxt = cand + k
        ok = nxt < len(tokens)
        cand, nxt = cand[ok], nxt[ok]
        cand = cand[(tokens.seg_row[nxt] == tokens.seg_row[cand]) & np.isin(tokens.type_id[nxt], sets[k])]
    cand = cand.astype(np.int64, copy=False)
    hits = {"seg_row": tokens.seg_row[cand].astype(np.int64), "first": cand, "last": cand + len(sets),
            "start": tokens.start[cand].astype(np.int64), "end": tokens.end[cand + len(sets) - 1].astype(np.int64)}
    if case:  # the norms matched case-insensitively; now the surface must match as written
        texts = tokens.corpus.column("text")
        surfaces = [texts[r][s:e] for r, s, e in zip(*(memoryview(hits[c]) for c in ("seg_row", "start", "end")))]
        if regex or len(elements) == 1 and elements[0][0] == "glob":
            rx = UserPattern(query) if regex else re.compile(fnmatch.translate(query.strip()))
            keep = [bool(rx.fullmatch(s if diacritics else fold_diacritics(s))) for s in surfaces]
        else:
            fold = (lambda s: s) if diacritics else fold_diacritics
            wanted = fold("".join(unicodedata.normalize("NFC", query).split()))
            keep = [fold("".join(unicodedata.normalize("NFC", s).split())) == wanted for s in surfaces]
        keep = np.array(keep, dtype=bool)
        hits = {col: values[keep] for col, values in hits.items()}
    return hits


# ---------------------------------------------------------------------------- characters
def _find_chars(tokens, query, rows, *, regex, case, diacritics) -> dict[str, np.ndarray]:
    texts = tokens.corpus.column("text")
    flags = 0 if case else re.IGNORECASE
    if not diacritics:
        raise InputError("diacritic-insensitive matching works on tokens; leave out --chars or keep diacritics")
    rx = UserPattern(query, ignore_case=not case) if regex else re.compile(re.escape(query), flags)
    out = []
    bounds = tokens.segment_bounds()
    for r in rows:
        lo, hi = bounds[r], bounds[r + 1]
        starts, ends = tokens.start[lo:hi], tokens.end[lo:hi]
        for m in rx.finditer(texts[r]):
            if m.end() == m.start():
                continue
            first = lo + int(np.searchsorted(ends, m.start(), side="right"))
            last = lo + int(np.searchsorted(starts, m.end(), side="left"))
            out.append((r, first, max(last, first + 1), m.start(), m.end()))
    table = np.array(out, dtype=np.int64).reshape(-1, len(HIT_COLUMNS))
    return {col: table[:, k].copy() for k, col in enumerate(HIT_COLUMNS)}
