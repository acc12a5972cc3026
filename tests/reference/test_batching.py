"""Tests for reference.nn.batching.minibatch_indices."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.nn.batching import minibatch_indices


def test_batches_are_consecutive_slices_of_the_permutation():
    perm = np.random.default_rng(4).permutation(10)
    batches = minibatch_indices(10, 3, np.random.default_rng(4))
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    for i, batch in enumerate(batches):
        np.testing.assert_array_equal(batch, perm[3 * i : 3 * i + 3])
        assert batch.dtype == np.int64


def test_exact_division_and_large_batch_and_empty():
    assert [len(b) for b in minibatch_indices(8, 4, np.random.default_rng(0))] == [4, 4]
    assert [len(b) for b in minibatch_indices(5, 100, np.random.default_rng(0))] == [5]
    assert minibatch_indices(0, 3, np.random.default_rng(0)) == []


def test_draws_exactly_one_permutation():
    rng = np.random.default_rng(9)
    minibatch_indices(7, 2, rng)
    other = np.random.default_rng(9)
    other.permutation(7)
    assert rng.random() == other.random()


@settings(max_examples=50, deadline=None)
@given(n=st.integers(0, 100), batch_size=st.integers(1, 20), seed=st.integers(0, 1000))
def test_batches_partition_the_indices(n, batch_size, seed):
    batches = minibatch_indices(n, batch_size, np.random.default_rng(seed))
    assert len(batches) == -(-n // batch_size)
    assert all(len(b) == batch_size for b in batches[:-1])
    joined = np.concatenate(batches) if batches else np.array([], dtype=np.int64)
    np.testing.assert_array_equal(joined, np.random.default_rng(seed).permutation(n))


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((-1, 2, np.random.default_rng(0)), "n=-1"),
        ((5, 0, np.random.default_rng(0)), "batch_size=0"),
        ((5, 2.0, np.random.default_rng(0)), "batch_size=2.0"),
        ((5, 2, np.random.RandomState(0)), "rng="),
        ((5, 2, 0), "rng="),
    ],
)
def test_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        minibatch_indices(*args)
