# Wrong: sorts the caller's arrays in place (by decreasing score) before computing the curve.
import numpy as np


def roc_curve(y_true, scores):
    y_true = np.asarray(y_true)
    if y_true.all() or not y_true.any():
        raise ValueError("y_true must hold both classes")
    order = np.argsort(-scores, kind="stable")
    scores[:] = scores[order]
    y_true[:] = y_true[order]
    ends = np.append(np.flatnonzero(np.diff(scores)), len(scores) - 1)
    tp = np.cumsum(y_true.astype(bool))[ends]
    fp = (ends + 1) - tp
    fpr = np.concatenate([[0.0], fp / fp[-1]])
    tpr = np.concatenate([[0.0], tp / tp[-1]])
    return fpr, tpr, np.concatenate([[np.inf], scores[ends].astype(float)])


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
