"""A small multilayer perceptron that learns XOR, the problem a single neuron cannot solve.

Curriculum module 7 (``neural-networks``), exercise ``xor-mlp``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np

__all__ = ["solve_xor"]

_XOR_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
_XOR_TARGETS = np.array([0.0, 1.0, 1.0, 0.0])
_HIDDEN = 8
_LEARNING_RATE = 0.5
_EPOCHS = 1000
_MAX_ATTEMPTS = 5
# Required |logit| on every training point: a solution with this margin is not a lucky tie.
_MIN_MARGIN = 1.0


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function without overflow (``exp`` only sees non-positive arguments)."""
    decay = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + decay), decay / (1.0 + decay))


def _forward(
    params: dict[str, np.ndarray], X: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(centred inputs, hidden activations, output logits)``; inputs map to +-1."""
    centred = 2.0 * X - 1.0
    hidden = np.tanh(centred @ params["W1"] + params["b1"])
    return centred, hidden, hidden @ params["W2"] + params["b2"]


def _train(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Full-batch gradient descent on the mean binary cross-entropy of the four points."""
    params = {
        "W1": rng.normal(0.0, 1.0, size=(2, _HIDDEN)),
        "b1": np.zeros(_HIDDEN),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(_HIDDEN), size=_HIDDEN),
        "b2": np.zeros(()),
    }
    n = len(_XOR_TARGETS)
    for _ in range(_EPOCHS):
        centred, hidden, logits = _forward(params, _XOR_INPUTS)
        dlogits = (_sigmoid(logits) - _XOR_TARGETS) / n
        dhidden = np.outer(dlogits, params["W2"]) * (1.0 - hidden**2)
        grads = {
            "W1": centred.T @ dhidden,
            "b1": dhidden.sum(axis=0),
            "W2": hidden.T @ dlogits,
            "b2": dlogits.sum(),
        }
        for key, grad in grads.items():
            params[key] -= _LEARNING_RATE * grad
    return params


def solve_xor(seed: int = 0) -> Callable[[np.ndarray], np.ndarray]:
    r"""Train a 2-8-1 MLP on the four XOR points and return its prediction function.

    .. math::

        h = \tanh\big((2x - 1) W_1 + b_1\big), \qquad
        \hat y = [\, h W_2 + b_2 > 0 \,]

    Parameters
    ----------
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` for the weight initialisation.

    Returns
    -------
    callable
        ``predict(X)`` maps an array of shape ``(n, 2)`` with 0/1 entries to an ``int64``
        array of shape ``(n,)`` of XOR predictions.

    Notes
    -----
    Eight tanh hidden units on inputs centred to ``{-1, 1}``, a sigmoid output, mean binary
    cross-entropy, full-batch gradient descent (learning rate 0.5, 1000 epochs): this
    converges at the first attempt for every seed tried (0-499), where a 2-2-1 sigmoid net
    gets stuck on some.
    As a safeguard the result is checked on the four points, with every logit at least 1.0
    away from the decision boundary, and training restarts from fresh weights drawn from the
    same generator (at most five attempts) if that fails. Training takes a few hundredths
    of a second.

    Examples
    --------
    >>> predict = solve_xor(seed=0)
    >>> predict(np.array([[0, 0], [0, 1], [1, 0], [1, 1]])).tolist()
    [0, 1, 1, 0]
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed={seed!r} must be a non-negative integer")
    rng = np.random.default_rng(int(seed))
    for _ in range(_MAX_ATTEMPTS):
        params = _train(rng)
        logits = _forward(params, _XOR_INPUTS)[2]
        solved = np.array_equal(logits > 0, _XOR_TARGETS > 0)
        if solved and np.min(np.abs(logits)) >= _MIN_MARGIN:
            break
    else:  # pragma: no cover - never reached for any seed tried
        raise RuntimeError(f"XOR training did not converge for seed={seed}")

    def predict(X: np.ndarray) -> np.ndarray:
        """Predict XOR of the two 0/1 columns of ``X`` (shape ``(n, 2)``) as int64 ``(n,)``."""
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != 2:
            raise ValueError(f"X must have shape (n, 2), got {X.shape}")
        if X.dtype.kind not in "biuf" or not np.all((X == 0) | (X == 1)):
            raise ValueError("X must hold only 0/1 values")
        logits = _forward(params, X.astype(np.float64))[2]
        return (logits > 0).astype(np.int64)

    return predict
