"""Tests for reference.nn.rnn (oracle: torch.nn.RNN(batch_first=True) with the stated mapping)."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.nn.rnn import rnn_forward


def _torch_rnn(x, h0, Wx, Wh, b):
    d, h = Wx.shape
    rnn = torch.nn.RNN(d, h, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.tensor(Wx.T))
        rnn.weight_hh_l0.copy_(torch.tensor(Wh.T))
        rnn.bias_ih_l0.copy_(torch.tensor(b))
        rnn.bias_hh_l0.zero_()
        h_all, h_last = rnn(torch.tensor(x), torch.tensor(h0)[None])
    return h_all.numpy(), h_last[0].numpy()


def _params(rng, n, t, d, h):
    return (
        rng.normal(size=(n, t, d)),
        rng.normal(size=(n, h)),
        rng.normal(size=(d, h)) * 0.5,
        rng.normal(size=(h, h)) * 0.5,
        rng.normal(size=h),
    )


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 4),
    st.integers(1, 6),
    st.integers(1, 5),
    st.integers(1, 5),
    st.integers(0, 2**32 - 1),
)
def test_rnn_forward_matches_torch(n, t, d, h, seed):
    params = _params(np.random.default_rng(seed), n, t, d, h)
    expected_all, expected_last = _torch_rnn(*params)
    h_all, h_last = rnn_forward(*params)
    assert h_all.shape == (n, t, h) and h_last.shape == (n, h)
    np.testing.assert_allclose(h_all, expected_all, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(h_last, expected_last, rtol=1e-7, atol=1e-9)
    np.testing.assert_array_equal(h_last, h_all[:, -1])


def test_rnn_forward_by_hand_and_with_no_steps():
    x = np.array([[[1.0], [0.0]]])
    h_all, h_last = rnn_forward(x, [[0.0]], [[2.0]], [[1.0]], [0.5])
    first = np.tanh(2.0 + 0.5)
    np.testing.assert_allclose(h_all[0, :, 0], [first, np.tanh(first + 0.5)], rtol=1e-12)
    h_all, h_last = rnn_forward(
        np.zeros((2, 0, 3)), np.ones((2, 4)), np.zeros((3, 4)), np.zeros((4, 4)), np.zeros(4)
    )
    assert h_all.shape == (2, 0, 4)
    np.testing.assert_array_equal(h_last, 1.0)


def test_rnn_forward_leaves_inputs_alone():
    params = _params(np.random.default_rng(0), 2, 3, 2, 2)
    copies = [p.copy() for p in params]
    _, h_last = rnn_forward(*params)
    h_last[:] = 0.0
    for p, c in zip(params, copies):
        np.testing.assert_array_equal(p, c)


@pytest.mark.parametrize(
    ("shapes", "match"),
    [
        (((2, 3), (2, 4), (3, 4), (4, 4), (4,)), "x must be 3-D"),
        (((2, 3, 3), (3, 4), (3, 4), (4, 4), (4,)), r"h0 must have shape \(2, H\)"),
        (((2, 3, 3), (2, 4), (2, 4), (4, 4), (4,)), r"Wx must have shape \(3, 4\)"),
        (((2, 3, 3), (2, 4), (3, 4), (4, 3), (4,)), r"Wh must have shape \(4, 4\)"),
        (((2, 3, 3), (2, 4), (3, 4), (4, 4), (1, 4)), r"b must have shape \(4,\)"),
    ],
)
def test_rnn_forward_rejects_inconsistent_shapes(shapes, match):
    with pytest.raises(ValueError, match=match):
        rnn_forward(*(np.zeros(s) for s in shapes))
