"""Tests for reference.stats.least_squares against NumPy and scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score as sklearn_r2_score

from reference.stats import (
    fit_line,
    fit_linear,
    r2_score,
)

RTOL, ATOL = 1e-7, 1e-9


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_fit_line_matches_polyfit_and_sklearn(data):
    n = data.draw(st.integers(2, 40))
    x = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-100, 100), unique=True))
    y = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-100, 100)))
    if np.ptp(x) < 1e-3:
        return
    slope, intercept = fit_line(x, y)
    assert type(slope) is float and type(intercept) is float
    expected = np.polyfit(x, y, 1)
    scale = 1 + np.abs(y).max()
    np.testing.assert_allclose([slope, intercept], expected, rtol=RTOL, atol=ATOL * scale)
    model = LinearRegression().fit(x[:, None], y)
    np.testing.assert_allclose(slope, model.coef_[0], rtol=RTOL, atol=ATOL * scale)
    np.testing.assert_allclose(intercept, model.intercept_, rtol=RTOL, atol=ATOL * scale)


def test_fit_line_known_values_and_inputs_unchanged():
    x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0])
    assert fit_line(x, y) == (2.0, 1.0)
    assert x.tolist() == [0.0, 1.0, 2.0] and y.tolist() == [1.0, 3.0, 5.0]


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [
        ([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], "zero variance"),
        ([0.1] * 10, list(range(10)), "zero variance"),  # rounding leaves var ~ 1e-34
        ([1.0], [1.0], "at least 2"),
        ([1.0, 2.0], [1.0], "same shape"),
        ([[1.0, 2.0]], [1.0, 2.0], "1-D"),
        ([1.0, np.nan], [1.0, 2.0], "finite"),
        ([1.0, 2.0], [1.0, np.inf], "finite"),
    ],
)
def test_fit_line_errors(x, y, match):
    with pytest.raises(ValueError, match=match):
        fit_line(x, y)


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_fit_linear_matches_sklearn(data):
    d = data.draw(st.integers(1, 4))
    n = data.draw(st.integers(d + 3, 40))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    scales = rng.choice([1e-2, 1.0, 1e2], size=d)
    X = rng.normal(size=(n, d)) * scales + rng.normal(size=d) * 5
    y = X @ rng.normal(size=d) + rng.normal(size=n)
    Xc = X - X.mean(axis=0)
    # Only well-conditioned draws: there scikit-learn's cond=1e-6 truncates nothing.
    assume(np.linalg.cond(Xc) < 1e5)
    w, b = fit_linear(X, y)
    model = LinearRegression().fit(X, y)
    assert w.shape == (d,) and w.dtype == np.float64 and type(b) is float
    np.testing.assert_allclose(w, model.coef_, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(b, model.intercept_, rtol=RTOL, atol=ATOL)


def test_fit_linear_with_badly_scaled_features_is_exact_least_squares():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3)) * np.array([1e-5, 1.0, 1e5])
    w_true = np.array([1e5, 2.0, 3e-5])
    y = X @ w_true + 1.5
    w, b = fit_linear(X, y)
    np.testing.assert_allclose(w, w_true, rtol=1e-9)
    assert b == pytest.approx(1.5, rel=1e-9)
    # scikit-learn's default tol=1e-6 would truncate this system (condition number ~1e10),
    # with a negligible tol it solves it exactly too
    model = LinearRegression(tol=1e-15).fit(X, y)
    np.testing.assert_allclose(w, model.coef_, rtol=1e-7)
    noisy = y + 0.1 * rng.normal(size=50)
    w, b = fit_linear(X, noisy)
    model = LinearRegression(tol=1e-15).fit(X, noisy)
    np.testing.assert_allclose(w, model.coef_, rtol=1e-6)
    np.testing.assert_allclose(b, model.intercept_, rtol=1e-6)


def test_fit_linear_one_feature_agrees_with_fit_line_and_known_values():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=20), rng.normal(size=20)
    w, b = fit_linear(x[:, None], y)
    np.testing.assert_allclose([w[0], b], fit_line(x, y), rtol=1e-12, atol=1e-14)
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 3.0]])
    w, b = fit_linear(X, X @ np.array([1.0, 2.0]) + 1.0)
    np.testing.assert_allclose(w, [1.0, 2.0], rtol=1e-12)
    assert b == pytest.approx(1.0, rel=1e-12)


def test_fit_linear_does_not_modify_inputs():
    X, y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [3.0, 1.0]]), np.arange(4.0)
    X0, y0 = X.copy(), y.copy()
    fit_linear(X, y)
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.column_stack([np.arange(5.0), 2 * np.arange(5.0)]), np.arange(5.0), "rank"),
        (np.column_stack([[1, 0, 2, 5.0], [0, 1, 3, 1.0], [1, 1, 5, 6.0]]), np.arange(4.0), "rank"),
        (np.random.default_rng(0).normal(size=(3, 3)), np.arange(3.0), "rank"),  # n <= d
        (np.column_stack([np.arange(4.0), np.full(4, 0.1)]), np.arange(4.0), "constant"),
        ([[1.0, 2.0]], [1.0], "constant"),
        ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], "2-D"),
        (np.ones((3, 1)) * [[1.0], [2.0], [3.0]], [1.0, 2.0], "rows"),
        (np.zeros((3, 0)), [1.0, 2.0, 3.0], "no columns"),
        ([[1.0], [np.nan], [2.0]], [1.0, 2.0, 3.0], "finite"),
        ([[1.0], [0.0], [2.0]], [[1.0, 2.0, 3.0]], "1-D"),
    ],
)
def test_fit_linear_errors(X, y, match):
    with pytest.raises(ValueError, match=match):
        fit_linear(X, y)


# --- r2_score ----------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_r2_score_matches_sklearn(data):
    n = data.draw(st.integers(2, 30))
    y_true = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-1e3, 1e3)))
    y_pred = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-1e3, 1e3)))
    ours = r2_score(y_true, y_pred)
    assert type(ours) is float
    np.testing.assert_allclose(ours, sklearn_r2_score(y_true, y_pred), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize(
    ("y_true", "y_pred"),
    [
        ([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]),  # total sum of squares exactly 0, perfect: 1.0
        ([2.0, 2.0, 2.0], [2.0, 2.0, 2.5]),  # exactly 0, imperfect: 0.0
        ([0.1] * 10, [0.1] * 10),  # rounding makes the total tiny but not 0
        ([0.1] * 10, [0.1] * 9 + [0.2]),  # ... so the ratio is huge, as in scikit-learn
        ([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]),
        ([1.0, 2.0], [2.0, 1.0]),
    ],
)
def test_r2_score_zero_total_rule_matches_sklearn_exactly(y_true, y_pred):
    assert r2_score(y_true, y_pred) == sklearn_r2_score(y_true, y_pred)


def test_r2_score_known_values():
    assert r2_score([2.0, 2.0], [2.0, 2.0]) == 1.0
    assert r2_score([2.0, 2.0], [2.0, 3.0]) == 0.0
    assert r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]) == 0.5


@pytest.mark.parametrize(
    ("y_true", "y_pred", "match"),
    [
        ([1.0], [1.0], "at least 2"),
        ([], [], "at least 2"),
        ([1.0, 2.0], [1.0, 2.0, 3.0], "same shape"),
        ([[1.0, 2.0]], [[1.0, 2.0]], "1-D"),
        ([1.0, np.nan], [1.0, 2.0], "finite"),
    ],
)
def test_r2_score_errors(y_true, y_pred, match):
    with pytest.raises(ValueError, match=match):
        r2_score(y_true, y_pred)
