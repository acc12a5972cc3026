"""Tests for reference.metrics.ranking: ROC curve and AUC against sklearn and slow versions."""

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.metrics.ranking import _roc_auc_pairwise, _roc_curve_naive, roc_auc, roc_curve

TOL = {"rtol": 1e-7, "atol": 1e-9}


@st.composite
def _labels_and_scores(draw, max_n=40):
    """Both classes present; scores drawn from a few levels (many ties) or continuous."""
    n = draw(st.integers(2, max_n))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 1)))
    y[0], y[1] = 0, 1
    y = y[draw(st.permutations(range(n)))]
    if draw(st.booleans()):
        scores = draw(hnp.arrays(np.int64, n, elements=st.integers(-3, 3))).astype(float)
    else:
        scores = draw(hnp.arrays(np.float64, n, elements=st.floats(-1e3, 1e3)))
    return y, scores


def _assert_curves_equal(ours, theirs):
    for a, b in zip(ours, theirs, strict=True):
        assert a.dtype == np.float64
        np.testing.assert_allclose(a, b, **TOL)


def test_roc_curve_matches_sklearn_without_dropping_points():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, size=200)
    scores = rng.normal(size=200) + y
    theirs = skm.roc_curve(y, scores, drop_intermediate=False)
    _assert_curves_equal(roc_curve(y, scores), theirs)
    assert np.isinf(roc_curve(y, scores)[2][0])


def test_roc_curve_with_ties():
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    scores = np.array([0.2, 0.5, 0.5, 0.5, 0.9, 0.1, 0.2, 0.2])
    fpr, tpr, thresholds = roc_curve(y, scores)
    np.testing.assert_array_equal(thresholds, [np.inf, 0.9, 0.5, 0.2, 0.1])
    np.testing.assert_allclose(tpr, [0, 0.25, 0.75, 1, 1], **TOL)
    np.testing.assert_allclose(fpr, [0, 0, 0.25, 0.75, 1], **TOL)
    _assert_curves_equal((fpr, tpr, thresholds), skm.roc_curve(y, scores, drop_intermediate=False))


def test_roc_auc_matches_sklearn_with_and_without_ties():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, size=500)
    for scores in (rng.normal(size=500) + y, np.round(rng.random(500) * 5)):
        result = roc_auc(y, scores)
        assert isinstance(result, float)
        np.testing.assert_allclose(result, skm.roc_auc_score(y, scores), **TOL)
        np.testing.assert_allclose(result, _roc_auc_pairwise(y, scores), **TOL)


@pytest.mark.parametrize(
    ("y", "scores", "expected"),
    [
        ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.75),
        ([0, 1], [0.5, 0.5], 0.5),  # a tie counts one half
        ([0, 1], [0.9, 0.1], 0.0),
        ([1, 0], [0.9, 0.1], 1.0),
        ([0, 0, 1], [1.0, 1.0, 1.0], 0.5),
    ],
)
def test_roc_auc_small_cases(y, scores, expected):
    assert roc_auc(np.array(y), np.array(scores)) == expected
    assert skm.roc_auc_score(y, scores) == pytest.approx(expected)


def test_bool_labels_and_integer_scores():
    y = np.array([True, False, True, False, True])
    scores = np.array([3, 1, 2, 2, 5])
    np.testing.assert_allclose(roc_auc(y, scores), skm.roc_auc_score(y, scores), **TOL)
    _assert_curves_equal(roc_curve(y, scores), skm.roc_curve(y, scores, drop_intermediate=False))


@settings(max_examples=50, deadline=None)
@given(data=_labels_and_scores())
def test_fast_versions_agree_with_slow_ones_and_sklearn(data):
    y, scores = data
    curve = roc_curve(y, scores)
    _assert_curves_equal(curve, _roc_curve_naive(y, scores))
    _assert_curves_equal(curve, skm.roc_curve(y, scores, drop_intermediate=False))
    auc = roc_auc(y, scores)
    np.testing.assert_allclose(auc, _roc_auc_pairwise(y, scores), **TOL)
    np.testing.assert_allclose(auc, skm.roc_auc_score(y, scores), **TOL)
    np.testing.assert_allclose(auc, np.trapezoid(curve[1], curve[0]), **TOL)
    assert np.all(np.diff(curve[0]) >= 0) and np.all(np.diff(curve[1]) >= 0)


@settings(max_examples=30, deadline=None)
@given(data=_labels_and_scores(max_n=20))
def test_roc_auc_is_invariant_to_exact_monotone_transforms_and_order(data):
    y, scores = data
    auc = roc_auc(y, scores)
    # Transforms exact in floating point (3 * s + 7 could merge distinct tiny scores).
    np.testing.assert_allclose(roc_auc(y, 2 * scores), auc, **TOL)
    np.testing.assert_allclose(roc_auc(y, -scores), 1 - auc, **TOL)
    np.testing.assert_allclose(roc_auc(1 - y, scores), 1 - auc, **TOL)
    order = np.random.default_rng(0).permutation(len(y))
    np.testing.assert_allclose(roc_auc(y[order], scores[order]), auc, **TOL)


def test_inputs_are_not_modified():
    y = np.array([1, 0, 1, 0])
    scores = np.array([0.3, 0.1, 0.2, 0.4])
    roc_curve(y, scores)
    roc_auc(y, scores)
    np.testing.assert_array_equal(y, [1, 0, 1, 0])
    np.testing.assert_array_equal(scores, [0.3, 0.1, 0.2, 0.4])


@pytest.mark.parametrize("fn", [roc_curve, roc_auc, _roc_curve_naive, _roc_auc_pairwise])
@pytest.mark.parametrize(
    ("y", "scores", "match"),
    [
        ([1, 1, 1], [0.1, 0.2, 0.3], "no negative samples"),
        ([0, 0], [0.1, 0.2], "no positive samples"),
        ([0, 2, 1], [0.1, 0.2, 0.3], "only the labels 0 and 1"),
        ([0, 1], [0.1], "y_true has 2 labels but scores has 1"),
        ([[0, 1]], [[0.1, 0.2]], "y_true must be 1-D"),
        ([0, 1], [[0.1, 0.2]], "scores must be 1-D"),
        ([0, 1], [0.1, np.nan], "scores contains NaN"),
        ([0, 1], [0.1, np.inf], "scores contains NaN or infinite"),
        (["a", "b"], [0.1, 0.2], "only the labels 0 and 1"),
        ([0, 1], ["a", "b"], "scores must hold real numbers"),
    ],
)
def test_rejects_bad_input(fn, y, scores, match):
    with pytest.raises(ValueError, match=match):
        fn(np.array(y), np.array(scores))


@pytest.mark.slow
def test_roc_auc_on_a_million_scores_matches_sklearn():
    # the speed against scikit-learn is measured by bench/reference_speed.py
    rng = np.random.default_rng(0)
    n = 1_000_000
    y = rng.integers(0, 2, size=n)
    scores = rng.normal(size=n) + y
    np.testing.assert_allclose(roc_auc(y, scores), skm.roc_auc_score(y, scores), **TOL)
