# Wrong: replaces the zeros of p by 1 in place (1 * log 1 = 0), modifying the caller's array.
import numpy as np


def _log(v, base):
    return np.log(v) if base is None else np.log(v) / np.log(base)


def entropy(p, base=None):
    p[p == 0] = 1.0
    return float(-np.sum(p * _log(p, base)))


def cross_entropy(p, q, base=None):
    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(-np.sum(p[m] * _log(q[m], base)))


def kl_divergence(p, q, base=None):
    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(np.sum(p[m] * _log(p[m] / q[m], base)))
