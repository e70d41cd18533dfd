"""Tokenizers and language identification for zh, vi, fr, en, and und (unknown).

One interface for every language::

    from discourse.languages import get_tokenizer, identify
    tok = get_tokenizer(identify(paragraph))
    for start, end, norm in tok.tokenize(paragraph):
        ...

Importing this package is cheap: jieba, pyvi and NLTK are imported by the tokenizer
that needs them, the first time it tokenizes; language identification and the evaluation
helpers load on first use (a command that only reads a one-language table needs neither).
"""

from discourse._lazy import lazy_exports
from discourse.languages.base import TOKENIZER_VERSION, Tokenizer, is_punct
from discourse.languages.registry import LANGS, get_tokenizer, language_options

# public name -> submodule that defines it (loaded on first access)
_EXPORTS = {"identify": "identify", "identify_lines": "identify", **dict.fromkeys(
    ("FUNCTION_TAGS", "gold_tags", "read_conllu", "read_conllu_tags", "span_prf"), "evaluation")}

__all__ = [
    "FUNCTION_TAGS",
    "LANGS",
    "TOKENIZER_VERSION",
    "Tokenizer",
    "get_tokenizer",
    "gold_tags",
    "identify",
    "identify_lines",
    "is_punct",
    "language_options",
    "read_conllu",
    "read_conllu_tags",
    "span_prf",
]


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
