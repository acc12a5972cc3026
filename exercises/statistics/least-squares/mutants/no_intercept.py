# Wrong: fit_linear solves X w = y without centring or a column of ones: the plane goes through the origin.
import numpy as np


def _is_constant(x):
    n = x.size
    m = x.mean()
    v = np.mean((x - m) ** 2)
    eps = np.finfo(float).eps
    return v <= n * eps * v + (n * m * eps) ** 2


def fit_line(x, y):
    if _is_constant(x):
        raise ValueError("x has zero variance")
    dx = x - x.mean()
    dy = y - y.mean()
    slope = np.sum(dx * dy) / np.sum(dx * dx)
    return float(slope), float(y.mean() - slope * x.mean())


def fit_linear(X, y):
    if np.linalg.matrix_rank(X - X.mean(axis=0)) < X.shape[1]:
        raise ValueError("centred X has no full column rank")
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    return w, 0.0
