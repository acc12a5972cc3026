# Wrong: forgets axis=0 in min_max_scale: one minimum and maximum for the whole matrix, not per column.
import numpy as np


def fit_standardizer(X_train):
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)
    scale[np.all(X_train == X_train[0], axis=0)] = 1.0
    return mean, scale


def apply_standardizer(X, mean, scale):
    return (X - mean) / scale


def min_max_scale(X, feature_range=(0.0, 1.0)):
    low, high = feature_range
    data_min = X.min()
    data_range = X.max() - data_min
    if data_range == 0:
        data_range = 1.0
    return low + (high - low) * (X - data_min) / data_range
