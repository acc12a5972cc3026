# Wrong: averages over samples only, so 2-D inputs give one value per output instead of a float.
import numpy as np


def mse(y_true, y_pred):
    return np.mean((y_true - y_pred) ** 2, axis=0)


def mae(y_true, y_pred):
    return np.mean(np.abs(y_true - y_pred), axis=0)


def rmse(y_true, y_pred):
    return np.sqrt(np.mean((y_true - y_pred) ** 2, axis=0))
