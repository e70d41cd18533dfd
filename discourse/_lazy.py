"""Names of a package loaded from its modules on first use (``import discourse`` does no work).

>>> ns = {}
>>> get, names = lazy_exports("json", ns, {"JSONDecoder": "decoder"})
>>> get("JSONDecoder").__name__, "JSONDecoder" in ns, names()
('JSONDecoder', True, ['JSONDecoder'])
"""

from __future__ import annotations

import importlib

__all__ = ["lazy_exports"]


def lazy_exports(package: str, namespace: dict, exports: dict, submodules=frozenset()):
    """A package's ``__getattr__`` and ``__dir__``: ``exports`` maps a public name to the module of the
    package that defines it (imported on first use, then kept in `namespace`, the package's globals);
    `submodules` are reached as attributes (``discourse.plot`` after a bare ``import discourse``)."""

    def __getattr__(name: str):
        if name in exports:
            value = getattr(importlib.import_module(f".{exports[name]}", package), name)
            namespace[name] = value
            return value
        if name in submodules:
            return importlib.import_module(f".{name}", package)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(namespace) | set(exports) | set(submodules))

    return __getattr__, __dir__
