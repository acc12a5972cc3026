# Wrong: micro averages the per-class scores like macro instead of pooling the counts first.
import numpy as np


def _safe(a, b):
    return a / b if b != 0 else 0.0


def precision_recall_f1(y_true, y_pred, average="binary", pos_label=1):
    labels = np.union1d(y_true, y_pred)
    if average == "binary":
        if len(labels) > 2 or (len(labels) == 2 and pos_label not in labels):
            raise ValueError("average='binary' needs two labels including pos_label")
        labels = np.array([pos_label])
    tp = np.array([np.sum((y_true == c) & (y_pred == c)) for c in labels])
    n_pred = np.array([np.sum(y_pred == c) for c in labels])
    n_true = np.array([np.sum(y_true == c) for c in labels])
    p = np.array([_safe(a, b) for a, b in zip(tp, n_pred)])
    r = np.array([_safe(a, b) for a, b in zip(tp, n_true)])
    f = np.array([_safe(2 * a, b + c) for a, b, c in zip(tp, n_pred, n_true)])
    weights = n_true if average == "weighted" else None
    return tuple(float(np.average(s, weights=weights)) for s in (p, r, f))
