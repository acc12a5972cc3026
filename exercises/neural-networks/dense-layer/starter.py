import numpy as np


def dense_forward(x, W, b):
    """Affine layer: x (N, D), W (D, M), b (M,) -> out (N, M) = x @ W + b."""
    raise NotImplementedError


def dense_backward(dout, x, W):
    """Given dout = dL/dout (N, M), the forward input x (N, D) and W (D, M),
    return (dx, dW, db) with shapes (N, D), (D, M), (M,)."""
    raise NotImplementedError
