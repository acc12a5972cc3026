# Wrong: calls torch's binary_cross_entropy_with_logits, which this exercise forbids.
import numpy as np
import torch


def binary_cross_entropy(y_true, p, eps=1e-12):
    y = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def binary_cross_entropy_with_logits(y_true, z):
    return float(torch.nn.functional.binary_cross_entropy_with_logits(
        torch.tensor(z, dtype=torch.float64), torch.tensor(y_true, dtype=torch.float64)))
