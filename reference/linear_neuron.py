"""The linear regression neuron: forward pass, backpropagation and full-batch training.

CURRICULUM module 3 (``linear-neuron``). The training loop is spelled out operation by
operation in the curriculum, so that a learner's loss trajectory can be graded epoch by
epoch; :meth:`LinearNeuron.fit` follows it literally.
"""

from __future__ import annotations

import numpy as np

from reference._validation import (
    as_float_array,
    as_sample_matrix,
    check_count,
    check_finite,
    check_positive_real,
)

__all__ = ["LinearNeuron"]


def _check_vector(v, name: str, n: int) -> np.ndarray:
    v = as_float_array(v, name)
    if v.shape != (n,):
        raise ValueError(f"{name} must have shape (n_samples,)=({n},); got {name}.shape={v.shape}")
    check_finite(v, name)
    return v


class LinearNeuron:
    r"""A single linear neuron trained by full-batch gradient descent on the squared error.

    .. math:: \hat y = X w + b, \qquad
              \mathcal L = \frac{1}{2n} \sum_{i=1}^n (\hat y_i - y_i)^2

    Parameters
    ----------
    learning_rate : float, default=0.1
        Step size, finite and positive.

    Attributes
    ----------
    w : ndarray of shape (n_features,) or None
        Weights; ``None`` until :meth:`fit` (or the caller) sets them.
    b : float or None
        Bias; ``None`` until set.
    losses : list of float
        ``0.5 * mean(err**2)`` per epoch, computed before that epoch's update.

    Notes
    -----
    The gradients are those of the *half* mean squared error, ``X.T @ err / n`` and
    ``mean(err)``, while the recorded loss is that same half mean squared error.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> neuron = LinearNeuron(learning_rate=0.1).fit(X, 2.0 * X[:, 0] + 1.0, epochs=2)
    >>> [round(loss, 6) for loss in neuron.losses]
    [5.833333, 3.387037]
    >>> np.round(neuron.w, 6), round(neuron.b, 6)
    (array([0.764444]), 0.526667)
    """

    def __init__(self, learning_rate: float = 0.1) -> None:
        self.learning_rate = check_positive_real(learning_rate, "learning_rate")
        self.w: np.ndarray | None = None
        self.b: float | None = None
        self.losses: list[float] = []

    def forward(self, X) -> np.ndarray:
        r"""Predictions :math:`X w + b`.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)

        Raises
        ------
        ValueError
            If ``w`` or ``b`` is unset, or ``X`` is not 2-D with ``len(w)`` columns.
        """
        if self.w is None or self.b is None:
            raise ValueError("LinearNeuron has no weights yet: call fit(X, y) or set w and b")
        X = as_sample_matrix(X)
        w = np.asarray(self.w, dtype=np.float64)
        if X.shape[1] != w.shape[0]:
            raise ValueError(f"X has {X.shape[1]} features but the neuron has {w.shape[0]} weights")
        return X @ w + self.b

    def backprop(self, X, err) -> tuple[np.ndarray, float]:
        r"""Gradients of the half mean squared error given the residuals ``err = y_hat - y``.

        .. math:: \nabla_w = \frac{1}{n} X^\top e, \qquad
                  \frac{\partial \mathcal L}{\partial b} = \frac{1}{n} \sum_i e_i

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        err : array_like of shape (n_samples,)

        Returns
        -------
        (w_grad, b_grad) : tuple of ndarray of shape (n_features,) and float

        Raises
        ------
        ValueError
            On bad shapes or non-finite values.
        """
        X = as_sample_matrix(X)
        err = _check_vector(err, "err", X.shape[0])
        return self._backprop(X, err)

    @staticmethod
    def _backprop(X: np.ndarray, err: np.ndarray) -> tuple[np.ndarray, float]:
        n = X.shape[0]
        return X.T @ err / n, float(np.mean(err))

    def fit(self, X, y, epochs: int = 100) -> LinearNeuron:
        """Train from zeros for ``epochs`` full-batch steps; modifies ``self`` in place.

        Each epoch: ``y_hat = forward(X)``, ``err = y_hat - y``,
        ``(w_grad, b_grad) = backprop(X, err)``, ``w -= lr * w_grad``,
        ``b -= lr * b_grad``, and ``0.5 * mean(err**2)`` is appended to ``losses``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
        epochs : int, default=100
            Number of updates, ``>= 0``.

        Returns
        -------
        LinearNeuron
            ``self``, with ``w`` reset to ``zeros(n_features)``, ``b`` to 0.0 and
            ``losses`` to ``[]`` before training.

        Raises
        ------
        ValueError
            On bad shapes, non-finite values or a bad ``epochs``.
        """
        X = as_sample_matrix(X)
        y = _check_vector(y, "y", X.shape[0])
        epochs = check_count(epochs, "epochs")
        self.w = np.zeros(X.shape[1])
        self.b = 0.0
        self.losses = []
        for _ in range(epochs):
            y_hat = X @ self.w + self.b
            err = y_hat - y
            w_grad, b_grad = self._backprop(X, err)
            self.w = self.w - self.learning_rate * w_grad
            self.b = self.b - self.learning_rate * b_grad
            self.losses.append(float(0.5 * np.mean(err**2)))
        return self
