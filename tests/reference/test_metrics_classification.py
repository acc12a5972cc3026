"""Tests for reference.metrics.classification against sklearn.metrics."""

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.metrics.classification import confusion_matrix, precision_recall_f1

TOL = {"rtol": 1e-7, "atol": 1e-9}

# --- confusion_matrix -------------------------------------------------------------------


def test_confusion_matrix_matches_sklearn():
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 4, size=50), rng.integers(0, 4, size=50)
    ours = confusion_matrix(y_true, y_pred, 5)
    assert ours.dtype == np.int64 and ours.shape == (5, 5)
    np.testing.assert_array_equal(ours, skm.confusion_matrix(y_true, y_pred, labels=range(5)))


def test_confusion_matrix_rows_are_true_classes():
    cm = confusion_matrix(np.array([0, 0, 1]), np.array([1, 1, 1]), 2)
    np.testing.assert_array_equal(cm, [[0, 2], [0, 1]])


def test_confusion_matrix_empty_and_bool():
    np.testing.assert_array_equal(
        confusion_matrix(np.array([], dtype=int), np.array([], dtype=int), 3), np.zeros((3, 3))
    )
    cm = confusion_matrix(np.array([True, False]), np.array([True, True]), 2)
    np.testing.assert_array_equal(cm, [[0, 1], [0, 1]])


@pytest.mark.filterwarnings("ignore:A single label was found:UserWarning")
@settings(max_examples=50, deadline=None)
@given(
    data=st.data(),
    n=st.integers(0, 40),
    n_classes=st.integers(1, 6),
)
def test_confusion_matrix_property(data, n, n_classes):
    labels = st.integers(0, n_classes - 1)
    y_true = data.draw(hnp.arrays(np.int64, n, elements=labels))
    y_pred = data.draw(hnp.arrays(np.int64, n, elements=labels))
    cm = confusion_matrix(y_true, y_pred, n_classes)
    assert cm.sum() == n
    np.testing.assert_array_equal(cm.sum(axis=1), np.bincount(y_true, minlength=n_classes))
    if n:
        expected = skm.confusion_matrix(y_true, y_pred, labels=range(n_classes))
        np.testing.assert_array_equal(cm, expected)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((np.array([0, 1]), np.array([0]), 2), "y_true has 2 labels but y_pred has 1"),
        ((np.array([0, 2]), np.array([0, 1]), 2), r"y_true must lie in \[0, 1\]"),
        ((np.array([0, 1]), np.array([-1, 1]), 2), "y_pred must lie in"),
        ((np.array([0.0, 1.0]), np.array([0, 1]), 2), "y_true must hold integer"),
        ((np.array([[0, 1]]), np.array([[0, 1]]), 2), "y_true must be 1-D"),
        ((np.array([0]), np.array([0]), 0), "n_classes=0"),
        ((np.array([0]), np.array([0]), 2.0), "n_classes=2.0"),
    ],
)
def test_confusion_matrix_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        confusion_matrix(*args)


# --- precision_recall_f1 ----------------------------------------------------------------


def _sklearn_prf(y_true, y_pred, average, pos_label=1):
    p, r, f, _ = skm.precision_recall_fscore_support(
        y_true, y_pred, average=average, pos_label=pos_label, zero_division=0
    )
    return p, r, f


@pytest.mark.parametrize("average", ["macro", "micro", "weighted"])
def test_multiclass_averages_match_sklearn(average):
    rng = np.random.default_rng(1)
    y_true, y_pred = rng.integers(0, 5, size=80), rng.integers(0, 4, size=80)
    ours = precision_recall_f1(y_true, y_pred, average=average)
    assert all(isinstance(v, float) for v in ours)
    np.testing.assert_allclose(ours, _sklearn_prf(y_true, y_pred, average), **TOL)


def test_macro_f1_is_the_mean_of_per_class_f1():
    y_true = np.array([0, 0, 0, 1, 1, 2])
    y_pred = np.array([0, 1, 1, 1, 2, 2])
    _, _, f1 = precision_recall_f1(y_true, y_pred, average="macro")
    per_class = skm.f1_score(y_true, y_pred, average=None)
    np.testing.assert_allclose(f1, per_class.mean(), **TOL)
    p, r, _ = precision_recall_f1(y_true, y_pred, average="macro")
    assert abs(f1 - 2 * p * r / (p + r)) > 1e-3  # not the F1 of the averages


