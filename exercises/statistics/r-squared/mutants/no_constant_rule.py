# Wrong: divides by SS_tot even when it is 0 (nan or -inf for constant targets).
import numpy as np


def r2_score(y_true, y_pred):
    if len(y_true) < 2:
        raise ValueError("need at least two samples")
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    return float(1 - ss_res / ss_tot)
