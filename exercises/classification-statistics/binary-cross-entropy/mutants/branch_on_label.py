# Wrong: picks -log(p) or -log(1 - p) with a branch on y == 1, which is wrong for soft targets.
import numpy as np


def binary_cross_entropy(y_true, p, eps=1e-12):
    y = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return float(np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p))))


def binary_cross_entropy_with_logits(y_true, z):
    y, z = np.asarray(y_true, dtype=float), np.asarray(z, dtype=float)
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(np.where(y == 1, softplus - z, softplus)))
