# Wrong: draws the uniforms from the global np.random instead of the given rng.
import numpy as np


def dropout(x, p, rng, training=True):
    if not 0 <= p < 1:
        raise ValueError(f"p={p} must be in [0, 1)")
    if not training or p == 0:
        return x, np.ones(x.shape, dtype=bool)
    mask = np.random.random(x.shape) >= p
    return x * mask / (1 - p), mask
