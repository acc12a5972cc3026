# Wrong: uses y_true itself as a mask, scores[y_true], which indexes by position when the labels are 0/1 integers.
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
    if np.sum(y_true) in (0, len(y_true)):
        raise ValueError("y_true must hold both classes")
    pos = scores[y_true]
    neg = scores[~y_true]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))
