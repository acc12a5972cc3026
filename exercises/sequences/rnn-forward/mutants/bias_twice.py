# Wrong: adds b as both bias_ih and bias_hh, so the bias counts twice.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    x = np.asarray(x, dtype=float)
    n, steps, _ = x.shape
    h = np.asarray(h0, dtype=float)
    h_all = np.zeros((n, steps, h.shape[1]))
    for t in range(steps):
        h = np.tanh(x[:, t] @ Wx + h @ Wh + b + b)
        h_all[:, t] = h
    return h_all, h
