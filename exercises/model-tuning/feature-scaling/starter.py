import numpy as np


def fit_standardizer(X_train):
    """Per-column mean and scale (population std, ddof=0) of the training data (n, d).

    A column whose values are all equal gets scale 1.0. Returns (mean, scale), each (d,).
    """
    raise NotImplementedError


def apply_standardizer(X, mean, scale):
    """Standardise X (m, d) with statistics fitted on the training set: (X - mean) / scale."""
    raise NotImplementedError


def min_max_scale(X, feature_range=(0.0, 1.0)):
    """Map each column of X (n, d) linearly onto feature_range using its own min and max.

    A constant column maps to feature_range[0].
    """
    raise NotImplementedError
