# Wrong: multiplies by w instead of x (confuses the variable with the coefficient).
import numpy as np


def sigmoid_affine_gradient(x, w, b):
    s = 1.0 / (1.0 + np.exp(-(x @ w + b)))
    local = s * (1 - s)
    return local * w, float(local)
