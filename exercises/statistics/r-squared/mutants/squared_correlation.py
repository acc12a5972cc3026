# Wrong: returns the squared correlation, which ignores bias and is never negative.
import numpy as np


def r2_score(y_true, y_pred):
    if len(y_true) < 2:
        raise ValueError("need at least two samples")
    if np.all(y_true == y_true[0]):
        return 1.0 if np.array_equal(y_true, y_pred) else 0.0
    return float(np.corrcoef(y_true, y_pred)[0, 1] ** 2)
