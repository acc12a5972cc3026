import numpy as np


def fit_line(x, y):
    """Ordinary least squares line through (x_i, y_i): returns (slope, intercept) as floats.

    Raises ValueError when x has zero variance (all its values equal).
    """
    raise NotImplementedError


def fit_linear(X, y):
    """Ordinary least squares with an intercept: returns (w, b), w of shape (d,), b a float.

    Raises ValueError when the centred X does not have full column rank.
    """
    raise NotImplementedError
