"""Tests for reference.losses: softmax (vs scipy) and softmax cross-entropy (vs torch)."""

import numpy as np
import pytest
import scipy.special
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.losses import softmax, softmax_cross_entropy, softmax_cross_entropy_grad

TOL = {"rtol": 1e-7, "atol": 1e-9}

_logit_values = st.floats(-50, 50, allow_nan=False)

# --- softmax ----------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 4)])
@pytest.mark.parametrize("axis", [-1, 0])
def test_softmax_matches_scipy(shape, axis):
    z = np.random.default_rng(0).normal(0, 5, size=shape)
    np.testing.assert_allclose(softmax(z, axis=axis), scipy.special.softmax(z, axis=axis), **TOL)


def test_softmax_middle_axis_and_default_axis():
    z = np.random.default_rng(1).normal(size=(2, 3, 4))
    np.testing.assert_allclose(softmax(z, axis=1), scipy.special.softmax(z, axis=1), **TOL)
    np.testing.assert_allclose(softmax(z), scipy.special.softmax(z, axis=-1), **TOL)


def test_softmax_large_entries_do_not_overflow():
    z = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, 1e4], [-1e4, -1e4, -1e4 + 1]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = softmax(z)
    np.testing.assert_allclose(out, scipy.special.softmax(z, axis=-1), **TOL)
    np.testing.assert_allclose(out[1], [1 / 3] * 3, **TOL)


def test_softmax_minus_inf_entries():
    z = np.array([[0.0, -np.inf, 0.0], [-np.inf, -np.inf, -np.inf], [-np.inf, 2.0, -np.inf]])
    out = softmax(z)
    np.testing.assert_allclose(out[0], [0.5, 0.0, 0.5], **TOL)
    assert np.all(np.isnan(out[1]))
    np.testing.assert_array_equal(out[2], [0.0, 1.0, 0.0])
    with np.errstate(invalid="ignore"):
        expected = scipy.special.softmax(z, axis=-1)
    np.testing.assert_allclose(out, expected, **TOL)  # NaNs compare equal in assert_allclose


def test_softmax_does_not_modify_input_and_returns_float64():
    z = np.array([[1, 2, 3]])
    out = softmax(z)
    np.testing.assert_array_equal(z, [[1, 2, 3]])
    assert out.dtype == np.float64


@settings(max_examples=50, deadline=None)
@given(
    z=hnp.arrays(
        np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=6), elements=_logit_values
    ),
    shift=st.floats(-1e3, 1e3),
)
def test_softmax_rows_sum_to_one_and_shift_invariant(z, shift):
    out = softmax(z)
    assert np.all(out >= 0)
    np.testing.assert_allclose(out.sum(axis=-1), 1.0, rtol=1e-12)
    shifted = softmax(z + shift)
    np.testing.assert_allclose(shifted, out, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(out, scipy.special.softmax(z, axis=-1), **TOL)


@pytest.mark.parametrize(
    ("z", "axis", "match"),
    [
        (np.float64(1.0), -1, "at least one dimension"),
        (np.ones((2, 3)), 2, "axis=2"),
        (np.ones((2, 3)), 1.0, "axis=1.0"),
        (np.ones((2, 0)), -1, "no entries"),
        (np.array(["a"]), -1, "z must hold real numbers"),
    ],
)
def test_softmax_rejects_bad_input(z, axis, match):
    with pytest.raises(ValueError, match=match):
        softmax(z, axis=axis)


# --- softmax cross-entropy --------------------------------------------------------------


def _torch_loss_and_grad(logits, labels):
    logits_t = torch.tensor(logits, requires_grad=True)
    loss = torch.nn.functional.cross_entropy(logits_t, torch.tensor(labels))
    loss.backward()
    return loss.item(), logits_t.grad.numpy()


@pytest.mark.parametrize("scale", [1.0, 30.0, 1e4])
def test_cross_entropy_matches_torch(scale):
    rng = np.random.default_rng(0)
    logits = rng.uniform(-1, 1, size=(9, 5)) * scale
    labels = rng.integers(0, 5, size=9)
    loss, grad = _torch_loss_and_grad(logits, labels)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        ours = softmax_cross_entropy(logits, labels)
        ours_grad = softmax_cross_entropy_grad(logits, labels)
    assert isinstance(ours, float)
    np.testing.assert_allclose(ours, loss, **TOL)
    np.testing.assert_allclose(ours_grad, grad, **TOL)


def test_cross_entropy_extreme_logits():
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, -1e4], [1e4, 1e4, -1e4]])
    labels = np.array([1, 1, 0])
    loss, grad = _torch_loss_and_grad(logits, labels)
    np.testing.assert_allclose(softmax_cross_entropy(logits, labels), loss, **TOL)
    np.testing.assert_allclose(softmax_cross_entropy_grad(logits, labels), grad, **TOL)
    assert np.isfinite(softmax_cross_entropy(logits, labels))


