# Wrong: calls numpy.polyfit, which this exercise forbids.
import numpy as np


def fit_line(x, y):
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)


def fit_linear(X, y):
    mean = X.mean(axis=0)
    Xc = X - mean
    if np.linalg.matrix_rank(Xc) < X.shape[1]:
        raise ValueError("centred X has no full column rank")
    w = np.linalg.lstsq(Xc, y - y.mean(), rcond=None)[0]
    return w, float(y.mean() - mean @ w)
