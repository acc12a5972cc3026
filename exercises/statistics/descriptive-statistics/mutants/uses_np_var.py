# Wrong: calls numpy's mean and var, which this exercise forbids.
import numpy as np


def mean(x):
    return float(np.mean(x))


def variance(x, ddof=0):
    return float(np.var(x, ddof=ddof))


def std(x, ddof=0):
    return float(np.sqrt(variance(x, ddof)))
