# Wrong: centres x in place (x -= m), modifying the caller's array.
import math

import numpy as np


def mean(x):
    return float(np.sum(x) / len(x))


def variance(x, ddof=0):
    x -= mean(x)
    return float(np.sum(x * x) / (len(x) - ddof))


def std(x, ddof=0):
    return math.sqrt(variance(x, ddof))
