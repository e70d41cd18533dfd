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

import importlib
from types import MappingProxyType, ModuleType

__all__ = ["MODULES", "REQUIRED", "LANGS", "LANGUAGES", "language", "normalize_code", "color", "stemmer"]

#: The language modules, in the order tables and plots list languages ("und" last).
MODULES = ("zh", "vi", "fr", "en", "und")

#: What every language module provides (see the module docstring).
REQUIRED = ("CODE", "NAME", "ALIASES", "COLOR", "USER_DICT", "TOKENIZER", "stem", "split_sentences")

LANGUAGES: MappingProxyType = MappingProxyType(
    {code: importlib.import_module(f"discourse.languages.{code}") for code in MODULES}
)

#: The registered codes, in order.
LANGS: tuple[str, ...] = tuple(LANGUAGES)

_ALIASES = MappingProxyType(
    {alias: code for code, module in LANGUAGES.items() for alias in (code, *module.ALIASES)}
)


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
    return _ALIASES.get(base, default)


def language(code: str) -> ModuleType:
    """The module of a registered language code (after :func:`normalize_code`)."""
    return LANGUAGES[normalize_code(code)]


def color(code) -> str:
    """The colour of a language in every plot; the ``und`` grey for an unknown code."""
    return language(code).COLOR


def stemmer(code):
    """The stemming function of a language (``str -> str``), or ``None`` if it has none."""
    return language(code).stem
