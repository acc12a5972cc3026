# Wrong: sums p * log(p) over every outcome, so a zero in p gives 0 * -inf = nan.
import numpy as np


def _log(v, base):
    return np.log(v) if base is None else np.log(v) / np.log(base)


def entropy(p, base=None):
    return float(-np.sum(p * _log(p, base)))


def cross_entropy(p, q, base=None):
    return float(-np.sum(p * _log(q, base)))


def kl_divergence(p, q, base=None):
    return float(np.sum(p * _log(p / q, base)))
