"""Tests for reference.nn.mlp.solve_xor: robust across seeds, fast, exact on XOR."""

import numpy as np
import pytest

from reference.nn.mlp import solve_xor

POINTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
XOR = np.array([0, 1, 1, 0])


@pytest.mark.parametrize("seed", range(10))
def test_solves_xor_for_every_seed(seed):
    predict = solve_xor(seed)
    out = predict(POINTS)
    assert out.dtype == np.int64 and out.shape == (4,)
    np.testing.assert_array_equal(out, XOR)


def test_any_order_and_repetition():
    predict = solve_xor()
    idx = np.random.default_rng(0).integers(0, 4, size=50)
    np.testing.assert_array_equal(predict(POINTS[idx]), XOR[idx])
    np.testing.assert_array_equal(predict(POINTS[::-1].astype(float)), XOR[::-1])
    np.testing.assert_array_equal(predict(POINTS.astype(bool)), XOR)
    assert predict(np.zeros((0, 2))).shape == (0,)


def test_deterministic_for_a_seed():
    grid = POINTS[np.arange(12) % 4]
    np.testing.assert_array_equal(solve_xor(3)(grid), solve_xor(3)(grid))


def test_input_is_not_modified():
    X = POINTS.copy()
    solve_xor(1)(X)
    np.testing.assert_array_equal(X, POINTS)


@pytest.mark.parametrize(
    ("X", "match"),
    [
        (np.array([0, 1]), r"shape \(n, 2\)"),
        (np.zeros((2, 3)), r"shape \(n, 2\)"),
        (np.array([[0, 2]]), "0/1"),
        (np.array([[0.5, 1.0]]), "0/1"),
    ],
)
def test_predict_rejects_bad_input(X, match):
    with pytest.raises(ValueError, match=match):
        solve_xor()(X)


@pytest.mark.parametrize("seed", [-1, 1.5, "0"])
def test_rejects_bad_seed(seed):
    with pytest.raises(ValueError, match="seed="):
        solve_xor(seed)
