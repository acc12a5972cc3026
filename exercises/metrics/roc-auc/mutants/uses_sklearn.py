# Wrong: calls scikit-learn's roc_curve and roc_auc_score, which this exercise forbids.
import numpy as np
from sklearn import metrics


def roc_curve(y_true, scores):
    if len(np.unique(y_true)) < 2:
        raise ValueError("y_true must hold both classes")
    return metrics.roc_curve(y_true, scores, drop_intermediate=False)


def roc_auc(y_true, scores):
    if len(np.unique(y_true)) < 2:
        raise ValueError("y_true must hold both classes")
    return float(metrics.roc_auc_score(y_true, scores))
