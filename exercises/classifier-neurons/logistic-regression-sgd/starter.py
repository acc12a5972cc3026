import numpy as np


class LogisticRegressionSGD:
    """Logistic regression for labels {0, 1}, trained by stochastic gradient descent."""

    def __init__(self, learning_rate=0.1, epochs=100, seed=0):
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.seed = seed
        self.w = None  # weights, float64 array of shape (n_features,) after fit
        self.b = None  # bias, a float after fit
        self.losses = []  # mean binary cross-entropy over all samples after each epoch

    def fit(self, X, y):
        """Train from zeros; return self.

        rng = np.random.default_rng(self.seed), once per call. Each epoch visits the samples
        in the order rng.permutation(n) and updates after every sample:
        p = sigmoid(x_i @ w + b); w -= lr * (p - y_i) * x_i; b -= lr * (p - y_i).
        After each epoch append the mean binary cross-entropy (probabilities clipped into
        [1e-12, 1 - 1e-12]) over all samples to self.losses. Do not modify X or y.
        """
        raise NotImplementedError

    def predict_proba(self, X):
        """Probabilities of class 1, sigmoid(X @ w + b), shape (n_samples,)."""
        raise NotImplementedError

    def predict(self, X):
        """1 where predict_proba(X) >= 0.5, else 0, as an int64 array of shape (n_samples,)."""
        raise NotImplementedError
