# Wrong: off-by-one slice end (stop + 1), so each fold also takes the next fold's first sample.
import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"k={k} must be between 2 and n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    stops = np.cumsum(sizes)
    folds = []
    for start, stop in zip(stops - sizes, stops):
        val = np.sort(order[start:stop + 1])
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds
