# Wrong: computes the residual in place in y to save a copy, overwriting the caller's targets.
import numpy as np


def mse_gradient(X, y, w, b):
    r = np.subtract(X @ w + b, y, out=y)
    n = len(r)
    return 2 * X.T @ r / n, float(2 * np.sum(r) / n)
