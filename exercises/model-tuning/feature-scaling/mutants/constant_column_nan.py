# Wrong: divides by a zero range in min_max_scale, so a constant column becomes nan.
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
    data_min = X.min(axis=0)
    data_range = X.max(axis=0) - data_min
    return low + (high - low) * (X - data_min) / data_range
