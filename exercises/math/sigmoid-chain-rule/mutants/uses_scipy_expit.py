# Wrong: calls scipy.special.expit for the sigmoid, which this exercise forbids.
import numpy as np
from scipy.special import expit


def sigmoid_affine_gradient(x, w, b):
    s = expit(x @ w + b)
    local = s * (1 - s)
    return local * x, float(local)
