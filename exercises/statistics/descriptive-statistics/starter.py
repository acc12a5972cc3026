import math

import numpy as np


def mean(x):
    """Arithmetic mean of the 1-D array ``x``, as a float."""
    raise NotImplementedError


def variance(x, ddof=0):
    """Variance of ``x``: the sum of squared deviations from the mean divided by n - ddof."""
    raise NotImplementedError


def std(x, ddof=0):
    """Standard deviation: the square root of ``variance(x, ddof)``."""
    raise NotImplementedError
