# Wrong: validates p only in training mode, so p = 1.5 with training=False passes silently.
import numpy as np


def dropout(x, p, rng, training=True):
    if not training:
        return x, np.ones(x.shape, dtype=bool)
    if not 0 <= p < 1:
        raise ValueError(f"p={p} must be in [0, 1)")
    if p == 0:
        return x, np.ones(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p), mask
