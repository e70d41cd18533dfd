"""The language registry is the one place that knows the languages (issue 14).

``languages/base.py`` is the machinery every language module imports: it names no
language and does not import the registry; what a language's tokenizer takes is its
module's to say (``USER_DICT``), asked through :mod:`discourse.languages.registry`.
"""

from __future__ import annotations

import ast

import pytest

from discourse.errors import InputError
from discourse.languages import registry

from .conftest import ROOT

BASE = ROOT / "discourse" / "languages" / "base.py"


def _codes() -> set[str]:
    """The codes and aliases of the registered languages ("und", the code of no language, aside)."""
    return {alias for code, module in registry.LANGUAGES.items() if code != "und" for alias in (code, *module.ALIASES)}


def test_base_names_no_language_and_does_not_import_the_registry():
    tree = ast.parse(BASE.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node)}
    named = sorted({(node.lineno, node.value) for node in ast.walk(tree)
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings and node.value.lower() in _codes()})
    assert not named, f"base.py names languages (line, code): {named}; ask the registry"
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    # neither the registry nor a language module (helpers such as languages.marks are fine)
    forbidden = {"discourse.languages", "discourse.languages.registry"} | {f"discourse.languages.{c}" for c in _codes()}
    assert not imported & forbidden, imported & forbidden


def test_user_dict_is_taken_where_the_language_module_says(monkeypatch):
    """get_tokenizer asks the module's USER_DICT, it does not list the languages itself."""
    from discourse.languages import get_tokenizer

    assert get_tokenizer("zh", user_dict=["脱贫攻坚战"]).user_terms == ("脱贫攻坚战",)
    monkeypatch.setattr(registry.LANGUAGES["zh"], "USER_DICT", False)
    with pytest.raises(InputError, match="user_dict is supported for vi only, not 'zh'"):
        get_tokenizer("zh", user_dict=["脱贫攻坚战"])


def test_old_import_paths_of_the_moved_names():
    """get_tokenizer, LANGS, language_options (registry) and the gold-data evaluation
    (evaluation) are importable from ``discourse.languages`` as before, and from their modules."""
    import discourse.languages as languages
    from discourse.languages import evaluation

    for name in ("get_tokenizer", "LANGS", "language_options"):
        assert getattr(languages, name) is getattr(registry, name), name
    for name in ("span_prf", "read_conllu", "read_conllu_tags", "gold_tags", "FUNCTION_TAGS"):
        assert getattr(languages, name) is getattr(evaluation, name), name
    assert set(languages.__all__) >= {"get_tokenizer", "LANGS", "span_prf", "read_conllu", "gold_tags",
                                      "FUNCTION_TAGS", "read_conllu_tags", "language_options"}
