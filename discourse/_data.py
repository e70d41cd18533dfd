"""Where the package finds its bundled data (dictionaries, stopwords, fonts, corpora).

In a source checkout (and an editable install) this is the repository's top-level
``data/`` folder; in a wheel the same folder is shipped as ``discourse/_data``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["data_path"]


@cache
def _data_root() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "discourse cannot find its data folder (expected discourse/_data or data/ "
        "beside the package); reinstall the package with `pip install -e .`"
    )


def data_path(*parts: str) -> Path:
    """Return the path of a bundled data file, e.g. ``data_path("stopwords", "fr.txt")``.

    >>> data_path("udhr", "udhr_fra.xml").is_file()
    True
    """
    return _data_root().joinpath(*parts)
