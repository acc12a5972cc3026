import math

import numpy as np


def train_val_test_split(n, ratios=(0.6, 0.2, 0.2), seed=0):
    """Split the indices 0 .. n-1 at random into (train_idx, val_idx, test_idx).

    perm = np.random.default_rng(seed).permutation(n); the training set is the first
    floor(n * ratios[0]) entries of perm, the validation set the next floor(n * ratios[1]),
    the test set the rest, each in perm order. Raises ValueError unless
    abs(sum(ratios) - 1) <= 1e-9.
    """
    raise NotImplementedError
