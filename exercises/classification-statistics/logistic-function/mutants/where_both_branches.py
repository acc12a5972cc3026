# Wrong: np.where evaluates both branches on every element, so exp(-z) and exp(z) still overflow.
import numpy as np


def _out(value):
    return float(value) if np.ndim(value) == 0 else value


def odds(p):
    p = np.asarray(p, dtype=float)
    return _out(p / (1 - p))


def logit(p):
    p = np.asarray(p, dtype=float)
    return _out(np.log(p) - np.log1p(-p))


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return _out(np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z))))
