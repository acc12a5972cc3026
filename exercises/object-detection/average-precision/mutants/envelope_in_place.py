# Wrong: computes the envelope in place, overwriting the caller's precision array.
import numpy as np


def average_precision(recall, precision, method="all_points"):
    recall = np.asarray(recall, dtype=float)
    precision = np.asarray(precision, dtype=float)
    envelope = precision
    if recall.size == 0:
        return 0.0
    for i in range(len(envelope) - 2, -1, -1):
        envelope[i] = max(envelope[i], envelope[i + 1])
    if method == "all_points":
        steps = np.diff(recall, prepend=0.0)
        return float(np.sum(steps * envelope))
    n_points = 11 if method == "voc11" else 101
    total = 0.0
    for t in np.linspace(0.0, 1.0, n_points):
        reached = recall >= t
        if reached.any():
            total += precision[reached].max()
    return float(total / n_points)
