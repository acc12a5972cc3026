# Wrong: uses the sample standard deviation (ddof=1) instead of the population one (ddof=0).
import numpy as np


def fit_standardizer(X_train):
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0, ddof=1)
    scale[np.all(X_train == X_train[0], axis=0)] = 1.0
    return mean, scale


def apply_standardizer(X, mean, scale):
    return (X - mean) / scale


def min_max_scale(X, feature_range=(0.0, 1.0)):
    low, high = feature_range
    data_min = X.min(axis=0)
    data_range = X.max(axis=0) - data_min
    data_range[data_range == 0] = 1.0
    return low + (high - low) * (X - data_min) / data_range
