"""Tests for reference.probability against SciPy, PyTorch and scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.special
import scipy.stats
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.probability import (
    bernoulli_mle,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    gaussian_mle,
    logit,
    odds,
    sigmoid,
)

RTOL, ATOL = 1e-7, 1e-9
finite_floats = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)
probabilities = st.floats(0.0, 1.0, allow_nan=False)


def _strict():
    """Turn overflow / invalid / divide-by-zero into errors; underflow stays allowed."""
    return np.errstate(over="raise", invalid="raise", divide="raise", under="ignore")


# --- sigmoid ---------------------------------------------------------------------------


def test_sigmoid_is_exactly_one_half_at_zero():
    assert sigmoid(0) == 0.5
    assert sigmoid(-0.0) == 0.5
    assert sigmoid(np.zeros(3)).tolist() == [0.5, 0.5, 0.5]


def test_sigmoid_matches_scipy_expit_over_a_wide_range():
    z = np.concatenate([np.linspace(-1e4, 1e4, 2001), np.linspace(-50, 50, 1001), [-745.0, 710.0]])
    np.testing.assert_allclose(sigmoid(z), scipy.special.expit(z), rtol=RTOL, atol=ATOL)


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4), elements=finite_floats))
def test_sigmoid_property_matches_expit_without_warnings(z):
    with _strict():
        out = sigmoid(z)
    assert out.shape == z.shape and out.dtype == np.float64
    assert np.all(np.isfinite(out)) and np.all((out >= 0) & (out <= 1))
    np.testing.assert_allclose(out, scipy.special.expit(z), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(sigmoid(-z), 1.0 - out, rtol=0, atol=1e-15)


def test_sigmoid_extremes_and_infinities_give_no_warning():
    with _strict():
        out = sigmoid(np.array([-1e4, -800.0, 800.0, 1e4, -np.inf, np.inf]))
    assert out.tolist() == [0.0, 0.0, 1.0, 1.0, 0.0, 1.0]


def test_sigmoid_scalar_in_scalar_out():
    assert isinstance(sigmoid(1.5), float)
    assert isinstance(sigmoid(np.float64(1.5)), float)
    assert isinstance(sigmoid([1.5]), np.ndarray)


def test_logit_inverts_sigmoid_for_moderate_z():
    # beyond |z| ~ 15, 1 - sigmoid(z) keeps too few digits for logit to recover z
    z = np.linspace(-15, 15, 301)
    np.testing.assert_allclose(logit(sigmoid(z)), z, rtol=1e-7, atol=1e-7)


def test_sigmoid_does_not_modify_its_input():
    z = np.array([-3.0, 0.0, 3.0])
    sigmoid(z)
    assert z.tolist() == [-3.0, 0.0, 3.0]


# --- odds and logit --------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5), elements=probabilities))
def test_logit_matches_scipy(p):
    with np.errstate(divide="ignore"):
        expected = scipy.special.logit(p)
    np.testing.assert_allclose(logit(p), expected, rtol=RTOL, atol=ATOL)


def test_logit_near_one_half_and_at_the_ends():
    p = np.array([0.0, 1e-300, 0.3, 0.5 - 1e-12, 0.5, 0.5 + 1e-12, 0.65, 1 - 1e-16, 1.0])
    with _strict():
        out = logit(p)
    with np.errstate(divide="ignore"):
        np.testing.assert_allclose(out, scipy.special.logit(p), rtol=RTOL, atol=ATOL)
    assert out[0] == -np.inf and out[-1] == np.inf and out[4] == 0.0
    assert logit(0.5) == 0.0


def test_odds_values():
    with _strict():
        out = odds(np.array([0.0, 0.2, 0.5, 0.75, 1.0]))
    np.testing.assert_allclose(out[:4], [0.0, 0.25, 1.0, 3.0], rtol=RTOL)
    assert out[4] == np.inf
    assert odds(0.5) == 1.0 and isinstance(odds(0.5), float)


@settings(max_examples=50, deadline=None)
@given(st.floats(1e-6, 1 - 1e-6))
def test_log_of_odds_is_logit(p):
    np.testing.assert_allclose(np.log(odds(p)), logit(p), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("function", [odds, logit])
@pytest.mark.parametrize("bad", [-0.1, 1.1, np.nan, [0.5, 2.0], "half"])
def test_probabilities_outside_unit_interval_raise(function, bad):
    with pytest.raises(ValueError, match="p"):
        function(bad)


def test_sigmoid_rejects_non_numeric_input():
    with pytest.raises(ValueError, match="z"):
        sigmoid("big")


# --- binary cross-entropy --------------------------------------------------------------


def _torch_bce(y, p):
    return torch.nn.functional.binary_cross_entropy(torch.tensor(p), torch.tensor(y)).item()


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_binary_cross_entropy_matches_torch(data):
    n = data.draw(st.integers(1, 20))
    y = data.draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 1.0])))
    p = data.draw(hnp.arrays(np.float64, n, elements=st.floats(1e-12, 1 - 1e-12)))
    np.testing.assert_allclose(binary_cross_entropy(y, p), _torch_bce(y, p), rtol=RTOL, atol=ATOL)


def test_binary_cross_entropy_soft_labels_match_torch():
    rng = np.random.default_rng(0)
    y, p = rng.random(50), rng.uniform(0.01, 0.99, 50)
    np.testing.assert_allclose(binary_cross_entropy(y, p), _torch_bce(y, p), rtol=RTOL, atol=ATOL)


def test_binary_cross_entropy_clips_into_eps_interval():
    y, p = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    expected = -np.log(1e-12)
    np.testing.assert_allclose(binary_cross_entropy(y, p), expected, rtol=1e-6)
    np.testing.assert_allclose(binary_cross_entropy(y, p, eps=1e-3), -np.log(1e-3), rtol=1e-9)
    # confident and right costs almost nothing
    assert binary_cross_entropy([1.0, 0.0], [1.0, 0.0]) < 1e-11


def test_binary_cross_entropy_with_eps_zero_has_no_nan():
    with _strict():
        assert binary_cross_entropy([1.0, 0.0], [1.0, 0.0], eps=0.0) == 0.0
    with np.errstate(divide="ignore"):
        assert binary_cross_entropy([1.0, 0.0], [0.0, 0.0], eps=0.0) == np.inf


def test_binary_cross_entropy_matches_sklearn_log_loss_away_from_the_clip():
    from sklearn.metrics import log_loss

    rng = np.random.default_rng(1)
    y, p = rng.integers(0, 2, 40), rng.uniform(0.001, 0.999, 40)
    expected = log_loss(y, p, labels=[0, 1])
    np.testing.assert_allclose(binary_cross_entropy(y, p), expected, rtol=RTOL, atol=ATOL)


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_binary_cross_entropy_with_logits_matches_torch(data):
    n = data.draw(st.integers(1, 20))
    y = data.draw(hnp.arrays(np.float64, n, elements=probabilities))
    z = data.draw(hnp.arrays(np.float64, n, elements=finite_floats))
    with _strict():
        ours = binary_cross_entropy_with_logits(y, z)
    expected = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.tensor(z), torch.tensor(y)
    ).item()
    np.testing.assert_allclose(ours, expected, rtol=RTOL, atol=ATOL)


def test_binary_cross_entropy_with_logits_extremes():
    y = np.array([1.0, 0.0, 1.0, 0.0])
    z = np.array([1e4, -1e4, -1e4, 1e4])
    with _strict():
        out = binary_cross_entropy_with_logits(y, z)
    assert out == pytest.approx(1e4 / 2, rel=1e-12)  # two confident mistakes of 1e4 each
    assert binary_cross_entropy_with_logits([1.0], [0.0]) == pytest.approx(np.log(2), rel=1e-15)


def test_binary_cross_entropy_with_logits_equals_the_probability_form():
    rng = np.random.default_rng(2)
    y, z = rng.integers(0, 2, 30).astype(float), rng.normal(0, 3, 30)
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits(y, z),
        binary_cross_entropy(y, sigmoid(z), eps=0.0),
        rtol=1e-12,
    )


@pytest.mark.parametrize(
    ("y", "p", "match"),
    [
        ([1.0, 0.0], [0.5], "same shape"),
        ([], [], "empty"),
        ([2.0], [0.5], "y_true"),
        ([-1.0], [0.5], "y_true"),
        ([1.0], [1.5], "p"),
        ([1.0], [np.nan], "p"),
    ],
)
def test_binary_cross_entropy_validation(y, p, match):
    with pytest.raises(ValueError, match=match):
        binary_cross_entropy(y, p)


@pytest.mark.parametrize("eps", [-1e-3, 0.5, 0.7, np.nan])
def test_binary_cross_entropy_rejects_bad_eps(eps):
    with pytest.raises(ValueError, match="eps"):
        binary_cross_entropy([1.0], [0.5], eps=eps)


@pytest.mark.parametrize(
    ("y", "z", "match"),
    [([1.0, 0.0], [0.5], "same shape"), ([], [], "empty"), ([3.0], [0.5], "y_true")],
)
def test_binary_cross_entropy_with_logits_validation(y, z, match):
    with pytest.raises(ValueError, match=match):
        binary_cross_entropy_with_logits(y, z)


# --- maximum likelihood ----------------------------------------------------------------


def test_bernoulli_mle_is_the_fraction_of_ones():
    assert bernoulli_mle([1, 0, 1, 1]) == 0.75
    assert bernoulli_mle(np.array([True, False])) == 0.5
    assert bernoulli_mle([0, 0]) == 0.0
    assert isinstance(bernoulli_mle([1]), float)


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.int64, st.integers(1, 50), elements=st.integers(0, 1)))
def test_bernoulli_mle_maximises_the_likelihood(x):
    theta = bernoulli_mle(x)
    assert theta == pytest.approx(x.sum() / x.size, abs=1e-15)
    grid = np.linspace(0.001, 0.999, 999)
    log_likelihood = x.sum() * np.log(grid) + (x.size - x.sum()) * np.log1p(-grid)
    assert abs(grid[np.argmax(log_likelihood)] - theta) <= 1e-3 + 1e-12


@pytest.mark.parametrize(
    ("x", "match"), [([0, 2], "only 0 and 1"), ([0.5], "only"), ([], "empty"), ([[1, 0]], "1-D")]
)
def test_bernoulli_mle_validation(x, match):
    with pytest.raises(ValueError, match=match):
        bernoulli_mle(x)


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 40), elements=st.floats(-1e6, 1e6)))
def test_gaussian_mle_matches_numpy_and_scipy_fit(x):
    mu, sigma2 = gaussian_mle(x)
    assert isinstance(mu, float) and isinstance(sigma2, float)
    np.testing.assert_allclose(mu, np.mean(x), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(sigma2, np.var(x), rtol=RTOL, atol=ATOL)


def test_gaussian_mle_matches_scipy_norm_fit():
    x = np.random.default_rng(3).normal(2.0, 3.0, 200)
    loc, scale = scipy.stats.norm.fit(x)
    mu, sigma2 = gaussian_mle(x)
    np.testing.assert_allclose([mu, sigma2], [loc, scale**2], rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize(("x", "match"), [([], "x"), ([[1.0, 2.0]], "1-D")])
def test_gaussian_mle_validation(x, match):
    with pytest.raises(ValueError, match=match):
        gaussian_mle(x)
