"""Derivatives: central finite differences and two gradients derived by hand.

CURRICULUM module 1 (``math``). The finite-difference helpers are the yardstick every
analytic gradient of the course is checked against; :func:`mse_gradient` and
:func:`sigmoid_affine_gradient` are the course's first derivations, each next to the
forward computation it differentiates (:func:`linear_mse_loss`, :func:`sigmoid_affine`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from reference._validation import as_float_array, as_real_scalar, as_sample_matrix
from reference.probability import sigmoid

__all__ = [
    "linear_mse_loss",
    "mse_gradient",
    "numerical_derivative",
    "numerical_gradient",
    "sigmoid_affine",
    "sigmoid_affine_gradient",
]


def _check_callable(f) -> None:
    if not callable(f):
        raise ValueError(f"f must be a callable; got f={f!r}")


def _check_step(h) -> float:
    step = as_real_scalar(h, "h")
    if not (math.isfinite(step) and step > 0):
        raise ValueError(f"h must be a finite positive step; got h={h!r}")
    return step


def numerical_derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    r"""Derivative of a scalar function of a scalar by the central difference.

    .. math:: f'(x) \approx \frac{f(x + h) - f(x - h)}{2h}

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : float
        The point.
    h : float, default=1e-5
        The step, finite and positive.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``f`` is not callable, ``x`` is not a real number, ``h <= 0``, or ``f`` returns
        something other than one number.

    Notes
    -----
    The error is :math:`O(h^2)` (the :math:`h^2 f'''/6` term) plus rounding of order
    :math:`\varepsilon |f| / h`; ``h = 1e-5`` balances the two for well-scaled functions.
    ``f(x + h)`` is evaluated before ``f(x - h)``.

    Examples
    --------
    >>> round(numerical_derivative(lambda t: t**3, 2.0), 6)
    12.0
    """
    _check_callable(f)
    x = as_real_scalar(x, "x")
    h = _check_step(h)
    f_plus = as_real_scalar(f(x + h), "f(x + h)")
    f_minus = as_real_scalar(f(x - h), "f(x - h)")
    return (f_plus - f_minus) / (2.0 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x, h: float = 1e-5) -> np.ndarray:
    r"""Gradient of a scalar function of an array by central differences, entry by entry.

    .. math:: \frac{\partial f}{\partial x_k} \approx
              \frac{f(x + h e_k) - f(x - h e_k)}{2h}

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for an array ``x``.
    x : ndarray of any shape
        The point.
    h : float, default=1e-5
        The step, finite and positive.

    Returns
    -------
    ndarray of float64, shaped like ``x``

    Raises
    ------
    ValueError
        If ``f`` is not callable, ``x`` is not numeric, ``h <= 0``, or ``f`` returns
        something other than one number.

    Notes
    -----
    A writeable float64 ``x`` is perturbed in place, one entry at a time in C order, and
    each entry is restored from a saved copy (not by subtracting ``h`` again), so ``x`` is
    bit for bit unchanged afterwards, even if ``f`` raises. This lets ``f`` ignore its
    argument and read ``x`` from a closure (the usual pattern for a network's weights).
    Any other ``x`` (a list, an integer or float32 array, a read-only array) is copied to
    float64 and the copy is perturbed and passed to ``f``.

    Examples
    --------
    >>> x = np.array([1.0, -2.0])
    >>> np.round(numerical_gradient(lambda v: np.sum(v**2), x), 6)
    array([ 2., -4.])
    >>> x
    array([ 1., -2.])
    """
    _check_callable(f)
    h = _check_step(h)
    if isinstance(x, np.ndarray) and x.dtype == np.float64 and x.flags.writeable:
        point = x
    else:
        point = as_float_array(x, "x").copy()
    gradient = np.zeros(point.shape, dtype=np.float64)
    for index in np.ndindex(point.shape):
        saved = point[index]  # a NumPy scalar: an independent copy of the entry
        try:
            point[index] = saved + h
            f_plus = as_real_scalar(f(point), "f(x + h e_k)")
            point[index] = saved - h
            f_minus = as_real_scalar(f(point), "f(x - h e_k)")
        finally:
            point[index] = saved
        gradient[index] = (f_plus - f_minus) / (2.0 * h)
    return gradient


def _check_linear_model(X, y, w, b) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    X = as_sample_matrix(X, "X", finite=False)
    y = as_float_array(y, "y")
    w = as_float_array(w, "w")
    b = as_real_scalar(b, "b")
    n, d = X.shape
    if y.shape != (n,):
        raise ValueError(f"y must have shape (n_samples,)=({n},); got y.shape={y.shape}")
    if w.shape != (d,):
        raise ValueError(f"w must have shape (n_features,)=({d},); got w.shape={w.shape}")
    return X, y, w, b


def linear_mse_loss(X, y, w, b) -> float:
    r"""Mean squared error of the linear model ``X @ w + b``: the forward of :func:`mse_gradient`.

    .. math:: L(w, b) = \frac{1}{n} \sum_{i=1}^n (x_i^\top w + b - y_i)^2

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    w : array_like of shape (n_features,)
    b : float

    Returns
    -------
    float

    Examples
    --------
    >>> linear_mse_loss([[1.0], [2.0]], [1.0, 2.0], [1.0], 1.0)
    1.0
    """
    X, y, w, b = _check_linear_model(X, y, w, b)
    residual = X @ w + b - y
    return float(np.sum(residual**2) / y.size)


def mse_gradient(X, y, w, b) -> tuple[np.ndarray, float]:
    r"""Analytic gradient of :func:`linear_mse_loss` with respect to ``w`` and ``b``.

    .. math:: \frac{\partial L}{\partial w} = \frac{2}{n} X^\top r, \qquad
              \frac{\partial L}{\partial b} = \frac{2}{n} \sum_i r_i, \qquad
              r = X w + b - y

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    w : array_like of shape (n_features,)
    b : float

    Returns
    -------
    dw : ndarray of shape (n_features,)
    db : float

    Raises
    ------
    ValueError
        If the shapes disagree or ``X`` has no rows.

    Notes
    -----
    The loss is the mean (not the sum, not half the mean) of the squared residuals, hence
    the factor 2/n.

    Examples
    --------
    >>> dw, db = mse_gradient([[1.0], [2.0]], [1.0, 2.0], [1.0], 1.0)
    >>> dw, db
    (array([3.]), 2.0)
    """
    X, y, w, b = _check_linear_model(X, y, w, b)
    n = y.size
    residual = X @ w + b - y
    return 2.0 * (X.T @ residual) / n, float(2.0 * np.sum(residual) / n)


def _check_single_sample(x, w, b) -> tuple[np.ndarray, np.ndarray, float]:
    x = as_float_array(x, "x")
    w = as_float_array(w, "w")
    b = as_real_scalar(b, "b")
    if x.ndim != 1:
        raise ValueError(f"x must be one sample of shape (n_features,); got x.shape={x.shape}")
    if w.shape != x.shape:
        raise ValueError(f"w must have the shape of x, {x.shape}; got w.shape={w.shape}")
    return x, w, b


def sigmoid_affine(x, w, b) -> float:
    r"""The logistic neuron on one sample: the forward of :func:`sigmoid_affine_gradient`.

    .. math:: f(w, b) = \sigma(x^\top w + b)

    Parameters
    ----------
    x : array_like of shape (n_features,)
    w : array_like of shape (n_features,)
    b : float

    Returns
    -------
    float

    Examples
    --------
    >>> sigmoid_affine([1.0, 2.0], [0.5, -0.25], 0.0)
    0.5
    """
    x, w, b = _check_single_sample(x, w, b)
    return sigmoid(x @ w + b)


def sigmoid_affine_gradient(x, w, b) -> tuple[np.ndarray, float]:
    r"""Gradient of :func:`sigmoid_affine` with respect to ``w`` and ``b`` by the chain rule.

    .. math:: \frac{\partial f}{\partial w} = \sigma(z)\,(1 - \sigma(z))\, x, \qquad
              \frac{\partial f}{\partial b} = \sigma(z)\,(1 - \sigma(z)), \qquad
              z = x^\top w + b

    Parameters
    ----------
    x : array_like of shape (n_features,)
    w : array_like of shape (n_features,)
    b : float

    Returns
    -------
    df_dw : ndarray of shape (n_features,)
    df_db : float

    Raises
    ------
    ValueError
        If ``x`` is not 1-D or ``w`` does not have its shape.

    Notes
    -----
    :math:`\sigma'(z) = \sigma(z)(1 - \sigma(z))` is the same product torch's autograd
    uses, so for saturated ``z`` (``σ(z)`` rounding to 1) both give exactly 0.

    Examples
    --------
    >>> dw, db = sigmoid_affine_gradient([1.0, 2.0], [0.5, -0.25], 0.0)
    >>> dw, db
    (array([0.25, 0.5 ]), 0.25)
    """
    x, w, b = _check_single_sample(x, w, b)
    s = sigmoid(x @ w + b)
    local = s * (1.0 - s)
    return local * x, float(local)
