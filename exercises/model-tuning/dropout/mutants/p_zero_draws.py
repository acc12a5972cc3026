# Wrong: does not special-case p == 0, so it draws from rng although nothing can be dropped.
import numpy as np


def dropout(x, p, rng, training=True):
    if not 0 <= p < 1:
        raise ValueError(f"p={p} must be in [0, 1)")
    if not training:
        return x, np.ones(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p), mask
