# Wrong: one_hot returns an integer array (np.eye with dtype=int) instead of float64.
import numpy as np


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    if n_classes is None:
        n_classes = int(labels.max()) + 1
    return np.eye(n_classes, dtype=int)[labels]


def label_encode(values):
    classes, codes = np.unique(values, return_inverse=True)
    return codes.astype(np.int64), classes
