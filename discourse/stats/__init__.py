"""Pure formulas of corpus statistics, each with its formula and reference, and the one
registry of measures the analyses share.

- :mod:`discourse.stats.association`: G² (:func:`g2`, 4-cell and 2-cell), χ² (:func:`chi2`,
  with Yates' correction), :func:`p_value`, the signed G² of units (:func:`g2_units`);
- :mod:`discourse.stats.effect_size`: :func:`log_ratio` and :func:`log_ratio_ci`,
  :func:`pct_diff`, :func:`simple_maths`;
- :mod:`discourse.stats.cooccurrence`: :func:`expected_cooccurrence`, :func:`mi`,
  :func:`t_score`, :func:`log_likelihood`, :func:`dice`, :func:`log_dice`;
- :mod:`discourse.stats.dispersion`: :func:`juilland_d`, :func:`gries_dp` (:class:`DPResult`);
- :mod:`discourse.stats.sequences`: :func:`sequence_lambda` (λ, SE and z of a word sequence,
  quanteda's ``textstat_collocations``);
- :mod:`discourse.stats.proportion`: :func:`wilson_interval` (a proportion's interval);
- :mod:`discourse.stats.registry`: :data:`MEASURES` and :func:`measures`, the one registry
  (name → formula, kind, which way is "more associated");
- :mod:`discourse.stats.tables`: the checks the table builders share.

The analyses on a corpus (:func:`discourse.keywords`, :func:`discourse.collocates`,
:func:`discourse.dispersions`, :func:`discourse.equivalents`) count, then call these.

>>> from discourse import stats
>>> print(f"{stats.g2(52, 57, 50_000, 75_000):.3f}")
2.654
"""

from __future__ import annotations

from discourse.stats.association import chi2, g2, g2_units, p_value
from discourse.stats.cooccurrence import dice, expected_cooccurrence, log_dice, log_likelihood, mi, t_score
from discourse.stats.dispersion import DPResult, gries_dp, juilland_d
from discourse.stats.diversity import hdd, mattr, mtld, ttr  # issue 17
from discourse.stats.effect_size import log_ratio, log_ratio_ci, pct_diff, simple_maths
from discourse.stats.proportion import wilson_interval
from discourse.stats.registry import MEASURES, Measure, measures
from discourse.stats.sequences import sequence_lambda  # issue 17

__all__ = [
    "g2", "chi2", "p_value", "g2_units",
    "log_ratio", "log_ratio_ci", "pct_diff", "simple_maths",
    "expected_cooccurrence", "mi", "t_score", "log_likelihood", "dice", "log_dice",
    "juilland_d", "gries_dp", "DPResult",
    "wilson_interval",
    "MEASURES", "Measure", "measures",
    "sequence_lambda",
    "ttr", "mattr", "mtld", "hdd",
]
