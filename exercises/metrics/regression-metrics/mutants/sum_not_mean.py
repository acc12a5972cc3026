# Wrong: sums the squared and absolute errors instead of averaging them.
import numpy as np


def mse(y_true, y_pred):
    return float(np.sum((y_true - y_pred) ** 2))


def mae(y_true, y_pred):
    return float(np.sum(np.abs(y_true - y_pred)))


def rmse(y_true, y_pred):
    return float(np.sqrt(np.sum((y_true - y_pred) ** 2)))
