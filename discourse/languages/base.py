"""Shared machinery of the tokenizers: the interface, punctuation, the Unicode-word fallback.

Nothing here is specific to one language, and nothing here knows which languages there
are: that is :mod:`discourse.languages.registry` (which also makes the tokenizers,
:func:`~discourse.languages.registry.get_tokenizer`); the language modules import this one. A token is a ``(start, end, norm)`` triple:
``text[start:end]`` is its surface in the (NFC) input and ``norm`` the form used for counting.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from discourse._data import data_path
from discourse.errors import InputError
from discourse.languages.marks import mark_class
from discourse.languages.versions import library_versions

__all__ = [
    "GENERIC_PATTERN", "generic_regex", "HAN", "INVISIBLE", "MARKS", "WORD", "MARK_RUN", "MATCH_END", "MATCH_GROUP", "MATCH_START", "WIDE_ALNUM", "TOKENIZER_VERSION",
    "Tokenizer", "RegexTokenizer", "TypeIds", "cached_tokenizer", "parse_stoplist", "is_punct", "generic_spans",
    "read_terms", "user_cache_dir",
]

#: Bump when a change to any tokenizer changes its output (part of every fingerprint).
TOKENIZER_VERSION = "4"

Token = tuple[int, int, str]

#: Han ideographs (CJK unified, extension A-H, compatibility) and 〇, as a character-class body.
HAN = r"\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# Characters that separate tokens without being tokens: whitespace, C0/C1 controls,
# soft hyphen, zero-width and bidi marks, BOM.
INVISIBLE = r"\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"


#: Combining marks (q́, the virama of क्, a variation selector), as a character-class body.
#: They are not word characters to ``re`` (``\W``): every pattern attaches them to the
#: character before, so a mark never makes a token of its own after a letter.
MARKS = mark_class()  # written out for this Python's Unicode: no 130,000 look-ups a process
#: A run of word characters but Han, with the marks inside and after it ("हिन्दी", "q́").
WORD = rf"[^\W{HAN}](?:[^\W{HAN}]|[{MARKS}])*"
#: One visible non-word character, or a run of one repeated, and the marks after it.
MARK_RUN = rf"(?P<mark>[^\w{INVISIBLE}])(?P=mark)*[{MARKS}]*"

#: Unicode-word fallback, as a pattern: one token per Han character, numbers with inner
#: separators ("3.5", "1,000"), other word-character runs, runs of one repeated mark ("...", "——").
GENERIC_PATTERN = rf"[{HAN}][{MARKS}]*|\d+(?:[.,]\d+)+|{WORD}|{MARK_RUN}"


@functools.cache
def generic_regex() -> re.Pattern:
    """The compiled :data:`GENERIC_PATTERN`, compiled on first use (its character classes
    take tens of milliseconds: a process that never needs the fallback never pays them).

    >>> [m.group() for m in generic_regex().finditer("Hello, 世界... 3.5%")]
    ['Hello', ',', '世', '界', '...', '3.5', '%']
    """
    return re.compile(GENERIC_PATTERN)


# A text that goes through every path of every tokenizer (used by Tokenizer.load).
_WARM_UP = "Xin chào thoát nghèo, l’État 脱贫攻坚 2020 ok."

#: Full-width Latin letters and digits (ＧＤＰ２０２０) counted as their ASCII forms.
WIDE_ALNUM = str.maketrans({chr(c + 0xFEE0): chr(c) for c in range(0x21, 0x7F) if chr(c).isalnum()})


def is_punct(norm: str) -> bool:
    """Return True if `norm` is non-empty and every character is punctuation or a symbol
    (or a combining mark on one).

    Examples
    --------
    >>> is_punct("，"), is_punct("«"), is_punct("..."), is_punct("a."), is_punct(""), is_punct("\\u0301")
    (True, True, True, False, False, False)
    """
    # the marks on a mark ("❤️": a variation selector) leave it punctuation
    return bool(norm) and unicodedata.category(norm[0])[0] in "PS" and all(
        unicodedata.category(c)[0] in "PSM" for c in norm)


def generic_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into Unicode-word tokens, as ``(start, end)`` in `text`.

    Runs of word characters are tokens, except that each Han character stands alone;
    every other visible character is a token, a run of one repeated mark being one token.
    Whitespace and invisible characters (controls, zero-width marks) are skipped.

    Examples
    --------
    >>> t = "Hello, 世界... 3.5%"
    >>> [t[s:e] for s, e in generic_spans(t)]
    ['Hello', ',', '世', '界', '...', '3.5', '%']
    """
    end = len(text) if end is None else end
    return [m.span() for m in generic_regex().finditer(text, start, end)]


