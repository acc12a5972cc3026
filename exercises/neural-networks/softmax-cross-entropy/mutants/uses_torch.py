# Wrong: calls torch's cross_entropy, which this exercise forbids.
import numpy as np
import torch


def softmax_cross_entropy(logits, labels):
    return float(torch.nn.functional.cross_entropy(torch.tensor(logits), torch.tensor(labels)))


def softmax_cross_entropy_grad(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    probs[np.arange(len(labels)), labels] -= 1
    return probs / len(labels)
