"""Deprecated location of the readers: they live in :mod:`discourse.io` now.

``from discourse.importers import read_file`` (and every other public name this module
had) keeps working for one release; import from :mod:`discourse.io` (or use
``discourse.read`` …) instead.

>>> from discourse.importers import read_file
>>> import discourse.io
>>> read_file is discourse.io.read_file
True
"""

from __future__ import annotations

from .io.common import SEGMENT_COLUMNS
from .io.decoding import decode, split_lines
from .io.files import concat, read, read_file, read_versions
from .io.table import read_table
from .io.text import read_mixed, read_parallel
from .io.udhr import read_udhr

__all__ = [
    "SEGMENT_COLUMNS",
    "concat",
    "decode",
    "read",
    "read_file",
    "read_mixed",
    "read_parallel",
    "read_table",
    "read_udhr",
    "read_versions",
    "split_lines",
]
