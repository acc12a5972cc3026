# Wrong: draws the mask with rng.binomial(1, 1 - p), a different sequence than rng.random(x.shape) >= p.
import numpy as np


def dropout(x, p, rng, training=True):
    if not 0 <= p < 1:
        raise ValueError(f"p={p} must be in [0, 1)")
    if not training or p == 0:
        return x, np.ones(x.shape, dtype=bool)
    mask = rng.binomial(1, 1 - p, size=x.shape).astype(bool)
    return x * mask / (1 - p), mask
