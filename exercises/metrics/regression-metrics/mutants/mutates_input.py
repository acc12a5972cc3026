# Wrong: subtracts in place (y_pred -= y_true), modifying the caller's array.
import numpy as np


def _errors(y_true, y_pred):
    y_pred -= y_true
    return y_pred


def mse(y_true, y_pred):
    return float(np.mean(np.mean(_errors(y_true, y_pred.copy()) ** 2, axis=0)))


def mae(y_true, y_pred):
    return float(np.mean(np.mean(np.abs(_errors(y_true, y_pred)), axis=0)))


def rmse(y_true, y_pred):
    return float(np.mean(np.sqrt(np.mean(_errors(y_true, y_pred.copy()) ** 2, axis=0))))
