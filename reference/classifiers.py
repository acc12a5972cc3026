"""Classifier neurons: the perceptron, Adaline, and logistic regression trained by SGD.

CURRICULUM module 5 (``classifier-neurons``). Each ``fit`` follows the curriculum's update
rule operation by operation (order of samples, order of updates, what is recorded when), so
that a learner's training trajectory can be graded exactly. ``fit`` modifies the estimator
in place and returns it; ``predict`` returns ``int64`` labels.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from reference._validation import as_float_array, check_count, check_finite, check_positive_real
from reference.probability import binary_cross_entropy, sigmoid

__all__ = ["Adaline", "LogisticRegressionSGD", "Perceptron"]


def _check_features(X, n_features: int | None = None) -> np.ndarray:
    X = as_float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got X.shape={X.shape}")
    check_finite(X, "X")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features but the model was fit with {n_features}")
    return X


def _check_training_data(X, y, labels: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    X = _check_features(X)
    if X.shape[0] == 0:
        raise ValueError("X has no rows; need at least one sample")
    y = as_float_array(y, "y")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape (n_samples,)=({X.shape[0]},); got y.shape={y.shape}")
    bad = (y != labels[0]) & (y != labels[1])
    if np.any(bad):
        index = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"y must hold only the labels {labels[0]} and {labels[1]}; "
            f"found y[{index}]={float(y[index])!r}"
        )
    return X, y


def _fitted_weights(model) -> np.ndarray:
    if model.w is None or model.b is None:
        raise ValueError(f"{type(model).__name__} is not fitted: call fit(X, y) first")
    return np.asarray(model.w, dtype=np.float64)


class _LinearBinaryClassifier(ABC):
    """What the three classifiers share: arguments, the zero start, the fitted weights.

    A subclass names its two ``_labels`` and implements :meth:`_train`, which empties its
    history and runs the epochs from ``w = 0``, ``b = 0``.
    """

    _labels: tuple[int, int]

    def __init__(self, learning_rate: float, epochs: int) -> None:
        self.learning_rate = check_positive_real(learning_rate, "learning_rate")
        self.epochs = check_count(epochs, "epochs")
        self.w: np.ndarray | None = None
        self.b: float | None = None

    def fit(self, X, y):
        """Train from zeros; modifies ``self`` in place and returns it.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
            Only the two labels of the class (0 and 1; -1 and 1 for :class:`Adaline`).

        Returns
        -------
        self

        Raises
        ------
        ValueError
            On bad shapes, non-finite ``X`` or labels other than the class's two.
        """
        X, y = _check_training_data(X, y, self._labels)
        self.w = np.zeros(X.shape[1])
        self.b = 0.0
        self._train(X, y)
        return self

    @abstractmethod
    def _train(self, X: np.ndarray, y: np.ndarray) -> None:
        """Fit ``self.w`` and ``self.b`` (zeros on entry) to the checked ``X`` and ``y``."""

    def _net_input(self, X) -> np.ndarray:
        """``X @ w + b``, or ``ValueError`` if not fitted or ``X`` has the wrong columns."""
        w = _fitted_weights(self)
        X = _check_features(X, w.shape[0])
        return X @ w + self.b


class Perceptron(_LinearBinaryClassifier):
    r"""Rosenblatt's perceptron for labels {0, 1}, trained sample by sample.

    .. math:: \hat y = [\, x^\top w + b \ge 0 \,], \qquad
              \Delta = \eta\,(y_i - \hat y_i), \quad w \mathrel{+}= \Delta x_i, \quad
              b \mathrel{+}= \Delta

    Parameters
    ----------
    learning_rate : float, default=1.0
        Finite and positive.
    epochs : int, default=10
        Passes over the data, ``>= 0``.

    Attributes
    ----------
    w : ndarray of shape (n_features,) or None
    b : float or None
    errors : list of int
        The number of non-zero updates (misclassified samples) in each epoch.

    Notes
    -----
    Samples are visited in their given order every epoch (no shuffling); a net input of
    exactly 0 predicts 1.

    Examples
    --------
    >>> X = np.array([[2.0, 1.0], [-1.0, -2.0], [1.0, 2.0], [-2.0, -1.0]])
    >>> model = Perceptron(epochs=3).fit(X, np.array([1, 0, 1, 0]))
    >>> model.errors
    [1, 0, 0]
    >>> model.w, model.b, model.predict(X)
    (array([1., 2.]), -1.0, array([1, 0, 1, 0]))
    """

    _labels = (0, 1)

    def __init__(self, learning_rate: float = 1.0, epochs: int = 10) -> None:
        super().__init__(learning_rate, epochs)
        self.errors: list[int] = []

    def _train(self, X: np.ndarray, y: np.ndarray) -> None:
        self.errors = []
        for _ in range(self.epochs):
            n_updates = 0
            for x_i, y_i in zip(X, y):
                predicted = 1.0 if x_i @ self.w + self.b >= 0 else 0.0
                update = self.learning_rate * (float(y_i) - predicted)
                self.w += update * x_i
                self.b += update
                n_updates += int(update != 0.0)
            self.errors.append(n_updates)

    def predict(self, X) -> np.ndarray:
        """Labels ``1 if X @ w + b >= 0 else 0`` as an ``int64`` array of shape (n_samples,).

        Raises
        ------
        ValueError
            If the model is not fitted or ``X`` has the wrong number of columns.
        """
        return np.where(self._net_input(X) >= 0, 1, 0).astype(np.int64)


class Adaline(_LinearBinaryClassifier):
    r"""ADAptive LInear NEuron for labels {-1, 1}, trained by full-batch gradient descent.

    .. math:: e = y - (X w + b), \qquad w \mathrel{+}= \frac{\eta}{n} X^\top e, \qquad
              b \mathrel{+}= \frac{\eta}{n} \sum_i e_i, \qquad
              \text{cost} = \frac{1}{2n} \sum_i e_i^2

    Parameters
    ----------
    learning_rate : float, default=0.01
        Finite and positive.
    epochs : int, default=50
        Full-batch updates, ``>= 0``.

    Attributes
    ----------
    w : ndarray of shape (n_features,) or None
    b : float or None
    costs : list of float
        ``0.5 * mean(e**2)`` per epoch, computed before that epoch's update.

    Notes
    -----
    The model is trained on the linear output (the net input), not on thresholded labels;
    the threshold applies only in :meth:`predict`, where a net input of exactly 0 gives 1.

    Examples
    --------
    >>> X = np.array([[1.0], [-1.0]])
    >>> model = Adaline(learning_rate=0.5, epochs=2).fit(X, np.array([1, -1]))
    >>> model.costs, model.w, model.b
    ([0.5, 0.125], array([0.75]), 0.0)
    >>> model.predict(np.array([[2.0], [-0.5], [0.0]]))
    array([ 1, -1,  1])
    """

    _labels = (-1, 1)

    def __init__(self, learning_rate: float = 0.01, epochs: int = 50) -> None:
        super().__init__(learning_rate, epochs)
        self.costs: list[float] = []

    def _train(self, X: np.ndarray, y: np.ndarray) -> None:
        n = X.shape[0]
        lr = self.learning_rate
        self.costs = []
        for _ in range(self.epochs):
            e = y - (X @ self.w + self.b)
            self.costs.append(float(0.5 * np.mean(e**2)))
            self.w += lr * X.T @ e / n
            self.b += lr * float(np.mean(e))

    def net_input(self, X) -> np.ndarray:
        """The linear output ``X @ w + b``, shape (n_samples,).

        Raises
        ------
        ValueError
            If the model is not fitted or ``X`` has the wrong number of columns.
        """
        return self._net_input(X)

    def predict(self, X) -> np.ndarray:
        """Labels ``1 if net_input >= 0 else -1`` as an ``int64`` array of shape (n_samples,)."""
        return np.where(self.net_input(X) >= 0, 1, -1).astype(np.int64)


class LogisticRegressionSGD(_LinearBinaryClassifier):
    r"""Logistic regression for labels {0, 1}, trained by stochastic gradient descent.

    .. math:: p_i = \sigma(x_i^\top w + b), \qquad
              w \mathrel{-}= \eta\,(p_i - y_i)\,x_i, \qquad b \mathrel{-}= \eta\,(p_i - y_i)

    Parameters
    ----------
    learning_rate : float, default=0.1
        Finite and positive.
    epochs : int, default=100
        Passes over the data, ``>= 0``.
    seed : int, default=0
        Seeds ``numpy.random.default_rng(seed)``, created once per :meth:`fit`.

    Attributes
    ----------
    w : ndarray of shape (n_features,) or None
    b : float or None
    losses : list of float
        After each epoch, the mean binary cross-entropy over all samples, probabilities
        clipped to ``[1e-12, 1 - 1e-12]`` (:func:`~reference.probability.binary_cross_entropy`).

    Notes
    -----
    Each epoch visits the samples in the order ``rng.permutation(n)``, one draw per epoch
    from the same generator, and updates after every sample. ``(p - y)`` is the gradient of
    the cross-entropy of one sample with respect to its net input.

    Examples
    --------
    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    >>> model = LogisticRegressionSGD(learning_rate=0.5, epochs=20).fit(X, np.array([0, 0, 1, 1]))
    >>> model.predict(X)
    array([0, 0, 1, 1])
    >>> len(model.losses), model.losses[-1] < model.losses[0]
    (20, True)
    """

    _labels = (0, 1)

    def __init__(self, learning_rate: float = 0.1, epochs: int = 100, seed: int = 0) -> None:
        super().__init__(learning_rate, epochs)
        self.seed = check_count(seed, "seed")
        self.losses: list[float] = []

    def _train(self, X: np.ndarray, y: np.ndarray) -> None:
        lr = self.learning_rate
        rng = np.random.default_rng(self.seed)
        self.losses = []
        for _ in range(self.epochs):
            for i in rng.permutation(X.shape[0]):
                p = sigmoid(X[i] @ self.w + self.b)
                self.w -= lr * (p - y[i]) * X[i]
                self.b -= lr * float(p - y[i])
            self.losses.append(binary_cross_entropy(y, sigmoid(X @ self.w + self.b)))

    def predict_proba(self, X) -> np.ndarray:
        """Probabilities of class 1, ``sigmoid(X @ w + b)``, shape (n_samples,).

        Raises
        ------
        ValueError
            If the model is not fitted or ``X`` has the wrong number of columns.
        """
        return np.asarray(sigmoid(self._net_input(X)))

    def predict(self, X) -> np.ndarray:
        """Labels ``predict_proba(X) >= 0.5`` as an ``int64`` array of shape (n_samples,)."""
        return (self.predict_proba(X) >= 0.5).astype(np.int64)
