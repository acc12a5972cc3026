"""Tests for reference.stats against NumPy, the statistics module, SciPy and scikit-learn."""

from __future__ import annotations

import ast
import importlib
import inspect
import math
import pkgutil
import statistics

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score as sklearn_r2_score
from sklearn.preprocessing import StandardScaler

import reference.stats
from reference.stats import (
    fit_line,
    fit_linear,
    mean,
    normal_cdf,
    normal_pdf,
    r2_score,
    standardize,
    std,
    variance,
)

RTOL, ATOL = 1e-7, 1e-9
samples = hnp.arrays(np.float64, st.integers(1, 60), elements=st.floats(-1e6, 1e6))


# --- mean, variance, std ---------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(samples, st.integers(0, 3))
def test_descriptive_statistics_match_numpy_and_statistics(x, ddof):
    assert mean(x) == np.mean(x)  # same summation: bit for bit
    np.testing.assert_allclose(mean(x), statistics.fmean(x), rtol=RTOL, atol=ATOL)
    if ddof >= x.size:
        return
    assert variance(x, ddof=ddof) == np.var(x, ddof=ddof)
    assert std(x, ddof=ddof) == pytest.approx(np.std(x, ddof=ddof), rel=1e-15, abs=0)
    oracle = statistics.pvariance(x) if ddof == 0 else None
    if ddof == 1 and x.size > 1:
        oracle = statistics.variance(x)
    if oracle is not None:
        np.testing.assert_allclose(variance(x, ddof=ddof), oracle, rtol=RTOL, atol=ATOL)


def test_descriptive_statistics_known_values_and_types():
    x = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
    assert (mean(x), variance(x), std(x)) == (5.0, 4.0, 2.0)
    assert variance(x, ddof=1) == pytest.approx(32 / 7, rel=1e-15)
    assert all(type(v) is float for v in (mean(x), variance(x), std(x)))
    assert mean([3]) == 3.0 and variance([3]) == 0.0
    assert variance(np.array([1, 2, 3, 4], dtype=np.int64)) == 1.25


def test_descriptive_statistics_do_not_modify_input():
    x = np.array([1.0, 2.0, 4.0])
    mean(x), variance(x, ddof=1), std(x)
    assert x.tolist() == [1.0, 2.0, 4.0]


@pytest.mark.parametrize("function", [mean, variance, std])
@pytest.mark.parametrize(("x", "match"), [([], "at least 1"), ([[1.0, 2.0]], "1-D"), (5.0, "1-D")])
def test_descriptive_statistics_shape_errors(function, x, match):
    with pytest.raises(ValueError, match=match):
        function(x)


@pytest.mark.parametrize("function", [variance, std])
@pytest.mark.parametrize(
    ("ddof", "match"), [(-1, "ddof"), (1.0, "ddof"), (True, "ddof"), (3, "n=3")]
)
def test_ddof_errors(function, ddof, match):
    with pytest.raises(ValueError, match=match):
        function([1.0, 2.0, 3.0], ddof=ddof)


FORBIDDEN_ATTRIBUTES = {"mean", "var", "std", "average", "nanmean", "nanvar", "nanstd"}


def test_stats_module_obeys_the_exercise_forbidden_names():
    """The reference itself (every module of the package) uses no numpy mean/var/std/average
    and no statistics module."""
    modules = [reference.stats] + [
        importlib.import_module(f"reference.stats.{info.name}")
        for info in pkgutil.iter_modules(reference.stats.__path__)
    ]
    assert len(modules) >= 5
    nodes = [node for module in modules for node in ast.walk(ast.parse(inspect.getsource(module)))]
    for node in nodes:
        if isinstance(node, ast.Attribute):
            assert node.attr not in FORBIDDEN_ATTRIBUTES, f"uses .{node.attr}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [alias.name for alias in node.names] + [getattr(node, "module", None)]
            assert "statistics" not in names


# --- standardize -----------------------------------------------------------------------


def _assert_matches_scaler(X):
    Z, mu, scale = standardize(X)
    scaler = StandardScaler().fit(X)
    np.testing.assert_allclose(mu, scaler.mean_, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(scale, scaler.scale_, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(Z, scaler.transform(X), rtol=RTOL, atol=ATOL)
    assert Z.shape == np.shape(X) and mu.shape == scale.shape == (np.shape(X)[1],)
    assert Z.dtype == mu.dtype == scale.dtype == np.float64
    return Z, mu, scale


@st.composite
def matrices_with_tricky_columns(draw):
    n = draw(st.integers(1, 30))
    columns = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["random", "constant", "near-constant"]))
        c = draw(st.sampled_from([0.1, 1e10 + 0.1, -3.3, 1e-8 / 3, 0.0, 7.0]))
        if kind == "random":
            col = draw(hnp.arrays(np.float64, n, elements=st.floats(-1e3, 1e3)))
        elif kind == "constant":
            col = np.full(n, c)
        else:
            # c * (1 + j * eps): the scikit-learn bound decides which of these are constant
            steps = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 20 * n)))
            col = c * (1.0 + steps * np.finfo(np.float64).eps)
        columns.append(col)
    return np.column_stack(columns)


