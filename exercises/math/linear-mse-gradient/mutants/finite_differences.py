# Wrong: estimates the gradient by finite differences instead of deriving it (inaccurate for large parameters).
import numpy as np


def _loss(X, y, w, b):
    return np.sum((X @ w + b - y) ** 2) / len(y)


def mse_gradient(X, y, w, b, h=1e-5):
    w = np.array(w, dtype=float)
    dw = np.zeros_like(w)
    for j in range(w.size):
        step = np.zeros_like(w)
        step[j] = h
        dw[j] = (_loss(X, y, w + step, b) - _loss(X, y, w - step, b)) / (2 * h)
    db = (_loss(X, y, w, b + h) - _loss(X, y, w, b - h)) / (2 * h)
    return dw, float(db)
