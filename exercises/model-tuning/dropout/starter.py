import numpy as np


def dropout(x, p, rng, training=True):
    """Inverted dropout of x with drop probability p, using the Generator rng.

    mask = rng.random(x.shape) >= p (one draw), out = x * mask / (1 - p).
    When training is False or p == 0: returns (x, an all-True mask) and draws nothing.
    p outside [0, 1) raises ValueError, whatever training is.
    Returns (out, mask): out float64 of x's shape, mask bool of x's shape.
    """
    raise NotImplementedError
