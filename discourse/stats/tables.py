"""What the table builders of :mod:`discourse.stats` share: counts checked on the way in,
counts as integers on the way out, and the one way an option is renamed.

>>> counts_series({"war": 52, "peace": 5}, "target").to_dict()
{'war': 52.0, 'peace': 5.0}
>>> integral([3.0, 4.0]).dtype.name
'int64'
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from discourse.errors import InputError

__all__ = ["counts_series", "integral", "corpus_total", "renamed", "UNSET"]

#: The default of a renamed option's old spelling: "not given".
#: The default of a renamed option's old spelling: "not given".
UNSET = object()


def counts_series(counts, name, *, key="term"):
    """Counts given as a Series or dict indexed by ``key`` (term, collocate …), checked:
    one entry per key, finite non-negative numbers (as floats).

    ``name`` is the argument's name in the error messages.

    >>> counts_series({"tea": -1}, "pairs_counts", key="collocate")
    Traceback (most recent call last):
    ...
    discourse.errors.InputError: pairs_counts must hold finite, non-negative counts
    """
    if isinstance(counts, Mapping):
        counts = pd.Series(dict(counts), dtype=float)
    if not isinstance(counts, pd.Series):
        raise InputError(f"{name} must be a pandas Series of counts indexed by {key} "
                         f"(or a dict {key} -> count), not {type(counts).__name__}")
    if counts.index.has_duplicates:
        dup = counts.index[counts.index.duplicated()][0]
        raise InputError(f"{name} lists the {key} {dup!r} more than once; "
                         "sum its counts first (e.g. counts.groupby(level=0).sum())")
    try:
        values = counts.astype(float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} must hold numeric counts ({exc})") from None
    if not np.all(np.isfinite(values.to_numpy())) or (values < 0).any():
        raise InputError(f"{name} must hold finite, non-negative counts")
    return values


def integral(x):
    """Counts as int64 when they are whole numbers (the usual case), else float.

    >>> integral([1.5, 2.0]).tolist()
    [1.5, 2.0]
    """
    x = np.asarray(x, dtype=float)
    if np.all(np.isfinite(x)) and np.all(x == np.round(x)) and np.all(np.abs(x) < 2**53):
        return x.astype(np.int64)
    return x


def corpus_total(total, counts, name):
    """A corpus size given for a frequency list, checked (default: the sum of the counts).

    >>> corpus_total(None, pd.Series({"a": 3.0, "b": 4.0}), "target_total")
    7.0
    """
    if total is None:
        total = float(counts.sum())
    total = float(total)
    if not total > 0:
        raise InputError(f"{name} must be positive (got {total:g}); "
                         "is the corpus empty?")
    biggest = float(counts.max()) if len(counts) else 0.0
    if biggest > total:
        raise InputError(f"{name} ({total:g}) is smaller than the count of a single "
                         f"term ({biggest:g}); give the corpus size in tokens")
    return total



def renamed(new, old, *, new_name: str, old_name: str, function: str, default):
    """The value of an option given under its new name or under the old one (with a
    :class:`FutureWarning` naming the new one); the old spelling is accepted for one release.

    ``new`` and ``old`` are the values of the two keywords: the old one defaults to
    :data:`UNSET` ("not given"), the new one to ``default``, its real default. Both given
    (the new one not at its default) is an error.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     renamed(2, 3, new_name="n", old_name="ngrams", function="equivalents", default=2)
    3
    >>> print(caught[0].category.__name__, caught[0].message)
    FutureWarning equivalents(ngrams=...) is now equivalents(n=...); ngrams= will be removed in the next release
    >>> renamed(3, UNSET, new_name="n", old_name="ngrams", function="equivalents", default=2)
    3
    """
    if old is UNSET:
        return new
    if new is not default and new != default:
        raise InputError(f"{function}() takes {new_name}= (formerly {old_name}=): give only {new_name}=")
    warnings.warn(f"{function}({old_name}=...) is now {function}({new_name}=...); {old_name}= will be "
                  "removed in the next release", FutureWarning, stacklevel=3)
    return old
