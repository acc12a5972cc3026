# Wrong: stride defaults to 1 instead of kernel_size.
import numpy as np


def _size(x, k, s):
    return (x.shape[2] - k) // s + 1, (x.shape[3] - k) // s + 1


def maxpool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = 1 if stride is None else stride
    n, c = x.shape[:2]
    out_h, out_w = _size(x, k, s)
    out = np.empty((n, c, out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[:, :, i, j] = x[:, :, i * s:i * s + k, j * s:j * s + k].max(axis=(2, 3))
    return out


def maxpool2d_backward(dout, x, kernel_size, stride=None):
    k = kernel_size
    s = 1 if stride is None else stride
    n, c = x.shape[:2]
    out_h, out_w = _size(x, k, s)
    dx = np.zeros_like(x, dtype=float)
    n_idx, c_idx = np.meshgrid(np.arange(n), np.arange(c), indexing="ij")
    for i in range(out_h):
        for j in range(out_w):
            win = x[:, :, i * s:i * s + k, j * s:j * s + k].reshape(n, c, k * k)
            a = win.argmax(axis=2)
            dx[n_idx, c_idx, i * s + a // k, j * s + a % k] += dout[:, :, i, j]
    return dx
