# Wrong: uses sklearn's MinMaxScaler, which this exercise forbids.
import numpy as np
from sklearn.preprocessing import MinMaxScaler


def fit_standardizer(X_train):
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)
    scale[np.all(X_train == X_train[0], axis=0)] = 1.0
    return mean, scale


def apply_standardizer(X, mean, scale):
    return (X - mean) / scale


def min_max_scale(X, feature_range=(0.0, 1.0)):
    return MinMaxScaler(feature_range=feature_range).fit_transform(X)