def user_cache_dir() -> Path:
    """Return the user cache directory of the package (not created here).

    ``$DISCOURSE_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/discourse``, else
    ``~/.cache/discourse``.

    Examples
    --------
    >>> user_cache_dir().name != ""
    True
    """
    if os.environ.get("DISCOURSE_CACHE_DIR"):
        return Path(os.environ["DISCOURSE_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "discourse"


@functools.cache
def snowball(name: str):
    """The ``stem`` method of NLTK's Snowball stemmer for a language name (``"french"``),
    made once per process (NLTK is imported here, on first use; no data is needed).

    >>> snowball("french")("libertés")
    'libert'
    """
    from nltk.stem.snowball import SnowballStemmer  # deferred: NLTK is slow to import

    return SnowballStemmer(name).stem


def read_terms(path: str | os.PathLike) -> list[str]:
    """Read a term list: one entry per line, ``#`` comments and blank lines skipped.

    Examples
    --------
    >>> "the" in read_terms(data_path("stopwords", "en.txt"))
    True
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("file not found; give the path of a UTF-8 term list", path=path) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text; save the file as UTF-8", path=path, line=line) from None
    terms = (unicodedata.normalize("NFC", line.strip()) for line in lines)
    return [t for t in terms if t and not t.startswith("#")]


class Tokenizer:
    """One language's tokenizer; get instances with :func:`get_tokenizer`.

    Subclasses set `lang`, `version`, `data_files` and `libraries`, and implement
    :meth:`tokenize` and :meth:`normalize`. Instances pickle as the :func:`get_tokenizer`
    call that made them, so worker processes rebuild (and cache) their own.

    Parameters
    ----------
    user_terms : tuple of str
        Extra dictionary entries (language-specific format; only zh and vi use them).
    stopwords : frozenset of str, optional
        Replaces the shipped stopword list (empty: no stoplist); entries are normalised
        with :meth:`normalize`.
    stoplist : str, optional
        What the stoplist is, as :attr:`stoplist` reports it (``"default"``, ``"none"``,
        ``"user: my.txt (120 words)"``); made by :func:`get_tokenizer`.

    Examples
    --------
    >>> from discourse.languages import get_tokenizer
    >>> tok = get_tokenizer("fr")
    >>> tok.lang, tok.tokenize("L’État"), "le" in tok.stopwords, tok.repairs("L’État")
    ('fr', [(0, 2, "l'"), (2, 6, 'état')], True, [])
    >>> tok.stoplist, get_tokenizer("fr", stopwords=False).stoplist
    ('default', 'none')
    """

    lang = "und"
    #: Whether the language separates words with spaces (False for Chinese): a query
    #: "中央 统筹" then also matches the single token 中央统筹.
    spaces_between_words = True
    #: Bump when this language's code changes its output.
    version = "1"
    #: Data files (relative to ``data/``) whose contents change the output.
    data_files: tuple[tuple[str, ...], ...] = ()
    #: Distributions whose version changes the output.
    libraries: tuple[str, ...] = ()

    def __init__(self, *, user_terms: tuple[str, ...] = (), stopwords: frozenset | None = None,
                 stoplist: str | None = None):
        self.user_terms = user_terms
        self._custom_stopwords = stopwords
        #: What the stoplist is: ``"default"`` (the shipped list), ``"none"`` or ``"user: …"``.
        self.stoplist = stoplist or ("default" if stopwords is None else _describe_words(stopwords))

    def __reduce__(self):
        # pickled (e.g. for worker processes) as the get_tokenizer call that makes it
        return cached_tokenizer, (type(self), self.user_terms, self._custom_stopwords, self.stoplist)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} lang={self.lang!r} fingerprint={self.fingerprint}>"

    def tokenize(self, text: str) -> list[Token]:
        """Return the ``(start, end, norm)`` tokens of `text`, in order."""
        raise NotImplementedError

    def tokenize_many(self, texts: Iterable[str]) -> list[list[Token]]:
        """Tokenize several texts; same result as calling :meth:`tokenize` on each."""
        return [self.tokenize(text) for text in texts]

    def token_columns(self, texts: list[str], vocab: TypeIds | None = None) -> Columns:
        """The tokens of :meth:`tokenize_many` as columns, for :func:`discourse.tokens.tokenize`.

        Returns per text its number of tokens; the start and the end offset of every
        token; the norms met so far, in order of first occurrence (``vocab.types``) and,
        per token, the index of its norm there. Pass the ``vocab`` of the previous call to
        go on numbering (and caching) over chunks of one corpus. Tokenizers override it
        to skip making a ``(start, end, norm)`` tuple per token; the result must be the same.

        >>> from discourse.languages import get_tokenizer
        >>> counts, starts, ends, types, ids = get_tokenizer("en").token_columns(["It's done."])
        >>> counts, types, ids
        ([4], ['it', "'s", 'done', '.'], [0, 1, 2, 3])
        """
        vocab = TypeIds() if vocab is None else vocab
        results = self.tokenize_many(texts)
        starts = [s for tokens in results for s, _, _ in tokens]
        ends = [e for tokens in results for _, e, _ in tokens]
        norms = [n for tokens in results for _, _, n in tokens]
        return [len(tokens) for tokens in results], starts, ends, vocab.types, list(map(vocab.__getitem__, norms))

    def load(self) -> Tokenizer:
        """Load dictionaries and models now (else they load on first use); return self.

        Worker processes started afterwards by forking inherit them.
        """
        self.tokenize(_WARM_UP)
        return self

    def normalize(self, word: str) -> str:
        """Return the norm form of a word written out (used for stopword lists)."""
        return word.translate(WIDE_ALNUM).lower()

    def repairs(self, text: str) -> list[tuple[int, int, str, str]]:
        """Return the ``(start, end, original, repaired)`` text repairs made while tokenizing."""
        return []

    @functools.cached_property
    def stopwords(self) -> frozenset[str]:
        """Norm forms of the stopwords: the shipped ``data/stopwords/<lang>.txt`` unless replaced."""
        words = self._custom_stopwords
        if words is None:
            path = data_path("stopwords", f"{self.lang}.txt")
            words = read_terms(path) if path.exists() else ()
        return frozenset(self.normalize(w) for w in words)

    @functools.cached_property
    def fingerprint(self) -> str:
        """Hash of everything that changes the output: code versions, data, options."""
        h = hashlib.sha256()
        # the Unicode version decides which characters are letters (\w) and marks
        parts = [TOKENIZER_VERSION, self.lang, self.version, unicodedata.unidata_version]
        versions = library_versions(self.libraries, cache_dir=user_cache_dir())  # remembered: no 40 ms a run
        parts += [f"{lib}={versions[lib]}" for lib in self.libraries]
        stops = sorted(self.stopwords)
        parts += [f"terms {len(self.user_terms)}", *self.user_terms, f"stopwords {len(stops)}", *stops]
        for rel in self.data_files:
            h.update(data_path(*rel).read_bytes())
        h.update("\0".join(parts).encode("utf-8"))
        return h.hexdigest()[:16]


class RegexTokenizer(Tokenizer):
    """A tokenizer made of one regular expression: every match is a token.

    The pattern is an NLTK ``RegexpTokenizer`` pattern, compiled with its flags, and
    ``RegexpTokenizer(pattern).span_tokenize`` gives the same spans (checked in the
    tests). It is run with Python's :mod:`re` directly: NLTK 3.10 sends every pattern
    through its ReDoS guard (the ``regex`` engine under a timeout), three times slower,
    which a fixed, linear pattern of ours does not need. Subclasses set `pattern` and
    :meth:`normalize`.
    """

    pattern = ""

    @functools.cached_property
    def regex(self) -> re.Pattern:
        """The pattern as this tokenizer compiles and runs it (every match a token)."""
        return re.compile(self.pattern, re.UNICODE | re.MULTILINE | re.DOTALL)

    def tokenize(self, text: str) -> list[Token]:
        return self.tokenize_many([text])[0]

    def tokenize_many(self, texts: Iterable[str]) -> list[list[Token]]:
        norms = TypeIds(self.normalize)  # a word recurs: normalise each surface once
        types, finditer = norms.types, self.regex.finditer
        return [[(*m.span(), types[norms[m.group()]]) for m in finditer(text)] for text in texts]

    def token_columns(self, texts: list[str], vocab: TypeIds | None = None) -> Columns:
        ids = (TypeIds() if vocab is None else vocab).view(self.normalize)
        finditer = self.regex.finditer
        counts: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        token_ids: list[int] = []
        for text in texts:
            matches = list(finditer(text))
            counts.append(len(matches))
            # map() with the match methods: no Python-level step per token
            starts += map(MATCH_START, matches)
            ends += map(MATCH_END, matches)
            token_ids += map(ids.__getitem__, map(MATCH_GROUP, matches))
        return counts, starts, ends, ids.types, token_ids


#: A match's start, end and text, as functions (``map(MATCH_START, matches)``).
MATCH_START, MATCH_END, MATCH_GROUP = re.Match.start, re.Match.end, re.Match.group

#: What :meth:`Tokenizer.token_columns` returns: tokens per text, starts, ends, distinct norms,
#: and per token the index of its norm (starts, ends and indexes: lists, or int arrays).
Columns = tuple[list[int], Sequence[int], Sequence[int], list[str], Sequence[int]]


class TypeIds(dict):
    """Surface form -> index of its norm in :attr:`types` (the norms in order of first use).

    A word recurs, and a dictionary look-up costs less than normalising it again; the
    indexes become token type ids. One ``TypeIds`` serves the chunks of one corpus in
    turn; its views (:meth:`view`) share its types while normalising surfaces their own
    way, and :attr:`cache` keeps a tokenizer's other look-ups for as long.

    Examples
    --------
    >>> ids = TypeIds().view(str.lower)
    >>> ids["État"], ids["état"], ids["Peuple"], ids["État"], ids.types
    (0, 0, 1, 0, ['état', 'peuple'])
    """

    def __init__(self, normalize=None, *, share: TypeIds | None = None):
        super().__init__()
        self.normalize = normalize
        self.types: list[str] = [] if share is None else share.types
        self._norm_ids: dict[str, int] = {} if share is None else share._norm_ids
        self._views: dict = {} if share is None else share._views
        #: a tokenizer's own memos, kept as long as these types
        self.cache: dict = {} if share is None else share.cache
        self._views.setdefault(normalize, self)

    def view(self, normalize) -> TypeIds:
        """The ``TypeIds`` of these types that normalises surfaces with ``normalize``."""
        found = self._views.get(normalize)
        return found if found is not None else TypeIds(normalize, share=self)

    def __missing__(self, surface: str) -> int:
        norm = surface if self.normalize is None else self.normalize(surface)
        i = self._norm_ids.get(norm)
        if i is None:
            i = self._norm_ids[norm] = len(self.types)
            self.types.append(norm)
        self[surface] = i
        return i


def _describe_words(words, path=None) -> str:
    """How a stoplist given by the user is reported: ``user: my.txt (120 words)``."""
    if not words and path is None:
        return "none"
    count = f"{len(words)} word{'s' if len(words) != 1 else ''}"
    return f"user: {Path(path).name} ({count})" if path is not None else f"user: {count}"


_CACHE: dict[tuple, Tokenizer] = {}


def cached_tokenizer(cls: type[Tokenizer], terms: tuple[str, ...] = (), stops: frozenset | None = None,
                     label: str = "default") -> Tokenizer:
    """The tokenizer ``cls(user_terms=terms, stopwords=stops, stoplist=label)``, made once.

    What :func:`discourse.languages.get_tokenizer` returns (after reading its options), and
    what a pickled tokenizer becomes in a worker process.

    Examples
    --------
    >>> from discourse.languages.en import EnglishTokenizer
    >>> cached_tokenizer(EnglishTokenizer) is cached_tokenizer(EnglishTokenizer)
    True
    """
    key = (cls, terms, stops, label)
    if key not in _CACHE:
        _CACHE[key] = cls(user_terms=terms, stopwords=stops, stoplist=label)
    return _CACHE[key]


def parse_stoplist(stopwords) -> tuple[frozenset | None, str]:
    """A ``stopwords`` option of :func:`~discourse.languages.get_tokenizer` as (words or None,
    description): ``None`` the shipped list, ``False`` none, a file or the words themselves.

    >>> parse_stoplist(False), parse_stoplist(["the", " of "])[1]
    ((frozenset(), 'none'), 'user: 2 words')
    """
    if stopwords is None:
        return None, "default"
    if stopwords is False:
        return frozenset(), "none"
    if stopwords is True:
        raise InputError("stopwords=True is not a stoplist; give None (the default list), False (none), "
                         "a file or a list of words")
    if isinstance(stopwords, (str, os.PathLike)):
        words = frozenset(read_terms(stopwords))
        return words, _describe_words(words, stopwords)
    if isinstance(stopwords, Iterable) and not isinstance(stopwords, (bytes, Mapping)):
        words = frozenset(w for w in (unicodedata.normalize("NFC", str(w).strip()) for w in stopwords) if w)
        return words, _describe_words(words)
    raise InputError(f"a stoplist is a file or a list of words, not {type(stopwords).__name__}")
