import numpy as np


def entropy(p, base=None):
    """Shannon entropy -sum(p * log p) of the 1-D distribution ``p``; 0 * log 0 = 0.

    Natural log when ``base`` is None, else log to that base. Returns a float.
    """
    raise NotImplementedError


def cross_entropy(p, q, base=None):
    """Cross-entropy -sum(p * log q); +inf where q == 0 < p; terms with p == 0 count 0."""
    raise NotImplementedError


def kl_divergence(p, q, base=None):
    """Kullback-Leibler divergence sum(p * log(p / q)); +inf where q == 0 < p."""
    raise NotImplementedError
