# Wrong: the forward pass forgets the bias b.
import numpy as np


def dense_forward(x, W, b):
    return x @ W


def dense_backward(dout, x, W):
    dx = dout @ W.T
    dW = x.T @ dout
    db = dout.sum(axis=0)
    return dx, dW, db
