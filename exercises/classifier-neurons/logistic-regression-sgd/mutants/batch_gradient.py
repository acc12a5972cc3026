# Wrong: makes one full-batch gradient step per epoch instead of one step per sample.
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
        self.w = np.zeros(X.shape[1])
        self.b = 0.0
        self.losses = []
        for _ in range(self.epochs):
            g = self.predict_proba(X) - y
            self.w = self.w - self.learning_rate * X.T @ g / len(y)
            self.b -= self.learning_rate * float(np.mean(g))
            self.losses.append(self._loss(X, y))
        return self

    def _loss(self, X, y):
        p = np.clip(self.predict_proba(X), 1e-12, 1 - 1e-12)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def predict_proba(self, X):
        return sigmoid(X @ self.w + self.b)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(np.int64)
