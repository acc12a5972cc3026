"""Solutions of ``softmax-cross-entropy`` for the end-to-end tests: a right one, and a wrong
one whose gradient forgets to divide by N (an array mismatch: its message says where, and
the result page draws a heatmap of the error)."""

RIGHT = """import numpy as np


def softmax_cross_entropy(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_grad(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    probs[np.arange(len(labels)), labels] -= 1.0
    return probs / len(labels)
"""

WRONG = RIGHT.replace("    return probs / len(labels)\n", "    return probs\n")
assert WRONG != RIGHT
