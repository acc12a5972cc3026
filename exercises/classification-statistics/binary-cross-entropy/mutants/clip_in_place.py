# Wrong: clips p in place (out=p), so the caller's array of probabilities is modified.
import numpy as np


def binary_cross_entropy(y_true, p, eps=1e-12):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    np.clip(p, eps, 1 - eps, out=p)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def binary_cross_entropy_with_logits(y_true, z):
    y, z = np.asarray(y_true, dtype=float), np.asarray(z, dtype=float)
    return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))
