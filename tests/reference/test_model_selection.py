"""Tests for reference.model_selection: splits, k-fold indices, cross-validation."""

import math
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.model_selection import KFold
from sklearn.model_selection import cross_val_score as sk_cross_val_score
from sklearn.neighbors import KNeighborsClassifier

from reference.model_selection import cross_val_score, kfold_indices, train_val_test_split

# --- train_val_test_split ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "ratios", "sizes"),
    [
        (10, (0.6, 0.2, 0.2), (6, 2, 2)),
        (10, (0.7, 0.2, 0.1), (7, 2, 1)),
        (7, (0.6, 0.2, 0.2), (4, 1, 2)),
        (100, (0.29, 0.31, 0.4), (28, 31, 41)),  # floor(100 * 0.29) == 28 in floating point
        (0, (0.6, 0.2, 0.2), (0, 0, 0)),
        (5, (1.0, 0.0, 0.0), (5, 0, 0)),
    ],
)
def test_split_sizes(n, ratios, sizes):
    train, val, test = train_val_test_split(n, ratios, seed=3)
    assert (len(train), len(val), len(test)) == sizes


def test_split_floor_is_computed_in_floating_point():
    assert math.floor(100 * 0.29) == 28
    assert len(train_val_test_split(100, (0.29, 0.31, 0.4))[0]) == 28


def test_split_is_pieces_of_the_seeded_permutation_in_order():
    perm = np.random.default_rng(42).permutation(23)
    train, val, test = train_val_test_split(23, (0.5, 0.25, 0.25), seed=42)
    np.testing.assert_array_equal(np.concatenate([train, val, test]), perm)
    assert len(train) == 11 and len(val) == 5


def test_split_default_arguments():
    train, val, test = train_val_test_split(20)
    expected = np.random.default_rng(0).permutation(20)
    np.testing.assert_array_equal(train, expected[:12])
    np.testing.assert_array_equal(val, expected[12:16])
    np.testing.assert_array_equal(test, expected[16:])
    assert train.dtype == np.int64


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(0, 200),
    r0=st.floats(0, 1),
    share=st.floats(0, 1),
    seed=st.integers(0, 2**32 - 1),
)
def test_split_partitions_the_indices(n, r0, share, seed):
    r1 = (1 - r0) * share
    ratios = (r0, r1, 1 - r0 - r1)
    train, val, test = train_val_test_split(n, ratios, seed)
    assert sorted(np.concatenate([train, val, test]).tolist()) == list(range(n))
    assert len(train) == math.floor(n * r0) and len(val) == math.floor(n * r1)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 10, "ratios": (0.6, 0.2, 0.3)}, "ratios"),
        ({"n": 10, "ratios": (0.5, 0.5)}, "ratios"),
        ({"n": 10, "ratios": (1.2, -0.1, -0.1)}, "ratios"),
        ({"n": 10, "ratios": "abc"}, "ratios"),
        ({"n": -1}, "n=-1"),
        ({"n": 2.5}, "n=2.5"),
    ],
)
def test_split_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        train_val_test_split(**kwargs)


def test_split_sum_tolerance_is_1e_9():
    train_val_test_split(10, (0.6, 0.2, 0.2 + 5e-10))
    with pytest.raises(ValueError, match="sum to 1"):
        train_val_test_split(10, (0.6, 0.2, 0.2 + 2e-9))


# --- kfold_indices ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 3, 5, 10, 11, 17])
def test_kfold_matches_sklearn_unshuffled(n):
    for k in range(2, n + 1):
        ours = kfold_indices(n, k)
        theirs = list(KFold(k).split(np.zeros(n)))
        assert len(ours) == k
        for (train, val), (sk_train, sk_val) in zip(ours, theirs, strict=True):
            np.testing.assert_array_equal(train, sk_train)
            np.testing.assert_array_equal(val, sk_val)


def test_kfold_first_folds_are_larger():
    sizes = [len(val) for _, val in kfold_indices(11, 4)]
    assert sizes == [3, 3, 3, 2]


def test_kfold_shuffled_folds_are_sorted_slices_of_the_permutation():
    perm = np.random.default_rng(7).permutation(11)
    folds = kfold_indices(11, 3, shuffle=True, seed=7)
    starts = [0, 4, 8, 11]
    for i, (train, val) in enumerate(folds):
        np.testing.assert_array_equal(val, np.sort(perm[starts[i] : starts[i + 1]]))
        np.testing.assert_array_equal(train, np.setdiff1d(np.arange(11), val))


