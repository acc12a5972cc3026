# Wrong: shuffles with the global np.random generator (np.random.seed + permutation).
import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"k={k} must be between 2 and n={n}")
    if shuffle:
        np.random.seed(seed)
        order = np.random.permutation(n)
    else:
        order = np.arange(n)
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    stops = np.cumsum(sizes)
    folds = []
    for start, stop in zip(stops - sizes, stops):
        val = np.sort(order[start:stop])
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds
