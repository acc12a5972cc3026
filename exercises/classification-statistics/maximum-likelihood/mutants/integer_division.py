# Wrong: uses integer division sum(x) // len(x), which is 0 unless every value is 1.
import numpy as np


def bernoulli_mle(x):
    return float(np.sum(x) // len(x))


def gaussian_mle(x):
    x = np.asarray(x, dtype=float)
    mu = np.sum(x) / len(x)
    return float(mu), float(np.sum((x - mu) ** 2) / len(x))
