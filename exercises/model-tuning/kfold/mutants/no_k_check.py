# Wrong: never checks k, so k = 1 or k > n return folds (some empty) instead of raising ValueError.
import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    folds = []
    for val in np.array_split(order, max(k, 1)):
        val = np.sort(val)
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds
