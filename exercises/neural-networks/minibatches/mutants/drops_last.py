# Wrong: stops before the last, partial batch, so those samples are never visited.
import numpy as np


def minibatch_indices(n, batch_size, rng):
    perm = rng.permutation(n)
    return [perm[start:start + batch_size] for start in range(0, n - batch_size + 1, batch_size)]
