"""Tests for reference.classifiers: hand-computed trajectories, literal loops, torch oracles."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.classifiers import Adaline, LogisticRegressionSGD, Perceptron

RTOL, ATOL = 1e-7, 1e-9
CLASSES = [Perceptron, Adaline, LogisticRegressionSGD]


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _sgd_step(loss, params, lr):
    """One plain gradient step with torch autograd (what torch.optim.SGD does)."""
    grads = torch.autograd.grad(loss, params)
    with torch.no_grad():
        for param, grad in zip(params, grads):
            param -= lr * grad


def _dot(a, b):
    return sum(u * v for u, v in zip(a, b))


# --- Perceptron ------------------------------------------------------------------------


def _literal_perceptron(X, y, lr, epochs):
    """The CURRICULUM's rule in plain Python."""
    w, b, errors = [0.0] * len(X[0]), 0.0, []
    for _ in range(epochs):
        count = 0
        for x_i, y_i in zip(X, y):
            update = lr * (y_i - (1 if _dot(x_i, w) + b >= 0 else 0))
            w = [w_j + update * x_j for w_j, x_j in zip(w, x_i)]
            b += update
            count += update != 0
        errors.append(count)
    return w, b, errors


def test_perceptron_first_epochs_by_hand():
    X = np.array([[2.0, 1.0], [-1.0, -2.0], [1.0, 2.0], [-2.0, -1.0]])
    y = np.array([1, 0, 1, 0])
    # epoch 1: x0: net 0 -> 1, right. x1: net 0 -> 1, wrong: update -1, w = (1, 2), b = -1.
    #          x2: net 4 -> 1, right. x3: net -5 -> 0, right.      errors 1
    # epoch 2: nets 3, -6, 4, -5: all right.                        errors 0
    model = Perceptron().fit(X, y)
    assert model.w.tolist() == [1.0, 2.0] and model.b == -1.0
    assert model.errors == [1] + [0] * 9  # epochs defaults to 10


def test_perceptron_hand_trajectory_with_a_learning_rate():
    X, y = np.array([[1.0], [2.0], [-1.0]]), np.array([0, 1, 1])
    # lr = 0.5. epoch 1: x0 net 0 -> 1, wrong: update -0.5, w = -0.5, b = -0.5.
    #   x1 net -1.5 -> 0, wrong: update +0.5, w = 0.5, b = 0. x2 net -0.5 -> 0, wrong:
    #   update +0.5, w = 0, b = 0.5.                               errors 3
    # epoch 2: x0 net 0.5 -> 1 wrong: w = -0.5, b = 0. x1 net -1 -> 0 wrong: w = 0.5, b = 0.5.
    #   x2 net 0 -> 1 right.                                       errors 2
    model = Perceptron(learning_rate=0.5, epochs=2).fit(X, y)
    assert model.errors == [3, 2]
    assert model.w.tolist() == [0.5] and model.b == 0.5


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 12),
    st.integers(1, 3),
    st.sampled_from([1.0, 0.5, 2.0]),
)
def test_perceptron_matches_the_literal_rule(seed, n, d, lr):
    rng = np.random.default_rng(seed)
    X, y = rng.integers(-5, 6, size=(n, d)).astype(float), rng.integers(0, 2, n)
    model = Perceptron(learning_rate=lr, epochs=6).fit(X, y)
    w, b, errors = _literal_perceptron(X.tolist(), y.tolist(), lr, 6)
    assert model.w.tolist() == w and model.b == b and model.errors == errors


def test_perceptron_separates_separable_data_and_predicts_int64():
    rng = np.random.default_rng(0)
    X = rng.integers(-10, 11, size=(60, 2)).astype(float)
    y = (X @ np.array([2.0, -1.0]) + 3 > 0).astype(int)
    model = Perceptron(epochs=200).fit(X, y)
    assert model.errors[-1] == 0
    pred = model.predict(X)
    assert pred.dtype == np.int64 and pred.shape == (60,)
    assert np.array_equal(pred, y)
    assert all(type(e) is int for e in model.errors)


