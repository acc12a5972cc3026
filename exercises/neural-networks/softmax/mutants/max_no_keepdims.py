# Wrong: takes the maximum and sum along axis without keepdims, so they broadcast along the wrong axis.
import numpy as np


def softmax(z, axis=-1):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=axis))
    return e / e.sum(axis=axis)
