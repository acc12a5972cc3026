# Wrong: dW is computed as dout.T @ x, the transpose of the right gradient.
import numpy as np


def dense_forward(x, W, b):
    return x @ W + b


def dense_backward(dout, x, W):
    dx = dout @ W.T
    dW = dout.T @ x
    db = dout.sum(axis=0)
    return dx, dW, db
