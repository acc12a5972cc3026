# Wrong: computes log(1 + exp(z)) - y z directly, so exp(z) overflows to inf for large logits.
import numpy as np


def binary_cross_entropy(y_true, p, eps=1e-12):
    y = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def binary_cross_entropy_with_logits(y_true, z):
    y, z = np.asarray(y_true, dtype=float), np.asarray(z, dtype=float)
    return float(np.mean(np.log(1 + np.exp(z)) - y * z))
