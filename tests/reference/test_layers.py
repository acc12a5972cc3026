"""Tests for reference.nn.layers against torch autograd and finite differences."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.nn.layers import dense_backward, dense_forward, two_layer_loss_and_grads

TOL = {"rtol": 1e-7, "atol": 1e-9}


def _dense_problem(n=4, d=3, m=5, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=(d, m)), rng.normal(size=m)


def _two_layer_problem(n=6, d=4, h=5, c=3, seed=0):
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.normal(size=(d, h)),
        "b1": rng.normal(size=h),
        "W2": rng.normal(size=(h, c)),
        "b2": rng.normal(size=c),
    }
    return params, rng.normal(size=(n, d)), rng.integers(0, c, size=n)


def _torch_two_layer(params, X, y):
    tensors = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    hidden = torch.relu(torch.tensor(X) @ tensors["W1"] + tensors["b1"])
    logits = hidden @ tensors["W2"] + tensors["b2"]
    loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y))
    loss.backward()
    return loss.item(), {k: t.grad.numpy() for k, t in tensors.items()}


# --- dense layer ------------------------------------------------------------------------


def test_dense_forward_matches_torch_linear():
    x, W, b = _dense_problem()
    expected = torch.nn.functional.linear(torch.tensor(x), torch.tensor(W.T), torch.tensor(b))
    np.testing.assert_allclose(dense_forward(x, W, b), expected.numpy(), **TOL)


def test_dense_backward_matches_torch_autograd():
    x, W, b = _dense_problem(seed=1)
    dout = np.random.default_rng(2).normal(size=(4, 5))
    x_t, W_t, b_t = (torch.tensor(a, requires_grad=True) for a in (x, W, b))
    (x_t @ W_t + b_t).backward(torch.tensor(dout))
    dx, dW, db = dense_backward(dout, x, W)
    np.testing.assert_allclose(dx, x_t.grad.numpy(), **TOL)
    np.testing.assert_allclose(dW, W_t.grad.numpy(), **TOL)
    np.testing.assert_allclose(db, b_t.grad.numpy(), **TOL)


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 5), d=st.integers(1, 4), m=st.integers(1, 4), seed=st.integers(0, 10_000))
def test_dense_backward_matches_finite_differences(n, d, m, seed):
    x, W, b = _dense_problem(n, d, m, seed)
    dout = np.random.default_rng(seed + 1).normal(size=(n, m))

    def loss(x_, W_, b_):  # a scalar whose gradient wrt the output is dout
        return float(np.sum(dense_forward(x_, W_, b_) * dout))

    grads = dense_backward(dout, x, W)
    h = 1e-6
    for position, (array, grad) in enumerate(zip((x, W, b), grads, strict=True)):
        for index in np.ndindex(*array.shape):
            plus, minus = [x.copy(), W.copy(), b.copy()], [x.copy(), W.copy(), b.copy()]
            plus[position][index] += h
            minus[position][index] -= h
            numeric = (loss(*plus) - loss(*minus)) / (2 * h)
            np.testing.assert_allclose(grad[index], numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: dense_forward(np.ones(3), np.ones((3, 2)), np.ones(2)), "x must be 2-D"),
        (lambda: dense_forward(np.ones((1, 3)), np.ones((2, 2)), np.ones(2)), "W has shape"),
        (lambda: dense_forward(np.ones((1, 3)), np.ones((3, 2)), np.ones(3)), "b has shape"),
        (lambda: dense_forward(np.ones((1, 3)), np.ones((3, 2)), np.ones((1, 2))), "b must be 1-D"),
        (lambda: dense_backward(np.ones((2, 3)), np.ones((2, 3)), np.ones((3, 2))), "dout has"),
        (lambda: dense_backward(np.ones((2, 2)), np.ones((2, 3)), np.ones((4, 2))), "W has"),
        (lambda: dense_backward(np.ones(2), np.ones((2, 3)), np.ones((3, 2))), "dout must be"),
        (lambda: dense_forward(np.array([["a"]]), np.ones((1, 1)), np.ones(1)), "x must hold"),
    ],
)
def test_dense_rejects_bad_shapes(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- two-layer network ------------------------------------------------------------------


def test_two_layer_matches_torch_autograd():
    params, X, y = _two_layer_problem()
    loss, grads = two_layer_loss_and_grads(params, X, y)
    expected_loss, expected_grads = _torch_two_layer(params, X, y)
    assert isinstance(loss, float)
    np.testing.assert_allclose(loss, expected_loss, **TOL)
    assert set(grads) == set(params)
    for key in params:
        assert grads[key].shape == params[key].shape
        np.testing.assert_allclose(grads[key], expected_grads[key], **TOL)


def test_two_layer_relu_derivative_is_zero_at_zero_like_torch():
    params, X, y = _two_layer_problem(seed=3)
    # Make hidden unit 0 exactly zero before the ReLU for every sample.
    params["W1"][:, 0] = 0.0
    params["b1"][0] = 0.0
    # And hidden unit 1 exactly zero for sample 0 only.
    params["b1"][1] = -(X[0] @ params["W1"][:, 1])
    loss, grads = two_layer_loss_and_grads(params, X, y)
    expected_loss, expected_grads = _torch_two_layer(params, X, y)
    np.testing.assert_allclose(loss, expected_loss, **TOL)
    for key in params:
        np.testing.assert_allclose(grads[key], expected_grads[key], **TOL)
    np.testing.assert_array_equal(grads["W1"][:, 0], 0.0)
    assert grads["b1"][0] == 0.0


def test_two_layer_does_not_modify_inputs():
    params, X, y = _two_layer_problem()
    copies = {k: v.copy() for k, v in params.items()}
    X_before = X.copy()
    two_layer_loss_and_grads(params, X, y)
    for key in params:
        np.testing.assert_array_equal(params[key], copies[key])
    np.testing.assert_array_equal(X, X_before)


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 5),
    d=st.integers(1, 3),
    h=st.integers(1, 4),
    c=st.integers(1, 3),
    seed=st.integers(0, 10_000),
)
def test_two_layer_matches_torch_and_finite_differences(n, d, h, c, seed):
    params, X, y = _two_layer_problem(n, d, h, c, seed)
    loss, grads = two_layer_loss_and_grads(params, X, y)
    expected_loss, expected_grads = _torch_two_layer(params, X, y)
    np.testing.assert_allclose(loss, expected_loss, **TOL)
    step = 1e-6
    for key, value in params.items():
        np.testing.assert_allclose(grads[key], expected_grads[key], **TOL)
        for index in np.ndindex(*value.shape):
            shifted = {k: v.copy() for k, v in params.items()}
            shifted[key][index] += step
            plus = two_layer_loss_and_grads(shifted, X, y)[0]
            shifted[key][index] -= 2 * step
            minus = two_layer_loss_and_grads(shifted, X, y)[0]
            # A ReLU kink inside the step makes the difference meaningless there: skip it.
            pre = X @ shifted["W1"] + shifted["b1"]
            if np.min(np.abs(pre)) < 1e-4:
                continue
            np.testing.assert_allclose(
                grads[key][index], (plus - minus) / (2 * step), rtol=1e-4, atol=1e-7
            )


def test_two_layer_rejects_bad_params():
    params, X, y = _two_layer_problem()
    with pytest.raises(ValueError, match="expected exactly"):
        two_layer_loss_and_grads({k: v for k, v in params.items() if k != "b2"}, X, y)
    with pytest.raises(ValueError, match="expected exactly"):
        two_layer_loss_and_grads({**params, "W3": np.ones(2)}, X, y)
    with pytest.raises(ValueError, match="params must be a dict"):
        two_layer_loss_and_grads([params], X, y)
    with pytest.raises(ValueError, match="hidden sizes disagree"):
        two_layer_loss_and_grads({**params, "b1": np.ones(2)}, X, y)
    with pytest.raises(ValueError, match="b has shape"):
        two_layer_loss_and_grads({**params, "b2": np.ones(7)}, X, y)
    with pytest.raises(ValueError, match="W has shape"):
        two_layer_loss_and_grads(params, X[:, :2], y)
    with pytest.raises(ValueError, match="labels must lie in"):
        two_layer_loss_and_grads(params, X, np.full(len(y), 3))
    with pytest.raises(ValueError, match="labels must be integers"):
        two_layer_loss_and_grads(params, X, y.astype(float))
