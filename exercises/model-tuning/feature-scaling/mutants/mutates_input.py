# Wrong: standardises and min-max scales in place, modifying the caller's array.
import numpy as np


def fit_standardizer(X_train):
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)
    scale[np.all(X_train == X_train[0], axis=0)] = 1.0
    return mean, scale


def apply_standardizer(X, mean, scale):
    X -= mean
    X /= scale
    return X


def min_max_scale(X, feature_range=(0.0, 1.0)):
    low, high = feature_range
    data_min = X.min(axis=0)
    data_range = X.max(axis=0) - data_min
    data_range[data_range == 0] = 1.0
    X -= data_min
    X *= (high - low) / data_range
    X += low
    return X
