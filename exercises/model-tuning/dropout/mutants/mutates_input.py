# Wrong: applies the mask in place (x *= mask), modifying the caller's array.
import numpy as np


def dropout(x, p, rng, training=True):
    if not 0 <= p < 1:
        raise ValueError(f"p={p} must be in [0, 1)")
    if not training or p == 0:
        return x, np.ones(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    x *= mask
    x /= 1 - p
    return x, mask
