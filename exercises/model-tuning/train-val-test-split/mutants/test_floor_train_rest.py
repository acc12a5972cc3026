# Wrong: floors the test size too and gives the rest to the training set.
import math

import numpy as np


def train_val_test_split(n, ratios=(0.6, 0.2, 0.2), seed=0):
    if abs(sum(ratios) - 1) > 1e-9:
        raise ValueError(f"ratios={ratios} must sum to 1")
    perm = np.random.default_rng(seed).permutation(n)
    n_val = math.floor(n * ratios[1])
    n_test = math.floor(n * ratios[2])
    n_train = n - n_val - n_test
    return perm[:n_train], perm[n_train:n_train + n_val], perm[n_train + n_val:]
