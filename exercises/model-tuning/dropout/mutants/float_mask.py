# Wrong: returns the mask as 0.0 / 1.0 floats instead of a boolean array.
import numpy as np


def dropout(x, p, rng, training=True):
    if not 0 <= p < 1:
        raise ValueError(f"p={p} must be in [0, 1)")
    if not training or p == 0:
        return x, np.ones(x.shape, dtype=bool)
    mask = (rng.random(x.shape) >= p).astype(float)
    return x * mask / (1 - p), mask
