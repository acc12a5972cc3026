"""Tests for reference.stats.descriptive against NumPy, the statistics module and scikit-learn,
and for the whole reference.stats package: no forbidden name anywhere in it."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import statistics

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.preprocessing import StandardScaler

import reference.stats
from reference.stats import (
    mean,
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
