"""2-D max pooling and its gradient (curriculum module 11).

NCHW layout, square windows, no padding, output size floors (``ceil_mode=False``), as in
``torch.nn.functional.max_pool2d``. ``_maxpool2d_forward_naive`` and
``_maxpool2d_backward_naive`` are the loop versions the fast ones are tested against.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["maxpool2d_backward", "maxpool2d_forward"]


def _check_pool_inputs(x, kernel_size, stride):
    """Validated float64 ``x``, ints ``kernel_size``, ``stride`` and the output size."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 4:
        raise ValueError(f"x must be 4-D (N, C, H, W), got an array of shape {x.shape}")
    if isinstance(kernel_size, bool) or not isinstance(kernel_size, int | np.integer):
        raise ValueError(f"kernel_size must be an int, got kernel_size={kernel_size!r}")
    if kernel_size < 1:
        raise ValueError(f"kernel_size must be at least 1, got kernel_size={kernel_size}")
    if stride is None:
        stride = kernel_size
    if isinstance(stride, bool) or not isinstance(stride, int | np.integer) or stride < 1:
        raise ValueError(f"stride must be an int >= 1 or None, got stride={stride!r}")
    h, w = x.shape[2:]
    if kernel_size > min(h, w):
        raise ValueError(
            f"kernel_size={kernel_size} is larger than the input's height or width ({h}, {w})"
        )
    out_h = (h - kernel_size) // stride + 1
    out_w = (w - kernel_size) // stride + 1
    return x, int(kernel_size), int(stride), (out_h, out_w)


def _windows(x, kernel_size, stride):
    """Flattened windows ``(N, C, H_out, W_out, k * k)`` in row-major order of each window."""
    view = sliding_window_view(x, (kernel_size, kernel_size), axis=(2, 3))[:, :, ::stride, ::stride]
    return view.reshape(*view.shape[:4], kernel_size * kernel_size)


def maxpool2d_forward(x, kernel_size, stride=None):
    r"""Maximum of each ``kernel_size x kernel_size`` window, channel by channel.

    .. math::

        y_{n c i j} = \max_{0 \le u, v < k} x_{n,c,\, s i + u,\, s j + v}

    Parameters
    ----------
    x : array-like, shape (N, C, H, W)
        Input batch.
    kernel_size : int
        Window side ``k``, at most ``min(H, W)``.
    stride : int, optional
        Step ``s`` between windows; defaults to ``kernel_size``.

    Returns
    -------
    ndarray of float64, shape (N, C, H_out, W_out)
        With ``H_out = (H - k) // s + 1`` and likewise for the width.

    Raises
    ------
    ValueError
        If ``x`` is not 4-D, or ``kernel_size``/``stride`` are not positive ints, or the
        window is larger than the input.

    Notes
    -----
    Matches ``torch.nn.functional.max_pool2d(x, kernel_size, stride)``.

    Examples
    --------
    >>> x = np.array([[[[1.0, 2, 5, 0], [3, 4, 1, 1], [0, 0, 2, 2], [9, 0, 2, 3]]]])
    >>> maxpool2d_forward(x, 2)
    array([[[[4., 5.],
             [9., 3.]]]])
    """
    x, kernel_size, stride, _ = _check_pool_inputs(x, kernel_size, stride)
    return _windows(x, kernel_size, stride).max(axis=-1)


def maxpool2d_backward(dout, x, kernel_size, stride=None):
    r"""Gradient of a loss with respect to the input of ``maxpool2d_forward``.

    .. math::

        \frac{\partial L}{\partial x_{n c p q}} = \sum_{(i, j)\,:\ (p, q) = \operatorname{argmax}
            \text{ of window } (i, j)} \frac{\partial L}{\partial y_{n c i j}}

    Parameters
    ----------
    dout : array-like, shape (N, C, H_out, W_out)
        Upstream gradient.
    x : array-like, shape (N, C, H, W)
        The forward pass's input.
    kernel_size : int
        Window side.
    stride : int, optional
        Defaults to ``kernel_size``.

    Returns
    -------
    ndarray of float64, shape (N, C, H, W)
        Each window's gradient goes to its maximum; overlapping windows (``stride <
        kernel_size``) add up.

    Raises
    ------
    ValueError
        On the forward pass's conditions, or ``dout`` not of the output's shape.

    Notes
    -----
    Ties: the first maximum of the window in row-major order gets the whole gradient, as
    in torch's ``max_pool2d`` (its gradient through autograd).

    Examples
    --------
    >>> x = np.array([[[[1.0, 1.0], [0.0, 1.0]]]])
    >>> maxpool2d_backward(np.array([[[[5.0]]]]), x, 2)
    array([[[[5., 0.],
             [0., 0.]]]])
    """
    x, kernel_size, stride, out_hw = _check_pool_inputs(x, kernel_size, stride)
    n, c, h, w = x.shape
    dout = np.asarray(dout, dtype=np.float64)
    if dout.shape != (n, c, *out_hw):
        raise ValueError(
            f"dout must have the forward output's shape {(n, c, *out_hw)}, "
            f"got dout.shape={dout.shape}"
        )
    # np.argmax returns the first maximum, i.e. the first in row-major order of the window.
    flat_argmax = _windows(x, kernel_size, stride).argmax(axis=-1)
    row = np.arange(out_hw[0])[:, None] * stride + flat_argmax // kernel_size
    col = np.arange(out_hw[1])[None, :] * stride + flat_argmax % kernel_size
    plane = np.arange(n * c).reshape(n, c, 1, 1)
    target = (plane * h + row) * w + col
    # bincount sums the gradients of windows that share a maximum (overlapping windows).
    dx = np.bincount(target.ravel(), weights=dout.ravel(), minlength=n * c * h * w)
    return dx.reshape(n, c, h, w)


def _maxpool2d_forward_naive(x, kernel_size, stride=None):
    """Loop version of ``maxpool2d_forward``."""
    x, k, s, (out_h, out_w) = _check_pool_inputs(x, kernel_size, stride)
    out = np.empty((*x.shape[:2], out_h, out_w))
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(out_h):
                for j in range(out_w):
                    out[n, c, i, j] = x[n, c, i * s : i * s + k, j * s : j * s + k].max()
    return out


def _maxpool2d_backward_naive(dout, x, kernel_size, stride=None):
    """Loop version of ``maxpool2d_backward``: scan each window in row-major order."""
    x, k, s, (out_h, out_w) = _check_pool_inputs(x, kernel_size, stride)
    dout = np.asarray(dout, dtype=np.float64)
    dx = np.zeros_like(x)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            for i in range(out_h):
                for j in range(out_w):
                    best = (i * s, j * s)
                    for u in range(k):
                        for v in range(k):
                            if x[n, c, i * s + u, j * s + v] > x[n, c, best[0], best[1]]:
                                best = (i * s + u, j * s + v)
                    dx[n, c, best[0], best[1]] += dout[n, c, i, j]
    return dx
