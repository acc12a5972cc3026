"""Feature scaling fitted on training data: standardisation and min-max scaling.

Curriculum module 6 (``model-tuning``), exercise ``feature-scaling``. Constant columns follow
``sklearn.preprocessing.StandardScaler`` and ``MinMaxScaler`` exactly, including scikit-learn's
rounding-tolerant rule for what counts as constant.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from reference._validation import as_real_array
from reference.stats.moments import EPS, column_mean_and_variance, is_constant

__all__ = ["apply_standardizer", "fit_standardizer", "min_max_scale"]


def _as_matrix(X: np.ndarray, name: str) -> np.ndarray:
    """Return ``X`` as a float64 2-D array with at least one row and only finite values."""
    X = as_real_array(X, name)
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D (n_samples, n_features), got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} has no rows (shape {X.shape}); at least one sample is needed")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return X


def fit_standardizer(X_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Compute per-column mean and scale (population standard deviation) of training data.

    .. math::

        \mu_j = \frac{1}{n} \sum_i X_{ij}, \qquad
        s_j = \sqrt{\frac{1}{n} \sum_i (X_{ij} - \mu_j)^2}
        \quad (s_j = 1 \text{ for a constant column})

    Parameters
    ----------
    X_train : array of shape (n_samples, n_features)
        Training data only; finite values, at least one row.

    Returns
    -------
    mean : ndarray of shape (n_features,)
    scale : ndarray of shape (n_features,)
        Standard deviation with ``ddof=0``; ``1.0`` for columns that are constant.

    Notes
    -----
    The variance is the corrected two-pass estimate scikit-learn uses. A column counts as
    constant when ``var <= n * eps * var + (n * mean * eps) ** 2`` (``eps`` of float64), so a
    column of equal values whose variance rounding left slightly above 0 still gets scale 1,
    exactly as in ``sklearn.preprocessing.StandardScaler``.

    Examples
    --------
    >>> mean, scale = fit_standardizer(np.array([[1.0, 5.0], [3.0, 5.0]]))
    >>> mean.tolist(), scale.tolist()
    ([2.0, 5.0], [1.0, 1.0])
    """
    X = _as_matrix(X_train, "X_train")
    mean, var = column_mean_and_variance(X)
    scale = np.sqrt(var)
    scale[is_constant(var, mean, X.shape[0])] = 1.0
    return mean, scale


def apply_standardizer(X: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    r"""Standardise data with statistics fitted on the training set.

    .. math::

        Z_{ij} = \frac{X_{ij} - \mu_j}{s_j}

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
        Any data (training, validation, test).
    mean : array of shape (n_features,)
    scale : array of shape (n_features,)
        Positive scales, as returned by :func:`fit_standardizer`.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> apply_standardizer(np.array([[4.0, 5.0]]), np.array([2.0, 5.0]), np.array([1.0, 1.0]))
    array([[2., 0.]])
    """
    X = _as_matrix(X, "X")
    mean = np.asarray(mean, dtype=np.float64)
    scale = np.asarray(scale, dtype=np.float64)
    d = X.shape[1]
    if mean.shape != (d,):
        raise ValueError(f"mean has shape {mean.shape}, expected ({d},) to match X's columns")
    if scale.shape != (d,):
        raise ValueError(f"scale has shape {scale.shape}, expected ({d},) to match X's columns")
    if not np.all(np.isfinite(mean)):
        raise ValueError("mean contains NaN or infinite values")
    if not np.all(np.isfinite(scale) & (scale > 0)):
        raise ValueError(f"scale must be finite and positive, got {scale}")
    return (X - mean) / scale


def min_max_scale(X: np.ndarray, feature_range: Sequence[float] = (0.0, 1.0)) -> np.ndarray:
    r"""Rescale each column linearly onto ``feature_range`` using its own minimum and maximum.

    .. math::

        X'_{ij} = X_{ij} \cdot \frac{b - a}{r_j} + \left(a - \min_i X_{ij}
        \cdot \frac{b - a}{r_j}\right), \qquad r_j = \max_i X_{ij} - \min_i X_{ij}

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    feature_range : pair of floats (a, b), default (0.0, 1.0)
        Target range, ``a < b``.

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Notes
    -----
    Same arithmetic as ``sklearn.preprocessing.MinMaxScaler().fit_transform``: a column whose
    range is below ``10 * eps`` is treated as having range 1, so a constant column maps
    to ``a``.

    Examples
    --------
    >>> min_max_scale(np.array([[0.0, 7.0], [2.0, 7.0], [4.0, 7.0]]))
    array([[0. , 0. ],
           [0.5, 0. ],
           [1. , 0. ]])
    """
    X = _as_matrix(X, "X")
    try:
        low, high = (float(v) for v in feature_range)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"feature_range={feature_range!r} must be a pair of numbers") from exc
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(
            f"feature_range={feature_range!r}: the minimum must be smaller than the maximum"
        )
    data_min = X.min(axis=0)
    data_range = X.max(axis=0) - data_min
    data_range[data_range < 10 * EPS] = 1.0
    scale = (high - low) / data_range
    offset = low - data_min * scale
    return X * scale + offset
