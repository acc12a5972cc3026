# Wrong: treats id 0 as padding: its rows are zero in the output and it gets no gradient.
import numpy as np


def embedding_forward(ids, table):
    ids = np.asarray(ids)
    table = np.asarray(table, dtype=float)
    out = table[ids]
    out[ids == 0] = 0.0
    return out


def embedding_backward(dout, ids, vocab_size):
    ids = np.asarray(ids)
    dout = np.asarray(dout, dtype=float)
    grad = np.zeros((vocab_size, dout.shape[-1]))
    np.add.at(grad, ids.reshape(-1), dout.reshape(-1, dout.shape[-1]))
    grad[0] = 0.0
    return grad
