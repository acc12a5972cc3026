"""Regression metrics: mean squared error, mean absolute error, root mean squared error.

Curriculum module 9 (``metrics``), exercise ``regression-metrics``.
"""

from __future__ import annotations

import numpy as np

from reference._validation import as_real_array

__all__ = ["mae", "mse", "rmse"]


def _check_pair(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return both arrays as float64 of one shape, ``(n,)`` or ``(n, n_outputs)``, n >= 1."""
    arrays = []
    for name, value in (("y_true", y_true), ("y_pred", y_pred)):
        array = as_real_array(value, name)
        if array.ndim not in (1, 2) or array.shape[0] == 0:
            raise ValueError(
                f"{name} must have shape (n,) or (n, n_outputs) with n >= 1, got {array.shape}"
            )
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{name} contains NaN or infinite values")
        arrays.append(array)
    if arrays[0].shape != arrays[1].shape:
        raise ValueError(
            f"y_true has shape {arrays[0].shape} but y_pred has shape {arrays[1].shape}"
        )
    return arrays[0], arrays[1]


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    r"""Mean squared error.

    .. math::

        \mathrm{MSE} = \frac{1}{n} \sum_i (y_i - \hat y_i)^2

    Parameters
    ----------
    y_true : array of shape (n,) or (n, n_outputs)
    y_pred : array of the same shape

    Returns
    -------
    float

    Notes
    -----
    With several outputs, the mean over outputs of each output's error
    (``sklearn.metrics.mean_squared_error``'s ``"uniform_average"``).

    Examples
    --------
    >>> mse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]))
    1.3333333333333333
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(np.mean(np.mean((y_true - y_pred) ** 2, axis=0)))


def mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    r"""Mean absolute error.

    .. math::

        \mathrm{MAE} = \frac{1}{n} \sum_i |y_i - \hat y_i|

    Parameters
    ----------
    y_true : array of shape (n,) or (n, n_outputs)
    y_pred : array of the same shape

    Returns
    -------
    float

    Notes
    -----
    With several outputs, the mean over outputs (``sklearn.metrics.mean_absolute_error``).

    Examples
    --------
    >>> mae(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]))
    0.6666666666666666
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(np.mean(np.mean(np.abs(y_true - y_pred), axis=0)))


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    r"""Root mean squared error.

    .. math::

        \mathrm{RMSE} = \sqrt{\frac{1}{n} \sum_i (y_i - \hat y_i)^2}

    Parameters
    ----------
    y_true : array of shape (n,) or (n, n_outputs)
    y_pred : array of the same shape

    Returns
    -------
    float

    Notes
    -----
    With several outputs, the mean over outputs of each output's RMSE, as
    ``sklearn.metrics.root_mean_squared_error`` does (not the root of the overall MSE).

    Examples
    --------
    >>> rmse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]))
    1.1547005383792515
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(np.mean(np.sqrt(np.mean((y_true - y_pred) ** 2, axis=0))))
