# Wrong: returns the gradient of the padded input, without cropping the padding off.
import numpy as np


def conv2d_backward(dout, x, weight, stride=1, padding=0):
    n, c, h, w = x.shape
    f, _, kh, kw = weight.shape
    out_h, out_w = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp = np.zeros_like(xp)
    dweight = np.zeros_like(weight)
    dbias = dout.sum(axis=(0, 2, 3))
    for i in range(out_h):
        for j in range(out_w):
            rows = slice(i * stride, i * stride + kh)
            cols = slice(j * stride, j * stride + kw)
            g = dout[:, :, i, j]
            dweight += np.tensordot(g, xp[:, :, rows, cols], axes=([0], [0]))
            dxp[:, :, rows, cols] += np.tensordot(g, weight, axes=([1], [0]))
    return dxp, dweight, dbias
