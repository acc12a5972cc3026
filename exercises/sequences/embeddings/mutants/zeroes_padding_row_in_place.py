# Wrong: zeroes row 0 of the caller's table (like padding_idx=0), modifying the input.
import numpy as np


def embedding_forward(ids, table):
    ids = np.asarray(ids)
    table = np.asarray(table, dtype=float)
    table[0] = 0.0
    return table[ids]


def embedding_backward(dout, ids, vocab_size):
    ids = np.asarray(ids)
    dout = np.asarray(dout, dtype=float)
    grad = np.zeros((vocab_size, dout.shape[-1]))
    np.add.at(grad, ids.reshape(-1), dout.reshape(-1, dout.shape[-1]))
    return grad
