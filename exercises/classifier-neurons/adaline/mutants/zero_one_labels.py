# Wrong: predict returns 0/1 labels (like the perceptron) instead of -1/1.
import numpy as np


class Adaline:
    def __init__(self, learning_rate=0.01, epochs=50):
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.w = None
        self.b = None
        self.costs = []

    def fit(self, X, y):
        n = X.shape[0]
        self.w = np.zeros(X.shape[1])
        self.b = 0.0
        self.costs = []
        for _ in range(self.epochs):
            e = y - self.net_input(X)
            self.costs.append(float(0.5 * np.mean(e**2)))
            self.w = self.w + self.learning_rate * X.T @ e / n
            self.b += self.learning_rate * float(np.mean(e))
        return self

    def net_input(self, X):
        return X @ self.w + self.b

    def predict(self, X):
        return np.where(self.net_input(X) >= 0, 1, 0).astype(np.int64)