def test_perceptron_predicts_one_at_exactly_zero():
    model = Perceptron()
    model.w, model.b = np.array([1.0, -1.0]), 0.0
    assert model.predict(np.array([[2.0, 2.0], [0.0, 1.0], [1.0, 0.0]])).tolist() == [1, 0, 1]


# --- Adaline ---------------------------------------------------------------------------


def test_adaline_first_epochs_by_hand():
    X, y = np.array([[1.0], [-1.0]]), np.array([1, -1])
    # epoch 1: e = y = [1, -1], cost 0.5 * 1 = 0.5; w += 0.5 * (1 + 1) / 2 = 0.5; b += 0
    # epoch 2: net = [0.5, -0.5], e = [0.5, -0.5], cost 0.125; w += 0.5 * 0.5 = 0.25
    model = Adaline(learning_rate=0.5, epochs=2).fit(X, y)
    assert model.costs == [0.5, 0.125]
    assert model.w.tolist() == [0.75] and model.b == 0.0


def test_adaline_matches_full_batch_torch_autograd_descent():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 3))
    y = np.where(X @ np.array([1.0, -2.0, 0.5]) + 0.3 + 0.5 * rng.normal(size=30) >= 0, 1, -1)
    model = Adaline(learning_rate=0.05, epochs=40).fit(X, y)

    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    costs = []
    for _ in range(40):
        cost = 0.5 * torch.mean(
            (torch.tensor(y, dtype=torch.float64) - (torch.tensor(X) @ w + b)) ** 2
        )
        costs.append(cost.item())
        _sgd_step(cost, [w, b], 0.05)
    np.testing.assert_allclose(model.costs, costs, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(model.w, w.detach().numpy(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(model.b, b.item(), rtol=RTOL, atol=ATOL)
    assert model.costs[-1] < model.costs[0]


def test_adaline_predicts_int64_plus_minus_one():
    model = Adaline()
    model.w, model.b = np.array([1.0]), -1.0
    pred = model.predict(np.array([[2.0], [1.0], [0.0]]))
    assert pred.dtype == np.int64 and pred.tolist() == [1, 1, -1]  # net 0 gives 1
    assert model.net_input(np.array([[3.0]])).tolist() == [2.0]


def test_adaline_defaults_and_learning():
    model = Adaline()
    assert (model.learning_rate, model.epochs) == (0.01, 50)
    rng = np.random.default_rng(2)
    X = rng.normal(size=(80, 2))
    y = np.where(X[:, 0] - X[:, 1] >= 0, 1, -1)
    model = Adaline(learning_rate=0.1, epochs=100).fit(X, y)
    assert len(model.costs) == 100 and all(type(c) is float for c in model.costs)
    assert np.mean(model.predict(X) == y) > 0.95


# --- LogisticRegressionSGD --------------------------------------------------------------


def _literal_logistic_sgd(X, y, lr, epochs, seed):
    """The CURRICULUM's rule in plain Python (the permutations from the same generator)."""
    rng = np.random.default_rng(seed)
    n, d = len(X), len(X[0])
    w, b, losses = [0.0] * d, 0.0, []
    for _ in range(epochs):
        for i in rng.permutation(n).tolist():
            p = _sigmoid(_dot(X[i], w) + b)
            w = [w_j - lr * (p - y[i]) * x_j for w_j, x_j in zip(w, X[i])]
            b -= lr * (p - y[i])
        total = 0.0
        for x_i, y_i in zip(X, y):
            p = min(max(_sigmoid(_dot(x_i, w) + b), 1e-12), 1 - 1e-12)
            total -= y_i * math.log(p) + (1 - y_i) * math.log(1 - p)
        losses.append(total / n)
    return w, b, losses


def test_logistic_sgd_first_epoch_by_hand():
    X, y = np.array([[1.0], [-1.0]]), np.array([1, 0])
    # Whichever sample comes first: p = 0.5, a step of 0.5 towards it; the second then also
    # sees z = 0, p = 0.5. After the epoch w = 1, b = 0, and the loss is log(1 + e^-1).
    model = LogisticRegressionSGD(learning_rate=1.0, epochs=1).fit(X, y)
    assert model.w.tolist() == [1.0] and model.b == 0.0
    assert model.losses == [pytest.approx(math.log1p(math.exp(-1)), rel=1e-15)]


def test_logistic_sgd_visit_order_follows_the_seeded_permutation():
    X, y = np.array([[1.0], [2.0], [-1.0]]), np.array([1, 0, 0])
    for seed in range(4):
        order = np.random.default_rng(seed).permutation(3)
        w, b = 0.0, 0.0
        for i in order:  # epoch 1 by hand, in the generator's order
            p = _sigmoid(X[i, 0] * w + b)
            w, b = w - (p - y[i]) * X[i, 0], b - (p - y[i])
        model = LogisticRegressionSGD(learning_rate=1.0, epochs=1, seed=seed).fit(X, y)
        assert model.w[0] == pytest.approx(w, rel=1e-15) and model.b == pytest.approx(b, rel=1e-15)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 10), st.integers(1, 3), st.integers(0, 5))
def test_logistic_sgd_matches_the_literal_rule(data_seed, n, d, seed):
    rng = np.random.default_rng(data_seed)
    X, y = rng.normal(size=(n, d)), rng.integers(0, 2, n)
    model = LogisticRegressionSGD(learning_rate=0.3, epochs=8, seed=seed).fit(X, y)
    w, b, losses = _literal_logistic_sgd(X.tolist(), y.tolist(), 0.3, 8, seed)
    np.testing.assert_allclose(model.w, w, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(model.b, b, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(model.losses, losses, rtol=RTOL, atol=ATOL)


def test_logistic_sgd_matches_torch_autograd_sgd():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(25, 2))
    y = (X @ np.array([1.0, -1.0]) + rng.normal(size=25) > 0).astype(np.int64)
    model = LogisticRegressionSGD(learning_rate=0.2, epochs=10, seed=7).fit(X, y)

    tX, ty = torch.tensor(X), torch.tensor(y, dtype=torch.float64)
    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    order_rng = np.random.default_rng(7)
    losses = []
    for _ in range(10):
        for i in order_rng.permutation(25):
            _sgd_step(
                torch.nn.functional.binary_cross_entropy_with_logits(tX[i] @ w + b, ty[i]),
                [w, b],
                0.2,
            )
        with torch.no_grad():
            losses.append(
                torch.nn.functional.binary_cross_entropy(torch.sigmoid(tX @ w + b), ty).item()
            )
    np.testing.assert_allclose(model.w, w.detach().numpy(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(model.b, b.item(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(model.losses, losses, rtol=RTOL, atol=ATOL)


def test_logistic_sgd_is_deterministic_per_seed_and_refits_from_scratch():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(30, 2)), rng.integers(0, 2, 30)
    model = LogisticRegressionSGD(epochs=5, seed=3)
    first = (model.fit(X, y).w.copy(), model.b, list(model.losses))
    second = (model.fit(X, y).w.copy(), model.b, list(model.losses))  # a fresh rng per fit
    assert np.array_equal(first[0], second[0]) and first[1:] == second[1:]
    other = LogisticRegressionSGD(epochs=5, seed=4).fit(X, y)
    assert not np.array_equal(other.w, first[0])


def test_logistic_sgd_predictions():
    model = LogisticRegressionSGD()
    assert (model.learning_rate, model.epochs, model.seed) == (0.1, 100, 0)
    model.w, model.b = np.array([1.0]), 0.0
    X = np.array([[-1.0], [0.0], [2.0]])
    proba = model.predict_proba(X)
    assert proba.shape == (3,) and proba.dtype == np.float64 and proba[1] == 0.5
    np.testing.assert_allclose(proba, 1 / (1 + np.exp(-X[:, 0])), rtol=1e-15)
    pred = model.predict(X)
    assert pred.dtype == np.int64 and pred.tolist() == [0, 1, 1]  # 0.5 gives 1


def test_logistic_sgd_learns():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(100, 2))
    y = (X[:, 0] + 2 * X[:, 1] > 0).astype(int)
    model = LogisticRegressionSGD(epochs=30).fit(X, y)
    assert len(model.losses) == 30 and all(type(v) is float for v in model.losses)
    assert model.losses[-1] < model.losses[0] < math.log(2)
    assert np.mean(model.predict(X) == y) > 0.95


# --- shared behaviour and validation -------------------------------------------------------


@pytest.mark.parametrize("cls", CLASSES)
def test_fit_returns_self_and_leaves_inputs_alone(cls):
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0]])
    y = np.array([1, -1, 1]) if cls is Adaline else np.array([1, 0, 1])
    X0, y0 = X.copy(), y.copy()
    model = cls(epochs=3)
    assert model.fit(X, y) is model
    assert np.array_equal(X, X0) and np.array_equal(y, y0)
    assert model.w.dtype == np.float64 and model.w.shape == (2,) and type(model.b) is float
    assert model.predict(X).dtype == np.int64


@pytest.mark.parametrize("cls", CLASSES)
def test_zero_epochs_leave_zeros(cls):
    y = np.array([1, -1]) if cls is Adaline else np.array([1, 0])
    model = cls(epochs=0).fit(np.eye(2), y)
    assert model.w.tolist() == [0.0, 0.0] and model.b == 0.0


@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("learning_rate", [0.0, -1.0, np.nan, np.inf, "1", True])
def test_bad_learning_rate_raises(cls, learning_rate):
    with pytest.raises(ValueError, match="learning_rate"):
        cls(learning_rate=learning_rate)


@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("epochs", [-1, 2.5, "3", None])
def test_bad_epochs_raises(cls, epochs):
    with pytest.raises(ValueError, match="epochs"):
        cls(epochs=epochs)


@pytest.mark.parametrize("seed", [-1, 1.5, None, "0"])
def test_bad_seed_raises(seed):
    with pytest.raises(ValueError, match="seed"):
        LogisticRegressionSGD(seed=seed)


@pytest.mark.parametrize(
    ("cls", "bad_labels"),
    [
        (Perceptron, [1, -1]),
        (Perceptron, [1, 2]),
        (LogisticRegressionSGD, [0, 0.5]),
        (LogisticRegressionSGD, [-1, 1]),
        (Adaline, [0, 1]),
        (Adaline, [1, 2]),
    ],
)
def test_wrong_labels_raise(cls, bad_labels):
    with pytest.raises(ValueError, match="labels"):
        cls().fit(np.eye(2), np.array(bad_labels))


@pytest.mark.parametrize("cls", CLASSES)
def test_shape_errors(cls):
    y_ok = np.array([1, -1]) if cls is Adaline else np.array([1, 0])
    with pytest.raises(ValueError, match="X must be 2-D"):
        cls().fit(np.ones(2), y_ok)
    with pytest.raises(ValueError, match="no rows"):
        cls().fit(np.ones((0, 2)), y_ok[:0])
    with pytest.raises(ValueError, match="y must have shape"):
        cls().fit(np.eye(2), y_ok[:1])
    with pytest.raises(ValueError, match="finite"):
        cls().fit(np.array([[1.0, np.nan], [0.0, 1.0]]), y_ok)


@pytest.mark.parametrize("cls", CLASSES)
def test_predict_before_fit_and_with_wrong_features_raises(cls):
    model = cls()
    with pytest.raises(ValueError, match="not fitted"):
        model.predict(np.eye(2))
    y = np.array([1, -1]) if cls is Adaline else np.array([1, 0])
    model.fit(np.eye(2), y)
    with pytest.raises(ValueError, match="features"):
        model.predict(np.ones((2, 3)))
