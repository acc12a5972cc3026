"""Tests for reference.metrics.regression against sklearn.metrics."""

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.metrics.regression import mae, mse, rmse

TOL = {"rtol": 1e-7, "atol": 1e-9}
PAIRS = [
    (mse, skm.mean_squared_error),
    (mae, skm.mean_absolute_error),
    (rmse, skm.root_mean_squared_error),
]


@pytest.mark.parametrize(("ours", "theirs"), PAIRS)
@pytest.mark.parametrize("shape", [(1,), (17,), (9, 1), (9, 3)])
def test_matches_sklearn(ours, theirs, shape):
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.normal(size=shape), rng.normal(size=shape)
    result = ours(y_true, y_pred)
    assert isinstance(result, float)
    np.testing.assert_allclose(result, theirs(y_true, y_pred), **TOL)


@settings(max_examples=50, deadline=None)
@given(
    data=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 20), st.just(2)),
        elements=st.floats(-1e6, 1e6),
    ),
    two_d=st.booleans(),
)
def test_matches_sklearn_property(data, two_d):
    y_true, y_pred = (data[:, :1], data[:, 1:]) if two_d else (data[:, 0], data[:, 1])
    for ours, theirs in PAIRS:
        np.testing.assert_allclose(ours(y_true, y_pred), theirs(y_true, y_pred), **TOL)


def test_integer_inputs_and_exact_values():
    assert mse([1, 2, 3], [1, 2, 5]) == pytest.approx(4 / 3, rel=1e-12)
    assert mae([1, 2, 3], [1, 2, 5]) == pytest.approx(2 / 3, rel=1e-12)
    assert rmse([1, 2, 3], [1, 2, 5]) == pytest.approx(np.sqrt(4 / 3), rel=1e-12)
    assert mse([2.0], [2.0]) == 0.0


@pytest.mark.parametrize("fn", [mse, mae, rmse])
@pytest.mark.parametrize(
    ("y_true", "y_pred", "match"),
    [
        (np.ones(3), np.ones(4), "y_true has shape"),
        (np.ones(0), np.ones(0), "y_true must have shape"),
        (np.ones((2, 2, 2)), np.ones((2, 2, 2)), "y_true must have shape"),
        (np.ones(2), np.array([1.0, np.nan]), "y_pred contains NaN"),
        (np.array(["a"]), np.ones(1), "y_true must hold real numbers"),
    ],
)
def test_rejects_bad_input(fn, y_true, y_pred, match):
    with pytest.raises(ValueError, match=match):
        fn(y_true, y_pred)
