# Wrong: calls sklearn.metrics.r2_score, which this exercise forbids.
from sklearn import metrics


def r2_score(y_true, y_pred):
    if len(y_true) < 2:
        raise ValueError("need at least two samples")
    return float(metrics.r2_score(y_true, y_pred))
