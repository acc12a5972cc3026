# Wrong: sums the per-sample losses instead of averaging them.
import numpy as np


def binary_cross_entropy(y_true, p, eps=1e-12):
    y = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))


def binary_cross_entropy_with_logits(y_true, z):
    y, z = np.asarray(y_true, dtype=float), np.asarray(z, dtype=float)
    return float(np.sum(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))
