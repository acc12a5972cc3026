# Wrong: clips z into [-500, 500] in place to avoid overflow, modifying the caller's array.
import numpy as np


def _out(value):
    return float(value) if np.ndim(value) == 0 else value


def odds(p):
    p = np.asarray(p, dtype=float)
    return _out(p / (1 - p))


def logit(p):
    p = np.asarray(p, dtype=float)
    return _out(np.log(p / (1 - p)))


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    np.clip(z, -500, 500, out=z)
    return _out(1.0 / (1.0 + np.exp(-z)))
