"""2-D convolution (cross-correlation), its output size and its gradient (curriculum module 11).

Layout is NCHW throughout, as in PyTorch: ``x`` is ``(N, C, H, W)``, ``weight`` is
``(F, C, KH, KW)``. The fast versions use im2col: every receptive field becomes a column of
a matrix (a strided view, copied once), and the convolution becomes a matrix product per
sample.
``_conv2d_forward_naive`` and ``_conv2d_backward_naive`` are the loop versions they are
tested against.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from reference._validation import check_positive_int

__all__ = ["conv2d_backward", "conv2d_forward", "conv2d_output_size"]


def _pair(value, name, minimum):
    """``(a, b)`` from an int or a pair of ints, each at least ``minimum``."""
    pair = tuple(value) if isinstance(value, tuple | list) else (value, value)
    if len(pair) != 2 or not all(
        isinstance(v, int | np.integer) and not isinstance(v, bool) for v in pair
    ):
        raise ValueError(f"{name} must be an int or a pair of ints, got {name}={value!r}")
    if min(pair) < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {name}={value!r}")
    return int(pair[0]), int(pair[1])


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    r"""Spatial size of a 2-D convolution's output (the ``torch.nn.Conv2d`` formula).

    .. math::

        H_{out} = \left\lfloor \frac{H + 2p - d\,(k - 1) - 1}{s} \right\rfloor + 1

    and the same for the width with the second element of each pair.

    Parameters
    ----------
    h, w : int
        Input height and width, at least 1.
    kernel_size, stride, dilation : int or pair of int
        At least 1; a pair gives ``(height, width)`` values.
    padding : int or pair of int
        Zero padding on each side, at least 0.

    Returns
    -------
    tuple of int
        ``(H_out, W_out)``.

    Raises
    ------
    ValueError
        If an argument has the wrong type or range, or an output size is below 1.

    Examples
    --------
    >>> conv2d_output_size(32, 32, 3)
    (30, 30)
    >>> conv2d_output_size(28, 20, kernel_size=(5, 3), stride=2, padding=1, dilation=(1, 2))
    (13, 9)
    """
    h, w = check_positive_int(h, "h"), check_positive_int(w, "w")
    kh, kw = _pair(kernel_size, "kernel_size", 1)
    sh, sw = _pair(stride, "stride", 1)
    ph, pw = _pair(padding, "padding", 0)
    dh, dw = _pair(dilation, "dilation", 1)
    out_h = (int(h) + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    out_w = (int(w) + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if out_h < 1 or out_w < 1:
        raise ValueError(
            f"the output size ({out_h}, {out_w}) is below 1 for an input of ({h}, {w}) with "
            f"kernel_size={kernel_size!r}, stride={stride!r}, padding={padding!r}, "
            f"dilation={dilation!r}; use a smaller kernel or more padding"
        )
    return out_h, out_w


def _check_int(value, name, minimum):
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {name}={value!r}")
    return int(value)


def _check_conv_inputs(x, weight, stride, padding):
    """Validated float64 ``x``, ``weight``, ints ``stride``, ``padding`` and the output size."""
    x = np.asarray(x, dtype=np.float64)
    weight = np.asarray(weight, dtype=np.float64)
    if x.ndim != 4:
        raise ValueError(f"x must be 4-D (N, C, H, W), got an array of shape {x.shape}")
    if weight.ndim != 4:
        raise ValueError(f"weight must be 4-D (F, C, KH, KW), got an array of shape {weight.shape}")
    if weight.shape[1] != x.shape[1]:
        raise ValueError(
            f"weight has {weight.shape[1]} input channels but x has C={x.shape[1]} "
            f"(weight.shape={weight.shape}, x.shape={x.shape})"
        )
    if min(weight.shape[2:]) < 1:
        raise ValueError(f"weight must have a non-empty kernel, got weight.shape={weight.shape}")
    stride = _check_int(stride, "stride", 1)
    padding = _check_int(padding, "padding", 0)
    out_hw = conv2d_output_size(
        x.shape[2], x.shape[3], weight.shape[2:], stride=stride, padding=padding
    )
    return x, weight, stride, padding, out_hw


def _pad(x, padding):
    if padding == 0:
        return x
    return np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))


def _im2col(x_padded, kh, kw, stride):
    """Columns ``(N, C * KH * KW, H_out * W_out)``: each sample's receptive fields."""
    windows = sliding_window_view(x_padded, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    n, c, out_h, out_w = windows.shape[:4]
    return windows.transpose(0, 1, 4, 5, 2, 3).reshape(n, c * kh * kw, out_h * out_w)


def conv2d_forward(x, weight, bias, stride=1, padding=0):
    r"""Forward pass of a 2-D convolution layer (cross-correlation, NCHW).

    .. math::

        y_{n f i j} = b_f + \sum_{c, u, v} w_{f c u v}\, \tilde x_{n, c,\, s i + u,\, s j + v}

    where :math:`\tilde x` is ``x`` zero-padded by ``padding`` on every side.

    Parameters
    ----------
    x : array-like, shape (N, C, H, W)
        Input batch.
    weight : array-like, shape (F, C, KH, KW)
        Filters.
    bias : array-like, shape (F,)
        One bias per filter.
    stride : int, default 1
        Step between receptive fields, at least 1.
    padding : int, default 0
        Zeros added on each side of the height and width.

    Returns
    -------
    ndarray of float64, shape (N, F, H_out, W_out)
        With ``(H_out, W_out) = conv2d_output_size(H, W, (KH, KW), stride, padding)``.

    Raises
    ------
    ValueError
        On wrong shapes, channel mismatch, bad ``stride``/``padding``, or an empty output.

    Notes
    -----
    Matches ``torch.nn.functional.conv2d(x, weight, bias, stride, padding)`` (no kernel flip).
    Rows or columns of the padded input that no window reaches are ignored, as in torch.

    Examples
    --------
    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> w = np.ones((1, 1, 2, 2))
    >>> conv2d_forward(x, w, np.array([0.5]), stride=2)
    array([[[[10.5, 18.5],
             [42.5, 50.5]]]])
    """
    x, weight, stride, padding, (out_h, out_w) = _check_conv_inputs(x, weight, stride, padding)
    bias = np.asarray(bias, dtype=np.float64)
    n_filters, _, kh, kw = weight.shape
    if bias.shape != (n_filters,):
        raise ValueError(f"bias must have shape ({n_filters},), got bias.shape={bias.shape}")
    cols = _im2col(_pad(x, padding), kh, kw, stride)
    # One small matrix product per sample, (F, C*KH*KW) @ (C*KH*KW, H_out*W_out), lands
    # directly in NCHW order; it also keeps BLAS single-threaded per call, which is faster
    # than one large multi-threaded product on a busy machine.
    out = np.matmul(weight.reshape(n_filters, -1), cols).reshape(
        x.shape[0], n_filters, out_h, out_w
    )
    out += bias[None, :, None, None]
    return out


def conv2d_backward(dout, x, weight, stride=1, padding=0):
    r"""Gradients of a loss with respect to the input, filters and bias of ``conv2d_forward``.

    .. math::

        \frac{\partial L}{\partial b_f} = \sum_{n,i,j} \delta_{nfij}, \qquad
        \frac{\partial L}{\partial w_{fcuv}} = \sum_{n,i,j} \delta_{nfij}\,
            \tilde x_{n,c,\,si+u,\,sj+v}, \qquad
        \frac{\partial L}{\partial \tilde x_{n,c,\,si+u,\,sj+v}} \mathrel{+}=
            \sum_f \delta_{nfij}\, w_{fcuv}

    with :math:`\delta = \partial L / \partial y` (``dout``); ``dx`` is the padded gradient
    with the padding cropped off.

    Parameters
    ----------
    dout : array-like, shape (N, F, H_out, W_out)
        Upstream gradient.
    x : array-like, shape (N, C, H, W)
        The forward pass's input.
    weight : array-like, shape (F, C, KH, KW)
        The forward pass's filters.
    stride, padding : int
        As in the forward pass.

    Returns
    -------
    dx : ndarray of float64, shape (N, C, H, W)
    dweight : ndarray of float64, shape (F, C, KH, KW)
    dbias : ndarray of float64, shape (F,)

    Raises
    ------
    ValueError
        On wrong shapes, including ``dout`` not of the forward output's shape.

    Notes
    -----
    Matches torch autograd through ``torch.nn.functional.conv2d``. Input pixels that no
    window reaches get a zero gradient.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> w = np.ones((1, 1, 2, 2))
    >>> dx, dw, db = conv2d_backward(np.ones((1, 1, 2, 2)), x, w)
    >>> dx[0, 0]
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])
    >>> dw[0, 0], db
    (array([[ 8., 12.],
           [20., 24.]]), array([4.]))
    """
    x, weight, stride, padding, (out_h, out_w) = _check_conv_inputs(x, weight, stride, padding)
    n, c, h, w = x.shape
    n_filters, _, kh, kw = weight.shape
    dout = np.asarray(dout, dtype=np.float64)
    if dout.shape != (n, n_filters, out_h, out_w):
        raise ValueError(
            f"dout must have the forward output's shape {(n, n_filters, out_h, out_w)}, "
            f"got dout.shape={dout.shape}"
        )
    x_padded = _pad(x, padding)
    dout_rows = dout.reshape(n, n_filters, out_h * out_w)
    dbias = dout.sum(axis=(0, 2, 3))
    cols = _im2col(x_padded, kh, kw, stride)
    dweight = np.tensordot(dout_rows, cols, axes=([0, 2], [0, 2])).reshape(weight.shape)
    dcols = np.matmul(weight.reshape(n_filters, -1).T, dout_rows).reshape(
        n, c, kh, kw, out_h, out_w
    )
    dx_padded = np.zeros_like(x_padded)
    # col2im: each kernel tap (u, v) adds its gradient to a strided slice; overlapping
    # windows accumulate because the taps are added one after another.
    for u in range(kh):
        for v in range(kw):
            dx_padded[
                :,
                :,
                u : u + stride * (out_h - 1) + 1 : stride,
                v : v + stride * (out_w - 1) + 1 : stride,
            ] += dcols[:, :, u, v]
    dx = dx_padded[:, :, padding : padding + h, padding : padding + w].copy()
    return dx, dweight, dbias


def _conv2d_forward_naive(x, weight, bias, stride=1, padding=0):
    """Loop version of ``conv2d_forward``: one dot product per output element."""
    x, weight, stride, padding, (out_h, out_w) = _check_conv_inputs(x, weight, stride, padding)
    bias = np.asarray(bias, dtype=np.float64)
    x_padded = _pad(x, padding)
    n_filters, _, kh, kw = weight.shape
    out = np.zeros((x.shape[0], n_filters, out_h, out_w))
    for n in range(x.shape[0]):
        for f in range(n_filters):
            for i in range(out_h):
                for j in range(out_w):
                    field = x_padded[
                        n, :, i * stride : i * stride + kh, j * stride : j * stride + kw
                    ]
                    out[n, f, i, j] = np.sum(field * weight[f]) + bias[f]
    return out


def _conv2d_backward_naive(dout, x, weight, stride=1, padding=0):
    """Loop version of ``conv2d_backward``: each output element sends its gradient back."""
    x, weight, stride, padding, (out_h, out_w) = _check_conv_inputs(x, weight, stride, padding)
    dout = np.asarray(dout, dtype=np.float64)
    x_padded = _pad(x, padding)
    dx_padded = np.zeros_like(x_padded)
    dweight = np.zeros_like(weight)
    dbias = np.zeros(weight.shape[0])
    kh, kw = weight.shape[2:]
    for n in range(x.shape[0]):
        for f in range(weight.shape[0]):
            for i in range(out_h):
                for j in range(out_w):
                    rows = slice(i * stride, i * stride + kh)
                    cols = slice(j * stride, j * stride + kw)
                    dx_padded[n, :, rows, cols] += dout[n, f, i, j] * weight[f]
                    dweight[f] += dout[n, f, i, j] * x_padded[n, :, rows, cols]
                    dbias[f] += dout[n, f, i, j]
    h, w = x.shape[2:]
    return dx_padded[:, :, padding : padding + h, padding : padding + w], dweight, dbias
