# Wrong: ignores the rng argument and builds a new default_rng(0) every call.
import numpy as np


def minibatch_indices(n, batch_size, rng):
    perm = np.random.default_rng(0).permutation(n)
    return [perm[start:start + batch_size] for start in range(0, n, batch_size)]
