"""Tokenizers and language identification for zh, vi, fr, en, and und (unknown).

One interface for every language::

    from discourse.languages import get_tokenizer, identify
    tok = get_tokenizer(identify(paragraph))
    for start, end, norm in tok.tokenize(paragraph):
        ...

Importing this package is cheap: jieba, pyvi and NLTK are imported by the tokenizer
that needs them, the first time it tokenizes.
"""

from discourse.languages.base import (
    LANGS,
    TOKENIZER_VERSION,
    Tokenizer,
    get_tokenizer,
    is_punct,
    read_conllu,
    span_prf,
)
from discourse.languages.identify import identify, identify_lines

__all__ = [
    "LANGS",
    "TOKENIZER_VERSION",
    "Tokenizer",
    "get_tokenizer",
    "identify",
    "identify_lines",
    "is_punct",
    "read_conllu",
    "span_prf",
]