def test_kfold_shuffled_is_reproducible_and_seed_ignored_unshuffled():
    first = kfold_indices(20, 4, shuffle=True, seed=1)
    second = kfold_indices(20, 4, shuffle=True, seed=1)
    for (a, b), (c, d) in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)
    for (a, b), (c, d) in zip(kfold_indices(9, 3, seed=5), kfold_indices(9, 3), strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)


@settings(max_examples=50, deadline=None)
@given(
    data=st.data(),
    n=st.integers(2, 60),
    shuffle=st.booleans(),
    seed=st.one_of(st.none(), st.integers(0, 1000)),
)
def test_kfold_folds_partition_the_indices(data, n, shuffle, seed):
    k = data.draw(st.integers(2, n))
    folds = kfold_indices(n, k, shuffle=shuffle, seed=seed)
    assert len(folds) == k
    all_val = np.concatenate([val for _, val in folds])
    assert sorted(all_val.tolist()) == list(range(n))
    sizes = sorted((len(val) for _, val in folds), reverse=True)
    assert sizes == [n // k + (i < n % k) for i in range(k)]
    for train, val in folds:
        assert np.all(np.diff(train) > 0) and np.all(np.diff(val) > 0)
        np.testing.assert_array_equal(np.union1d(train, val), np.arange(n))
        assert np.intersect1d(train, val).size == 0


@pytest.mark.parametrize(
    ("n", "k", "match"),
    [
        (5, 7, "k=7 is greater than the number of samples n=5"),
        (5, 1, "k=1"),
        (5, 0, "k=0"),
        (5, 2.0, "k=2.0"),
        (-3, 2, "n=-3"),
    ],
)
def test_kfold_rejects_bad_k_and_n(n, k, match):
    with pytest.raises(ValueError, match=match):
        kfold_indices(n, k)


# --- cross_val_score --------------------------------------------------------------------


def _toy_classification(n=47, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    y = (X[:, 0] + 0.5 * rng.normal(size=n) > 0).astype(np.int64)
    return X, y


@pytest.mark.parametrize("k", [2, 5, 7])
def test_cross_val_score_matches_sklearn(k):
    X, y = _toy_classification()
    ours = cross_val_score(lambda: KNeighborsClassifier(3), X, y, k=k)
    theirs = sk_cross_val_score(KNeighborsClassifier(3), X, y, cv=KFold(k), scoring="accuracy")
    assert ours.shape == (k,) and ours.dtype == np.float64
    np.testing.assert_allclose(ours, theirs, rtol=1e-7, atol=1e-9)


class _Recorder:
    """Model that remembers its training rows and predicts the training majority."""

    instances: ClassVar[list["_Recorder"]] = []

    def __init__(self):
        self.fitted_rows = None
        _Recorder.instances.append(self)

    def fit(self, X, y):
        assert self.fitted_rows is None, "a model must be fit only once"
        self.fitted_rows = X[:, 0].copy()
        self.label = np.bincount(y).argmax()
        return self

    def predict(self, X):
        return np.full(len(X), self.label)


def test_cross_val_score_uses_a_fresh_model_per_fold_on_the_training_rows():
    _Recorder.instances = []
    X = np.arange(10, dtype=float).reshape(10, 1)
    y = np.array([0, 0, 0, 1, 1, 1, 1, 1, 0, 0])
    X_before, y_before = X.copy(), y.copy()
    scores = cross_val_score(_Recorder, X, y, k=5)
    assert len(_Recorder.instances) == 5
    for model, (train, _) in zip(_Recorder.instances, kfold_indices(10, 5), strict=True):
        np.testing.assert_array_equal(model.fitted_rows, X[train, 0])
    expected = [
        np.mean(np.full(2, np.bincount(y[t]).argmax()) == y[v]) for t, v in kfold_indices(10, 5)
    ]
    np.testing.assert_allclose(scores, expected)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


class _ColumnPredictor:
    def fit(self, X, y):
        return self

    def predict(self, X):
        return np.zeros((len(X), 1), dtype=np.int64)


def test_cross_val_score_rejects_bad_input():
    X, y = _toy_classification(10)
    with pytest.raises(ValueError, match="make_model"):
        cross_val_score(KNeighborsClassifier(3), X, y)
    with pytest.raises(ValueError, match="predict"):
        cross_val_score(_ColumnPredictor, X, y, k=2)
    with pytest.raises(ValueError, match="rows"):
        cross_val_score(_ColumnPredictor, X[:9], y, k=2)
    with pytest.raises(ValueError, match="y must be 1-D"):
        cross_val_score(_ColumnPredictor, X, y[:, None], k=2)
    with pytest.raises(ValueError, match="k=11 is greater"):
        cross_val_score(_ColumnPredictor, X, y, k=11)
    with pytest.raises(ValueError, match="k=1"):
        cross_val_score(_ColumnPredictor, X, y, k=1)
