# Wrong: draws the mask before looking at training, so inference consumes the caller's rng.
import numpy as np


def dropout(x, p, rng, training=True):
    if not 0 <= p < 1:
        raise ValueError(f"p={p} must be in [0, 1)")
    mask = rng.random(x.shape) >= p
    if not training:
        return x, np.ones(x.shape, dtype=bool)
    return x * mask / (1 - p), mask
