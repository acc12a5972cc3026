import numpy as np


class LinearNeuron:
    """A linear neuron y_hat = X @ w + b trained by full-batch gradient descent."""

    def __init__(self, learning_rate=0.1):
        self.learning_rate = learning_rate
        self.w = None
        self.b = None
        self.losses = []

    def forward(self, X):
        """Predictions X @ w + b, shape (n,)."""
        raise NotImplementedError

    def backprop(self, X, err):
        """Gradients (w_grad, b_grad) of the half mean squared error, given err = y_hat - y."""
        raise NotImplementedError

    def fit(self, X, y, epochs=100):
        """Reset w, b, losses; run ``epochs`` gradient-descent steps; return self."""
        raise NotImplementedError
