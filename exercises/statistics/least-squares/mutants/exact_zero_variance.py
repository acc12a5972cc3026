# Wrong: raises only when the variance of x is exactly 0, which rounding defeats for equal values like 0.1.
import numpy as np


def fit_line(x, y):
    dx = x - x.mean()
    if np.sum(dx * dx) == 0:
        raise ValueError("x has zero variance")
    dy = y - y.mean()
    slope = np.sum(dx * dy) / np.sum(dx * dx)
    return float(slope), float(y.mean() - slope * x.mean())


def fit_linear(X, y):
    mean = X.mean(axis=0)
    Xc = X - mean
    if np.linalg.matrix_rank(Xc) < X.shape[1]:
        raise ValueError("centred X has no full column rank")
    w = np.linalg.lstsq(Xc, y - y.mean(), rcond=None)[0]
    return w, float(y.mean() - mean @ w)
