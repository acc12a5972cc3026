import numpy as np


def mse_gradient(X, y, w, b):
    """Gradient of L = mean((X @ w + b - y)**2) with respect to w and b.

    X has shape (n, d), y shape (n,), w shape (d,), b is a float.
    Returns (dw, db): dw an array of shape (d,), db a float. Derive it by hand:
    no finite differences. Do not modify the inputs.
    """
    raise NotImplementedError
