# Wrong: averages the gradients of a repeated id instead of summing them.
import numpy as np


def embedding_forward(ids, table):
    ids = np.asarray(ids)
    table = np.asarray(table, dtype=float)
    return table[ids]


def embedding_backward(dout, ids, vocab_size):
    ids = np.asarray(ids)
    dout = np.asarray(dout, dtype=float)
    grad = np.zeros((vocab_size, dout.shape[-1]))
    np.add.at(grad, ids.reshape(-1), dout.reshape(-1, dout.shape[-1]))
    counts = np.bincount(ids.reshape(-1), minlength=vocab_size)
    return grad / np.maximum(counts, 1)[:, None]
