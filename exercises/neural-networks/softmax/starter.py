import numpy as np


def softmax(z, axis=-1):
    """Softmax of ``z`` along ``axis``: entries along that axis are positive and sum to 1.

    Returns a float64 array of z's shape; stable for entries up to 1e4 in magnitude.
    """
    raise NotImplementedError
