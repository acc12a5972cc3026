import numpy as np


def two_layer_loss_and_grads(params, X, y):
    """Loss and gradients of relu(X @ W1 + b1) @ W2 + b2 under mean softmax cross-entropy.

    params: dict with W1 (D, H), b1 (H,), W2 (H, C), b2 (C,); X (N, D); y int labels (N,).
    Returns (loss, grads) where loss is a float and grads a dict with the same keys and shapes
    as params.
    """
    raise NotImplementedError
