# Wrong: centres y_true in place to compute SS_tot, modifying the caller's array.
import numpy as np


def r2_score(y_true, y_pred):
    if len(y_true) < 2:
        raise ValueError("need at least two samples")
    ss_res = np.sum((y_true - y_pred) ** 2)
    y_true -= y_true.mean()
    ss_tot = np.sum(y_true**2)
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(1 - ss_res / ss_tot)
