# Wrong: rmse forgets the square root and returns the MSE.
import numpy as np


def mse(y_true, y_pred):
    return float(np.mean(np.mean((y_true - y_pred) ** 2, axis=0)))


def mae(y_true, y_pred):
    return float(np.mean(np.mean(np.abs(y_true - y_pred), axis=0)))


def rmse(y_true, y_pred):
    return float(np.mean(np.mean((y_true - y_pred) ** 2, axis=0)))
