# Wrong: subtracts the maximum in place, modifying the caller's array.
import numpy as np


def softmax(z, axis=-1):
    z -= z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)
