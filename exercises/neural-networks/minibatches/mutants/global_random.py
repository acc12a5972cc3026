# Wrong: shuffles with the global np.random.permutation instead of the rng it is given.
import numpy as np


def minibatch_indices(n, batch_size, rng):
    perm = np.random.permutation(n)
    return [perm[start:start + batch_size] for start in range(0, n, batch_size)]
