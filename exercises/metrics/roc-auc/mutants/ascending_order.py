# Wrong: sorts the scores in increasing order, so the curve is traversed backwards and the AUC is 1 - AUC.
import numpy as np


def _check(y_true):
    y = np.asarray(y_true).astype(bool)
    if y.all() or not y.any():
        raise ValueError("y_true must hold both classes")
    return y


def roc_curve(y_true, scores):
    y = _check(y_true)
    scores = np.asarray(scores, dtype=float)
    order = np.argsort(scores, kind="stable")
    s, ys = scores[order], y[order]
    ends = np.append(np.flatnonzero(np.diff(s)), len(s) - 1)
    tp = np.cumsum(ys)[ends]
    fp = (ends + 1) - tp
    fpr = np.concatenate([[0.0], fp / fp[-1]])
    tpr = np.concatenate([[0.0], tp / tp[-1]])
    thresholds = np.concatenate([[np.inf], s[ends]])
    return fpr, tpr, thresholds


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
