"""The installed versions of the libraries a tokenizer depends on, remembered between runs.

:func:`library_versions` is part of every tokenizer's fingerprint (the token cache's key).
Asking :mod:`importlib.metadata` costs about 40 ms a process (its import, mostly), more
than reading the token cache itself; so the versions found are kept in
``<user cache dir>/library_versions.json``, each with the stamp (path, size and
modification time) of the library's top-level module file. A library upgraded,
downgraded or reinstalled rewrites that file, so its stamp changes and its version is
asked again; a memo file that is missing, unreadable or foreign is ignored and rewritten.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
from pathlib import Path

__all__ = ["library_versions"]

_FILE = "library_versions.json"


def _stamp(lib: str) -> list | None:
    """``[path, size, mtime_ns]`` of the file ``import lib`` would load (nothing imported),
    or None when there is none to stat (not installed, a namespace package, a built-in)."""
    try:
        spec = importlib.util.find_spec(lib)
        info = os.stat(spec.origin)
    except (ImportError, ValueError, TypeError, AttributeError, OSError):
        return None
    return [spec.origin, info.st_size, info.st_mtime_ns]


def _read(file: Path) -> dict:
    """The memo in ``file``: ``{lib: [stamp, version]}``, or ``{}`` when it is not one."""
    try:
        memo = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}


def library_versions(libraries, *, cache_dir: Path) -> dict[str, str]:
    """The installed version of each distribution of ``libraries`` (``"missing"`` when it is
    not installed), remembered in ``cache_dir`` against the stamp of its module file.

    Parameters
    ----------
    libraries : iterable of str
        Distribution names whose top-level module has the same name (``"jieba"``).
    cache_dir : Path
        Where the memo file is (created when the memo changes; a directory that cannot
        be written only means the versions are asked again next time).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     first = library_versions(["numpy", "no-such-library"], cache_dir=Path(tmp))
    ...     again = library_versions(["numpy", "no-such-library"], cache_dir=Path(tmp))
    >>> first == again, first["no-such-library"]
    (True, 'missing')
    """
    file = Path(cache_dir) / _FILE
    memo = _read(file)
    found, changed = {}, False
    for lib in libraries:
        stamp, entry = _stamp(lib), memo.get(lib)
        if stamp is not None and isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp \
                and isinstance(entry[1], str):
            found[lib] = entry[1]
            continue
        from importlib.metadata import PackageNotFoundError, version  # deferred: costs 40 ms, only when a library changed

        try:
            found[lib] = version(lib)
        except PackageNotFoundError:
            found[lib] = "missing"
        if stamp is not None:
            memo[lib], changed = [stamp, found[lib]], True
    if changed:
        with contextlib.suppress(OSError):
            file.parent.mkdir(parents=True, exist_ok=True)
            temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(memo, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, file)
    return found
