"""Elementwise activation functions and their derivatives with respect to the input.

Curriculum module 7 (``neural-networks``), exercise ``activations``. Each forward function
sits next to its derivative.
"""

from __future__ import annotations

import numbers

import numpy as np

from reference._validation import as_real_array

__all__ = ["leaky_relu", "relu", "relu_grad", "sigmoid_grad", "tanh", "tanh_grad"]


def relu(x: np.ndarray) -> np.ndarray:
    r"""Rectified linear unit.

    .. math::

        \mathrm{relu}(x) = \max(x, 0)

    Parameters
    ----------
    x : array of any shape

    Returns
    -------
    ndarray of the shape of ``x``, float64

    Examples
    --------
    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    return np.maximum(as_real_array(x, "x"), 0.0)


def relu_grad(x: np.ndarray) -> np.ndarray:
    r"""Derivative of :func:`relu` with respect to its input.

    .. math::

        \mathrm{relu}'(x) = [x > 0]

    Parameters
    ----------
    x : array of any shape

    Returns
    -------
    ndarray of the shape of ``x``, float64 zeros and ones

    Notes
    -----
    The derivative at 0 is taken to be 0, as in PyTorch's autograd.

    Examples
    --------
    >>> relu_grad(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 1.])
    """
    return (as_real_array(x, "x") > 0).astype(np.float64)


def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    r"""Leaky rectified linear unit.

    .. math::

        \mathrm{leaky\_relu}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}

    Parameters
    ----------
    x : array of any shape
    alpha : float, default 0.01
        Slope for non-positive inputs (``torch.nn.functional.leaky_relu``'s
        ``negative_slope``).

    Returns
    -------
    ndarray of the shape of ``x``, float64

    Examples
    --------
    >>> leaky_relu(np.array([-2.0, 0.0, 3.0]), alpha=0.1)
    array([-0.2,  0. ,  3. ])
    """
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not np.isfinite(alpha):
        raise ValueError(f"alpha={alpha!r} must be a finite real number")
    x = as_real_array(x, "x")
    return np.where(x > 0, x, alpha * x)


def tanh(x: np.ndarray) -> np.ndarray:
    r"""Hyperbolic tangent.

    .. math::

        \tanh(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}

    Parameters
    ----------
    x : array of any shape

    Returns
    -------
    ndarray of the shape of ``x``, float64

    Examples
    --------
    >>> tanh(np.array([0.0, 1e4]))
    array([0., 1.])
    """
    return np.tanh(as_real_array(x, "x"))


def tanh_grad(x: np.ndarray) -> np.ndarray:
    r"""Derivative of :func:`tanh` with respect to its input.

    .. math::

        \tanh'(x) = 1 - \tanh^2(x)

    Parameters
    ----------
    x : array of any shape

    Returns
    -------
    ndarray of the shape of ``x``, float64

    Examples
    --------
    >>> tanh_grad(np.array([0.0, 1e4]))
    array([1., 0.])
    """
    return 1.0 - np.tanh(as_real_array(x, "x")) ** 2


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r"""Derivative of the logistic sigmoid with respect to its input.

    .. math::

        \sigma'(x) = \sigma(x)\,(1 - \sigma(x)) = \frac{e^{-|x|}}{(1 + e^{-|x|})^2}

    Parameters
    ----------
    x : array of any shape

    Returns
    -------
    ndarray of the shape of ``x``, float64

    Notes
    -----
    Computed with the even form on the right, which never overflows (``exp`` only sees
    non-positive arguments), avoids the cancellation in ``1 - sigma(x)`` for large ``x`` and
    is exactly 0.25 at 0. For ``abs(x)`` above about 745 it underflows to 0.

    Examples
    --------
    >>> sigmoid_grad(np.array([0.0, -1e4, 1e4]))
    array([0.25, 0.  , 0.  ])
    """
    decay = np.exp(-np.abs(as_real_array(x, "x")))
    return decay / (1.0 + decay) ** 2
