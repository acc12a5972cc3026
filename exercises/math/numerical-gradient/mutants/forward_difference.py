# Wrong: the forward difference (f(x + h e_k) - f(x)) / h, first-order accurate only.
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    f0 = f(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xp[idx] += h
        grad[idx] = (f(xp) - f0) / h
    return grad
