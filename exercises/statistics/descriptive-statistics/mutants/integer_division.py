# Wrong: floor division // truncates the mean of integers.
import math

import numpy as np


def mean(x):
    return float(np.sum(x) // len(x))


def variance(x, ddof=0):
    d = x - mean(x)
    return float(np.sum(d * d) / (len(x) - ddof))


def std(x, ddof=0):
    return math.sqrt(variance(x, ddof))
