"""Tests for reference._validation: each shared argument check accepts what its contract says
and names the argument in its ``ValueError`` otherwise."""

from __future__ import annotations

import math

import numpy as np
import pytest

from reference._validation import (
    as_float_array,
    as_real_array,
    as_real_scalar,
    as_sample_matrix,
    check_count,
    check_finite,
    check_int_at_least,
    check_positive_int,
    check_positive_real,
    check_real_in,
)


def test_as_float_array_converts_what_numpy_reads_as_float():
    assert as_float_array(["1", 2], "x").tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match=r"x must be a numeric array; got x='one'"):
        as_float_array("one", "x")


def test_as_real_array_accepts_only_real_dtypes_and_does_not_copy_float64():
    values = np.array([1.0, 2.0])
    assert as_real_array(values, "x") is values
    assert as_real_array(np.array([True, False]), "x").dtype == np.float64
    for bad in (np.array(["1"]), np.array([1j]), np.array([1], dtype=object)):
        with pytest.raises(ValueError, match="scores must hold real numbers"):
            as_real_array(bad, "scores")


def test_as_real_scalar():
    assert as_real_scalar(np.array([[2.5]]), "b") == 2.5
    with pytest.raises(ValueError, match="b must be a real number; got b='x'"):
        as_real_scalar("x", "b")
    with pytest.raises(ValueError, match=r"an array of shape \(2,\)"):
        as_real_scalar([1.0, 2.0], "b")


def test_as_sample_matrix():
    assert as_sample_matrix([[1, 2]]).shape == (1, 2)
    assert np.isnan(as_sample_matrix([[np.nan]], finite=False)[0, 0])
    with pytest.raises(ValueError, match=r"X_train must be 2-D .* X_train.shape=\(2,\)"):
        as_sample_matrix([1.0, 2.0], "X_train")
    with pytest.raises(ValueError, match="X has no rows"):
        as_sample_matrix(np.zeros((0, 3)))
    with pytest.raises(ValueError, match="X must be finite"):
        as_sample_matrix([[np.inf]])


def test_check_finite():
    check_finite(np.array([1.0]), "y")
    with pytest.raises(ValueError, match="y must be finite"):
        check_finite(np.array([np.nan]), "y")


@pytest.mark.parametrize("bad", [0, -1.0, math.inf, math.nan, True, "0.1", None])
def test_check_positive_real_rejects(bad):
    with pytest.raises(ValueError, match="learning_rate must be a finite positive number"):
        check_positive_real(bad, "learning_rate")


def test_check_positive_real_and_count_accept():
    assert check_positive_real(np.float32(0.5), "lr") == 0.5
    assert type(check_count(np.int64(3), "epochs")) is int
    assert check_count(0, "epochs") == 0


@pytest.mark.parametrize("bad", [-1, 1.0, True, "2"])
def test_check_count_rejects(bad):
    with pytest.raises(ValueError, match="epochs must be a non-negative integer"):
        check_count(bad, "epochs")


def test_check_real_in_and_int_at_least():
    assert check_real_in(0, "gamma") == 0.0
    assert check_real_in(0.5, "beta", 0.0, 1.0) == 0.5
    with pytest.raises(ValueError, match=r"beta=1.0 must be finite and \[0.0, 1.0\)"):
        check_real_in(1.0, "beta", 0.0, 1.0)
    with pytest.raises(ValueError, match=r"gamma=-1\.0 must be finite and >= 0\.0"):
        check_real_in(-1.0, "gamma")
    with pytest.raises(ValueError, match="gamma=True must be a real number"):
        check_real_in(True, "gamma")
    assert check_int_at_least(np.int64(1), "step_size", 1) == 1
    with pytest.raises(ValueError, match="step_size=0 must be an integer >= 1"):
        check_int_at_least(0, "step_size", 1)


def test_check_positive_int():
    assert type(check_positive_int(np.int32(3), "k")) is int
    for bad in (0, -2, 2.0, True, "3", None):
        with pytest.raises(ValueError, match="k must be a positive int, got k="):
            check_positive_int(bad, "k")
