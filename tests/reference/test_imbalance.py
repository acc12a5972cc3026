"""Tests for reference.imbalance (oracles: scikit-learn's class weights and nearest neighbours)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.class_weight import compute_class_weight

from reference.imbalance import class_weights, random_oversample, smote


@pytest.mark.parametrize(
    "y",
    [
        [0, 0, 0, 1],
        [5, 2, 2, 9, 9, 9, 9],
        ["cat", "dog", "dog"],
        [0.5, 1.5, 0.5],
        [7],
    ],
)
def test_class_weights_match_sklearn(y):
    weights = class_weights(np.asarray(y))
    classes = np.unique(y)
    expected = compute_class_weight("balanced", classes=classes, y=np.asarray(y))
    assert list(weights) == classes.tolist()
    np.testing.assert_allclose(list(weights.values()), expected, rtol=1e-7, atol=1e-9)


def test_class_weights_keys_and_values_are_python_scalars():
    weights = class_weights(np.array([1, 1, 2], dtype=np.int32))
    assert all(type(key) is int for key in weights)
    assert all(type(value) is float for value in weights.values())
    assert all(type(key) is str for key in class_weights(np.array(["a", "b"])))
    assert all(type(key) is float for key in class_weights(np.array([0.5, 1.0])))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=40))
def test_class_weights_balance_the_weighted_counts(y):
    y = np.array(y)
    weights = class_weights(y)
    classes, counts = np.unique(y, return_counts=True)
    np.testing.assert_allclose(
        [weights[c] * n for c, n in zip(classes.tolist(), counts)], y.size / classes.size
    )
    expected = compute_class_weight("balanced", classes=classes, y=y)
    np.testing.assert_allclose(list(weights.values()), expected, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize(("y", "match"), [([], "at least one label"), ([[0, 1]], "1-D")])
def test_class_weights_rejects_bad_input(y, match):
    with pytest.raises(ValueError, match=match):
        class_weights(np.array(y))


def _check_oversampled(X, y, X_res, y_res):
    n = len(y)
    np.testing.assert_array_equal(X_res[:n], X)
    np.testing.assert_array_equal(y_res[:n], y)
    classes, counts = np.unique(y_res, return_counts=True)
    np.testing.assert_array_equal(classes, np.unique(y))
    assert np.all(counts == np.unique(y, return_counts=True)[1].max())
    for row, label in zip(X_res[n:], y_res[n:]):
        # every extra row is a copy of an original row of its own class
        assert np.any(np.all(X[y == label] == row, axis=1))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=30), st.integers(0, 2**32 - 1))
def test_random_oversample_properties(labels, seed):
    y = np.array(labels)
    X = np.arange(2 * y.size, dtype=float).reshape(y.size, 2)
    X_res, y_res = random_oversample(X, y, np.random.default_rng(seed))
    _check_oversampled(X, y, X_res, y_res)


def test_random_oversample_is_reproducible_and_leaves_inputs_alone():
    X = np.arange(12.0).reshape(6, 2)
    y = np.array(["a", "b", "a", "a", "c", "a"])
    X_copy, y_copy = X.copy(), y.copy()
    first = random_oversample(X, y, np.random.default_rng(3))
    second = random_oversample(X, y, np.random.default_rng(3))
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    _check_oversampled(X, y, *first)
    # extra rows come class by class in ascending label order
    np.testing.assert_array_equal(first[1][6:], ["b"] * 3 + ["c"] * 3)


def test_random_oversample_keeps_balanced_data_unchanged():
    X = np.array([[1.0], [2.0]])
    X_res, y_res = random_oversample(X, np.array([0, 1]), np.random.default_rng(0))
    np.testing.assert_array_equal(X_res, X)
    np.testing.assert_array_equal(y_res, [0, 1])


@pytest.mark.parametrize(
    ("X", "y", "rng", "match"),
    [
        (np.zeros((3, 2)), np.zeros(2), np.random.default_rng(0), "same number of rows"),
        (np.zeros((2, 2)), np.zeros((2, 1)), np.random.default_rng(0), "y must be 1-D"),
        (np.zeros((2, 2)), np.zeros(2), 0, "rng must be a numpy.random.Generator"),
    ],
)
def test_random_oversample_rejects_bad_input(X, y, rng, match):
    with pytest.raises(ValueError, match=match):
        random_oversample(X, y, rng)


def _on_segment_to_a_neighbour(new_row, X, neighbour_sets):
    for i, neighbours in enumerate(neighbour_sets):
        for j in neighbours:
            direction = X[j] - X[i]
            lam = np.dot(new_row - X[i], direction) / np.dot(direction, direction)
            if -1e-12 <= lam <= 1 + 1e-12 and np.allclose(X[i] + lam * direction, new_row):
                return True
    return False


@settings(max_examples=30, deadline=None)
@given(st.integers(3, 15), st.integers(1, 2), st.integers(0, 20), st.integers(0, 2**32 - 1))
def test_smote_rows_lie_on_segments_to_k_nearest_neighbours(n, k, n_new, seed):
    data_rng = np.random.default_rng(seed)
    X = data_rng.normal(size=(n, 3))
    new = smote(X, n_new, k, np.random.default_rng(seed + 1))
    assert new.shape == (n_new, 3)
    assert new.dtype == np.float64
    # oracle neighbour sets (continuous random data: no distance ties)
    _, indices = NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X)
    neighbour_sets = [[j for j in row if j != i][:k] for i, row in enumerate(indices)]
    for row in new:
        assert _on_segment_to_a_neighbour(row, X, neighbour_sets)


def test_smote_uses_only_the_nearest_neighbour_when_k_is_1():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 10.0]])
    new = smote(X, 50, 1, np.random.default_rng(0))
    # 0 and 1 are each other's nearest; 2's nearest is 1: no segment from 0 towards 2
    for row in new:
        on_01 = row[1] == 0.0 and 0.0 <= row[0] <= 1.0
        on_21 = np.isclose(row[1] - 10.0, (row[0] - 10.0) * 10.0 / 9.0) and row[0] >= 1.0
        assert on_01 or on_21


def test_smote_is_reproducible_and_leaves_input_alone():
    X = np.random.default_rng(0).normal(size=(6, 2))
    X_copy = X.copy()
    first = smote(X, 5, 2, np.random.default_rng(9))
    np.testing.assert_array_equal(first, smote(X, 5, 2, np.random.default_rng(9)))
    np.testing.assert_array_equal(X, X_copy)
    assert smote(X, 0, 2, np.random.default_rng(0)).shape == (0, 2)


@pytest.mark.parametrize(
    ("X", "n_new", "k", "rng", "match"),
    [
        (np.zeros((5, 2)), 3, 5, np.random.default_rng(0), "k=5 must be less than"),
        (np.zeros((5, 2)), 3, 7, np.random.default_rng(0), "n=5"),
        (np.zeros((5, 2)), 3, 0, np.random.default_rng(0), "k must be a positive int"),
        (np.zeros((5, 2)), -1, 2, np.random.default_rng(0), "n_new must be"),
        (np.zeros(5), 3, 2, np.random.default_rng(0), "X_minority must be 2-D"),
        (np.zeros((5, 2)), 3, 2, None, "rng must be"),
    ],
)
def test_smote_rejects_bad_input(X, n_new, k, rng, match):
    with pytest.raises(ValueError, match=match):
        smote(X, n_new, k, rng)
