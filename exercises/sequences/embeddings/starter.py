import numpy as np


def embedding_forward(ids, table):
    """Look up one row of ``table`` (vocab_size, D) per id: ids of shape S give S + (D,)."""
    raise NotImplementedError


def embedding_backward(dout, ids, vocab_size):
    """Gradient with respect to the table: a (vocab_size, D) float64 array where row v is the
    sum of ``dout`` over every position whose id is v (zero for unused ids)."""
    raise NotImplementedError
