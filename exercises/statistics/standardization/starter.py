import numpy as np


def standardize(X):
    """Standardise each column of ``X`` (n, d) to mean 0 and standard deviation 1 (ddof=0).

    Returns (Z, mean, scale): Z of shape (n, d), mean and scale of shape (d,). A constant
    column (by the rounding rule of the prompt) gets scale 1.0. Do not modify ``X``.
    """
    raise NotImplementedError
