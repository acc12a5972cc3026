import numpy as np


def kfold_indices(n, k, shuffle=False, seed=None):
    """The (train_idx, val_idx) pairs of k-fold cross-validation over samples 0 .. n-1.

    Unshuffled, the validation folds are consecutive slices of arange(n); the first n % k
    folds hold one sample more. With shuffle=True the same slices are cut from
    np.random.default_rng(seed).permutation(n) instead. Both arrays of every fold are
    int arrays sorted ascending. Raises ValueError when k < 2 or k > n.
    Returns a list of k tuples (train_idx, val_idx).
    """
    raise NotImplementedError
