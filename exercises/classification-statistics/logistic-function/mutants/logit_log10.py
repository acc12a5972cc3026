# Wrong: logit uses np.log10 instead of the natural logarithm, so it is not sigmoid's inverse.
import numpy as np


def _out(value):
    return float(value) if np.ndim(value) == 0 else value


def odds(p):
    p = np.asarray(p, dtype=float)
    return _out(p / (1 - p))


def logit(p):
    p = np.asarray(p, dtype=float)
    return _out(np.log10(p / (1 - p)))


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return _out(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))
