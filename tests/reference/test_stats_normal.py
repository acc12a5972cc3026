"""Tests for reference.stats.normal against SciPy."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.stats import (
    normal_cdf,
    normal_pdf,
)

RTOL, ATOL = 1e-7, 1e-9


@pytest.mark.parametrize(("mu", "sigma"), [(0.0, 1.0), (3.0, 0.5), (-2.0, 7.0), (1e3, 1e-3)])
def test_normal_pdf_and_cdf_match_scipy_including_tails(mu, sigma):
    z = np.concatenate([np.linspace(-40, 40, 801), [-38.5, -30.0, -8.0, 8.0, 30.0]])
    x = mu + sigma * z
    dist = scipy.stats.norm(mu, sigma)
    np.testing.assert_allclose(normal_pdf(x, mu, sigma), dist.pdf(x), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(normal_cdf(x, mu, sigma), dist.cdf(x), rtol=RTOL, atol=ATOL)
    # the lower tail keeps its relative accuracy, well below atol
    tail = (z > -37) & (z < -5)
    np.testing.assert_allclose(normal_cdf(x, mu, sigma)[tail], dist.cdf(x)[tail], rtol=1e-10)


@settings(max_examples=50, deadline=None)
@given(
    hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=6), elements=st.floats(-50, 50)),
    st.floats(-10, 10),
    st.floats(0.01, 100),
)
def test_normal_functions_property(x, mu, sigma):
    pdf, cdf = normal_pdf(x, mu, sigma), normal_cdf(x, mu, sigma)
    assert pdf.shape == cdf.shape == x.shape
    np.testing.assert_allclose(pdf, scipy.stats.norm.pdf(x, mu, sigma), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(cdf, scipy.stats.norm.cdf(x, mu, sigma), rtol=RTOL, atol=ATOL)
    assert np.all((cdf >= 0) & (cdf <= 1)) and np.all(pdf >= 0)
    np.testing.assert_allclose(cdf + normal_cdf(2 * mu - x, mu, sigma), 1.0, rtol=0, atol=1e-15)


def test_normal_functions_scalars_and_broadcasting():
    assert normal_cdf(0.0) == 0.5 and type(normal_cdf(0.0)) is float
    assert type(normal_pdf(1)) is float
    assert normal_pdf(0.0) == pytest.approx(1 / math.sqrt(2 * math.pi), rel=1e-15)
    x, mu, sigma = np.array([[0.0], [1.0]]), np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(
        normal_cdf(x, mu, sigma), scipy.stats.norm.cdf(x, mu, sigma), rtol=RTOL, atol=ATOL
    )
    assert normal_pdf(x, mu, sigma).shape == (2, 3)


@pytest.mark.parametrize("function", [normal_pdf, normal_cdf])
@pytest.mark.parametrize("sigma", [0.0, -1.0, np.nan, np.inf, [1.0, 0.0]])
def test_non_positive_sigma_raises(function, sigma):
    with pytest.raises(ValueError, match="sigma"):
        function(0.5, 0.0, sigma)


@pytest.mark.parametrize("function", [normal_pdf, normal_cdf])
def test_normal_shape_mismatch_and_bad_types_raise(function):
    with pytest.raises(ValueError, match="broadcast"):
        function(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match="x"):
        function("a")
