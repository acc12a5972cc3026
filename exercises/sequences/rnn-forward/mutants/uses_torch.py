# Wrong: runs torch.nn.RNN, which this exercise forbids.
import numpy as np
import torch


def rnn_forward(x, h0, Wx, Wh, b):
    Wx, Wh, b = (torch.as_tensor(np.asarray(a, dtype=float)) for a in (Wx, Wh, b))
    rnn = torch.nn.RNN(Wx.shape[0], Wx.shape[1], batch_first=True).double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(Wx.T)
        rnn.weight_hh_l0.copy_(Wh.T)
        rnn.bias_ih_l0.copy_(b)
        rnn.bias_hh_l0.zero_()
        h_all, h_last = rnn(torch.as_tensor(np.asarray(x, dtype=float)),
                            torch.as_tensor(np.asarray(h0, dtype=float))[None])
    return h_all.numpy(), h_last[0].numpy()
