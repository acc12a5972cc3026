"""Tests for reference.nn.conv (oracles: torch.nn.Conv2d, torch.nn.functional.conv2d, autograd)."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.nn.functional import conv2d as torch_conv2d

from reference.nn.conv import (
    _conv2d_backward_naive,
    _conv2d_forward_naive,
    conv2d_backward,
    conv2d_forward,
    conv2d_output_size,
)

RTOL, ATOL = 1e-7, 1e-9

# (x shape, weight shape, stride, padding): square and non-square, strides that leave
# uncovered rows/columns, padding larger than the kernel's reach, 1x1 kernels.
CASES = [
    ((2, 3, 7, 7), (4, 3, 3, 3), 1, 0),
    ((2, 3, 7, 7), (4, 3, 3, 3), 2, 1),
    ((1, 2, 8, 5), (3, 2, 2, 3), 3, 0),
    ((3, 1, 6, 9), (2, 1, 4, 2), 2, 2),
    ((2, 4, 5, 5), (5, 4, 1, 1), 1, 0),
    ((1, 1, 4, 4), (1, 1, 4, 4), 1, 0),
    ((2, 2, 5, 6), (3, 2, 3, 3), 4, 3),
]


def _data(x_shape, w_shape, seed=0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=x_shape),
        rng.normal(size=w_shape),
        rng.normal(size=w_shape[0]),
    )


@settings(max_examples=50, deadline=None)
@given(
    h=st.integers(1, 12),
    w=st.integers(1, 12),
    kernel=st.tuples(st.integers(1, 5), st.integers(1, 5)),
    stride=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    padding=st.tuples(st.integers(0, 2), st.integers(0, 2)),
    dilation=st.tuples(st.integers(1, 2), st.integers(1, 2)),
)
def test_output_size_matches_torch_conv2d(h, w, kernel, stride, padding, dilation):
    layer = torch.nn.Conv2d(1, 1, kernel, stride=stride, padding=padding, dilation=dilation)
    try:
        expected = tuple(layer(torch.zeros(1, 1, h, w)).shape[2:])
    except RuntimeError:
        with pytest.raises(ValueError, match="below 1"):
            conv2d_output_size(h, w, kernel, stride, padding, dilation)
        return
    assert conv2d_output_size(h, w, kernel, stride, padding, dilation) == expected


def test_output_size_accepts_ints_and_pairs():
    assert conv2d_output_size(32, 32, 3) == (30, 30)
    assert conv2d_output_size(32, 32, 3, stride=2, padding=1) == (16, 16)
    assert conv2d_output_size(10, 7, (3, 1), (1, 2), (0, 1), 1) == (8, 5)
    assert conv2d_output_size(5, 5, [5, 5]) == (1, 1)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((2, 2, 3), {}, "below 1"),
        ((5, 5, 3), {"dilation": 3}, "below 1"),
        ((0, 5, 3), {}, "h must be a positive int"),
        ((5, 5.0, 3), {}, "w must be a positive int"),
        ((5, 5, 0), {}, "kernel_size must be at least 1"),
        ((5, 5, 3), {"stride": 0}, "stride must be at least 1"),
        ((5, 5, 3), {"padding": -1}, "padding must be at least 0"),
        ((5, 5, (3, 3, 3)), {}, "kernel_size must be an int or a pair"),
        ((5, 5, 3), {"stride": 1.5}, "stride must be an int or a pair"),
        ((5, 5, True), {}, "kernel_size must be an int or a pair"),
    ],
)
def test_output_size_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        conv2d_output_size(*args, **kwargs)


@pytest.mark.parametrize(("x_shape", "w_shape", "stride", "padding"), CASES)
def test_forward_matches_torch_and_naive(x_shape, w_shape, stride, padding):
    x, w, b = _data(x_shape, w_shape)
    expected = torch_conv2d(
        torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), stride, padding
    ).numpy()
    out = conv2d_forward(x, w, b, stride, padding)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, expected, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(
        _conv2d_forward_naive(x, w, b, stride, padding), expected, rtol=RTOL, atol=ATOL
    )


@pytest.mark.parametrize(("x_shape", "w_shape", "stride", "padding"), CASES)
def test_backward_matches_torch_autograd_and_naive(x_shape, w_shape, stride, padding):
    x, w, b = _data(x_shape, w_shape, seed=1)
    xt, wt, bt = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    out = torch_conv2d(xt, wt, bt, stride, padding)
    dout = np.random.default_rng(2).normal(size=tuple(out.shape))
    out.backward(torch.from_numpy(dout))
    grads = conv2d_backward(dout, x, w, stride, padding)
    naive = _conv2d_backward_naive(dout, x, w, stride, padding)
    for ours, slow, oracle in zip(grads, naive, (xt.grad, wt.grad, bt.grad)):
        assert ours.shape == tuple(oracle.shape)
        np.testing.assert_allclose(ours, oracle.numpy(), rtol=RTOL, atol=ATOL)
        np.testing.assert_allclose(slow, oracle.numpy(), rtol=RTOL, atol=ATOL)


def test_forward_and_backward_leave_inputs_alone():
    x, w, b = _data((2, 2, 5, 5), (3, 2, 3, 3))
    copies = [a.copy() for a in (x, w, b)]
    conv2d_forward(x, w, b, 2, 1)
    dout = np.ones((2, 3, 3, 3))
    conv2d_backward(dout, x, w, 2, 1)
    for original, copy in zip((x, w, b), copies):
        np.testing.assert_array_equal(original, copy)
    np.testing.assert_array_equal(dout, 1.0)


def test_forward_accepts_lists_and_integer_arrays():
    out = conv2d_forward(np.arange(9).reshape(1, 1, 3, 3), [[[[1, 0], [0, 1]]]], [0])
    np.testing.assert_array_equal(out, [[[[4.0, 6.0], [10.0, 12.0]]]])
    assert out.dtype == np.float64


@pytest.mark.parametrize(
    ("x_shape", "w_shape", "b_shape", "kwargs", "match"),
    [
        ((1, 3, 5), (2, 3, 3, 3), (2,), {}, "x must be 4-D"),
        ((1, 3, 5, 5), (2, 3, 3), (2,), {}, "weight must be 4-D"),
        ((1, 3, 5, 5), (2, 4, 3, 3), (2,), {}, "input channels but x has C=3"),
        ((1, 3, 5, 5), (2, 3, 3, 3), (3,), {}, r"bias must have shape \(2,\)"),
        ((1, 3, 5, 5), (2, 3, 3, 3), (2,), {"stride": 0}, "stride must be an int >= 1"),
        ((1, 3, 5, 5), (2, 3, 3, 3), (2,), {"padding": -1}, "padding must be an int >= 0"),
        ((1, 3, 5, 5), (2, 3, 3, 3), (2,), {"stride": 1.0}, "stride must be an int"),
        ((1, 3, 2, 2), (2, 3, 3, 3), (2,), {}, "below 1"),
    ],
)
def test_forward_rejects_bad_input(x_shape, w_shape, b_shape, kwargs, match):
    with pytest.raises(ValueError, match=match):
        conv2d_forward(np.zeros(x_shape), np.zeros(w_shape), np.zeros(b_shape), **kwargs)


def test_backward_rejects_dout_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"dout must have the forward output's shape"):
        conv2d_backward(np.zeros((1, 2, 4, 4)), np.zeros((1, 3, 5, 5)), np.zeros((2, 3, 3, 3)))


@pytest.mark.slow
def test_forward_matches_torch_on_the_benchmark_shape():
    # the speed against torch is measured by bench/reference_speed.py
    x, w, b = _data((32, 3, 32, 32), (16, 3, 3, 3))
    xt, wt, bt = (torch.from_numpy(a) for a in (x, w, b))
    np.testing.assert_allclose(
        conv2d_forward(x, w, b), torch_conv2d(xt, wt, bt).numpy(), rtol=1e-7, atol=1e-9
    )
