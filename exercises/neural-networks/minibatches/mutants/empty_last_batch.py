# Wrong: makes n // batch_size + 1 batches, an empty one at the end when batch_size divides n.
import numpy as np


def minibatch_indices(n, batch_size, rng):
    perm = rng.permutation(n)
    return [perm[i * batch_size:(i + 1) * batch_size] for i in range(n // batch_size + 1)]
