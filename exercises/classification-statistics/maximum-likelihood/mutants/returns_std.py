# Wrong: returns the standard deviation sigma instead of the variance sigma2.
import numpy as np


def bernoulli_mle(x):
    return float(np.mean(x))


def gaussian_mle(x):
    x = np.asarray(x, dtype=float)
    return float(np.mean(x)), float(np.std(x))
