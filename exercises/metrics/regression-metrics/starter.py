import numpy as np


def mse(y_true, y_pred):
    """Mean squared error, as sklearn.metrics.mean_squared_error; returns a float."""
    raise NotImplementedError


def mae(y_true, y_pred):
    """Mean absolute error, as sklearn.metrics.mean_absolute_error; returns a float."""
    raise NotImplementedError


def rmse(y_true, y_pred):
    """Root mean squared error, as sklearn.metrics.root_mean_squared_error; returns a float.

    With several outputs (2-D inputs): the mean over outputs of each output's RMSE.
    """
    raise NotImplementedError
