# Wrong: the one-pass formula mean(x**2) - mean(x)**2, which rounding destroys far from zero.
import math

import numpy as np


def mean(x):
    return float(np.sum(x) / len(x))


def variance(x, ddof=0):
    n = len(x)
    m = np.sum(x) / n
    return float((np.sum(x * x) - n * m * m) / (n - ddof))


def std(x, ddof=0):
    return math.sqrt(max(variance(x, ddof), 0.0))
