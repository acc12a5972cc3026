# Wrong: leakage: remembers the training data and standardises with statistics of training + validation stacked.
import numpy as np

_training_rows = []


def fit_standardizer(X_train):
    _training_rows.append(np.array(X_train, dtype=float))
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)
    scale[np.all(X_train == X_train[0], axis=0)] = 1.0
    return mean, scale


def apply_standardizer(X, mean, scale):
    if _training_rows:
        everything = np.vstack([_training_rows[-1], X])
        mean = everything.mean(axis=0)
        scale = everything.std(axis=0)
        scale[np.all(everything == everything[0], axis=0)] = 1.0
    return (X - mean) / scale


def min_max_scale(X, feature_range=(0.0, 1.0)):
    low, high = feature_range
    data_min = X.min(axis=0)
    data_range = X.max(axis=0) - data_min
    data_range[data_range == 0] = 1.0
    return low + (high - low) * (X - data_min) / data_range
