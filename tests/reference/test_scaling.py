"""Tests for reference.scaling against sklearn's StandardScaler and MinMaxScaler."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from reference.scaling import apply_standardizer, fit_standardizer, min_max_scale

TOL = {"rtol": 1e-7, "atol": 1e-9}

_finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


def _with_constant_columns(X, values):
    X = X.copy()
    for j, value in values.items():
        X[:, j] = value
    return X


@st.composite
def _matrices(draw):
    """Matrices whose columns are random, constant (also awkward to round) or nearly constant."""
    n = draw(st.integers(1, 30))
    d = draw(st.integers(1, 5))
    X = draw(hnp.arrays(np.float64, (n, d), elements=_finite))
    for j in range(d):
        kind = draw(st.sampled_from(["random", "constant", "awkward", "nearly"]))
        if kind == "constant":
            X[:, j] = draw(_finite)
        elif kind == "awkward":
            X[:, j] = draw(st.sampled_from([0.1, 1 / 3, 1e9 + 0.1, -7.7e-5, 123456.789]))
        elif kind == "nearly":  # a few ulps apart: the constant rule's borderline
            value = draw(st.sampled_from([0.7, 1e9 + 0.1, 3.0]))
            ulps = draw(st.integers(1, 64))
            X[:, j] = value + (np.arange(n) % 2) * ulps * np.spacing(value)
    return X


def _sklearn_standard(X_train):
    scaler = StandardScaler().fit(X_train)
    return scaler, scaler.mean_, scaler.scale_


def test_fit_standardizer_matches_standard_scaler():
    X = np.random.default_rng(0).normal(3.0, 2.0, size=(50, 4))
    mean, scale = fit_standardizer(X)
    _, sk_mean, sk_scale = _sklearn_standard(X)
    np.testing.assert_allclose(mean, sk_mean, **TOL)
    np.testing.assert_allclose(scale, sk_scale, **TOL)
    np.testing.assert_allclose(mean, X.mean(axis=0), **TOL)
    np.testing.assert_allclose(scale, X.std(axis=0), **TOL)


def test_constant_column_with_rounding_variance_gets_scale_one():
    # 0.7 and 1e9 + 0.1 repeated: rounding leaves a non-zero variance, yet sklearn calls them
    # constant.
    X = _with_constant_columns(np.random.default_rng(1).normal(size=(7, 3)), {1: 0.7, 2: 1e9 + 0.1})
    # numpy's std is 1.1e-16 and 1.2e-7 here: an "is the std zero?" rule would divide by them.
    assert np.std(X[:, 1]) > 0 and np.std(X[:, 2]) > 0
    mean, scale = fit_standardizer(X)
    np.testing.assert_array_equal(scale[1:], [1.0, 1.0])
    np.testing.assert_allclose(scale, _sklearn_standard(X)[2], **TOL)
    Z = apply_standardizer(X, mean, scale)
    np.testing.assert_allclose(Z, StandardScaler().fit_transform(X), **TOL)


def test_single_row_is_constant():
    mean, scale = fit_standardizer(np.array([[2.0, -3.0]]))
    np.testing.assert_array_equal(mean, [2.0, -3.0])
    np.testing.assert_array_equal(scale, [1.0, 1.0])


@settings(max_examples=50, deadline=None)
@given(X=_matrices())
def test_standardizer_matches_sklearn_including_constant_columns(X):
    mean, scale = fit_standardizer(X)
    scaler, sk_mean, sk_scale = _sklearn_standard(X)
    np.testing.assert_allclose(mean, sk_mean, **TOL)
    np.testing.assert_array_equal(scale == 1.0, sk_scale == 1.0)
    np.testing.assert_allclose(scale, sk_scale, **TOL)
    np.testing.assert_allclose(apply_standardizer(X, mean, scale), scaler.transform(X), **TOL)


def test_validation_data_never_leaks_into_the_statistics():
    rng = np.random.default_rng(2)
    X_train, X_val = rng.normal(size=(30, 3)), rng.normal(5.0, 10.0, size=(12, 3))
    mean, scale = fit_standardizer(X_train)
    Z_val = apply_standardizer(X_val, mean, scale)
    np.testing.assert_allclose(Z_val, StandardScaler().fit(X_train).transform(X_val), **TOL)
    # The validation data's own statistics differ, so a leaking fit would be caught.
    assert not np.allclose(Z_val.mean(axis=0), 0.0, atol=0.1)


def test_inputs_are_not_modified():
    X = np.random.default_rng(3).normal(size=(8, 2))
    before = X.copy()
    mean, scale = fit_standardizer(X)
    mean_before, scale_before = mean.copy(), scale.copy()
    apply_standardizer(X, mean, scale)
    min_max_scale(X)
    np.testing.assert_array_equal(X, before)
    np.testing.assert_array_equal(mean, mean_before)
    np.testing.assert_array_equal(scale, scale_before)


def test_integer_input_gives_float64():
    X = np.array([[1, 2], [3, 2]])
    mean, scale = fit_standardizer(X)
    assert mean.dtype == scale.dtype == np.float64
    assert apply_standardizer(X, mean, scale).dtype == np.float64
    assert min_max_scale(X).dtype == np.float64


@settings(max_examples=50, deadline=None)
@given(
    X=_matrices(),
    feature_range=st.sampled_from([(0.0, 1.0), (-1.0, 1.0), (2.5, 7.0), (-3.0, -1e-3)]),
)
def test_min_max_scale_matches_sklearn(X, feature_range):
    expected = MinMaxScaler(feature_range=feature_range).fit_transform(X)
    np.testing.assert_allclose(min_max_scale(X, feature_range), expected, **TOL)


def test_min_max_scale_constant_column_maps_to_lower_bound():
    X = np.array([[1.0, 4.0], [2.0, 4.0], [3.0, 4.0]])
    out = min_max_scale(X, (-1.0, 1.0))
    np.testing.assert_allclose(out, [[-1.0, -1.0], [0.0, -1.0], [1.0, -1.0]], **TOL)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: fit_standardizer(np.ones(3)), "X_train must be 2-D"),
        (lambda: fit_standardizer(np.ones((0, 2))), "X_train has no rows"),
        (lambda: fit_standardizer(np.array([[1.0, np.nan]])), "X_train contains NaN"),
        (lambda: fit_standardizer(np.array([["a"]])), "X_train must hold real numbers"),
        (lambda: apply_standardizer(np.ones((2, 2)), np.zeros(3), np.ones(2)), "mean has shape"),
        (lambda: apply_standardizer(np.ones((2, 2)), np.zeros(2), np.ones(3)), "scale has shape"),
        (lambda: apply_standardizer(np.ones((2, 2)), np.zeros(2), np.zeros(2)), "scale must be"),
        (lambda: apply_standardizer(np.ones(2), np.zeros(2), np.ones(2)), "X must be 2-D"),
        (lambda: min_max_scale(np.ones((2, 2)), (1.0, 0.0)), "feature_range"),
        (lambda: min_max_scale(np.ones((2, 2)), (1.0, 1.0)), "feature_range"),
        (lambda: min_max_scale(np.ones((2, 2)), (0.0, 1.0, 2.0)), "feature_range"),
        (lambda: min_max_scale(np.ones((2, 2)), (0.0, np.inf)), "feature_range"),
        (lambda: min_max_scale(np.array([[np.inf]])), "X contains NaN"),
    ],
)
def test_bad_input_raises(call, match):
    with pytest.raises(ValueError, match=match):
        call()
