# Wrong: cuts at floor(n * r0) and floor(n * (r0 + r1)), so n_val is not floor(n * r1).
import math

import numpy as np


def train_val_test_split(n, ratios=(0.6, 0.2, 0.2), seed=0):
    if abs(sum(ratios) - 1) > 1e-9:
        raise ValueError(f"ratios={ratios} must sum to 1")
    perm = np.random.default_rng(seed).permutation(n)
    first = math.floor(n * ratios[0])
    second = math.floor(n * (ratios[0] + ratios[1]))
    return perm[:first], perm[first:second], perm[second:]
