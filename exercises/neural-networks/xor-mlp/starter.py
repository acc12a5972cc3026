import numpy as np


def solve_xor(seed=0):
    """Train a small MLP on the four XOR points, starting from weights drawn with ``seed``.

    Returns a function ``predict(X)`` that maps an (n, 2) array of 0/1 inputs to an integer
    NumPy array of shape (n,) holding the predicted XOR (0 or 1) of each row.
    """
    raise NotImplementedError
