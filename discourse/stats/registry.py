"""The one registry of measures: name → formula, kind, and which way is "more associated".

Keyness (:func:`discourse.keywords`), collocations (:func:`discourse.collocates`) and
equivalents (:func:`discourse.equivalents`) take their measures from here: the names a
``measure=`` / ``sort=`` option accepts, the order of the columns, and how a table is
ranked. Each analysis passes its counts under its own names:

===============  ======================================================================
analysis         counts
===============  ======================================================================
``keyness``      ``a, b`` the word in target and reference, ``c, d`` the corpus sizes
``collocations`` ``f_nc`` in the node's windows, ``f_n`` node, ``f_c`` collocate,
                 ``n`` corpus size, ``span`` window size
``equivalents``  ``f_nc`` aligned units with both, ``f_n`` with the term, ``f_c`` with
                 the candidate, ``n`` aligned units
===============  ======================================================================

A measure's ``kind`` is ``"test"`` (a test statistic: evidence that there is an
association) or ``"effect"`` (an effect size: how strong it is). ``more`` says which way
is "more associated": ``"higher"`` — a higher value is more associated (for keyness: more
frequent in the target, a lower one more frequent in the reference); ``"either"`` — the
value is unsigned, a higher value is a stronger association one way or the other, and the
counts say which (G², χ²). Names are unique within an analysis, not across them: ``g2``
is the 2×2 G² of keyness and, for equivalents, the signed G² of units (both :func:`g2`).

>>> from discourse.stats import measures
>>> list(measures("equivalents"))
['dice', 'log_dice', 'g2']
>>> spec = measures("keyness")["log_ratio"]
>>> spec.kind, spec.more
('effect', 'higher')
>>> print(f"{spec(a=52, b=57, c=50_000, d=75_000):.4f}")
0.4525
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from discourse.errors import InputError
from discourse.stats.association import chi2, g2, g2_units
from discourse.stats.cooccurrence import dice, log_dice, log_likelihood, mi, t_score
from discourse.stats.effect_size import log_ratio, pct_diff, simple_maths

__all__ = ["Measure", "MEASURES", "measures", "ANALYSES"]

#: The analyses that take their measures from :data:`MEASURES`.
ANALYSES = ("keyness", "collocations", "equivalents")


@dataclass(frozen=True)
class Measure:
    """One measure: its name (the table's column), its formula and how to read it.

    Parameters
    ----------
    name : str
        The column name and the value of the analyses' ``measure`` / ``sort`` option.
    function : callable
        The formula (in :mod:`discourse.stats`).
    kind : {"test", "effect"}
        Test statistic or effect size.
    more : {"higher", "either"}
        Which way is "more associated" (see the module docstring).
    analyses : tuple of str
        The analyses that report it (:data:`ANALYSES`).
    inputs : tuple of str
        The counts passed to ``function``, in order.
    options : tuple of str
        Counts passed to ``function`` as keywords when the analysis has them (``span``).

    Examples
    --------
    >>> spec = measures("collocations")["mi"]
    >>> print(f"{spec(f_nc=8, f_n=1105, f_c=44, n=15_000_000, span=1):.1f}")
    11.3
    """

    name: str
    function: Callable
    kind: str
    more: str
    analyses: tuple[str, ...]
    inputs: tuple[str, ...]
    options: tuple[str, ...] = field(default=())

    def __call__(self, **counts):
        """The measure of ``counts`` (the analysis's counts by name; extra ones are ignored)."""
        return self.function(*(counts[k] for k in self.inputs),
                             **{k: counts[k] for k in self.options if k in counts})


_KEYNESS = ("a", "b", "c", "d")
_COOC = ("f_nc", "f_n", "f_c")

#: Every measure, in the order the analyses list them.
MEASURES: tuple[Measure, ...] = (
    Measure("g2", g2, "test", "either", ("keyness",), _KEYNESS),
    Measure("g2_2cell", partial(g2, form="2cell"), "test", "either", ("keyness",), _KEYNESS),
    Measure("chi2", chi2, "test", "either", ("keyness",), _KEYNESS),
    Measure("chi2_yates", partial(chi2, yates=True), "test", "either", ("keyness",), _KEYNESS),
    Measure("log_ratio", log_ratio, "effect", "higher", ("keyness",), _KEYNESS),
    Measure("pct_diff", pct_diff, "effect", "higher", ("keyness",), _KEYNESS),
    Measure("simple_maths", simple_maths, "effect", "higher", ("keyness",), _KEYNESS),
    Measure("dice", dice, "effect", "higher", ("equivalents",), _COOC),
    Measure("log_dice", log_dice, "effect", "higher", ("collocations", "equivalents"), _COOC),
    Measure("mi", mi, "effect", "higher", ("collocations",), _COOC + ("n",), ("span",)),
    Measure("t_score", t_score, "test", "higher", ("collocations",), _COOC + ("n",), ("span",)),
    Measure("log_likelihood", log_likelihood, "test", "either", ("collocations",), _COOC + ("n",), ("span",)),
    # the signed G² of units: :func:`g2` on the unit table, with the sign of O - E
    Measure("g2", g2_units, "test", "higher", ("equivalents",), _COOC + ("n",)),
)


def measures(analysis: str, *, kind: str | None = None) -> Mapping[str, Measure]:
    """The measures of one analysis, by name, in the order it lists them.

    Parameters
    ----------
    analysis : {"keyness", "collocations", "equivalents"}
    kind : {"test", "effect"}, optional
        Only the measures of this kind.

    Returns
    -------
    dict of str to Measure

    Examples
    --------
    >>> list(measures("keyness", kind="effect"))
    ['log_ratio', 'pct_diff', 'simple_maths']
    >>> list(measures("collocations"))
    ['log_dice', 'mi', 't_score', 'log_likelihood']
    """
    if analysis not in ANALYSES:
        raise InputError(f"analysis must be one of {', '.join(ANALYSES)}; not {analysis!r}")
    if kind not in (None, "test", "effect"):
        raise InputError(f"kind must be 'test' or 'effect'; not {kind!r}")
    return {m.name: m for m in MEASURES if analysis in m.analyses and kind in (None, m.kind)}
