# Wrong: gives the n % k left-over samples to the last fold instead of one each to the first folds.
import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"k={k} must be between 2 and n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    size = n // k
    folds = []
    for i in range(k):
        stop = n if i == k - 1 else (i + 1) * size
        val = np.sort(order[i * size:stop])
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds
