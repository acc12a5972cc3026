import math

import numpy as np


def normal_pdf(x, mu=0.0, sigma=1.0):
    """Density of N(mu, sigma**2) at x, elementwise (x a number or an array).

    Raises ValueError when sigma <= 0.
    """
    raise NotImplementedError


def normal_cdf(x, mu=0.0, sigma=1.0):
    """P(X <= x) for X ~ N(mu, sigma**2), elementwise. Raises ValueError when sigma <= 0."""
    raise NotImplementedError
