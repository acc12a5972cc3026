# Wrong: non-inverted habit: multiplies by (1 - p) at inference although training already rescales.
import numpy as np


def dropout(x, p, rng, training=True):
    if not 0 <= p < 1:
        raise ValueError(f"p={p} must be in [0, 1)")
    if not training:
        return x * (1 - p), np.ones(x.shape, dtype=bool)
    if p == 0:
        return x, np.ones(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p), mask
