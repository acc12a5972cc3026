# Wrong: sigmoid is 1 / (1 + exp(-z)) as on paper, so exp overflows (with a warning) for z << 0.
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
    return _out(1.0 / (1.0 + np.exp(-z)))
