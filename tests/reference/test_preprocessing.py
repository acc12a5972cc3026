"""Tests for reference.preprocessing: one_hot and label_encode (oracle: scikit-learn)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.preprocessing import LabelEncoder

from reference.preprocessing import label_encode, one_hot


def test_one_hot_defaults_to_max_plus_one_columns():
    out = one_hot(np.array([2, 0, 2]))
    np.testing.assert_array_equal(out, [[0, 0, 1], [1, 0, 0], [0, 0, 1]])
    assert out.dtype == np.float64


def test_one_hot_with_n_classes_adds_empty_columns():
    out = one_hot([1, 0], n_classes=4)
    np.testing.assert_array_equal(out, [[0, 1, 0, 0], [1, 0, 0, 0]])


def test_one_hot_accepts_integral_floats_and_empty_input():
    np.testing.assert_array_equal(one_hot(np.array([1.0, 0.0])), [[0, 1], [1, 0]])
    assert one_hot(np.array([], dtype=int)).shape == (0, 0)
    assert one_hot([], n_classes=3).shape == (0, 3)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=1, max_size=30), st.integers(0, 5))
def test_one_hot_rows_are_indicator_vectors(labels, extra):
    n_classes = max(labels) + 1 + extra
    out = one_hot(labels, n_classes)
    assert out.shape == (len(labels), n_classes)
    np.testing.assert_array_equal(out.sum(axis=1), 1.0)
    np.testing.assert_array_equal(out.argmax(axis=1), labels)


@pytest.mark.parametrize(
    ("labels", "kwargs", "match"),
    [
        ([[0, 1]], {}, "labels must be 1-D"),
        ([0, -1], {}, "non-negative"),
        ([0.5, 1.0], {}, "labels must hold integers"),
        (["a"], {}, "labels must hold integers"),
        ([0, 3], {"n_classes": 3}, "below n_classes=3"),
        ([0], {"n_classes": -1}, "n_classes must be non-negative"),
        ([0], {"n_classes": 2.0}, "n_classes must be an int"),
    ],
)
def test_one_hot_rejects_bad_input(labels, kwargs, match):
    with pytest.raises(ValueError, match=match):
        one_hot(labels, **kwargs)


@pytest.mark.parametrize(
    "values",
    [
        [3, 1, 3, 7, 1],
        ["paris", "tokyo", "paris", "amsterdam"],
        [2.5, -1.0, 2.5, 0.0],
        [True, False, True],
        [42],
    ],
)
def test_label_encode_matches_sklearn(values):
    codes, classes = label_encode(values)
    encoder = LabelEncoder()
    expected = encoder.fit_transform(values)
    np.testing.assert_array_equal(codes, expected)
    np.testing.assert_array_equal(classes, encoder.classes_)
    assert classes.dtype == encoder.classes_.dtype
    assert codes.dtype == np.int64
    np.testing.assert_array_equal(classes[codes], values)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=30))
def test_label_encode_matches_sklearn_on_random_ints(values):
    values = np.array(values, dtype=np.int64)
    codes, classes = label_encode(values)
    if values.size:
        np.testing.assert_array_equal(codes, LabelEncoder().fit_transform(values))
    np.testing.assert_array_equal(classes, np.unique(values))


def test_label_encode_does_not_modify_input_and_rejects_2d():
    values = np.array([3, 1, 2])
    label_encode(values)
    np.testing.assert_array_equal(values, [3, 1, 2])
    with pytest.raises(ValueError, match="values must be 1-D"):
        label_encode([[1, 2]])
