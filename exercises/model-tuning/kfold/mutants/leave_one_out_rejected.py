# Wrong: off-by-one bound check (k >= n raises), so leave-one-out k == n is refused.
import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k >= n:
        raise ValueError(f"k={k} must be between 2 and n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    folds = []
    for val in np.array_split(order, k):
        val = np.sort(val)
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds
