"""Least squares: a line through points, ordinary least squares, and the R^2 of a fit.

CURRICULUM module 2 (``statistics``), exercise ``least-squares``. Sums only, like the rest of
:mod:`reference.stats`; each result matches its NumPy or scikit-learn counterpart (named in
its docstring).
"""

from __future__ import annotations

import numpy as np

from reference._validation import as_float_array, check_finite
from reference.stats.moments import EPS, as_sample, column_mean_and_variance, is_constant

__all__ = ["fit_line", "fit_linear", "r2_score"]


def fit_line(x, y) -> tuple[float, float]:
    r"""Least-squares line through points ``(x_i, y_i)``: ``(slope, intercept)``.

    .. math:: a = \frac{\sum_i (x_i - \bar x)(y_i - \bar y)}{\sum_i (x_i - \bar x)^2},
              \qquad b = \bar y - a \bar x

    Parameters
    ----------
    x : array_like of shape (n_samples,)
    y : array_like of shape (n_samples,)
        Finite values, at least two samples.

    Returns
    -------
    (slope, intercept) : tuple of float
        Matches ``numpy.polyfit(x, y, 1)``.

    Raises
    ------
    ValueError
        On mismatched shapes, fewer than two samples, non-finite values, or an ``x`` with
        zero variance (judged with the rounding tolerance of :func:`standardize`).

    Examples
    --------
    >>> fit_line([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])
    (2.0, 1.0)
    """
    x = as_sample(x, "x", min_size=2)
    y = as_sample(y, "y")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape; got {x.shape} and {y.shape}")
    check_finite(x, "x")
    check_finite(y, "y")
    n = x.size
    x_mean, x_var = column_mean_and_variance(x)
    if is_constant(x_var, x_mean, n):
        raise ValueError("x has zero variance (all its values are equal); no line fits")
    dx = x - x_mean
    dy = y - np.sum(y) / n
    slope = np.sum(dx * dy) / np.sum(dx * dx)
    return float(slope), float(np.sum(y) / n - slope * x_mean)


def fit_linear(X, y) -> tuple[np.ndarray, float]:
    r"""Ordinary least squares with an intercept: ``(w, b)`` minimising ``||X w + b - y||^2``.

    .. math:: w = \arg\min_w \lVert X_c w - y_c \rVert^2, \qquad b = \bar y - \bar x^\top w

    where :math:`X_c = X - \bar x^\top` and :math:`y_c = y - \bar y` are centred; with full
    column rank, :math:`w = (X_c^\top X_c)^{-1} X_c^\top y_c`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Finite values.

    Returns
    -------
    w : ndarray of shape (n_features,)
    b : float
        Match ``sklearn.linear_model.LinearRegression().fit(X, y)``'s ``coef_`` and
        ``intercept_``.

    Raises
    ------
    ValueError
        On bad shapes, non-finite values, a constant column (the rule of
        :func:`standardize`), or a centred ``X`` without full column rank (which includes
        ``n_samples <= n_features``).

    Notes
    -----
    The centred columns are scaled to unit norm (so nothing depends on the features' units)
    and the system is solved by ``numpy.linalg.lstsq`` (an SVD) rather than by forming
    :math:`X_c^\top X_c`, whose condition number is the square of that of :math:`X_c`.
    A singular value of the scaled matrix below ``max(n, d) * eps`` times the largest counts
    as zero and makes the rank deficient.

    scikit-learn's ``LinearRegression`` (``tol=1e-6``) passes ``cond=1e-6`` to
    ``scipy.linalg.lstsq``, discarding singular values of the *unscaled* centred ``X``
    below ``1e-6`` times the largest. Both agree whenever that condition number is below
    about 1e6; beyond it scikit-learn returns a truncated (minimum-norm) solution and this
    function the exact least-squares one.

    Examples
    --------
    >>> w, b = fit_linear([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 3.0]], [3.0, 2.0, 4.0, 9.0])
    >>> np.round(w, 6), round(b, 6)
    (array([1., 2.]), 1.0)
    """
    X = as_float_array(X, "X")
    y = as_sample(y, "y")
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got X.shape={X.shape}")
    n, d = X.shape
    if n != y.size:
        raise ValueError(f"X has {n} rows but y has {y.size} entries; they must agree")
    if d == 0:
        raise ValueError("X has no columns; need at least one feature")
    check_finite(X, "X")
    check_finite(y, "y")
    x_mean, x_var = column_mean_and_variance(X)
    constant = is_constant(x_var, x_mean, n)
    if np.any(constant):
        column = int(np.flatnonzero(constant)[0])
        raise ValueError(
            f"X[:, {column}] is constant (zero variance); centred X has no full column rank"
        )
    Xc = X - x_mean
    norms = np.linalg.norm(Xc, axis=0)
    Xn = Xc / norms
    singular = np.linalg.svd(Xn, compute_uv=False)
    rank = int(np.sum(singular > singular[0] * max(n, d) * EPS))
    if rank < d:
        raise ValueError(
            f"centred X has rank {rank} < n_features={d} (n_samples={n}); the least-squares "
            "solution is not unique: drop collinear columns or add samples"
        )
    y_mean = np.sum(y) / n
    w = np.linalg.lstsq(Xn, y - y_mean, rcond=None)[0] / norms
    return w, float(y_mean - x_mean @ w)


def r2_score(y_true, y_pred) -> float:
    r"""Coefficient of determination :math:`R^2`.

    .. math:: R^2 = 1 - \frac{\sum_i (y_i - \hat y_i)^2}{\sum_i (y_i - \bar y)^2}

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
    y_pred : array_like of shape (n_samples,)
        At least two samples.

    Returns
    -------
    float
        At most 1, possibly negative. Matches ``sklearn.metrics.r2_score``.

    Raises
    ------
    ValueError
        On mismatched shapes, fewer than two samples, or NaN or infinite values.

    Notes
    -----
    When the total sum of squares is exactly 0 (as computed, so after rounding), the result
    is 1.0 for a perfect prediction and 0.0 otherwise, scikit-learn's ``force_finite`` rule.
    The sums are taken as scikit-learn takes them, so the "exactly 0" test agrees with it.

    Examples
    --------
    >>> r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 4.0])
    0.5
    >>> r2_score([2.0, 2.0], [2.0, 2.0]), r2_score([2.0, 2.0], [2.0, 3.0])
    (1.0, 0.0)
    """
    y_true = as_sample(y_true, "y_true", min_size=2)
    y_pred = as_sample(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape; got {y_true.shape} and {y_pred.shape}"
        )
    check_finite(y_true, "y_true")
    check_finite(y_pred, "y_pred")
    # scikit-learn reshapes 1-D targets to a column and sums along axis 0; do the same so
    # that the rounding, and hence the "exactly 0" decision, is the same.
    column_true = y_true.reshape(-1, 1)
    residual = np.sum((column_true - y_pred.reshape(-1, 1)) ** 2, axis=0)[0]
    total = np.sum((column_true - np.sum(column_true, axis=0) / y_true.size) ** 2, axis=0)[0]
    if total == 0.0:
        return 1.0 if residual == 0.0 else 0.0
    return float(1.0 - residual / total)
