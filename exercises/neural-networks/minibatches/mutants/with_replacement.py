# Wrong: draws indices with replacement (rng.integers), so some samples repeat and others are missed.
import numpy as np


def minibatch_indices(n, batch_size, rng):
    perm = rng.integers(0, n, size=n)
    return [perm[start:start + batch_size] for start in range(0, n, batch_size)]
