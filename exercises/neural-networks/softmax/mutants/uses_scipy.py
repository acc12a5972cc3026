# Wrong: calls scipy.special.softmax, which this exercise forbids.
import numpy as np
from scipy import special


def softmax(z, axis=-1):
    return special.softmax(np.asarray(z, dtype=np.float64), axis=axis)
