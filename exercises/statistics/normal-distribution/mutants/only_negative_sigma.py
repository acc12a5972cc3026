# Wrong: rejects sigma < 0 only, so sigma = 0 divides by zero instead of raising ValueError.
import math

import numpy as np


def _check(sigma):
    if sigma < 0:
        raise ValueError("sigma must be positive")


def normal_pdf(x, mu=0.0, sigma=1.0):
    _check(sigma)
    z = (np.asarray(x, dtype=float) - mu) / sigma
    out = np.exp(-0.5 * z**2) / (sigma * math.sqrt(2 * math.pi))
    return float(out) if out.ndim == 0 else out


def normal_cdf(x, mu=0.0, sigma=1.0):
    _check(sigma)
    z = (np.asarray(x, dtype=float) - mu) / sigma
    out = 0.5 * np.vectorize(math.erfc)(-z / math.sqrt(2))
    return float(out) if out.ndim == 0 else out
