# Wrong: takes the classes from y_true only, so labels that are only predicted are ignored.
import numpy as np


def _safe(a, b):
    return a / b if b != 0 else 0.0


def precision_recall_f1(y_true, y_pred, average="binary", pos_label=1):
    labels = np.unique(y_true)
    if average == "binary":
        if len(labels) > 2 or (len(labels) == 2 and pos_label not in labels):
            raise ValueError("average='binary' needs two labels including pos_label")
        labels = np.array([pos_label])
    tp = np.array([np.sum((y_true == c) & (y_pred == c)) for c in labels])
    n_pred = np.array([np.sum(y_pred == c) for c in labels])
    n_true = np.array([np.sum(y_true == c) for c in labels])
    if average == "micro":
        tp, n_pred, n_true = [tp.sum()], [n_pred.sum()], [n_true.sum()]
    p = np.array([_safe(a, b) for a, b in zip(tp, n_pred)])
    r = np.array([_safe(a, b) for a, b in zip(tp, n_true)])
    f = np.array([_safe(2 * a, b + c) for a, b, c in zip(tp, n_pred, n_true)])
    weights = n_true if average == "weighted" else None
    return tuple(float(np.average(s, weights=weights)) for s in (p, r, f))
