"""Tests for reference.calculus: finite differences, and gradients against torch autograd."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.calculus import (
    linear_mse_loss,
    mse_gradient,
    numerical_derivative,
    numerical_gradient,
    sigmoid_affine,
    sigmoid_affine_gradient,
)

RTOL, ATOL = 1e-7, 1e-9
# finite differences with h=1e-5 are good to about 1e-9 absolute on well-scaled functions
FD_RTOL, FD_ATOL = 1e-6, 1e-7


# --- numerical_derivative -------------------------------------------------------------


@pytest.mark.parametrize(
    ("f", "df", "x"),
    [
        (math.sin, math.cos, 0.7),
        (math.exp, math.exp, -1.3),
        (math.log, lambda t: 1 / t, 2.5),
        (lambda t: t**3 - 2 * t, lambda t: 3 * t**2 - 2, 1.1),
        (math.tanh, lambda t: 1 - math.tanh(t) ** 2, 0.2),
    ],
)
def test_numerical_derivative_of_known_functions(f, df, x):
    assert numerical_derivative(f, x) == pytest.approx(df(x), rel=FD_RTOL, abs=FD_ATOL)


def test_numerical_derivative_is_the_central_difference_formula():
    f = math.sin
    for h in (1e-5, 1e-3, 0.25):
        assert numerical_derivative(f, 0.3, h=h) == (f(0.3 + h) - f(0.3 - h)) / (2 * h)
    calls = []
    numerical_derivative(lambda t: calls.append(t) or t, 1.0, h=0.5)
    assert calls == [1.5, 0.5]  # f(x + h) first, then f(x - h)


def test_numerical_derivative_returns_a_python_float():
    assert type(numerical_derivative(lambda t: np.float64(t) ** 2, 3)) is float
    assert type(numerical_derivative(lambda t: np.array(t), np.float64(1.0))) is float


@pytest.mark.parametrize(
    ("f", "x", "h", "match"),
    [
        ("sin", 1.0, 1e-5, "callable"),
        (math.sin, 1.0, 0.0, "h"),
        (math.sin, 1.0, -1e-5, "h"),
        (math.sin, 1.0, np.nan, "h"),
        (math.sin, 1.0, np.inf, "h"),
        (math.sin, [1.0, 2.0], 1e-5, "x"),
        (math.sin, "one", 1e-5, "x"),
        (lambda t: np.array([t, t]), 1.0, 1e-5, r"f\(x \+ h\)"),
    ],
)
def test_numerical_derivative_validation(f, x, h, match):
    with pytest.raises(ValueError, match=match):
        numerical_derivative(f, x, h=h)


# --- numerical_gradient ---------------------------------------------------------------


def _torch_gradient(torch_f, x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    torch_f(t).backward()
    return t.grad.numpy()


@settings(max_examples=50, deadline=None)
@given(
    hnp.arrays(
        np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=3), elements=st.floats(-2, 2)
    )
)
def test_numerical_gradient_matches_autograd(x):
    def f(v):
        return np.sum(np.sin(v) * v**2) + np.sum(v) ** 2

    def torch_f(v):
        return torch.sum(torch.sin(v) * v**2) + torch.sum(v) ** 2

    before = x.tobytes()
    grad = numerical_gradient(f, x)
    assert grad.shape == x.shape and grad.dtype == np.float64
    np.testing.assert_allclose(grad, _torch_gradient(torch_f, x), rtol=FD_RTOL, atol=1e-6)
    assert x.tobytes() == before


def test_numerical_gradient_restores_x_bit_for_bit():
    # entries for which (x + h) - h != x in floating point, and a negative zero
    x = np.array([0.1, 1e-17, -0.0, 1 / 3, 12345.678901, -7e-300])
    assert np.any((x + 1e-5) - 1e-5 != x)
    before = x.tobytes()
    numerical_gradient(lambda v: float(np.sum(v**3)), x)
    assert x.tobytes() == before


def test_numerical_gradient_perturbs_a_float64_array_in_place():
    weights = np.array([[1.0, -2.0], [0.5, 3.0]])

    def loss(_ignored):  # reads the weights from the closure, as a network's loss does
        return float(np.sum(weights**2))

    grad = numerical_gradient(loss, weights)
    np.testing.assert_allclose(grad, 2 * weights, rtol=1e-9)
    assert weights.tolist() == [[1.0, -2.0], [0.5, 3.0]]


def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0, 3.0])
    calls = []

    def f(v):
        calls.append(v.copy())
        if len(calls) == 4:
            raise RuntimeError("boom")
        return float(np.sum(v))

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(f, x)
    assert x.tolist() == [1.0, 2.0, 3.0]
    assert calls[3][1] == 2.0 - 1e-5  # it was perturbed when f raised


def test_numerical_gradient_of_non_float64_input_uses_a_copy():
    for x in ([1.0, 2.0], np.array([1, 2]), np.array([1.0, 2.0], dtype=np.float32)):
        grad = numerical_gradient(lambda v: float(np.sum(v**2)), x)
        assert grad.dtype == np.float64
        np.testing.assert_allclose(grad, [2.0, 4.0], rtol=1e-8)
    frozen = np.array([1.0, 2.0])
    frozen.flags.writeable = False
    np.testing.assert_allclose(numerical_gradient(lambda v: float(v @ v), frozen), [2.0, 4.0])


def test_numerical_gradient_element_formula_and_order():
    seen = []
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    numerical_gradient(lambda v: seen.append(v.copy()) or 0.0, x, h=0.5)
    expected = []
    for k in range(4):
        plus, minus = x.copy().ravel(), x.copy().ravel()
        plus[k] += 0.5
        minus[k] -= 0.5
        expected += [plus.reshape(2, 2), minus.reshape(2, 2)]
    assert len(seen) == 8
    for got, want in zip(seen, expected):
        assert np.array_equal(got, want)


@pytest.mark.parametrize(
    ("f", "x", "h", "match"),
    [
        (None, np.ones(2), 1e-5, "callable"),
        (np.sum, np.ones(2), 0.0, "h"),
        (np.sum, np.ones(2), -1.0, "h"),
        (lambda v: v, np.ones(2), 1e-5, "f"),
        (np.sum, ["a", "b"], 1e-5, "x"),
    ],
)
def test_numerical_gradient_validation(f, x, h, match):
    with pytest.raises(ValueError, match=match):
        numerical_gradient(f, x, h=h)


# --- mse_gradient ----------------------------------------------------------------------


@st.composite
def linear_problems(draw):
    n, d = draw(st.integers(1, 12)), draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.normal(size=(n, d)), rng.normal(size=n), rng.normal(size=d), float(rng.normal())


@settings(max_examples=50, deadline=None)
@given(linear_problems())
def test_mse_gradient_matches_autograd_and_finite_differences(problem):
    X, y, w, b = problem
    dw, db = mse_gradient(X, y, w, b)
    assert dw.shape == w.shape and dw.dtype == np.float64 and type(db) is float

    tw = torch.tensor(w, requires_grad=True)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    torch.mean((torch.tensor(X) @ tw + tb - torch.tensor(y)) ** 2).backward()
    np.testing.assert_allclose(dw, tw.grad.numpy(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(db, tb.grad.item(), rtol=RTOL, atol=ATOL)

    def loss(w_, b_):  # written independently of the module under test
        return float(np.sum((X @ w_ + b_ - y) ** 2) / len(y))

    np.testing.assert_allclose(
        dw, numerical_gradient(lambda v: loss(v, b), w), rtol=FD_RTOL, atol=FD_ATOL
    )
    np.testing.assert_allclose(
        db, numerical_derivative(lambda c: loss(w, c), b), rtol=FD_RTOL, atol=FD_ATOL
    )
    assert linear_mse_loss(X, y, w, b) == pytest.approx(loss(w, b), rel=1e-12)


def test_mse_gradient_known_values_and_inputs_unchanged():
    X, y, w = np.array([[1.0], [2.0]]), np.array([1.0, 2.0]), np.array([1.0])
    dw, db = mse_gradient(X, y, w, 1.0)
    assert dw.tolist() == [3.0] and db == 2.0  # residuals are 1 and 1
    assert X.tolist() == [[1.0], [2.0]] and y.tolist() == [1.0, 2.0] and w.tolist() == [1.0]
    dw, db = mse_gradient(X, y, w, 0.0)  # a perfect fit has zero gradient
    assert dw.tolist() == [0.0] and db == 0.0


@pytest.mark.parametrize(
    ("X", "y", "w", "b", "match"),
    [
        (np.ones(3), np.ones(3), np.ones(1), 0.0, "X must be 2-D"),
        (np.ones((0, 2)), np.ones(0), np.ones(2), 0.0, "no rows"),
        (np.ones((3, 2)), np.ones(2), np.ones(2), 0.0, "y must have shape"),
        (np.ones((3, 2)), np.ones((3, 1)), np.ones(2), 0.0, "y must have shape"),
        (np.ones((3, 2)), np.ones(3), np.ones(3), 0.0, "w must have shape"),
        (np.ones((3, 2)), np.ones(3), np.ones(2), np.ones(2), "b"),
        (np.ones((3, 2)), np.ones(3), np.ones(2), "zero", "b"),
    ],
)
def test_mse_gradient_validation(X, y, w, b, match):
    with pytest.raises(ValueError, match=match):
        mse_gradient(X, y, w, b)
    with pytest.raises(ValueError, match=match):
        linear_mse_loss(X, y, w, b)


# --- sigmoid_affine_gradient ------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_sigmoid_affine_gradient_matches_autograd_and_finite_differences(data):
    d = data.draw(st.integers(1, 6))
    vectors = hnp.arrays(np.float64, d, elements=st.floats(-3, 3))
    x, w = data.draw(vectors), data.draw(vectors)
    b = data.draw(st.floats(-3, 3))
    dw, db = sigmoid_affine_gradient(x, w, b)
    assert dw.shape == (d,) and dw.dtype == np.float64 and type(db) is float

    tw = torch.tensor(w, requires_grad=True)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(torch.tensor(x) @ tw + tb).backward()
    np.testing.assert_allclose(dw, tw.grad.numpy(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(db, tb.grad.item(), rtol=RTOL, atol=ATOL)

    def f(w_, b_):
        return 1.0 / (1.0 + math.exp(-(float(x @ w_) + b_)))

    np.testing.assert_allclose(
        dw, numerical_gradient(lambda v: f(v, b), w), rtol=FD_RTOL, atol=FD_ATOL
    )
    np.testing.assert_allclose(
        db, numerical_derivative(lambda c: f(w, c), b), rtol=FD_RTOL, atol=FD_ATOL
    )
    assert sigmoid_affine(x, w, b) == pytest.approx(f(w, b), rel=1e-12)


def test_sigmoid_affine_gradient_known_values_and_saturation():
    dw, db = sigmoid_affine_gradient(np.array([1.0, 2.0]), np.array([0.5, -0.25]), 0.0)
    assert dw.tolist() == [0.25, 0.5] and db == 0.25  # z = 0, sigma' = 1/4
    x, w = np.array([1.0, 1.0]), np.array([400.0, 400.0])
    dw, db = sigmoid_affine_gradient(x, w, 0.0)
    tw = torch.tensor(w, requires_grad=True)
    torch.sigmoid(torch.tensor(x) @ tw).backward()
    assert dw.tolist() == tw.grad.tolist() == [0.0, 0.0] and db == 0.0


@pytest.mark.parametrize(
    ("x", "w", "b", "match"),
    [
        (np.ones((2, 2)), np.ones(2), 0.0, "x must be one sample"),
        (np.ones(2), np.ones(3), 0.0, "w must have the shape"),
        (np.ones(2), np.ones(2), [1.0, 2.0], "b"),
    ],
)
def test_sigmoid_affine_gradient_validation(x, w, b, match):
    with pytest.raises(ValueError, match=match):
        sigmoid_affine_gradient(x, w, b)
    with pytest.raises(ValueError, match=match):
        sigmoid_affine(x, w, b)
