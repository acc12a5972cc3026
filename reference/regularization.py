"""Fighting overfitting: L2 (ridge) penalty, early stopping and inverted dropout.

Curriculum module 6 (``model-tuning``), exercises ``l2-regularization``, ``early-stopping``
and ``dropout``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np

__all__ = ["dropout", "early_stopping", "ridge_loss_and_grad"]


def ridge_loss_and_grad(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, alpha: float
) -> tuple[float, np.ndarray, float]:
    r"""Loss and gradient of linear regression with an L2 penalty on the weights.

    .. math::

        L = \frac{1}{2n} \sum_i (x_i^\top w + b - y_i)^2 + \frac{\alpha}{2} \lVert w \rVert^2,
        \quad
        \frac{\partial L}{\partial w} = \frac{1}{n} X^\top e + \alpha w, \quad
        \frac{\partial L}{\partial b} = \frac{1}{n} \sum_i e_i

    where :math:`e = Xw + b - y`.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,)
    w : array of shape (n_features,)
    b : float
    alpha : float
        Penalty strength, ``alpha >= 0``.

    Returns
    -------
    loss : float
    dw : ndarray of shape (n_features,)
    db : float

    Notes
    -----
    The data term is a mean over samples (halved); the bias is not penalised.

    Examples
    --------
    >>> X = np.array([[1.0], [2.0]])
    >>> loss, dw, db = ridge_loss_and_grad(X, np.array([1.0, 2.0]), np.array([2.0]), 0.0, 0.5)
    >>> round(loss, 6), dw.tolist(), db
    (2.25, [3.5], 1.5)
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X must be 2-D with at least one row, got shape {X.shape}")
    n, d = X.shape
    if y.shape != (n,):
        raise ValueError(f"y has shape {y.shape}, expected ({n},) to match X")
    if w.shape != (d,):
        raise ValueError(f"w has shape {w.shape}, expected ({d},) to match X's columns")
    if not isinstance(b, numbers.Real):
        raise ValueError(f"b={b!r} must be a real number")
    if not isinstance(alpha, numbers.Real) or not alpha >= 0 or not math.isfinite(alpha):
        raise ValueError(f"alpha={alpha!r} must be a finite number >= 0")
    err = X @ w + b - y
    loss = 0.5 * np.mean(err**2) + 0.5 * alpha * np.sum(w**2)
    dw = X.T @ err / n + alpha * w
    db = np.mean(err)
    return float(loss), dw, float(db)


def early_stopping(
    val_losses: Sequence[float], patience: int, min_delta: float = 0.0
) -> tuple[int, int]:
    r"""Find the best epoch and the epoch at which patience-based early stopping stops.

    .. math::

        \text{improvement at } e \iff \ell_e < \ell_{best} - \delta

    Parameters
    ----------
    val_losses : sequence of float, length >= 1
        Validation loss after each epoch.
    patience : int
        Number of epochs without improvement that stops training, ``patience >= 1``.
    min_delta : float, default 0.0
        Minimum decrease that counts as an improvement, ``min_delta >= 0``.

    Returns
    -------
    best_epoch : int
        0-based epoch of the last improvement.
    stop_epoch : int
        0-based epoch at which training stops, ``len(val_losses) - 1`` if it never stops.

    Notes
    -----
    Exactly this rule: ``best = inf``, ``best_epoch = 0``, ``wait = 0``; for each epoch ``e``:
    if ``loss < best - min_delta`` then ``best = loss``, ``best_epoch = e``, ``wait = 0``;
    else ``wait += 1`` and if ``wait >= patience`` stop with ``stop_epoch = e``. A NaN loss
    is never an improvement.

    Examples
    --------
    >>> early_stopping([1.0, 0.8, 0.9, 0.85, 0.7], patience=2)
    (1, 3)
    >>> early_stopping([1.0, 0.8, 0.9, 0.85, 0.7], patience=3)
    (4, 4)
    """
    losses = np.asarray(val_losses, dtype=np.float64)
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"val_losses must be a non-empty 1-D sequence, got shape {losses.shape}")
    if isinstance(patience, bool) or not isinstance(patience, numbers.Integral) or patience < 1:
        raise ValueError(f"patience={patience!r} must be an integer >= 1")
    if not isinstance(min_delta, numbers.Real) or not min_delta >= 0:
        raise ValueError(f"min_delta={min_delta!r} must be a number >= 0")
    best = math.inf
    best_epoch = 0
    wait = 0
    for epoch, loss in enumerate(losses.tolist()):
        if loss < best - min_delta:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return best_epoch, epoch
    return best_epoch, len(losses) - 1


def dropout(
    x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    r"""Inverted dropout: zero each entry with probability ``p`` and rescale the survivors.

    .. math::

        m = [u \ge p],\ u \sim U[0, 1), \qquad \mathrm{out} = \frac{x \odot m}{1 - p}

    Parameters
    ----------
    x : array of any shape
    p : float
        Drop probability, ``0 <= p < 1`` (checked even when ``training`` is false).
    rng : numpy.random.Generator
        Source of the uniforms: exactly one ``rng.random(x.shape)`` call when dropping.
    training : bool, default True
        When false, dropout is the identity.

    Returns
    -------
    out : ndarray of the shape of ``x``, float64
    mask : ndarray of bool of the shape of ``x``
        True where the entry is kept.

    Notes
    -----
    When ``training`` is false or ``p == 0`` the result is ``(x, all-true mask)`` (``x`` as a
    float64 copy) and nothing is drawn from ``rng``. Scaling by ``1 / (1 - p)`` at training
    time keeps the expectation of every entry unchanged, so inference needs no rescaling.

    Examples
    --------
    >>> out, mask = dropout(np.ones(4), 0.5, np.random.default_rng(0))
    >>> mask.tolist(), out.tolist()
    ([True, False, False, False], [2.0, 0.0, 0.0, 0.0])
    """
    if not isinstance(p, numbers.Real) or not 0.0 <= p < 1.0:
        raise ValueError(f"p={p!r} must be a probability in [0, 1)")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy.random.Generator")
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError(f"x must hold real numbers, got dtype {x.dtype}")
    x = x.astype(np.float64)
    if not training or p == 0:
        return x, np.ones(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p), mask
