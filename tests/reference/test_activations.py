"""Tests for reference.nn.activations against torch and finite differences."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.nn.activations import (
    leaky_relu,
    relu,
    relu_grad,
    sigmoid_grad,
    tanh,
    tanh_grad,
)

TOL = {"rtol": 1e-7, "atol": 1e-9}

X = np.array([-1e4, -800.0, -30.0, -2.5, -1e-8, -0.0, 0.0, 1e-8, 0.7, 3.0, 40.0, 800.0, 1e4])


def _torch_grad(fn, x):
    x_t = torch.tensor(x, requires_grad=True)
    fn(x_t).sum().backward()
    return x_t.grad.numpy()


def test_relu_and_grad_match_torch():
    np.testing.assert_array_equal(relu(X), torch.relu(torch.tensor(X)).numpy())
    np.testing.assert_array_equal(relu_grad(X), _torch_grad(torch.relu, X))


def test_relu_grad_is_zero_at_zero():
    assert relu_grad(np.array([0.0]))[0] == 0.0
    assert relu_grad(0.0) == 0.0


@pytest.mark.parametrize("alpha", [0.01, 0.2, 1.5])
def test_leaky_relu_matches_torch(alpha):
    expected = torch.nn.functional.leaky_relu(torch.tensor(X), negative_slope=alpha).numpy()
    np.testing.assert_allclose(leaky_relu(X, alpha), expected, **TOL)


def test_leaky_relu_default_slope():
    np.testing.assert_allclose(leaky_relu(np.array([-2.0, 3.0])), [-0.02, 3.0], **TOL)


def test_tanh_and_grad_match_torch():
    np.testing.assert_allclose(tanh(X), torch.tanh(torch.tensor(X)).numpy(), **TOL)
    np.testing.assert_allclose(tanh_grad(X), _torch_grad(torch.tanh, X), **TOL)


def test_sigmoid_grad_matches_torch_and_is_overflow_safe():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        grad = sigmoid_grad(X)
    np.testing.assert_allclose(grad, _torch_grad(torch.sigmoid, X), **TOL)
    assert np.all(np.isfinite(grad)) and np.all(grad >= 0)
    assert sigmoid_grad(np.array([0.0]))[0] == 0.25


def test_sigmoid_grad_keeps_relative_accuracy_in_the_tails():
    # sigma(x) * (1 - sigma(x)) loses everything to cancellation at x = 40; exp(-40) does not.
    np.testing.assert_allclose(sigmoid_grad(np.array([40.0, -40.0])), np.exp(-40.0), rtol=1e-12)


@pytest.mark.parametrize("fn", [relu, relu_grad, leaky_relu, tanh, tanh_grad, sigmoid_grad])
def test_elementwise_shape_dtype_and_no_mutation(fn):
    x = np.arange(-6, 6).reshape(3, 2, 2)
    before = x.copy()
    out = fn(x)
    assert out.shape == x.shape and out.dtype == np.float64
    np.testing.assert_array_equal(x, before)


@settings(max_examples=50, deadline=None)
@given(
    x=hnp.arrays(
        np.float64,
        st.integers(1, 8),
        elements=st.floats(-20, 20).filter(lambda v: abs(v) > 1e-3),
    )
)
def test_gradients_match_finite_differences(x):
    h = 1e-6
    sigmoid = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    for forward, derivative in ((relu, relu_grad), (tanh, tanh_grad), (sigmoid, sigmoid_grad)):
        numeric = (forward(x + h) - forward(x - h)) / (2 * h)
        np.testing.assert_allclose(derivative(x), numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("fn", [relu, relu_grad, leaky_relu, tanh, tanh_grad, sigmoid_grad])
def test_non_real_input_raises(fn):
    with pytest.raises(ValueError, match="x must hold real numbers"):
        fn(np.array(["a", "b"]))


@pytest.mark.parametrize("alpha", ["0.1", float("inf"), True])
def test_leaky_relu_rejects_bad_alpha(alpha):
    with pytest.raises(ValueError, match="alpha="):
        leaky_relu(np.ones(2), alpha)
