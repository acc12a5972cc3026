# Wrong: uses sigmoid(z) itself as the derivative of the sigmoid.
import numpy as np


def sigmoid_affine_gradient(x, w, b):
    s = 1.0 / (1.0 + np.exp(-(x @ w + b)))
    return s * x, float(s)
