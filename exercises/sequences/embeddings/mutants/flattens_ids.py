# Wrong: flattens the ids, so a (N, T) batch gives (N * T, D) instead of (N, T, D).
import numpy as np


def embedding_forward(ids, table):
    ids = np.asarray(ids)
    table = np.asarray(table, dtype=float)
    return table[ids.reshape(-1)]


def embedding_backward(dout, ids, vocab_size):
    ids = np.asarray(ids)
    dout = np.asarray(dout, dtype=float)
    grad = np.zeros((vocab_size, dout.shape[-1]))
    np.add.at(grad, ids.reshape(-1), dout.reshape(-1, dout.shape[-1]))
    return grad
