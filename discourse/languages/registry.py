"""The registered languages: one module each in :mod:`discourse.languages`.

Everything the package knows about a language lives in that language's module; this
registry only lists the modules and answers questions about a code. A language module
provides (checked for every registered language in ``tests/test_languages.py``):

``CODE``
    its ISO 639-1 code (``"und"`` for the fallback);
``NAME``
    its English name;
``ALIASES``
    other codes that mean it (ISO 639-2/3: ``"zho"``, ``"cmn"``, ``"fra"`` …);
``COLOR``
    its colour in every plot (``#RRGGBB``);
``USER_DICT``
    whether its tokenizer takes a user dictionary of terms to keep whole;
``TOKENIZER``
    its :class:`discourse.languages.base.Tokenizer` subclass;
``stem``
    a function ``str -> str`` giving a word's stem (Snowball for fr, en), or ``None``.

Adding a language is one module plus its name in :data:`MODULES` (see CONTRIBUTING.md).
The registry also makes the tokenizers (:func:`get_tokenizer`) and checks per-language
options (:func:`language_options`): what a language's tokenizer takes is its module's to say.

Examples
--------
>>> from discourse.languages import registry
>>> registry.LANGS
('zh', 'vi', 'fr', 'en', 'und')
>>> registry.normalize_code("zh-Hans"), registry.normalize_code("fra"), registry.normalize_code("xx")
('zh', 'fr', 'und')
>>> registry.color("vi")
'#009E73'
"""

from __future__ import annotations

import functools
import importlib
import os
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType, ModuleType

from discourse.errors import InputError
from discourse.languages.base import Tokenizer, cached_tokenizer, parse_stoplist, read_terms

__all__ = ["MODULES", "REQUIRED", "LANGS", "LANGUAGES", "language", "normalize_code", "color", "stemmer",
           "get_tokenizer", "language_options"]

#: The language modules, in the order tables and plots list languages ("und" last).
MODULES = ("zh", "vi", "fr", "en", "und")

#: What every language module provides (see the module docstring).
REQUIRED = ("CODE", "NAME", "ALIASES", "COLOR", "USER_DICT", "TOKENIZER", "stem", "split_sentences")


class LanguageModules(Mapping):
    """Code -> language module, each module imported the first time its language is asked for.

    A process that reads Chinese never imports the Vietnamese, French or English modules
    (nor compiles their patterns); iterating gives the codes without importing anything.

    Examples
    --------
    >>> modules = LanguageModules(("fr", "en"))
    >>> list(modules), modules["fr"].NAME
    (['fr', 'en'], 'French')
    """

    def __init__(self, codes: tuple[str, ...]):
        self._codes = tuple(codes)

    def __getitem__(self, code: str) -> ModuleType:
        if code not in self._codes:
            raise KeyError(code)
        return importlib.import_module(f"discourse.languages.{code}")

    def __iter__(self):
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"LanguageModules({self._codes!r})"


#: The language modules by code, in order (each imported on first access).
LANGUAGES: LanguageModules = LanguageModules(MODULES)

#: The registered codes, in order.
LANGS: tuple[str, ...] = MODULES


@functools.cache
def _aliases() -> MappingProxyType:
    """Every alias of every language -> its code (imports all the language modules, once)."""
    return MappingProxyType({alias: code for code, module in LANGUAGES.items() for alias in (code, *module.ALIASES)})


def normalize_code(code, *, default: str = "und") -> str:
    """Return the registered code a language code means, else ``default``.

    Case, a region or script subtag (``zh-CN``, ``zh_Hans``, ``fr-FR``) and the
    three-letter ISO 639-2/3 codes of a language's ``ALIASES`` are accepted.

    >>> normalize_code("FR_fr"), normalize_code("cmn"), normalize_code(None)
    ('fr', 'zh', 'und')
    """
    if not isinstance(code, str):
        return default
    base = code.strip().lower().replace("_", "-").split("-")[0]
    if base in MODULES:  # a registered code: no language module needs importing
        return base
    return _aliases().get(base, default)


def language(code: str) -> ModuleType:
    """The module of a registered language code (after :func:`normalize_code`)."""
    return LANGUAGES[normalize_code(code)]


def color(code) -> str:
    """The colour of a language in every plot; the ``und`` grey for an unknown code."""
    return language(code).COLOR


def stemmer(code):
    """The stemming function of a language (``str -> str``), or ``None`` if it has none."""
    return language(code).stem


def get_tokenizer(lang: str, *, user_dict=None, stopwords=None) -> Tokenizer:
    """Return the (cached) tokenizer of a language.

    Parameters
    ----------
    lang : {"zh", "vi", "fr", "en", "und"}
    user_dict : str, Path or iterable of str, optional
        Terms to keep whole, added to the shipped domain dictionary: a file (one term per
        line; zh lines may add a jieba frequency, ``word 5000``) or the terms themselves.
        Supported for the languages whose module sets ``USER_DICT`` (zh and vi).
    stopwords : None, False, str, Path or iterable of str
        The stoplist (:attr:`Tokenizer.stopwords`): ``None`` (default) the shipped list of
        function words (``data/stopwords/<lang>.txt``); ``False`` none; a file (one word
        per line, ``#`` comments) or the words themselves replace it.

    Returns
    -------
    Tokenizer
        The same object for the same language and options.

    Examples
    --------
    >>> tok = get_tokenizer("en")
    >>> tok.tokenize("It's done.")
    [(0, 2, 'it'), (2, 4, "'s"), (5, 9, 'done'), (9, 10, '.')]
    >>> get_tokenizer("en") is tok
    True
    >>> get_tokenizer("en", stopwords=["The", "of"]).stopwords == {"the", "of"}
    True
    """
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    if user_dict is None:
        terms: tuple[str, ...] = ()
    elif isinstance(user_dict, (str, os.PathLike)):
        terms = tuple(read_terms(user_dict))
    elif isinstance(user_dict, Iterable) and not isinstance(user_dict, (bytes, Mapping)):
        terms = tuple(unicodedata.normalize("NFC", str(t).strip()) for t in user_dict)
        terms = tuple(t for t in terms if t)
    else:
        raise InputError(f"user_dict is a file or a list of terms, not {type(user_dict).__name__}")
    if terms and not LANGUAGES[lang].USER_DICT:
        raise InputError(f"user_dict is supported for {_and(code for code in LANGS if LANGUAGES[code].USER_DICT)} "
                         f"only, not {lang!r}")
    stops, label = parse_stoplist(stopwords)
    return cached_tokenizer(LANGUAGES[lang].TOKENIZER, terms, stops, label)


def _and(words) -> str:
    """``"zh and vi"``, ``"zh, vi and fr"``."""
    words = list(words)
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else "no language"


def language_options(name: str, value) -> dict:
    """Check a per-language option (``user_dict`` or ``stopwords`` of :func:`discourse.load_corpus`):
    ``None`` gives ``{}``; a mapping must have language codes as keys.

    Examples
    --------
    >>> language_options("user_dict", {"zh": ["防汛抗洪"]})
    {'zh': ['防汛抗洪']}
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        example = "{'zh': 'my_terms.txt'}" if name == "user_dict" else "{'fr': 'my_stopwords.txt'}"
        raise InputError(f"{name} maps a language to a file or a list of words, e.g. {name}={example}; "
                         f"not {type(value).__name__}")
    bad = [k for k in value if k not in LANGS]
    if bad:
        raise InputError(f"{name}: unknown language {bad[0]!r}; use one of {', '.join(LANGS)}")
    return dict(value)
