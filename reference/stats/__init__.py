"""Statistics: descriptive statistics, the normal distribution, least squares.

CURRICULUM module 2 (``statistics``), one module per exercise: :mod:`.descriptive`
(``descriptive-statistics``), :mod:`.normal` (``normal-distribution``) and
:mod:`.least_squares` (``least-squares``), on the shared column moments of :mod:`.moments`.
Every function is written with sums only (no ``numpy.mean``/``var``/``std``/``average``).
"""

from reference.stats.descriptive import mean, standardize, std, variance
from reference.stats.least_squares import fit_line, fit_linear, r2_score
from reference.stats.normal import normal_cdf, normal_pdf

__all__ = [
    "fit_line",
    "fit_linear",
    "mean",
    "normal_cdf",
    "normal_pdf",
    "r2_score",
    "standardize",
    "std",
    "variance",
]
