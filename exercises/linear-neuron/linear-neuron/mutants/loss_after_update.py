# Wrong: records the loss after the update instead of before it (the curve shifts by one epoch).
import numpy as np


class LinearNeuron:
    def __init__(self, learning_rate=0.1):
        self.learning_rate = learning_rate
        self.w = None
        self.b = None
        self.losses = []

    def forward(self, X):
        return X @ self.w + self.b

    def backprop(self, X, err):
        return X.T @ err / X.shape[0], float(np.mean(err))

    def fit(self, X, y, epochs=100):
        self.w = np.zeros(X.shape[1])
        self.b = 0.0
        self.losses = []
        for _ in range(epochs):
            err = self.forward(X) - y
            w_grad, b_grad = self.backprop(X, err)
            self.w = self.w - self.learning_rate * w_grad
            self.b = self.b - self.learning_rate * b_grad
            self.losses.append(float(0.5 * np.mean((self.forward(X) - y) ** 2)))
        return self
