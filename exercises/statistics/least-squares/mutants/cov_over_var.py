# Wrong: divides np.cov (normalised by n - 1) by np.var (normalised by n): the slope is n/(n-1) too large.
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
    slope = np.cov(x, y)[0, 1] / np.var(x)
    return float(slope), float(y.mean() - slope * x.mean())


def fit_linear(X, y):
    mean = X.mean(axis=0)
    Xc = X - mean
    if np.linalg.matrix_rank(Xc) < X.shape[1]:
        raise ValueError("centred X has no full column rank")
    w = np.linalg.lstsq(Xc, y - y.mean(), rcond=None)[0]
    return w, float(y.mean() - mean @ w)
