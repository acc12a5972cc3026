# Wrong: never checks sigma, so a negative sigma gives a negative density instead of ValueError.
import math

import numpy as np


def normal_pdf(x, mu=0.0, sigma=1.0):
    z = (np.asarray(x, dtype=float) - mu) / sigma
    out = np.exp(-0.5 * z**2) / (sigma * math.sqrt(2 * math.pi))
    return float(out) if out.ndim == 0 else out


def normal_cdf(x, mu=0.0, sigma=1.0):
    z = (np.asarray(x, dtype=float) - mu) / sigma
    out = 0.5 * np.vectorize(math.erfc)(-z / math.sqrt(2))
    return float(out) if out.ndim == 0 else out
