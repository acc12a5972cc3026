# Wrong: subtracts the global maximum instead of each row's, so rows far below underflow.
import numpy as np


def softmax_cross_entropy(logits, labels):
    shifted = logits - logits.max()
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    return float(-np.log(probs[np.arange(len(labels)), labels]).mean())


def softmax_cross_entropy_grad(logits, labels):
    shifted = logits - logits.max()
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    probs[np.arange(len(labels)), labels] -= 1
    return probs / len(labels)