def test_binary_matches_sklearn_and_uses_pos_label():
    y_true = np.array([3, 7, 7, 3, 7, 7])
    y_pred = np.array([7, 7, 3, 3, 7, 3])
    for pos_label in (3, 7):
        ours = precision_recall_f1(y_true, y_pred, pos_label=pos_label)
        np.testing.assert_allclose(ours, _sklearn_prf(y_true, y_pred, "binary", pos_label), **TOL)
    assert precision_recall_f1(y_true, y_pred, pos_label=3) != precision_recall_f1(
        y_true, y_pred, pos_label=7
    )


def test_binary_default_and_bool_labels():
    y_true = np.array([1, 0, 1, 1, 0])
    y_pred = np.array([1, 1, 1, 0, 0])
    np.testing.assert_allclose(
        precision_recall_f1(y_true, y_pred), _sklearn_prf(y_true, y_pred, "binary"), **TOL
    )
    np.testing.assert_allclose(
        precision_recall_f1(y_true.astype(bool), y_pred.astype(bool)),
        _sklearn_prf(y_true.astype(bool), y_pred.astype(bool), "binary"),
        **TOL,
    )


@pytest.mark.parametrize(
    ("y_true", "y_pred", "pos_label"),
    [
        ([0, 0, 0], [0, 0, 0], 1),  # one label present, not pos_label: everything 0
        ([1, 1, 1], [1, 1, 1], 1),  # one label, pos_label: perfect
        ([0, 0, 1], [0, 0, 0], 1),  # no positive prediction: precision 0 by zero division
        ([0, 0, 0], [0, 1, 0], 1),  # no positive truth: recall 0
    ],
)
def test_binary_zero_division_and_single_label(y_true, y_pred, pos_label):
    ours = precision_recall_f1(np.array(y_true), np.array(y_pred), pos_label=pos_label)
    expected = _sklearn_prf(np.array(y_true), np.array(y_pred), "binary", pos_label)
    np.testing.assert_allclose(ours, expected, **TOL)


def test_pos_label_is_ignored_by_other_averages():
    y_true, y_pred = np.array([0, 1, 2, 2, 1]), np.array([0, 2, 2, 1, 1])
    for average in ("macro", "micro", "weighted"):
        assert precision_recall_f1(y_true, y_pred, average, pos_label=42) == precision_recall_f1(
            y_true, y_pred, average
        )


def test_string_labels():
    y_true = np.array(["cat", "dog", "cat", "bird"])
    y_pred = np.array(["cat", "cat", "cat", "dog"])
    for average in ("macro", "micro", "weighted"):
        np.testing.assert_allclose(
            precision_recall_f1(y_true, y_pred, average),
            _sklearn_prf(y_true, y_pred, average),
            **TOL,
        )
    np.testing.assert_allclose(
        precision_recall_f1(y_true[:2], y_pred[:2], pos_label="dog"),
        _sklearn_prf(y_true[:2], y_pred[:2], "binary", "dog"),
        **TOL,
    )


@settings(max_examples=50, deadline=None)
@given(data=st.data(), n=st.integers(1, 30), n_labels=st.integers(1, 5))
def test_all_averages_match_sklearn_property(data, n, n_labels):
    labels = st.integers(0, n_labels - 1)
    y_true = data.draw(hnp.arrays(np.int64, n, elements=labels))
    y_pred = data.draw(hnp.arrays(np.int64, n, elements=labels))
    for average in ("macro", "micro", "weighted"):
        np.testing.assert_allclose(
            precision_recall_f1(y_true, y_pred, average),
            _sklearn_prf(y_true, y_pred, average),
            **TOL,
        )
    present = np.union1d(y_true, y_pred)
    pos_label = int(data.draw(st.sampled_from(present.tolist())))
    if len(present) <= 2:
        np.testing.assert_allclose(
            precision_recall_f1(y_true, y_pred, pos_label=pos_label),
            _sklearn_prf(y_true, y_pred, "binary", pos_label),
            **TOL,
        )
    else:
        with pytest.raises(ValueError, match="average='binary'"):
            precision_recall_f1(y_true, y_pred, pos_label=pos_label)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (([0, 1, 2], [0, 1, 1]), {}, "average='binary' needs at most two labels"),
        (([0, 2, 2], [0, 2, 0]), {}, "pos_label=1 is not a present label"),
        (([0, 1], [0, 1]), {"average": "samples"}, "average='samples'"),
        (([0, 1], [0]), {}, "y_true has 2 labels but y_pred has 1"),
        (([], []), {}, "empty"),
        (([[0, 1]], [[0, 1]]), {}, "y_true must be 1-D"),
    ],
)
def test_precision_recall_f1_rejects_bad_input(args, kwargs, match):
    y_true, y_pred = (np.array(a) for a in args)
    with pytest.raises(ValueError, match=match):
        precision_recall_f1(y_true, y_pred, **kwargs)
