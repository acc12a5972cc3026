# Wrong: returns (intercept, slope) instead of (slope, intercept).
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
    return float(y.mean() - slope * x.mean()), float(slope)


def fit_linear(X, y):
    mean = X.mean(axis=0)
    Xc = X - mean
    if np.linalg.matrix_rank(Xc) < X.shape[1]:
        raise ValueError("centred X has no full column rank")
    w = np.linalg.lstsq(Xc, y - y.mean(), rcond=None)[0]
    return w, float(y.mean() - mean @ w)
