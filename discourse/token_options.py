"""The tokenizing options of a corpus: user dictionaries and stoplists, checked and merged.

``user_dict`` and ``stopwords`` (of :func:`discourse.tokenize`, :meth:`discourse.Corpus.tokens`
and every counting function) map a language to its words; this module checks them, gives
each language its tokenizer with them, and merges a corpus's own options with those asked for.

>>> tokenizers_for(["fr"], stopwords={"fr": ["le"]})["fr"].stoplist
'user: 1 word'
"""

from __future__ import annotations

import os
import warnings

from .errors import InputError
from .languages import get_tokenizer
from .languages.registry import language_options

__all__ = ["stoplist_option", "lang_stoplist", "tokenizers_for", "merged_options", "corpus_options"]


def stoplist_option(stopwords, *, stacklevel: int = 3):
    """Check a ``stopwords`` option: ``None``, ``False`` or ``{lang: file or words or False}``.

    ``True`` meant "list stopwords too" before the option became the stoplist; it still
    means ``False`` (no stoplist), with a ``FutureWarning``.

    >>> stoplist_option({"fr": ["le", "la"]})
    {'fr': ['le', 'la']}
    """
    if stopwords is True:
        warnings.warn("stopwords=True (list stopwords too) is now stopwords=False (no stoplist: every word "
                      "listed); stopwords=True will stop working in a later release", FutureWarning,
                      stacklevel=stacklevel)
        return False
    if stopwords is None or stopwords is False:
        return stopwords
    if isinstance(stopwords, (str, os.PathLike)):
        raise InputError(f"stopwords maps a language to its stoplist, e.g. stopwords={{'fr': {str(stopwords)!r}}}; "
                         "False for no stoplist")
    return language_options("stopwords", stopwords)


def lang_stoplist(stopwords, lang: str):
    """The ``stopwords`` option of :func:`get_tokenizer` for one language."""
    if stopwords is None or stopwords is False:
        return stopwords
    return stopwords.get(lang)


def tokenizers_for(langs, *, user_dict=None, stopwords=None) -> dict:
    """Language -> tokenizer for ``langs``, with the ``user_dict`` and ``stopwords`` options
    of :func:`tokenize` (every language they name is checked, present or not).

    >>> tokenizers_for(["fr"], stopwords={"fr": ["le"]})["fr"].stoplist
    'user: 1 word'
    """
    user_dict = language_options("user_dict", user_dict)
    stopwords = stoplist_option(stopwords, stacklevel=4)
    named = set(user_dict) | (set(stopwords) if isinstance(stopwords, dict) else set())
    out = {}
    for lang in [*langs, *sorted(named - set(langs))]:
        out[lang] = get_tokenizer(lang, user_dict=user_dict.get(lang), stopwords=lang_stoplist(stopwords, lang))
    return {lang: out[lang] for lang in langs}


def merged_options(own: dict, *, user_dict=None, stopwords=None, langs=()) -> dict:
    """The ``user_dict`` and ``stopwords`` of :func:`tokenize` for a corpus read with the
    options ``own`` (:attr:`discourse.Corpus.token_options`) and asked for ``user_dict``
    and ``stopwords`` on top: words of both dictionaries, a stoplist mapping over the
    corpus's (over ``False`` for its other languages ``langs`` when it has none).

    >>> merged_options({"stopwords": False}, stopwords={"fr": ["le"]}, langs=["fr", "zh"])
    {'user_dict': {}, 'stopwords': {'fr': ['le'], 'zh': False}}
    """
    options = {"user_dict": dict(own.get("user_dict") or {}), "stopwords": own.get("stopwords")}
    if user_dict is not None:
        options["user_dict"].update(language_options("user_dict", user_dict))
    if stopwords is not None:
        base = options["stopwords"]
        if isinstance(stopwords, dict) and isinstance(base, dict):
            stopwords = {**base, **stopwords}
        elif isinstance(stopwords, dict) and base is False:  # the corpus's "none" holds for the others
            stopwords = {**{lang: False for lang in langs}, **stopwords}
        options["stopwords"] = stopwords
    return options


def corpus_options(corpus) -> tuple[dict, object]:
    """The ``user_dict`` and ``stopwords`` a corpus was read with."""
    options = getattr(corpus, "token_options", None) or {}
    return dict(options.get("user_dict") or {}), options.get("stopwords")
