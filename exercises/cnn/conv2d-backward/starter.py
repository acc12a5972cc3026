import numpy as np


def conv2d_backward(dout, x, weight, stride=1, padding=0):
    """Gradients ``(dx, dweight, dbias)`` of ``conv2d_forward(x, weight, bias, stride, padding)``.

    dout (N, F, H_out, W_out) is the gradient of the loss with respect to the forward output.
    Returns float64 arrays shaped like x (N, C, H, W), weight (F, C, KH, KW) and bias (F,).
    """
    raise NotImplementedError
