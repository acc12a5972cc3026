import numpy as np


def bernoulli_mle(x):
    """Maximum-likelihood estimate of a Bernoulli parameter from a 1-D sample of 0s and 1s.

    Returns a float: the fraction of ones.
    """
    raise NotImplementedError


def gaussian_mle(x):
    """Maximum-likelihood estimates (mu, sigma2) of a normal distribution from a 1-D sample.

    sigma2 is the variance with ddof=0 (divide by n). Returns a tuple of two floats.
    Do not modify x.
    """
    raise NotImplementedError
