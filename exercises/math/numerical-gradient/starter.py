import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Partial derivatives of the scalar function ``f`` at the float array ``x`` (any shape).

    Central differences, one entry at a time. Returns a float64 array shaped like ``x``;
    ``x`` must be bit for bit unchanged afterwards.
    """
    raise NotImplementedError
