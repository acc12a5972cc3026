# Wrong: MAE without the absolute value, so positive and negative errors cancel.
import numpy as np


def mse(y_true, y_pred):
    return float(np.mean(np.mean((y_true - y_pred) ** 2, axis=0)))


def mae(y_true, y_pred):
    return float(np.mean(np.mean(y_true - y_pred, axis=0)))


def rmse(y_true, y_pred):
    return float(np.mean(np.sqrt(np.mean((y_true - y_pred) ** 2, axis=0))))
