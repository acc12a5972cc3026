# Wrong: never checks the number of samples, so one sample gives 1.0 or 0.0 instead of ValueError.
import numpy as np


def r2_score(y_true, y_pred):
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - np.sum(y_true) / max(len(y_true), 1)) ** 2)
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(1 - ss_res / ss_tot)
