# Wrong: a second call to fit continues from the previous weights and appends to the old errors.
import numpy as np


class Perceptron:
    def __init__(self, learning_rate=1.0, epochs=10):
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.w = None
        self.b = 0.0
        self.errors = []

    def fit(self, X, y):
        if self.w is None:
            self.w = np.zeros(X.shape[1])
        for _ in range(self.epochs):
            count = 0
            for x_i, y_i in zip(X, y):
                update = self.learning_rate * (y_i - (1 if x_i @ self.w + self.b >= 0 else 0))
                self.w += update * x_i
                self.b += update
                count += int(update != 0)
            self.errors.append(count)
        return self

    def predict(self, X):
        return np.where(X @ self.w + self.b >= 0, 1, 0).astype(np.int64)
