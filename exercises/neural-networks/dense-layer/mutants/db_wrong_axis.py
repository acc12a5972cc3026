# Wrong: db sums over axis=1 (one value per sample) instead of over the batch.
import numpy as np


def dense_forward(x, W, b):
    return x @ W + b


def dense_backward(dout, x, W):
    dx = dout @ W.T
    dW = x.T @ dout
    db = dout.sum(axis=1)
    return dx, dW, db
