# Wrong: calls scipy.special.expit and logit, which this exercise forbids.
import numpy as np
from scipy.special import expit
from scipy.special import logit as scipy_logit


def odds(p):
    p = np.asarray(p, dtype=float)
    return p / (1 - p)


def logit(p):
    return scipy_logit(p)


def sigmoid(z):
    return expit(z)
