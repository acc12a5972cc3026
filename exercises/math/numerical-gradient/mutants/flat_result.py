# Wrong: returns the gradient flattened instead of shaped like x.
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    flat = x.ravel()
    grad = np.zeros(flat.size)
    for k in range(flat.size):
        xp = flat.copy()
        xm = flat.copy()
        xp[k] += h
        xm[k] -= h
        grad[k] = (f(xp.reshape(x.shape)) - f(xm.reshape(x.shape))) / (2 * h)
    return grad
