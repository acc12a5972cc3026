# Wrong: never checks x, so a constant x divides by zero instead of raising ValueError.
import numpy as np


def fit_line(x, y):
    dx = x - x.mean()
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
