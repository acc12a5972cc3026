# Wrong: computes KL(q || p) instead of KL(p || q).
import numpy as np


def _log(v, base):
    return np.log(v) if base is None else np.log(v) / np.log(base)


def entropy(p, base=None):
    m = p > 0
    return float(-np.sum(p[m] * _log(p[m], base)))


def cross_entropy(p, q, base=None):
    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(-np.sum(p[m] * _log(q[m], base)))


def kl_divergence(p, q, base=None):
    m = q > 0
    if np.any(p[m] == 0):
        return np.inf
    return float(np.sum(q[m] * _log(q[m] / p[m], base)))
