# Wrong: records the loss before the epoch's updates instead of after them.
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


class LogisticRegressionSGD:
    def __init__(self, learning_rate=0.1, epochs=100, seed=0):
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.seed = seed
        self.w = None
        self.b = None
        self.losses = []

    def fit(self, X, y):
        rng = np.random.default_rng(self.seed)
        self.w = np.zeros(X.shape[1])
        self.b = 0.0
        self.losses = []
        for _ in range(self.epochs):
            self.losses.append(self._loss(X, y))
            for i in rng.permutation(X.shape[0]):
                g = float(sigmoid(X[i] @ self.w + self.b)) - y[i]
                self.w = self.w - self.learning_rate * g * X[i]
                self.b -= self.learning_rate * g
        return self

    def _loss(self, X, y):
        p = np.clip(self.predict_proba(X), 1e-12, 1 - 1e-12)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def predict_proba(self, X):
        return sigmoid(X @ self.w + self.b)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(np.int64)
