# Wrong: sorts each piece instead of returning it in permutation order.
import math

import numpy as np


def train_val_test_split(n, ratios=(0.6, 0.2, 0.2), seed=0):
    if abs(sum(ratios) - 1) > 1e-9:
        raise ValueError(f"ratios={ratios} must sum to 1")
    perm = np.random.default_rng(seed).permutation(n)
    n_train = math.floor(n * ratios[0])
    n_val = math.floor(n * ratios[1])
    pieces = perm[:n_train], perm[n_train:n_train + n_val], perm[n_train + n_val:]
    return tuple(np.sort(piece) for piece in pieces)
