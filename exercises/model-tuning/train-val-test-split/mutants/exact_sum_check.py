# Wrong: checks sum(ratios) == 1 exactly, which rejects (0.7, 0.2, 0.1) (sum 0.9999999999999999).
import math

import numpy as np


def train_val_test_split(n, ratios=(0.6, 0.2, 0.2), seed=0):
    if sum(ratios) != 1:
        raise ValueError(f"ratios={ratios} must sum to 1")
    perm = np.random.default_rng(seed).permutation(n)
    n_train = math.floor(n * ratios[0])
    n_val = math.floor(n * ratios[1])
    return perm[:n_train], perm[n_train:n_train + n_val], perm[n_train + n_val:]
