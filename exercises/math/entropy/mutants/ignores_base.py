# Wrong: ignores base and always answers in nats.
import numpy as np


def entropy(p, base=None):
    m = p > 0
    return float(-np.sum(p[m] * np.log(p[m])))


def cross_entropy(p, q, base=None):
    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(-np.sum(p[m] * np.log(q[m])))


def kl_divergence(p, q, base=None):
    m = p > 0
    if np.any(q[m] == 0):
        return np.inf
    return float(np.sum(p[m] * np.log(p[m] / q[m])))
