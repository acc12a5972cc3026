import numpy as np


def maxpool2d_forward(x, kernel_size, stride=None):
    """Max over each ``kernel_size x kernel_size`` window of x (N, C, H, W), channel by channel.

    ``stride`` defaults to ``kernel_size``; the output size floors. Returns float64
    (N, C, H_out, W_out), as ``torch.nn.functional.max_pool2d``.
    """
    raise NotImplementedError


def maxpool2d_backward(dout, x, kernel_size, stride=None):
    """Gradient with respect to x of ``maxpool2d_forward(x, kernel_size, stride)``.

    Each window's gradient goes to its maximum (on ties, the first in row-major order of the
    window); gradients of overlapping windows add up. Returns float64 shaped like x.
    """
    raise NotImplementedError
