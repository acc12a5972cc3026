# Wrong: starts the running maximum at 0, so windows of negative values give 0.
import numpy as np


def _size(x, k, s):
    return (x.shape[2] - k) // s + 1, (x.shape[3] - k) // s + 1


def maxpool2d_forward(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    n, c = x.shape[:2]
    out_h, out_w = _size(x, k, s)
    out = np.zeros((n, c, out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            for u in range(k):
                for v in range(k):
                    out[:, :, i, j] = np.maximum(out[:, :, i, j], x[:, :, i * s + u, j * s + v])
    return out


def maxpool2d_backward(dout, x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    n, c = x.shape[:2]
    out_h, out_w = _size(x, k, s)
    dx = np.zeros_like(x, dtype=float)
    for b in range(n):
        for ch in range(c):
            for i in range(out_h):
                for j in range(out_w):
                    best, where = 0.0, (i * s, j * s)
                    for u in range(k):
                        for v in range(k):
                            if x[b, ch, i * s + u, j * s + v] > best:
                                best, where = x[b, ch, i * s + u, j * s + v], (i * s + u, j * s + v)
                    dx[b, ch, where[0], where[1]] += dout[b, ch, i, j]
    return dx
