# Wrong: RMSE as the root of the overall MSE, which differs from sklearn's mean of per-output RMSEs.
import numpy as np


def mse(y_true, y_pred):
    return float(np.mean((y_true - y_pred) ** 2))


def mae(y_true, y_pred):
    return float(np.mean(np.abs(y_true - y_pred)))


def rmse(y_true, y_pred):
    return float(np.sqrt(mse(y_true, y_pred)))
