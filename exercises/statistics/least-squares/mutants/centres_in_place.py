# Wrong: centres x and y in place, modifying the caller's arrays.
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
    x_mean, y_mean = x.mean(), y.mean()
    x -= x_mean
    y -= y_mean
    slope = np.sum(x * y) / np.sum(x * x)
    return float(slope), float(y_mean - slope * x_mean)


def fit_linear(X, y):
    mean = X.mean(axis=0)
    Xc = X - mean
    if np.linalg.matrix_rank(Xc) < X.shape[1]:
        raise ValueError("centred X has no full column rank")
    w = np.linalg.lstsq(Xc, y - y.mean(), rcond=None)[0]
    return w, float(y.mean() - mean @ w)
