# Wrong: centres the sample in place (x -= mu), modifying the caller's array.
import numpy as np


def bernoulli_mle(x):
    return float(np.mean(x))


def gaussian_mle(x):
    mu = float(np.mean(x))
    x -= mu
    return mu, float(np.mean(x**2))
