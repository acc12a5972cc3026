# Wrong: divides the squared deviations by n - 1 (the unbiased variance), not n (the MLE).
import numpy as np


def bernoulli_mle(x):
    return float(np.mean(x))


def gaussian_mle(x):
    x = np.asarray(x, dtype=float)
    return float(np.mean(x)), float(np.var(x, ddof=1))
