# Wrong: variance as mean(x**2) - mean(x)**2, which cancels catastrophically for large values.
import numpy as np


def bernoulli_mle(x):
    return float(np.mean(x))


def gaussian_mle(x):
    x = np.asarray(x, dtype=float)
    mu = np.mean(x)
    return float(mu), float(np.mean(x**2) - mu**2)
