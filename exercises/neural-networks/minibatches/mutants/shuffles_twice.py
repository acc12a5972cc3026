# Wrong: calls rng.permutation twice (once to check the size), consuming extra randomness.
import numpy as np


def minibatch_indices(n, batch_size, rng):
    assert len(rng.permutation(n)) == n
    perm = rng.permutation(n)
    return [perm[start:start + batch_size] for start in range(0, n, batch_size)]
