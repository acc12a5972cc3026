# Wrong: rounds the fold size up (ceil(n / k)), so the last folds come out short.
import math

import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"k={k} must be between 2 and n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    size = math.ceil(n / k)
    folds = []
    for i in range(k):
        val = np.sort(order[i * size:(i + 1) * size])
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds
