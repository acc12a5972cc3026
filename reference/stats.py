"""Statistics: descriptive statistics, standardisation, the normal distribution, least squares.

CURRICULUM module 2 (``statistics``). :func:`mean`, :func:`variance` and :func:`std` are
written with sums only, the way the ``descriptive-statistics`` exercise asks learners to
write them (no ``numpy.mean``/``var``/``std``/``average``), and the other functions of this
module follow suit. The summation order is NumPy's own, so :func:`mean` and
:func:`variance` agree bit for bit with ``numpy.mean`` and ``numpy.var`` on 1-D arrays, and
:func:`standardize` with ``sklearn.preprocessing.StandardScaler``.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from reference._validation import as_float_array

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

_EPS = np.finfo(np.float64).eps
_SQRT_2 = math.sqrt(2.0)
_SQRT_2PI = math.sqrt(2.0 * math.pi)
# math.erfc is correctly rounded to within an ulp or so, unlike 1 + erf(x), which cancels in
# the lower tail; frompyfunc applies it elementwise.
_erfc = np.frompyfunc(math.erfc, 1, 1)


def _as_1d(x, name: str, min_size: int = 1) -> np.ndarray:
    x = as_float_array(x, name)
    if x.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got {name}.ndim={x.ndim} (shape {x.shape})")
    if x.size < min_size:
        raise ValueError(f"{name} has {x.size} samples; need at least {min_size}")
    return x


def _check_finite(x: np.ndarray, name: str) -> None:
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{name} must be finite; it holds NaN or infinity")


def _is_constant(var: np.ndarray, mean_: np.ndarray, n: int) -> np.ndarray:
    """Whether a variance is indistinguishable from zero given rounding (scikit-learn's rule).

    ``var <= n * eps * var + (n * mean * eps) ** 2``: the error bound of the corrected
    two-pass variance algorithm (Chan, Golub and LeVeque), as in scikit-learn's
    ``sklearn.preprocessing._data._is_constant_feature``.
    """
    return var <= n * _EPS * var + (n * mean_ * _EPS) ** 2


def _column_mean_and_variance(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-column mean and ``ddof=0`` variance by the corrected two-pass algorithm.

    The very operations of scikit-learn's ``_incremental_mean_and_var`` on a first fit, so
    the results agree bit for bit.
    """
    n = X.shape[0]
    column_mean = np.sum(X, axis=0) / n
    deviation = X - column_mean
    correction = np.sum(deviation, axis=0)
    column_var = (np.sum(deviation**2, axis=0) - correction**2 / n) / n
    return column_mean, column_var


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
    x = _as_1d(x, "x")
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
    x = _as_1d(x, "x")
    if isinstance(ddof, bool) or not isinstance(ddof, numbers.Integral) or ddof < 0:
        raise ValueError(f"ddof must be a non-negative integer; got ddof={ddof!r}")
    n = x.size
    if ddof >= n:
        raise ValueError(f"ddof={ddof} must be smaller than the number of samples n={n}")
    deviation = x - np.sum(x) / n
    return float(np.sum(deviation * deviation) / (n - int(ddof)))


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
    X = as_float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got X.shape={X.shape}")
    if X.shape[0] == 0:
        raise ValueError("X has no rows; need at least one sample")
    _check_finite(X, "X")
    column_mean, column_var = _column_mean_and_variance(X)
    constant = _is_constant(column_var, column_mean, X.shape[0])
    scale = np.sqrt(np.where(constant, 1.0, column_var))
    return (X - column_mean) / scale, column_mean, scale


def _normal_standardize(x, mu, sigma) -> np.ndarray:
    x = as_float_array(x, "x")
    mu = as_float_array(mu, "mu")
    sigma = as_float_array(sigma, "sigma")
    if not np.all((sigma > 0) & np.isfinite(sigma)):
        bad = sigma if sigma.ndim == 0 else sigma[~((sigma > 0) & np.isfinite(sigma))][0]
        raise ValueError(f"sigma must be finite and positive; got sigma={float(bad)!r}")
    try:
        np.broadcast_shapes(x.shape, mu.shape, sigma.shape)
    except ValueError as exc:
        raise ValueError(
            f"x, mu and sigma do not broadcast together; shapes {x.shape}, {mu.shape}, "
            f"{sigma.shape}"
        ) from exc
    return np.asarray((x - mu) / sigma), sigma


def normal_pdf(x, mu=0.0, sigma=1.0):
    r"""Density of the normal distribution :math:`\mathcal N(\mu, \sigma^2)`, elementwise.

    .. math:: f(x) = \frac{1}{\sigma \sqrt{2\pi}} \exp\!\Big(-\frac{(x - \mu)^2}{2\sigma^2}\Big)

    Parameters
    ----------
    x : float or array_like of any shape
    mu : float or array_like, default=0.0
        Mean; broadcast against ``x``.
    sigma : float or array_like, default=1.0
        Standard deviation, finite and positive; broadcast against ``x``.

    Returns
    -------
    float or ndarray
        A float when all arguments are scalars, else an array of the broadcast shape.
        Matches ``scipy.stats.norm.pdf(x, mu, sigma)``.

    Raises
    ------
    ValueError
        If some ``sigma <= 0`` (or is not finite), or the shapes do not broadcast.

    Examples
    --------
    >>> round(normal_pdf(0.0), 6)
    0.398942
    >>> np.round(normal_pdf([1.0, 3.0], mu=1.0, sigma=2.0), 6)
    array([0.199471, 0.120985])
    """
    z, sigma = _normal_standardize(x, mu, sigma)
    out = np.asarray(np.exp(-0.5 * z * z) / _SQRT_2PI / sigma)
    return float(out) if out.ndim == 0 else out


def normal_cdf(x, mu=0.0, sigma=1.0):
    r"""Cumulative distribution function of :math:`\mathcal N(\mu, \sigma^2)`, elementwise.

    .. math:: \Phi(x) = \tfrac12 \operatorname{erfc}\!\Big(-\frac{x - \mu}{\sigma\sqrt 2}\Big)

    Parameters
    ----------
    x : float or array_like of any shape
    mu : float or array_like, default=0.0
    sigma : float or array_like, default=1.0
        Finite and positive.

    Returns
    -------
    float or ndarray
        A float when all arguments are scalars, else an array of the broadcast shape.
        Matches ``scipy.stats.norm.cdf(x, mu, sigma)``.

    Raises
    ------
    ValueError
        If some ``sigma <= 0`` (or is not finite), or the shapes do not broadcast.

    Notes
    -----
    The complementary error function keeps full relative precision in the lower tail
    (``normal_cdf(-30)`` is about 4.9e-198), where ``0.5 * (1 + erf(z / sqrt 2))`` would
    cancel to 0 already near ``z = -9``.

    Examples
    --------
    >>> normal_cdf(0.0)
    0.5
    >>> np.round(normal_cdf([-1.96, 1.96]), 6)
    array([0.024998, 0.975002])
    """
    z, _ = _normal_standardize(x, mu, sigma)
    out = 0.5 * np.asarray(_erfc(-z / _SQRT_2), dtype=np.float64)
    return float(out) if out.ndim == 0 else out


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
    x = _as_1d(x, "x", min_size=2)
    y = _as_1d(y, "y")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape; got {x.shape} and {y.shape}")
    _check_finite(x, "x")
    _check_finite(y, "y")
    n = x.size
    x_mean, x_var = _column_mean_and_variance(x)
    if _is_constant(x_var, x_mean, n):
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
    y = _as_1d(y, "y")
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got X.shape={X.shape}")
    n, d = X.shape
    if n != y.size:
        raise ValueError(f"X has {n} rows but y has {y.size} entries; they must agree")
    if d == 0:
        raise ValueError("X has no columns; need at least one feature")
    _check_finite(X, "X")
    _check_finite(y, "y")
    x_mean, x_var = _column_mean_and_variance(X)
    constant = _is_constant(x_var, x_mean, n)
    if np.any(constant):
        column = int(np.flatnonzero(constant)[0])
        raise ValueError(
            f"X[:, {column}] is constant (zero variance); centred X has no full column rank"
        )
    Xc = X - x_mean
    norms = np.linalg.norm(Xc, axis=0)
    Xn = Xc / norms
    singular = np.linalg.svd(Xn, compute_uv=False)
    rank = int(np.sum(singular > singular[0] * max(n, d) * _EPS))
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
    y_true = _as_1d(y_true, "y_true", min_size=2)
    y_pred = _as_1d(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape; got {y_true.shape} and {y_pred.shape}"
        )
    _check_finite(y_true, "y_true")
    _check_finite(y_pred, "y_pred")
    # scikit-learn reshapes 1-D targets to a column and sums along axis 0; do the same so
    # that the rounding, and hence the "exactly 0" decision, is the same.
    column_true = y_true.reshape(-1, 1)
    residual = np.sum((column_true - y_pred.reshape(-1, 1)) ** 2, axis=0)[0]
    total = np.sum((column_true - np.sum(column_true, axis=0) / y_true.size) ** 2, axis=0)[0]
    if total == 0.0:
        return 1.0 if residual == 0.0 else 0.0
    return float(1.0 - residual / total)
