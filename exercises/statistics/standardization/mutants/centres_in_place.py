# Wrong: centres and scales X in place, modifying the caller's array.
import numpy as np


def standardize(X):
    n = X.shape[0]
    mean = X.mean(axis=0)
    X -= mean
    var = (X**2).mean(axis=0)
    eps = np.finfo(np.float64).eps
    constant = var <= n * eps * var + (n * mean * eps) ** 2
    scale = np.where(constant, 1.0, np.sqrt(var))
    X /= scale
    return X, mean, scale
