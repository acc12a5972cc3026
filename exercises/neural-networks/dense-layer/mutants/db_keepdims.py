# Wrong: db keeps the summed axis, shape (1, M) instead of (M,).
import numpy as np


def dense_forward(x, W, b):
    return x @ W + b


def dense_backward(dout, x, W):
    dx = dout @ W.T
    dW = x.T @ dout
    db = dout.sum(axis=0, keepdims=True)
    return dx, dW, db
