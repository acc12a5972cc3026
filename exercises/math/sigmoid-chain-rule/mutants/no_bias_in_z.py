# Wrong: the forward pass leaves out the bias, z = x @ w.
import numpy as np


def sigmoid_affine_gradient(x, w, b):
    s = 1.0 / (1.0 + np.exp(-(x @ w)))
    local = s * (1 - s)
    return local * x, float(local)
