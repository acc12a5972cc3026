# Wrong: shuffles with rng.choice(n, n, replace=False), a different permutation than rng.permutation(n).
import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"k={k} must be between 2 and n={n}")
    if shuffle:
        order = np.random.default_rng(seed).choice(n, n, replace=False)
    else:
        order = np.arange(n)
    folds = []
    for val in np.array_split(order, k):
        val = np.sort(val)
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds
