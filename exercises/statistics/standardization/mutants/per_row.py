# Wrong: computes the statistics per row (axis=1) instead of per column.
import numpy as np


def standardize(X):
    n = X.shape[1]
    mean = X.mean(axis=1, keepdims=True)
    var = ((X - mean) ** 2).mean(axis=1, keepdims=True)
    eps = np.finfo(np.float64).eps
    constant = var <= n * eps * var + (n * mean * eps) ** 2
    scale = np.where(constant, 1.0, np.sqrt(var))
    return (X - mean) / scale, mean.ravel(), scale.ravel()
