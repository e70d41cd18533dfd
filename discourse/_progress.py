"""Progress bars for long work: shown in a terminal or a notebook, silent elsewhere
(tests, pipes, CI logs)."""

from __future__ import annotations

import os
import sys

__all__ = ["progress_bar"]


def _interactive() -> bool:
    if os.environ.get("DISCOURSE_PROGRESS", "").lower() in ("0", "false", "no"):
        return False
    if "ipykernel" in sys.modules:  # a notebook (or other Jupyter front end)
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def progress_bar(*, total: int, desc: str, unit: str = "char"):
    """A tqdm bar (``update(n)``, ``close()``), or a do-nothing one when not interactive.

    Set ``DISCOURSE_PROGRESS=0`` to silence bars everywhere.

    >>> bar = progress_bar(total=10, desc="counting")  # silent here: not a terminal
    >>> bar.update(10); bar.close()
    """
    if not _interactive():
        return _Silent()
    from tqdm.auto import tqdm  # deferred: only when a bar is shown (a terminal or a notebook)

    return tqdm(total=total, desc=desc, unit=unit, unit_scale=True, leave=False)


class _Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass
