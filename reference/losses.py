"""Softmax and the softmax cross-entropy loss with its gradient.

Curriculum module 7 (``neural-networks``), exercises ``softmax`` and
``softmax-cross-entropy``. Everything is computed from log-sum-exp with the maximum
subtracted, so logits of magnitude 1e4 neither overflow nor lose the answer.
"""

from __future__ import annotations

import numbers

import numpy as np

from reference._validation import as_real_array

__all__ = ["softmax", "softmax_cross_entropy", "softmax_cross_entropy_grad"]


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Numerically stable softmax along one axis.

    .. math::

        \mathrm{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}}, \qquad m = \max_j z_j

    Parameters
    ----------
    z : array of any shape with at least one dimension
    axis : int, default -1
        Axis along which the entries sum to 1.

    Returns
    -------
    ndarray of the shape of ``z``, float64

    Notes
    -----
    Subtracting the maximum leaves the result unchanged and keeps every exponent at most 0,
    so nothing overflows. ``-inf`` entries get probability 0; a slice that is all ``-inf``
    (or holds ``+inf`` or NaN) gives NaN, as ``scipy.special.softmax`` does, without a
    warning.

    Examples
    --------
    >>> np.round(softmax(np.array([[1.0, 1.0], [0.0, -np.inf]])), 6)
    array([[0.5, 0.5],
           [1. , 0. ]])
    >>> softmax(np.array([1e4, 0.0]))
    array([1., 0.])
    """
    z = as_real_array(z, "z")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension, got a scalar")
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise ValueError(f"axis={axis!r} must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis={axis} is out of range for z with {z.ndim} dimension(s)")
    if z.shape[axis] == 0:
        raise ValueError(f"z has no entries along axis={axis} (shape {z.shape})")
    with np.errstate(invalid="ignore"):
        exp_shifted = np.exp(z - z.max(axis=axis, keepdims=True))
        return exp_shifted / exp_shifted.sum(axis=axis, keepdims=True)


def _check_logits_and_labels(logits: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, ...]:
    """Validate ``(N, C)`` logits and ``(N,)`` integer labels in ``[0, C)``."""
    logits = np.asarray(logits)
    labels = np.asarray(labels)
    if logits.dtype.kind not in "iuf":
        raise ValueError(f"logits must hold real numbers, got dtype {logits.dtype}")
    logits = logits.astype(np.float64, copy=False)
    if logits.ndim != 2 or logits.shape[0] == 0 or logits.shape[1] == 0:
        raise ValueError(
            f"logits must have shape (N, C) with N >= 1 and C >= 1, got {logits.shape}"
        )
    n, c = logits.shape
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.shape != (n,):
        raise ValueError(f"labels has shape {labels.shape}, expected ({n},) to match logits")
    if labels.min() < 0 or labels.max() >= c:
        raise ValueError(
            f"labels must lie in [0, {c - 1}] for C={c} classes, "
            f"got values from {labels.min()} to {labels.max()}"
        )
    return logits, labels.astype(np.intp, copy=False)


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax of a 2-D array via log-sum-exp with the maximum subtracted."""
    with np.errstate(invalid="ignore", divide="ignore"):
        shifted = logits - logits.max(axis=1, keepdims=True)
        return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    r"""Mean cross-entropy between ``softmax(logits)`` and integer class labels.

    .. math::

        L = -\frac{1}{N} \sum_{n=1}^{N} \log \mathrm{softmax}(z_n)_{y_n}
          = \frac{1}{N} \sum_{n} \left(\log \sum_c e^{z_{nc}} - z_{n y_n}\right)

    Parameters
    ----------
    logits : array of shape (n_samples, n_classes)
        Unnormalised scores; finite values of magnitude up to 1e4 are safe, and ``-inf``
        outside the label's column is allowed (that class has probability 0).
    labels : integer array of shape (n_samples,)
        Class indices in ``[0, n_classes)``.

    Returns
    -------
    float
        The mean over samples (``torch.nn.functional.cross_entropy``'s default reduction).

    Notes
    -----
    A ``-inf`` logit in the label's own column gives ``inf``; a row of only ``-inf`` gives
    NaN, as in PyTorch.

    Examples
    --------
    >>> round(softmax_cross_entropy(np.array([[0.0, 0.0], [1e4, -1e4]]), np.array([0, 0])), 6)
    0.346574
    """
    logits, labels = _check_logits_and_labels(logits, labels)
    log_probs = _log_softmax(logits)
    return float(-np.mean(log_probs[np.arange(len(labels)), labels]))


def softmax_cross_entropy_grad(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy` with respect to the logits.

    .. math::

        \frac{\partial L}{\partial z_{nc}} = \frac{\mathrm{softmax}(z_n)_c - [c = y_n]}{N}

    Parameters
    ----------
    logits : array of shape (n_samples, n_classes)
    labels : integer array of shape (n_samples,)

    Returns
    -------
    ndarray of shape (n_samples, n_classes), float64
        Each row sums to 0 (up to rounding).

    Examples
    --------
    >>> softmax_cross_entropy_grad(np.array([[0.0, 0.0]]), np.array([1]))
    array([[ 0.5, -0.5]])
    """
    logits, labels = _check_logits_and_labels(logits, labels)
    n = len(labels)
    grad = softmax(logits, axis=1)
    grad[np.arange(n), labels] -= 1.0
    return grad / n
