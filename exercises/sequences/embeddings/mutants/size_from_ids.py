# Wrong: sizes the gradient by the largest id seen (ids.max() + 1) instead of vocab_size.
import numpy as np


def embedding_forward(ids, table):
    ids = np.asarray(ids)
    table = np.asarray(table, dtype=float)
    return table[ids]


def embedding_backward(dout, ids, vocab_size):
    ids = np.asarray(ids)
    dout = np.asarray(dout, dtype=float)
    grad = np.zeros((ids.max() + 1, dout.shape[-1]))
    np.add.at(grad, ids.reshape(-1), dout.reshape(-1, dout.shape[-1]))
    return grad
