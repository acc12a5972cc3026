# Wrong: uses the sample standard deviation (ddof=1); StandardScaler uses ddof=0.
import numpy as np


def standardize(X):
    n = X.shape[0]
    mean = X.mean(axis=0)
    var = ((X - mean) ** 2).sum(axis=0) / max(n - 1, 1)
    eps = np.finfo(np.float64).eps
    constant = var <= n * eps * var + (n * mean * eps) ** 2
    scale = np.where(constant, 1.0, np.sqrt(var))
    return (X - mean) / scale, mean, scale
