import numpy as np


def conv2d_forward(x, weight, bias, stride=1, padding=0):
    """2-D cross-correlation in NCHW layout, as ``torch.nn.functional.conv2d``.

    x (N, C, H, W), weight (F, C, KH, KW), bias (F,), stride and padding ints.
    Returns a float64 array (N, F, H_out, W_out).
    """
    raise NotImplementedError
