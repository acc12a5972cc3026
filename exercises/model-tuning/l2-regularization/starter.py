import numpy as np


def ridge_loss_and_grad(X, y, w, b, alpha):
    """Loss and gradient of linear regression with an L2 penalty on the weights.

    loss = 0.5 * mean((X @ w + b - y) ** 2) + 0.5 * alpha * sum(w ** 2); the bias b is not
    penalised. X is (n, d), y (n,), w (d,), b and alpha floats.
    Returns (loss, dw, db): a float, an array of shape (d,), a float.
    """
    raise NotImplementedError
