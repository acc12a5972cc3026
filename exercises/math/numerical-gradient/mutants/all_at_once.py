# Wrong: perturbs every entry at once, a directional derivative copied into every entry.
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    slope = (f(x + h) - f(x - h)) / (2 * h)
    return np.full(x.shape, slope)
