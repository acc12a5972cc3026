"""Tests for reference.nn.pooling (oracle: torch.nn.functional.max_pool2d and its autograd)."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.nn.functional import max_pool2d as torch_max_pool2d

from reference.nn.pooling import (
    _maxpool2d_backward_naive,
    _maxpool2d_forward_naive,
    maxpool2d_backward,
    maxpool2d_forward,
)

# (x shape, kernel_size, stride): non-overlapping, overlapping (stride < kernel),
# gaps (stride > kernel), sizes that do not divide (floor), stride defaulting to kernel.
CASES = [
    ((2, 3, 8, 8), 2, None),
    ((2, 3, 7, 9), 2, None),
    ((1, 2, 7, 7), 3, 1),
    ((2, 1, 9, 6), 3, 2),
    ((1, 2, 8, 8), 2, 3),
    ((1, 1, 5, 5), 5, None),
    ((3, 2, 4, 4), 1, None),
]


def _torch_pool_and_grad(x, kernel_size, stride, dout):
    xt = torch.tensor(x, requires_grad=True)
    out = torch_max_pool2d(xt, kernel_size, stride)
    out.backward(torch.from_numpy(dout))
    return out.detach().numpy(), xt.grad.numpy()


def _output_shape(x_shape, kernel_size, stride):
    stride = stride or kernel_size
    n, c, h, w = x_shape
    return (n, c, (h - kernel_size) // stride + 1, (w - kernel_size) // stride + 1)


@pytest.mark.parametrize(("x_shape", "kernel_size", "stride"), CASES)
@pytest.mark.parametrize("many_ties", [False, True])
def test_forward_and_backward_match_torch(x_shape, kernel_size, stride, many_ties):
    rng = np.random.default_rng(0)
    # with many_ties, values are small integers so most windows hold tied maxima
    x = rng.integers(0, 3, x_shape).astype(float) if many_ties else rng.normal(size=x_shape)
    dout = rng.normal(size=_output_shape(x_shape, kernel_size, stride))
    expected_out, expected_dx = _torch_pool_and_grad(x, kernel_size, stride, dout)

    out = maxpool2d_forward(x, kernel_size, stride)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, expected_out, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(_maxpool2d_forward_naive(x, kernel_size, stride), expected_out)
    dx = maxpool2d_backward(dout, x, kernel_size, stride)
    np.testing.assert_allclose(dx, expected_dx, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(
        _maxpool2d_backward_naive(dout, x, kernel_size, stride), expected_dx, rtol=1e-7, atol=1e-9
    )


@settings(max_examples=50, deadline=None)
@given(
    h=st.integers(1, 7),
    w=st.integers(1, 7),
    kernel_size=st.integers(1, 4),
    stride=st.one_of(st.none(), st.integers(1, 4)),
    seed=st.integers(0, 2**32 - 1),
)
def test_fast_and_naive_agree_on_random_shapes(h, w, kernel_size, stride, seed):
    if kernel_size > min(h, w):
        return
    rng = np.random.default_rng(seed)
    x = rng.integers(-2, 3, (2, 2, h, w)).astype(float)
    dout = rng.normal(size=_output_shape(x.shape, kernel_size, stride))
    np.testing.assert_array_equal(
        maxpool2d_forward(x, kernel_size, stride), _maxpool2d_forward_naive(x, kernel_size, stride)
    )
    np.testing.assert_allclose(
        maxpool2d_backward(dout, x, kernel_size, stride),
        _maxpool2d_backward_naive(dout, x, kernel_size, stride),
        rtol=1e-12,
        atol=1e-12,
    )


def test_ties_send_the_gradient_to_the_first_maximum_in_row_major_order():
    x = np.array([[[[0.0, 7.0], [7.0, 7.0]]]])
    dx = maxpool2d_backward(np.array([[[[1.0]]]]), x, 2)
    np.testing.assert_array_equal(dx, [[[[0.0, 1.0], [0.0, 0.0]]]])
    np.testing.assert_array_equal(dx, _torch_pool_and_grad(x, 2, None, np.ones((1, 1, 1, 1)))[1])


def test_overlapping_windows_accumulate_on_a_shared_maximum():
    x = np.zeros((1, 1, 3, 3))
    x[0, 0, 1, 1] = 5.0
    dx = maxpool2d_backward(np.full((1, 1, 2, 2), 2.0), x, kernel_size=2, stride=1)
    assert dx[0, 0, 1, 1] == 8.0
    assert dx.sum() == 8.0


def test_pooling_leaves_inputs_alone():
    x = np.random.default_rng(1).normal(size=(1, 1, 4, 4))
    dout = np.ones((1, 1, 2, 2))
    x_copy = x.copy()
    maxpool2d_forward(x, 2)
    maxpool2d_backward(dout, x, 2)
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(dout, 1.0)


@pytest.mark.parametrize(
    ("x_shape", "kernel_size", "stride", "match"),
    [
        ((1, 4, 4), 2, None, "x must be 4-D"),
        ((1, 1, 4, 4), 0, None, "kernel_size must be at least 1"),
        ((1, 1, 4, 4), 2.0, None, "kernel_size must be an int"),
        ((1, 1, 4, 4), 2, 0, "stride must be an int >= 1"),
        ((1, 1, 4, 4), 2, 1.5, "stride must be an int >= 1"),
        ((1, 1, 4, 3), 4, None, "kernel_size=4 is larger"),
    ],
)
def test_pooling_rejects_bad_input(x_shape, kernel_size, stride, match):
    with pytest.raises(ValueError, match=match):
        maxpool2d_forward(np.zeros(x_shape), kernel_size, stride)
    with pytest.raises(ValueError, match=match):
        maxpool2d_backward(np.zeros((1, 1, 1, 1)), np.zeros(x_shape), kernel_size, stride)


def test_backward_rejects_dout_of_the_wrong_shape():
    with pytest.raises(ValueError, match="dout must have the forward output's shape"):
        maxpool2d_backward(np.zeros((1, 1, 3, 3)), np.zeros((1, 1, 4, 4)), 2)
