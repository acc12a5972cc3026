import numpy as np


def minibatch_indices(n, batch_size, rng):
    """Shuffle 0..n-1 with one ``rng.permutation(n)`` call and cut it into consecutive
    batches of ``batch_size`` (the last may be smaller). Returns a list of int arrays."""
    raise NotImplementedError
