import numpy as np


def odds(p):
    """Odds p / (1 - p), elementwise; p is a float or an array of probabilities in [0, 1].

    Returns a float for a scalar, a float64 array of the shape of p otherwise.
    """
    raise NotImplementedError


def logit(p):
    """Log-odds log(p / (1 - p)), elementwise: the inverse of sigmoid."""
    raise NotImplementedError


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), elementwise.

    Exactly 0.5 at z = 0; no overflow warning and values in [0, 1] for |z| up to 1e4.
    Do not modify z.
    """
    raise NotImplementedError
