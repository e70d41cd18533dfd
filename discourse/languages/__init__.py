"""Tokenizers and language identification for zh, vi, fr, en, and und (unknown).

One interface for every language::

    from discourse.languages import get_tokenizer, identify
    tok = get_tokenizer(identify(paragraph))
    for start, end, norm in tok.tokenize(paragraph):
        ...

Importing this package is cheap: jieba, pyvi and NLTK are imported by the tokenizer
that needs them, the first time it tokenizes.
"""

from discourse.languages.base import TOKENIZER_VERSION, Tokenizer, is_punct
from discourse.languages.evaluation import FUNCTION_TAGS, gold_tags, read_conllu, read_conllu_tags, span_prf
from discourse.languages.identify import identify, identify_lines
from discourse.languages.registry import LANGS, get_tokenizer, language_options

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
