# Wrong: treats sigma as the variance: divides by 2 * sigma in the exponent and by sqrt(2 pi sigma).
import math

import numpy as np


def _check(sigma):
    if sigma <= 0:
        raise ValueError("sigma must be positive")


def normal_pdf(x, mu=0.0, sigma=1.0):
    _check(sigma)
    x = np.asarray(x, dtype=float)
    out = np.exp(-((x - mu) ** 2) / (2 * sigma)) / math.sqrt(2 * math.pi * sigma)
    return float(out) if out.ndim == 0 else out


def normal_cdf(x, mu=0.0, sigma=1.0):
    _check(sigma)
    z = (np.asarray(x, dtype=float) - mu) / math.sqrt(sigma)
    out = 0.5 * np.vectorize(math.erfc)(-z / math.sqrt(2))
    return float(out) if out.ndim == 0 else out
