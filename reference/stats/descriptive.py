"""Descriptive statistics: mean, variance, standard deviation, standardisation.

CURRICULUM module 2 (``statistics``), exercise ``descriptive-statistics``. Written with sums
only, the way the exercise asks learners to write them (no ``numpy.mean``/``var``/``std``/
``average``). The summation order is NumPy's own, so :func:`mean` and :func:`variance` agree
bit for bit with ``numpy.mean`` and ``numpy.var`` on 1-D arrays, and :func:`standardize` with
``sklearn.preprocessing.StandardScaler``.
"""

from __future__ import annotations

import math

import numpy as np

from reference._validation import as_sample_matrix, check_count
from reference.stats.moments import as_sample, column_mean_and_variance, is_constant

__all__ = ["mean", "standardize", "std", "variance"]


def mean(x) -> float:
    r"""Arithmetic mean of a 1-D sample.

    .. math:: \bar x = \frac{1}{n} \sum_{i=1}^n x_i

    Parameters
    ----------
    x : array_like of shape (n_samples,)

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``x`` is not 1-D or is empty.

    Examples
    --------
    >>> mean([1.0, 2.0, 6.0])
    3.0
    """
    x = as_sample(x, "x")
    return float(np.sum(x) / x.size)


def variance(x, ddof: int = 0) -> float:
    r"""Variance of a 1-D sample, by the two-pass formula.

    .. math:: s^2 = \frac{1}{n - \mathrm{ddof}} \sum_{i=1}^n (x_i - \bar x)^2

    Parameters
    ----------
    x : array_like of shape (n_samples,)
    ddof : int, default=0
        Delta degrees of freedom: 0 for the population (MLE) variance, 1 for the unbiased
        sample variance.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``x`` is not 1-D or is empty, if ``ddof`` is not a non-negative integer, or if
        ``ddof >= n``.

    Examples
    --------
    >>> variance([1.0, 2.0, 3.0, 4.0])
    1.25
    >>> round(variance([1.0, 2.0, 3.0, 4.0], ddof=1), 6)
    1.666667
    """
    x = as_sample(x, "x")
    ddof = check_count(ddof, "ddof")
    n = x.size
    if ddof >= n:
        raise ValueError(f"ddof={ddof} must be smaller than the number of samples n={n}")
    deviation = x - np.sum(x) / n
    return float(np.sum(deviation * deviation) / (n - ddof))


def std(x, ddof: int = 0) -> float:
    r"""Standard deviation of a 1-D sample: the square root of :func:`variance`.

    .. math:: s = \sqrt{\frac{1}{n - \mathrm{ddof}} \sum_{i=1}^n (x_i - \bar x)^2}

    Parameters
    ----------
    x : array_like of shape (n_samples,)
    ddof : int, default=0

    Returns
    -------
    float

    Raises
    ------
    ValueError
        As :func:`variance`.

    Examples
    --------
    >>> std([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    2.0
    """
    return math.sqrt(variance(x, ddof=ddof))


def standardize(X) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Standardise each column to zero mean and unit (``ddof=0``) standard deviation.

    .. math:: Z_{ij} = \frac{X_{ij} - \mu_j}{s_j}, \qquad
              s_j = \begin{cases} 1 & \text{column } j \text{ constant} \\
              \sigma_j & \text{otherwise} \end{cases}

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Finite values, at least one row.

    Returns
    -------
    Z : ndarray of shape (n_samples, n_features)
    mean : ndarray of shape (n_features,)
    scale : ndarray of shape (n_features,)

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, has no rows, or holds NaN or infinity.

    Notes
    -----
    A column counts as constant when its variance ``v`` satisfies
    ``v <= n * eps * v + (n * mean * eps) ** 2`` (``eps`` the float64 machine epsilon):
    rounding can leave a tiny non-zero variance in a column of equal values, and this bound
    decides. It is scikit-learn's rule, with its corrected two-pass variance, so the result
    matches ``StandardScaler().fit(X)``'s ``mean_`` and ``scale_`` and its ``transform``.

    Examples
    --------
    >>> Z, mu, scale = standardize([[1.0, 5.0], [3.0, 5.0]])
    >>> Z
    array([[-1.,  0.],
           [ 1.,  0.]])
    >>> mu, scale
    (array([2., 5.]), array([1., 1.]))
    """
    X = as_sample_matrix(X, "X")
    column_mean, column_var = column_mean_and_variance(X)
    constant = is_constant(column_var, column_mean, X.shape[0])
    scale = np.sqrt(np.where(constant, 1.0, column_var))
    return (X - column_mean) / scale, column_mean, scale
