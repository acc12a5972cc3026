# Wrong: calls scipy.stats.entropy, which this exercise forbids.
import numpy as np
from scipy.stats import entropy as _scipy_entropy


def entropy(p, base=None):
    return float(_scipy_entropy(p, base=base))


def cross_entropy(p, q, base=None):
    return entropy(p, base) + kl_divergence(p, q, base)


def kl_divergence(p, q, base=None):
    return float(_scipy_entropy(p, q, base=base))
