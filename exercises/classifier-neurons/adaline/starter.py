import numpy as np


class Adaline:
    """ADAptive LInear NEuron for labels {-1, 1}, trained by full-batch gradient descent."""

    def __init__(self, learning_rate=0.01, epochs=50):
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.w = None  # weights, float64 array of shape (n_features,) after fit
        self.b = None  # bias, a float after fit
        self.costs = []  # 0.5 * mean(e**2) of each epoch, before its update

    def fit(self, X, y):
        """Train from zeros with one full-batch update per epoch; return self.

        e = y - net_input(X); append 0.5 * mean(e**2) to costs; w += lr * X.T @ e / n;
        b += lr * mean(e). Do not modify X or y.
        """
        raise NotImplementedError

    def net_input(self, X):
        """The linear output X @ w + b, shape (n_samples,)."""
        raise NotImplementedError

    def predict(self, X):
        """1 where net_input(X) >= 0, else -1, as an int64 array of shape (n_samples,)."""
        raise NotImplementedError
