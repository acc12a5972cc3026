# Wrong: uses the array methods .mean() and .var(), which this exercise forbids.
import numpy as np


def mean(x):
    return float(x.mean())


def variance(x, ddof=0):
    return float(x.var(ddof=ddof))


def std(x, ddof=0):
    return float(np.sqrt(variance(x, ddof)))
