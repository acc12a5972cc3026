"""Tests for reference.regularization: ridge loss/gradient, early stopping, dropout."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.regularization import dropout, early_stopping, ridge_loss_and_grad

TOL = {"rtol": 1e-7, "atol": 1e-9}


def _ridge_problem(n=12, d=4, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=n), rng.normal(size=d), float(rng.normal())


# --- ridge_loss_and_grad ----------------------------------------------------------------


@pytest.mark.parametrize("alpha", [0.0, 0.1, 3.0])
def test_ridge_matches_torch_autograd(alpha):
    X, y, w, b = _ridge_problem()
    loss, dw, db = ridge_loss_and_grad(X, y, w, b, alpha)
    w_t = torch.tensor(w, requires_grad=True)
    b_t = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    err = torch.tensor(X) @ w_t + b_t - torch.tensor(y)
    loss_t = 0.5 * torch.mean(err**2) + 0.5 * alpha * torch.sum(w_t**2)
    loss_t.backward()
    assert isinstance(loss, float) and isinstance(db, float)
    np.testing.assert_allclose(loss, loss_t.item(), **TOL)
    np.testing.assert_allclose(dw, w_t.grad.numpy(), **TOL)
    np.testing.assert_allclose(db, b_t.grad.item(), **TOL)


def test_ridge_bias_is_not_penalised():
    X, y, w, b = _ridge_problem(seed=1)
    loss0, dw0, db0 = ridge_loss_and_grad(X, y, w, b, 0.0)
    loss1, dw1, db1 = ridge_loss_and_grad(X, y, w, b, 2.0)
    assert db0 == db1
    np.testing.assert_allclose(loss1 - loss0, np.sum(w**2), **TOL)
    np.testing.assert_allclose(dw1 - dw0, 2.0 * w, **TOL)


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 10_000), alpha=st.floats(0, 5), n=st.integers(1, 10))
def test_ridge_gradient_matches_finite_differences(seed, alpha, n):
    X, y, w, b = _ridge_problem(n=n, d=3, seed=seed)
    _, dw, db = ridge_loss_and_grad(X, y, w, b, alpha)
    h = 1e-6
    for j in range(3):
        step = np.zeros(3)
        step[j] = h
        plus = ridge_loss_and_grad(X, y, w + step, b, alpha)[0]
        minus = ridge_loss_and_grad(X, y, w - step, b, alpha)[0]
        np.testing.assert_allclose(dw[j], (plus - minus) / (2 * h), rtol=1e-5, atol=1e-6)
    plus = ridge_loss_and_grad(X, y, w, b + h, alpha)[0]
    minus = ridge_loss_and_grad(X, y, w, b - h, alpha)[0]
    np.testing.assert_allclose(db, (plus - minus) / (2 * h), rtol=1e-5, atol=1e-6)


def test_ridge_does_not_modify_inputs():
    X, y, w, b = _ridge_problem()
    copies = (X.copy(), y.copy(), w.copy())
    ridge_loss_and_grad(X, y, w, b, 1.0)
    for original, copy in zip((X, y, w), copies, strict=True):
        np.testing.assert_array_equal(original, copy)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((np.ones(3), np.ones(3), np.ones(1), 0.0, 0.1), "X must be 2-D"),
        ((np.ones((3, 2)), np.ones(4), np.ones(2), 0.0, 0.1), "y has shape"),
        ((np.ones((3, 2)), np.ones(3), np.ones(3), 0.0, 0.1), "w has shape"),
        ((np.ones((3, 2)), np.ones(3), np.ones(2), "0", 0.1), "b="),
        ((np.ones((3, 2)), np.ones(3), np.ones(2), 0.0, -0.1), "alpha=-0.1"),
        ((np.ones((3, 2)), np.ones(3), np.ones(2), 0.0, float("nan")), "alpha=nan"),
    ],
)
def test_ridge_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        ridge_loss_and_grad(*args)


# --- early_stopping ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("losses", "patience", "min_delta", "expected"),
    [
        ([1.0, 0.8, 0.9, 0.85, 0.7], 2, 0.0, (1, 3)),
        ([1.0, 0.8, 0.9, 0.85, 0.7], 3, 0.0, (4, 4)),
        ([3.0, 2.0, 1.0], 1, 0.0, (2, 2)),  # never stops
        ([1.0, 1.0, 1.0], 2, 0.0, (0, 2)),  # equal is not an improvement
        ([1.0, 0.95, 0.9, 0.85], 2, 0.1, (0, 2)),  # improvements smaller than min_delta
        ([1.0, 0.95, 0.85, 0.8], 2, 0.1, (2, 3)),  # 0.85 < 1.0 - 0.1, then 0.8 is not enough
        ([5.0], 1, 0.0, (0, 0)),
        ([np.inf, np.inf], 1, 0.0, (0, 0)),  # inf < inf is false: epoch 0 already waits
        ([1.0, np.nan, 0.5], 2, 0.0, (2, 2)),  # NaN never improves
        ([2.0, 1.0, 3.0, 4.0, 0.5], 1, 0.0, (1, 2)),
    ],
)
def test_early_stopping_rule(losses, patience, min_delta, expected):
    result = early_stopping(losses, patience, min_delta)
    assert result == expected
    assert all(type(v) is int for v in result)


def _early_stopping_by_search(losses, patience, min_delta):
    """Independent formulation: stop at the first epoch closing a run of `patience` epochs
    without improvement, where improvements are judged against the running best."""
    best, best_epoch, last_improvement = np.inf, 0, -1
    for e, loss in enumerate(losses):
        if loss < best - min_delta:
            best, best_epoch, last_improvement = loss, e, e
        if e - last_improvement >= patience:
            return best_epoch, e
    return best_epoch, len(losses) - 1


@settings(max_examples=50, deadline=None)
@given(
    losses=st.lists(st.floats(0, 10), min_size=1, max_size=30),
    patience=st.integers(1, 6),
    min_delta=st.sampled_from([0.0, 0.01, 0.5]),
)
def test_early_stopping_matches_independent_formulation(losses, patience, min_delta):
    assert early_stopping(losses, patience, min_delta) == _early_stopping_by_search(
        losses, patience, min_delta
    )
    assert early_stopping(np.array(losses), patience, min_delta) == early_stopping(
        losses, patience, min_delta
    )


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([], 2), "val_losses"),
        (([[1.0, 2.0]], 2), "val_losses"),
        (([1.0], 0), "patience=0"),
        (([1.0], 1.5), "patience=1.5"),
        (([1.0], 2, -0.1), "min_delta=-0.1"),
    ],
)
def test_early_stopping_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        early_stopping(*args)


# --- dropout ----------------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_dropout_mask_and_scaling(p):
    x = np.random.default_rng(0).normal(size=(6, 5))
    out, mask = dropout(x, p, np.random.default_rng(7))
    expected_mask = np.random.default_rng(7).random(x.shape) >= p
    np.testing.assert_array_equal(mask, expected_mask)
    assert mask.dtype == bool and out.dtype == np.float64
    np.testing.assert_allclose(out, x * expected_mask / (1 - p), **TOL)


@pytest.mark.parametrize(("p", "training"), [(0.5, False), (0.0, True), (0.0, False)])
def test_dropout_identity_draws_nothing(p, training):
    x = np.arange(6.0).reshape(2, 3)
    rng = np.random.default_rng(3)
    out, mask = dropout(x, p, rng, training=training)
    np.testing.assert_array_equal(out, x)
    assert mask.shape == x.shape and mask.dtype == bool and mask.all()
    assert rng.random() == np.random.default_rng(3).random()


def test_dropout_preserves_the_expectation():
    x = np.full(200_000, 2.0)
    out, mask = dropout(x, 0.3, np.random.default_rng(0))
    assert abs(mask.mean() - 0.7) < 0.01
    assert abs(out.mean() - 2.0) < 0.02


def test_dropout_does_not_modify_input_and_advances_rng_once():
    x = np.ones((3, 4))
    rng = np.random.default_rng(5)
    dropout(x, 0.5, rng)
    np.testing.assert_array_equal(x, np.ones((3, 4)))
    reference_rng = np.random.default_rng(5)
    reference_rng.random((3, 4))
    assert rng.random() == reference_rng.random()


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, float("nan")])
def test_dropout_rejects_p_outside_unit_interval_whatever_training(p, training):
    with pytest.raises(ValueError, match="p="):
        dropout(np.ones(3), p, np.random.default_rng(0), training=training)


def test_dropout_rejects_bad_rng_and_input():
    with pytest.raises(ValueError, match="rng="):
        dropout(np.ones(3), 0.5, np.random.RandomState(0))
    with pytest.raises(ValueError, match="x must hold real numbers"):
        dropout(np.array(["a"]), 0.5, np.random.default_rng(0))
