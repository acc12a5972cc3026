"""Fully connected layers and a two-layer network trained by backpropagation.

Curriculum module 7 (``neural-networks``), exercises ``dense-layer`` and
``two-layer-backprop``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from reference._validation import as_real_array
from reference.losses import softmax_cross_entropy, softmax_cross_entropy_grad
from reference.nn.activations import relu

__all__ = ["dense_backward", "dense_forward", "two_layer_loss_and_grads"]

_TWO_LAYER_KEYS = ("W1", "b1", "W2", "b2")


def _real_array(value: np.ndarray, name: str, ndim: int) -> np.ndarray:
    """Return ``value`` as a float64 array with ``ndim`` dimensions, or raise ``ValueError``."""
    array = as_real_array(value, name)
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {array.shape}")
    return array


def dense_forward(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    r"""Affine (fully connected) layer.

    .. math::

        \mathrm{out} = x W + b

    Parameters
    ----------
    x : array of shape (N, D)
    W : array of shape (D, M)
    b : array of shape (M,)

    Returns
    -------
    ndarray of shape (N, M)

    Examples
    --------
    >>> dense_forward(np.array([[1.0, 2.0]]), np.eye(2), np.array([0.5, -0.5]))
    array([[1.5, 1.5]])
    """
    x = _real_array(x, "x", 2)
    W = _real_array(W, "W", 2)
    b = _real_array(b, "b", 1)
    if W.shape[0] != x.shape[1]:
        raise ValueError(f"W has shape {W.shape}, expected ({x.shape[1]}, M) to match x")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b has shape {b.shape}, expected ({W.shape[1]},) to match W")
    return x @ W + b


def dense_backward(
    dout: np.ndarray, x: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Backward pass of :func:`dense_forward`.

    .. math::

        \frac{\partial L}{\partial x} = \delta W^\top, \quad
        \frac{\partial L}{\partial W} = x^\top \delta, \quad
        \frac{\partial L}{\partial b} = \sum_n \delta_n

    where :math:`\delta = \partial L / \partial\,\mathrm{out}`.

    Parameters
    ----------
    dout : array of shape (N, M)
        Upstream gradient.
    x : array of shape (N, D)
        The layer's input in the forward pass.
    W : array of shape (D, M)

    Returns
    -------
    dx : ndarray of shape (N, D)
    dW : ndarray of shape (D, M)
    db : ndarray of shape (M,)

    Examples
    --------
    >>> dx, dW, db = dense_backward(np.ones((2, 1)), np.array([[1.0], [2.0]]), np.array([[3.0]]))
    >>> dx.tolist(), dW.tolist(), db.tolist()
    ([[3.0], [3.0]], [[3.0]], [2.0])
    """
    dout = _real_array(dout, "dout", 2)
    x = _real_array(x, "x", 2)
    W = _real_array(W, "W", 2)
    if W.shape[0] != x.shape[1]:
        raise ValueError(f"W has shape {W.shape}, expected ({x.shape[1]}, M) to match x")
    if dout.shape != (x.shape[0], W.shape[1]):
        raise ValueError(
            f"dout has shape {dout.shape}, expected {(x.shape[0], W.shape[1])} "
            "(N rows of x, M columns of W)"
        )
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)


def two_layer_loss_and_grads(
    params: Mapping[str, np.ndarray], X: np.ndarray, y: np.ndarray
) -> tuple[float, dict[str, np.ndarray]]:
    r"""Loss and gradients of a two-layer ReLU network with a softmax cross-entropy output.

    .. math::

        h = \mathrm{relu}(X W_1 + b_1), \quad z = h W_2 + b_2, \quad
        L = -\frac{1}{N} \sum_n \log \mathrm{softmax}(z_n)_{y_n}

    Parameters
    ----------
    params : mapping with exactly the keys ``W1`` (D, H), ``b1`` (H,), ``W2`` (H, C), ``b2`` (C,)
    X : array of shape (N, D)
    y : integer array of shape (N,)
        Class labels in ``[0, C)``.

    Returns
    -------
    loss : float
        Mean cross-entropy over the ``N`` samples.
    grads : dict
        Gradients of ``loss`` with the same keys and shapes as ``params``.

    Notes
    -----
    The ReLU's derivative at exactly 0 is 0, as in PyTorch.

    Examples
    --------
    >>> params = {"W1": np.eye(2), "b1": np.zeros(2), "W2": np.eye(2), "b2": np.zeros(2)}
    >>> loss, grads = two_layer_loss_and_grads(params, np.array([[1.0, -1.0]]), np.array([0]))
    >>> round(loss, 6), grads["b2"].round(6).tolist()
    (0.313262, [-0.268941, 0.268941])
    """
    if not isinstance(params, Mapping):
        raise ValueError(f"params must be a dict of arrays, got {type(params).__name__}")
    if set(params) != set(_TWO_LAYER_KEYS):
        raise ValueError(
            f"params has keys {sorted(params)}, expected exactly {list(_TWO_LAYER_KEYS)}"
        )
    X = _real_array(X, "X", 2)
    W1 = _real_array(params["W1"], "params['W1']", 2)
    b1 = _real_array(params["b1"], "params['b1']", 1)
    W2 = _real_array(params["W2"], "params['W2']", 2)
    b2 = _real_array(params["b2"], "params['b2']", 1)
    if W2.shape[0] != b1.shape[0] or W1.shape[1] != b1.shape[0]:
        raise ValueError(
            f"hidden sizes disagree: W1 {W1.shape}, b1 {b1.shape}, W2 {W2.shape} "
            "(expected W1 (D, H), b1 (H,), W2 (H, C))"
        )
    pre_activation = dense_forward(X, W1, b1)
    hidden = relu(pre_activation)
    logits = dense_forward(hidden, W2, b2)
    loss = softmax_cross_entropy(logits, y)
    dlogits = softmax_cross_entropy_grad(logits, y)
    dhidden, dW2, db2 = dense_backward(dlogits, hidden, W2)
    dpre = dhidden * (pre_activation > 0)
    _, dW1, db1 = dense_backward(dpre, X, W1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
