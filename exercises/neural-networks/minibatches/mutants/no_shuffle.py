# Wrong: cuts arange(n) into batches without shuffling.
import numpy as np


def minibatch_indices(n, batch_size, rng):
    perm = np.arange(n)
    return [perm[start:start + batch_size] for start in range(0, n, batch_size)]
