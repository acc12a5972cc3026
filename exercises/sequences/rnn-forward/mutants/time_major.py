# Wrong: reads x as time-major (T, N, D), as torch.nn.RNN does without batch_first=True.
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    x = np.asarray(x, dtype=float)
    steps, n, _ = x.shape
    h = np.asarray(h0, dtype=float)
    h_all = np.zeros((steps, n, h.shape[1]))
    for t in range(steps):
        h = np.tanh(x[t] @ Wx + h @ Wh + b)
        h_all[t] = h
    return h_all.transpose(1, 0, 2), h
