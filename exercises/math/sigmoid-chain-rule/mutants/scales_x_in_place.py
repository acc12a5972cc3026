# Wrong: scales x in place to build df/dw, modifying the caller's array.
import numpy as np


def sigmoid_affine_gradient(x, w, b):
    s = 1.0 / (1.0 + np.exp(-(x @ w + b)))
    local = s * (1 - s)
    x *= local
    return x, float(local)
