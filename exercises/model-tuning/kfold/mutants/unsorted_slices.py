# Wrong: returns the shuffled slices in permutation order instead of sorting them.
import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"k={k} must be between 2 and n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    folds = []
    start = 0
    for size in sizes:
        stop = start + size
        folds.append((np.concatenate([order[:start], order[stop:]]), order[start:stop]))
        start = stop
    return folds
