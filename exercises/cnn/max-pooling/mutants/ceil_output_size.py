# Wrong: rounds the output size up, adding partial windows at the bottom and right edges.
import numpy as np


def _size(x, k, s):
    return -(-(x.shape[2] - k) // s) + 1, -(-(x.shape[3] - k) // s) + 1


def maxpool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    n, c = x.shape[:2]
    out_h, out_w = _size(x, k, s)
    out = np.empty((n, c, out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[:, :, i, j] = x[:, :, i * s:i * s + k, j * s:j * s + k].max(axis=(2, 3))
    return out


def maxpool2d_backward(dout, x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    n, c = x.shape[:2]
    out_h, out_w = _size(x, k, s)
    dx = np.zeros_like(x, dtype=float)
    n_idx, c_idx = np.meshgrid(np.arange(n), np.arange(c), indexing="ij")
    for i in range(out_h):
        for j in range(out_w):
            win = x[:, :, i * s:i * s + k, j * s:j * s + k]
            kw = win.shape[3]
            a = win.reshape(n, c, -1).argmax(axis=2)
            dx[n_idx, c_idx, i * s + a // kw, j * s + a % kw] += dout[:, :, i, j]
    return dx
