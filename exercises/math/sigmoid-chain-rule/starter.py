import numpy as np


def sigmoid_affine_gradient(x, w, b):
    """Gradient of f(w, b) = sigmoid(x @ w + b) for one sample x, by the chain rule.

    x and w have shape (d,), b is a float. Returns (df_dw, df_db): an array of shape (d,)
    and a float. Must not produce NaN for large |x @ w + b|. Do not modify the inputs.
    """
    raise NotImplementedError
