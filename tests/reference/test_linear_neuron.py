"""Tests for reference.linear_neuron: the documented trajectory, autograd, validation."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.calculus import numerical_gradient
from reference.linear_neuron import LinearNeuron

RTOL, ATOL = 1e-7, 1e-9


def _literal_fit(X, y, lr, epochs):
    """The CURRICULUM's loop written out independently (plain Python sums, no NumPy)."""
    n, d = len(X), len(X[0])
    w, b, losses = [0.0] * d, 0.0, []
    for _ in range(epochs):
        err = [sum(X[i][j] * w[j] for j in range(d)) + b - y[i] for i in range(n)]
        w_grad = [sum(X[i][j] * err[i] for i in range(n)) / n for j in range(d)]
        b_grad = sum(err) / n
        w = [w[j] - lr * w_grad[j] for j in range(d)]
        b = b - lr * b_grad
        losses.append(0.5 * sum(e * e for e in err) / n)
    return w, b, losses


def test_first_epochs_computed_by_hand():
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])
    # epoch 1: w = 0, b = 0, err = -y = [-1, -3, -5]; loss = 0.5 * 35 / 3
    #   w_grad = (0 - 3 - 10) / 3 = -13/3, b_grad = -3  ->  w = 1.3/3, b = 0.3
    neuron = LinearNeuron(learning_rate=0.1).fit(X, y, epochs=1)
    assert neuron.losses == pytest.approx([35 / 6], rel=1e-15)
    assert neuron.w.tolist() == pytest.approx([1.3 / 3], rel=1e-15)
    assert neuron.b == pytest.approx(0.3, rel=1e-15)
    # epoch 2: y_hat = [0.3, 0.3 + 1.3/3, 0.3 + 2.6/3], err = y_hat - y
    err = np.array([0.3 - 1.0, 0.3 + 1.3 / 3 - 3.0, 0.3 + 2.6 / 3 - 5.0])
    neuron = LinearNeuron(learning_rate=0.1).fit(X, y, epochs=2)
    assert neuron.losses[1] == pytest.approx(0.5 * np.sum(err**2) / 3, rel=1e-14)
    assert neuron.w[0] == pytest.approx(1.3 / 3 - 0.1 * (err[1] + 2 * err[2]) / 3, rel=1e-14)
    assert neuron.b == pytest.approx(0.3 - 0.1 * np.sum(err) / 3, rel=1e-14)


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 8),
    st.integers(1, 3),
    st.sampled_from([0.01, 0.1, 0.3]),
    st.integers(0, 25),
)
def test_trajectory_matches_the_literal_loop(seed, n, d, lr, epochs):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    neuron = LinearNeuron(learning_rate=lr).fit(X, y, epochs=epochs)
    w, b, losses = _literal_fit(X.tolist(), y.tolist(), lr, epochs)
    np.testing.assert_allclose(neuron.w, w, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(neuron.b, b, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(neuron.losses, losses, rtol=RTOL, atol=ATOL)
    assert len(neuron.losses) == epochs


def test_trajectories_for_several_epoch_counts_are_prefixes():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=20)
    neuron = LinearNeuron(0.05)
    long = list(neuron.fit(X, y, epochs=30).losses)
    for epochs in (0, 1, 5, 29):
        assert neuron.fit(X, y, epochs=epochs).losses == long[:epochs]  # fit resets the state


def test_backprop_matches_autograd_and_finite_differences():
    rng = np.random.default_rng(1)
    X, y, w, b = rng.normal(size=(7, 3)), rng.normal(size=7), rng.normal(size=3), 0.4
    neuron = LinearNeuron()
    neuron.w, neuron.b = w, b
    err = neuron.forward(X) - y
    w_grad, b_grad = neuron.backprop(X, err)
    assert type(b_grad) is float and w_grad.shape == (3,)

    tw = torch.tensor(w, requires_grad=True)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    (0.5 * torch.mean((torch.tensor(X) @ tw + tb - torch.tensor(y)) ** 2)).backward()
    np.testing.assert_allclose(w_grad, tw.grad.numpy(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(b_grad, tb.grad.item(), rtol=RTOL, atol=ATOL)

    def half_mse(v):
        return 0.5 * float(np.sum((X @ v[:3] + v[3] - y) ** 2)) / len(y)

    numeric = numerical_gradient(half_mse, np.append(w, b))
    np.testing.assert_allclose(np.append(w_grad, b_grad), numeric, rtol=1e-6, atol=1e-8)


def test_forward_is_affine():
    neuron = LinearNeuron()
    neuron.w, neuron.b = np.array([2.0, -1.0]), 0.5
    assert neuron.forward(np.array([[1.0, 1.0], [0.0, 2.0]])).tolist() == [1.5, -1.5]


def test_fit_converges_to_least_squares_and_returns_self():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(100, 2))
    y = X @ np.array([1.5, -2.0]) + 0.7 + 0.01 * rng.normal(size=100)
    neuron = LinearNeuron(learning_rate=0.5)
    assert neuron.fit(X, y, epochs=500) is neuron
    solution = np.linalg.lstsq(np.column_stack([X, np.ones(100)]), y, rcond=None)[0]
    np.testing.assert_allclose(np.append(neuron.w, neuron.b), solution, rtol=1e-6, atol=1e-8)
    assert all(a >= b - 1e-15 for a, b in zip(neuron.losses, neuron.losses[1:]))  # monotone


def test_types_defaults_and_no_input_modification():
    X, y = np.array([[1.0], [2.0]]), np.array([1.0, 0.0])
    neuron = LinearNeuron()
    assert neuron.learning_rate == 0.1 and neuron.w is None and neuron.losses == []
    neuron.fit(X, y)
    assert len(neuron.losses) == 100  # epochs defaults to 100
    assert neuron.w.dtype == np.float64 and type(neuron.b) is float
    assert all(type(loss) is float for loss in neuron.losses)
    assert X.tolist() == [[1.0], [2.0]] and y.tolist() == [1.0, 0.0]
    neuron.fit(X, y, epochs=0)
    assert neuron.w.tolist() == [0.0] and neuron.b == 0.0 and neuron.losses == []


@pytest.mark.parametrize("learning_rate", [0.0, -0.1, np.nan, np.inf, "0.1", True, None])
def test_bad_learning_rate_raises(learning_rate):
    with pytest.raises(ValueError, match="learning_rate"):
        LinearNeuron(learning_rate=learning_rate)


@pytest.mark.parametrize(
    ("X", "y", "epochs", "match"),
    [
        (np.ones(3), np.ones(3), 1, "X must be 2-D"),
        (np.ones((0, 2)), np.ones(0), 1, "no rows"),
        (np.ones((3, 2)), np.ones(2), 1, "y must have shape"),
        (np.ones((3, 2)), np.ones(3), -1, "epochs"),
        (np.ones((3, 2)), np.ones(3), 2.0, "epochs"),
        ([[1.0], [np.nan]], np.ones(2), 1, "finite"),
        (np.ones((2, 1)), [1.0, np.inf], 1, "finite"),
    ],
)
def test_fit_validation(X, y, epochs, match):
    with pytest.raises(ValueError, match=match):
        LinearNeuron().fit(X, y, epochs=epochs)


def test_forward_and_backprop_validation():
    neuron = LinearNeuron()
    with pytest.raises(ValueError, match="fit"):
        neuron.forward(np.ones((2, 2)))
    neuron.fit(np.ones((3, 2)), np.ones(3), epochs=1)
    with pytest.raises(ValueError, match="2 weights"):
        neuron.forward(np.ones((3, 3)))
    with pytest.raises(ValueError, match="err must have shape"):
        neuron.backprop(np.ones((3, 2)), np.ones(4))
    with pytest.raises(ValueError, match="X must be 2-D"):
        neuron.backprop(np.ones(3), np.ones(3))
