import numpy as np


def rnn_forward(x, h0, Wx, Wh, b):
    """Run h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b) over the time axis.

    x (N, T, D) batch first, h0 (N, H), Wx (D, H), Wh (H, H), b (H,).
    Returns (h_all, h_last): every hidden state (N, T, H) and the last one (N, H).
    """
    raise NotImplementedError
