# Wrong: wraps sklearn's KFold, which this exercise forbids.
import numpy as np
from sklearn.model_selection import KFold


def kfold_indices(n, k, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"k={k} must be between 2 and n={n}")
    return list(KFold(k).split(np.arange(n)))