def test_cross_entropy_minus_inf_outside_the_label():
    logits = np.array([[2.0, -np.inf, 0.5], [-np.inf, -np.inf, 1.0]])
    labels = np.array([0, 2])
    loss, grad = _torch_loss_and_grad(logits, labels)
    np.testing.assert_allclose(softmax_cross_entropy(logits, labels), loss, **TOL)
    np.testing.assert_allclose(softmax_cross_entropy_grad(logits, labels), grad, **TOL)
    assert np.all(np.isfinite(softmax_cross_entropy_grad(logits, labels)))


def test_cross_entropy_minus_inf_at_the_label_is_infinite_like_torch():
    logits, labels = np.array([[-np.inf, 0.0]]), np.array([0])
    expected = torch.nn.functional.cross_entropy(torch.tensor(logits), torch.tensor(labels))
    assert softmax_cross_entropy(logits, labels) == expected.item() == np.inf


def test_cross_entropy_gradient_formula_and_no_mutation():
    logits = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    labels = np.array([2, 0])
    before = logits.copy()
    grad = softmax_cross_entropy_grad(logits, labels)
    expected = (scipy.special.softmax(logits, axis=1) - np.eye(3)[labels]) / 2
    np.testing.assert_allclose(grad, expected, **TOL)
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)
    np.testing.assert_array_equal(logits, before)


@st.composite
def _logits_and_labels(draw):
    n = draw(st.integers(1, 6))
    c = draw(st.integers(1, 5))
    logits = draw(hnp.arrays(np.float64, (n, c), elements=_logit_values))
    labels = draw(hnp.arrays(np.int64, n, elements=st.integers(0, c - 1)))
    return logits, labels


@settings(max_examples=50, deadline=None)
@given(data=_logits_and_labels())
def test_cross_entropy_matches_torch_autograd_property(data):
    logits, labels = data
    loss, grad = _torch_loss_and_grad(logits, labels)
    np.testing.assert_allclose(softmax_cross_entropy(logits, labels), loss, **TOL)
    np.testing.assert_allclose(softmax_cross_entropy_grad(logits, labels), grad, **TOL)


@settings(max_examples=50, deadline=None)
@given(data=_logits_and_labels())
def test_cross_entropy_gradient_matches_finite_differences(data):
    logits, labels = data
    grad = softmax_cross_entropy_grad(logits, labels)
    h = 1e-6
    numeric = np.zeros_like(logits)
    for index in np.ndindex(*logits.shape):
        step = np.zeros_like(logits)
        step[index] = h
        numeric[index] = (
            softmax_cross_entropy(logits + step, labels)
            - softmax_cross_entropy(logits - step, labels)
        ) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize(
    ("logits", "labels", "match"),
    [
        (np.zeros(3), np.array([0]), "logits must have shape"),
        (np.zeros((0, 3)), np.zeros(0, dtype=int), "logits must have shape"),
        (np.zeros((2, 0)), np.zeros(2, dtype=int), "logits must have shape"),
        (np.zeros((2, 3)), np.array([0, 1, 2]), r"labels has shape \(3,\)"),
        (np.zeros((2, 3)), np.array([[0, 1]]), "labels has shape"),
        (np.zeros((2, 3)), np.array([0, 3]), r"labels must lie in \[0, 2\]"),
        (np.zeros((2, 3)), np.array([-1, 0]), "labels must lie in"),
        (np.zeros((2, 3)), np.array([0.0, 1.0]), "labels must be integers"),
        (np.zeros((2, 3)), np.array([True, False]), "labels must be integers"),
        (np.array([["a", "b"]]), np.array([0]), "logits must hold real numbers"),
    ],
)
@pytest.mark.parametrize("fn", [softmax_cross_entropy, softmax_cross_entropy_grad])
def test_cross_entropy_rejects_bad_input(fn, logits, labels, match):
    with pytest.raises(ValueError, match=match):
        fn(logits, labels)
