"""Column moments and scikit-learn's rule for a constant column, shared by the statistics
of this package and by :mod:`reference.scaling`.

Written with sums only (no ``numpy.mean``/``var``), like the rest of :mod:`reference.stats`.
"""

from __future__ import annotations

import numpy as np

from reference._validation import as_float_array

__all__ = ["as_sample", "column_mean_and_variance", "is_constant"]

EPS = np.finfo(np.float64).eps


def as_sample(x, name: str, min_size: int = 1) -> np.ndarray:
    """``x`` as a 1-D float64 array of at least ``min_size`` values, or ``ValueError``."""
    x = as_float_array(x, name)
    if x.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got {name}.ndim={x.ndim} (shape {x.shape})")
    if x.size < min_size:
        raise ValueError(f"{name} has {x.size} samples; need at least {min_size}")
    return x


def is_constant(var: np.ndarray, mean_: np.ndarray, n: int) -> np.ndarray:
    """Whether a variance is indistinguishable from zero given rounding (scikit-learn's rule).

    ``var <= n * eps * var + (n * mean * eps) ** 2``: the error bound of the corrected
    two-pass variance algorithm (Chan, Golub and LeVeque), as in scikit-learn's
    ``sklearn.preprocessing._data._is_constant_feature``.
    """
    return var <= n * EPS * var + (n * mean_ * EPS) ** 2


def column_mean_and_variance(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-column mean and ``ddof=0`` variance by the corrected two-pass algorithm.

    The very operations of scikit-learn's ``_incremental_mean_and_var`` on a first fit, so
    the results agree bit for bit (``StandardScaler``'s ``mean_`` and ``var_``).
    """
    n = X.shape[0]
    column_mean = np.sum(X, axis=0) / n
    deviation = X - column_mean
    correction = np.sum(deviation, axis=0)
    column_var = (np.sum(deviation**2, axis=0) - correction**2 / n) / n
    return column_mean, column_var
