import numpy as np


def one_hot(labels, n_classes=None):
    """One-hot rows for integer labels: a float64 array of shape (N, C).

    C is n_classes when given, else max(labels) + 1. Row i has a 1.0 in column labels[i].
    """
    raise NotImplementedError


def label_encode(values):
    """Map each value to its index among the sorted distinct values.

    Returns (codes, classes): codes an int64 array of shape (N,), classes a NumPy array of the
    distinct values sorted ascending, so that classes[codes] equals values.
    Do not modify values.
    """
    raise NotImplementedError
