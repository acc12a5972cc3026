# Wrong: stores the pre-activation x_t Wx + h Wh + b in h_all and applies tanh only to the state.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    x = np.asarray(x, dtype=float)
    n, steps, _ = x.shape
    h = np.asarray(h0, dtype=float)
    h_all = np.zeros((n, steps, h.shape[1]))
    for t in range(steps):
        a = x[:, t] @ Wx + h @ Wh + b
        h_all[:, t] = a
        h = np.tanh(a)
    return h_all, h
