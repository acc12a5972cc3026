# Wrong: the AUC counts a tie between a positive and a negative as a win instead of one half.
import numpy as np


def roc_curve(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    if y.all() or not y.any():
        raise ValueError("y_true must hold both classes")
    scores = np.asarray(scores, dtype=float)
    order = np.argsort(-scores, kind="stable")
    s, ys = scores[order], y[order]
    ends = np.append(np.flatnonzero(np.diff(s)), len(s) - 1)
    tp = np.cumsum(ys)[ends]
    fp = (ends + 1) - tp
    fpr = np.concatenate([[0.0], fp / fp[-1]])
    tpr = np.concatenate([[0.0], tp / tp[-1]])
    return fpr, tpr, np.concatenate([[np.inf], s[ends]])


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    if y.all() or not y.any():
        raise ValueError("y_true must hold both classes")
    pos = np.asarray(scores, dtype=float)[y]
    neg = np.asarray(scores, dtype=float)[~y]
    return float(np.mean(pos[:, None] >= neg[None, :]))
