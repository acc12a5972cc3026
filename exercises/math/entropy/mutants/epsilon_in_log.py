# Wrong: adds 1e-12 inside the log, which hides the +inf that q == 0 < p must give.
import numpy as np

EPS = 1e-12


def _log(v, base):
    return np.log(v + EPS) if base is None else np.log(v + EPS) / np.log(base)


def entropy(p, base=None):
    return float(-np.sum(p * _log(p, base)))


def cross_entropy(p, q, base=None):
    return float(-np.sum(p * _log(q, base)))


def kl_divergence(p, q, base=None):
    return float(np.sum(p * (_log(p, base) - _log(q, base))))
