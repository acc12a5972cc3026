"""Tests for reference.information against scipy.stats.entropy and torch cross-entropy."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.information import cross_entropy, entropy, kl_divergence

RTOL, ATOL = 1e-7, 1e-9
BASES = [None, 2, 10, math.e, 0.5, 3.7]


@st.composite
def distributions(draw, size=None, allow_zeros=True):
    """A 1-D probability vector, possibly with exact zeros, summing to 1 up to rounding."""
    n = size if size is not None else draw(st.integers(1, 12))
    low = 0.0 if allow_zeros else 1e-3
    weights = draw(hnp.arrays(np.float64, n, elements=st.floats(low, 10.0)))
    if weights.sum() == 0:
        weights[0] = 1.0
    return weights / weights.sum()


@st.composite
def distribution_pairs(draw, q_zeros=True):
    n = draw(st.integers(1, 12))
    return draw(distributions(size=n)), draw(distributions(size=n, allow_zeros=q_zeros))


@settings(max_examples=50, deadline=None)
@given(distributions(), st.sampled_from(BASES))
def test_entropy_matches_scipy(p, base):
    expected = scipy.stats.entropy(p, base=base)
    np.testing.assert_allclose(entropy(p, base=base), expected, rtol=RTOL, atol=ATOL)


@settings(max_examples=50, deadline=None)
@given(distribution_pairs(), st.sampled_from(BASES))
def test_kl_divergence_matches_scipy_including_infinities(pq, base):
    p, q = pq
    with np.errstate(divide="ignore"):
        expected = scipy.stats.entropy(p, q, base=base)
    ours = kl_divergence(p, q, base=base)
    np.testing.assert_allclose(ours, expected, rtol=RTOL, atol=ATOL)  # equal infinities pass
    assert np.isinf(ours) == bool(np.any((q == 0) & (p > 0)))
    if base is None or base > 1:
        assert ours >= -1e-12


@settings(max_examples=50, deadline=None)
@given(distribution_pairs(q_zeros=False), st.sampled_from(BASES))
def test_cross_entropy_matches_torch_with_probability_targets(pq, base):
    p, q = pq
    # softmax(log q) == q, so torch's cross-entropy with soft targets is -sum p log q.
    logits = torch.tensor(np.log(q))[None, :]
    expected = torch.nn.functional.cross_entropy(logits, torch.tensor(p)[None, :]).item()
    if base is not None:
        expected /= math.log(base)
    np.testing.assert_allclose(cross_entropy(p, q, base=base), expected, rtol=RTOL, atol=ATOL)


@settings(max_examples=50, deadline=None)
@given(distribution_pairs(), st.sampled_from(BASES))
def test_cross_entropy_is_entropy_plus_kl(pq, base):
    p, q = pq
    h_pq = cross_entropy(p, q, base=base)
    kl = kl_divergence(p, q, base=base)
    if np.isinf(kl):
        assert h_pq == kl  # the same infinity (negative when base < 1)
    else:
        np.testing.assert_allclose(h_pq, entropy(p, base=base) + kl, rtol=1e-9, atol=1e-12)


def test_zero_times_log_zero_is_zero():
    assert entropy([1.0, 0.0]) == 0.0
    assert entropy([0.0, 0.5, 0.0, 0.5], base=2) == 1.0
    # p_i == 0 == q_i contributes nothing, not NaN
    assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert kl_divergence([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]) == 0.0


def test_infinite_where_q_is_zero_below_positive_p():
    with np.errstate(all="raise"):
        assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
        assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    # the other way round is finite
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)


def test_known_values():
    assert entropy([0.25] * 4, base=2) == pytest.approx(2.0, rel=1e-15)
    assert entropy([0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)
    assert cross_entropy([1.0, 0.0], [0.25, 0.75], base=2) == pytest.approx(2.0, rel=1e-15)
    assert kl_divergence([0.5, 0.5], [0.5, 0.5]) == 0.0


@pytest.mark.parametrize(
    ("p", "q"),
    [
        ([1.0, 0.0], [1e-310, 1.0]),  # p / q overflows: the answer is finite (about 713.8)
        ([1e-310, 1.0], [0.5, 0.5]),  # p / q is subnormal
        ([0.3, 0.7], [0.3 + 1e-12, 0.7 - 1e-12]),  # ratios near 1
    ],
)
def test_kl_divergence_hard_ratios_match_scipy(p, q):
    with np.errstate(all="raise"):
        ours = kl_divergence(p, q)
    expected = scipy.stats.entropy(p, q)
    assert np.isfinite(ours)
    np.testing.assert_allclose(ours, expected, rtol=RTOL, atol=1e-20)


def test_results_are_python_floats_and_inputs_unchanged():
    p, q = np.array([0.2, 0.8]), np.array([0.5, 0.5])
    for value in (entropy(p), cross_entropy(p, q), kl_divergence(p, q)):
        assert type(value) is float
    assert p.tolist() == [0.2, 0.8] and q.tolist() == [0.5, 0.5]


def test_sums_within_rounding_are_accepted():
    p = np.full(10, 0.1)  # sums to 0.9999999999999999
    assert entropy(p) == pytest.approx(math.log(10), rel=1e-12)
    p32 = torch.softmax(torch.randn(50, generator=torch.Generator().manual_seed(0)), 0).numpy()
    assert p32.dtype == np.float32
    np.testing.assert_allclose(entropy(p32), scipy.stats.entropy(p32), rtol=1e-6)
    entropy([1 + 5e-10, -0.0])  # a negative zero is not negative


@pytest.mark.parametrize(
    ("p", "match"),
    [
        ([[0.5, 0.5]], "1-D"),
        ([], "empty"),
        ([0.5, 0.6], "sum to 1"),
        ([0.9], "sum to 1"),
        ([1.5, -0.5], "non-negative"),
        ([np.nan, 1.0], "finite"),
        ([np.inf], "finite"),
        (["a", "b"], "p"),
    ],
)
def test_bad_distributions_raise(p, match):
    with pytest.raises(ValueError, match=match):
        entropy(p)
    with pytest.raises(ValueError, match=match):
        cross_entropy(p, [1.0])
    with pytest.raises(ValueError, match=match):
        kl_divergence(p, [1.0])


@pytest.mark.parametrize("function", [cross_entropy, kl_divergence])
def test_bad_q_and_shape_mismatch_raise(function):
    with pytest.raises(ValueError, match="q"):
        function([1.0], [0.5])
    with pytest.raises(ValueError, match="same shape"):
        function([0.5, 0.5], [1.0, 0.0, 0.0])


@pytest.mark.parametrize("base", [1, 1.0, 0, -2, np.inf, np.nan, "2", True])
def test_bad_base_raises(base):
    with pytest.raises(ValueError, match="base"):
        entropy([0.5, 0.5], base=base)
    with pytest.raises(ValueError, match="base"):
        kl_divergence([0.5, 0.5], [0.5, 0.5], base=base)
    with pytest.raises(ValueError, match="base"):
        cross_entropy([0.5, 0.5], [0.5, 0.5], base=base)
