# Wrong: takes SS_tot around the mean of y_pred instead of the mean of y_true.
import numpy as np


def r2_score(y_true, y_pred):
    if len(y_true) < 2:
        raise ValueError("need at least two samples")
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_pred - y_pred.mean()) ** 2)
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(1 - ss_res / ss_tot)
