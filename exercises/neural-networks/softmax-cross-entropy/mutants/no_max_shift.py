# Wrong: exponentiates the raw logits, which overflows for large values (inf / inf = nan).
import numpy as np


def softmax_cross_entropy(logits, labels):
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return float(-np.log(probs[np.arange(len(labels)), labels]).mean())


def softmax_cross_entropy_grad(logits, labels):
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    grad = probs.copy()
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
