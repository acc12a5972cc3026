# Wrong: derives the gradient for w only and returns 0 for the bias.
import numpy as np


def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    return 2 * X.T @ r / len(y), 0.0
