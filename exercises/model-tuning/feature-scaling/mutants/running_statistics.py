# Wrong: keeps running statistics across calls, so data passed to apply_standardizer leaks into the next fit.
import numpy as np

_seen = []


def fit_standardizer(X_train):
    _seen.append(np.array(X_train, dtype=float))
    everything = np.vstack(_seen)
    mean = everything.mean(axis=0)
    scale = everything.std(axis=0)
    scale[np.all(everything == everything[0], axis=0)] = 1.0
    return mean, scale


def apply_standardizer(X, mean, scale):
    _seen.append(np.array(X, dtype=float))
    return (X - mean) / scale


def min_max_scale(X, feature_range=(0.0, 1.0)):
    low, high = feature_range
    data_min = X.min(axis=0)
    data_range = X.max(axis=0) - data_min
    data_range[data_range == 0] = 1.0
    return low + (high - low) * (X - data_min) / data_range
