import numpy as np


class Perceptron:
    """Rosenblatt's perceptron for labels {0, 1}, trained sample by sample."""

    def __init__(self, learning_rate=1.0, epochs=10):
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.w = None  # weights, float64 array of shape (n_features,) after fit
        self.b = None  # bias, a float after fit
        self.errors = []  # number of updates (mistakes) in each epoch

    def fit(self, X, y):
        """Train from zeros, visiting the samples in order each epoch; return self.

        For each sample: update = learning_rate * (y_i - predict(x_i)); w += update * x_i;
        b += update. Append the number of non-zero updates of each epoch to self.errors.
        Do not modify X or y.
        """
        raise NotImplementedError

    def predict(self, X):
        """1 where X @ w + b >= 0, else 0, as an int64 array of shape (n_samples,)."""
        raise NotImplementedError