@settings(max_examples=50, deadline=None)
@given(matrices_with_tricky_columns())
def test_standardize_matches_standard_scaler(X):
    X_before = X.copy()
    _assert_matches_scaler(X)
    assert np.array_equal(X, X_before)


def test_constant_columns_get_scale_one_even_with_rounding():
    equal = np.full(10, 0.3)
    assert np.var(equal) > 0  # the plain two-pass variance of equal values is not 0 here
    # nearly equal values (a few ulps apart): a variance of 5e-29, constant by the bound
    nearly = np.array([-3.300000000000011, -3.3000000000000056, -3.3000000000000065,
                       -3.3000000000000007, -3.300000000000001, -3.3, -3.3000000000000034,
                       -3.3000000000000176, -3.3000000000000136, -3.30000000000002])  # fmt: skip
    X = np.column_stack([equal, np.full(10, 1e10 + 0.1), nearly, np.arange(10.0)])
    assert StandardScaler().fit(X).var_[2] > 0
    Z, _, scale = _assert_matches_scaler(X)
    assert scale[:3].tolist() == [1.0, 1.0, 1.0]
    assert scale[3] == pytest.approx(np.std(X[:, 3]), rel=1e-15)
    assert np.all(np.abs(Z[:, :3]) <= 1e-15 * np.abs(X[:, :3]) * 16)  # a few ulps of X


def test_standardize_single_row_and_known_values():
    Z, _, scale = _assert_matches_scaler(np.array([[1.0, -2.0]]))
    assert Z.tolist() == [[0.0, 0.0]] and scale.tolist() == [1.0, 1.0]
    Z, _, _ = standardize([[1.0], [3.0]])
    assert Z.tolist() == [[-1.0], [1.0]]


@pytest.mark.parametrize(
    ("X", "match"),
    [([1.0, 2.0], "2-D"), (np.zeros((0, 2)), "no rows"), ([[1.0], [np.nan]], "finite")],
)
def test_standardize_errors(X, match):
    with pytest.raises(ValueError, match=match):
        standardize(X)


# --- normal distribution -----------------------------------------------------------------


@pytest.mark.parametrize(("mu", "sigma"), [(0.0, 1.0), (3.0, 0.5), (-2.0, 7.0), (1e3, 1e-3)])
def test_normal_pdf_and_cdf_match_scipy_including_tails(mu, sigma):
    z = np.concatenate([np.linspace(-40, 40, 801), [-38.5, -30.0, -8.0, 8.0, 30.0]])
    x = mu + sigma * z
    dist = scipy.stats.norm(mu, sigma)
    np.testing.assert_allclose(normal_pdf(x, mu, sigma), dist.pdf(x), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(normal_cdf(x, mu, sigma), dist.cdf(x), rtol=RTOL, atol=ATOL)
    # the lower tail keeps its relative accuracy, well below atol
    tail = (z > -37) & (z < -5)
    np.testing.assert_allclose(normal_cdf(x, mu, sigma)[tail], dist.cdf(x)[tail], rtol=1e-10)


@settings(max_examples=50, deadline=None)
@given(
    hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=6), elements=st.floats(-50, 50)),
    st.floats(-10, 10),
    st.floats(0.01, 100),
)
def test_normal_functions_property(x, mu, sigma):
    pdf, cdf = normal_pdf(x, mu, sigma), normal_cdf(x, mu, sigma)
    assert pdf.shape == cdf.shape == x.shape
    np.testing.assert_allclose(pdf, scipy.stats.norm.pdf(x, mu, sigma), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(cdf, scipy.stats.norm.cdf(x, mu, sigma), rtol=RTOL, atol=ATOL)
    assert np.all((cdf >= 0) & (cdf <= 1)) and np.all(pdf >= 0)
    np.testing.assert_allclose(cdf + normal_cdf(2 * mu - x, mu, sigma), 1.0, rtol=0, atol=1e-15)


def test_normal_functions_scalars_and_broadcasting():
    assert normal_cdf(0.0) == 0.5 and type(normal_cdf(0.0)) is float
    assert type(normal_pdf(1)) is float
    assert normal_pdf(0.0) == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-15)
    x, mu, sigma = np.array([[0.0], [1.0]]), np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(
        normal_cdf(x, mu, sigma), scipy.stats.norm.cdf(x, mu, sigma), rtol=RTOL, atol=ATOL
    )
    assert normal_pdf(x, mu, sigma).shape == (2, 3)


@pytest.mark.parametrize("function", [normal_pdf, normal_cdf])
@pytest.mark.parametrize("sigma", [0.0, -1.0, np.nan, np.inf, [1.0, 0.0]])
def test_non_positive_sigma_raises(function, sigma):
    with pytest.raises(ValueError, match="sigma"):
        function(0.5, 0.0, sigma)


@pytest.mark.parametrize("function", [normal_pdf, normal_cdf])
def test_normal_shape_mismatch_and_bad_types_raise(function):
    with pytest.raises(ValueError, match="broadcast"):
        function(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match="x"):
        function("a")


# --- least squares -----------------------------------------------------------------------


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
