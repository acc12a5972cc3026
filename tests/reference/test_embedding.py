"""Tests for reference.nn.embedding (oracle: torch.nn.Embedding and its autograd)."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.nn.embedding import embedding_backward, embedding_forward


def _torch_embedding(ids, table, dout):
    layer = torch.nn.Embedding.from_pretrained(torch.tensor(table), freeze=False)
    out = layer(torch.as_tensor(ids))
    out.backward(torch.tensor(dout))
    return out.detach().numpy(), layer.weight.grad.numpy()


@pytest.mark.parametrize("ids_shape", [(5,), (3, 4), (2, 3, 2), ()])
def test_forward_and_backward_match_torch_with_repeated_ids(ids_shape):
    rng = np.random.default_rng(0)
    table = rng.normal(size=(6, 3))
    ids = rng.integers(0, 3, ids_shape)  # few distinct ids: many repeats, id 0 included
    dout = rng.normal(size=(*ids_shape, 3))
    expected_out, expected_grad = _torch_embedding(ids, table, dout)
    out = embedding_forward(ids, table)
    assert out.shape == (*ids_shape, 3) and out.dtype == np.float64
    np.testing.assert_allclose(out, expected_out, rtol=1e-7, atol=1e-9)
    grad = embedding_backward(dout, ids, vocab_size=6)
    assert grad.shape == (6, 3)
    np.testing.assert_allclose(grad, expected_grad, rtol=1e-7, atol=1e-9)
    np.testing.assert_array_equal(grad[3:], 0.0)  # unused ids


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 8),
    st.integers(1, 4),
    st.lists(st.integers(0, 7), max_size=12),
    st.integers(0, 2**32 - 1),
)
def test_backward_matches_torch_on_random_ids(vocab_size, dim, ids, seed):
    ids = np.array([i % vocab_size for i in ids], dtype=np.int64)
    rng = np.random.default_rng(seed)
    table = rng.normal(size=(vocab_size, dim))
    dout = rng.normal(size=(ids.size, dim))
    _, expected_grad = _torch_embedding(ids, table, dout)
    np.testing.assert_allclose(
        embedding_backward(dout, ids, vocab_size), expected_grad, rtol=1e-7, atol=1e-9
    )


def test_id_zero_is_an_ordinary_row():
    table = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(embedding_forward([0, 0], table), [[1.0, 2.0], [1.0, 2.0]])
    np.testing.assert_array_equal(
        embedding_backward(np.ones((2, 2)), [0, 0], 2), [[2.0, 2.0], [0.0, 0.0]]
    )


def test_embedding_leaves_inputs_alone():
    table = np.arange(6.0).reshape(3, 2)
    dout = np.ones((2, 2))
    embedding_forward([1, 2], table)[0, 0] = 99.0  # the result is a copy, not a view
    embedding_backward(dout, [1, 1], 3)
    np.testing.assert_array_equal(table, np.arange(6.0).reshape(3, 2))
    np.testing.assert_array_equal(dout, 1.0)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: embedding_forward([3], np.zeros((3, 2))), r"ids must be in \[0, 3\)"),
        (lambda: embedding_forward([-1], np.zeros((3, 2))), r"ids must be in \[0, 3\)"),
        (lambda: embedding_forward([0.5], np.zeros((3, 2))), "ids must hold integers"),
        (lambda: embedding_forward([0], np.zeros(3)), "table must be 2-D"),
        (lambda: embedding_backward(np.zeros((2, 2)), [0, 5], 3), r"ids must be in \[0, 3\)"),
        (
            lambda: embedding_backward(np.zeros((3, 2)), [0, 1], 3),
            r"dout must have shape ids.shape \+ \(D,\)",
        ),
        (lambda: embedding_backward(np.zeros(2), [0, 1], 3), r"dout must have shape"),
        (
            lambda: embedding_backward(np.zeros((2, 2)), [0, 1], 0),
            "vocab_size must be a positive int",
        ),
        (
            lambda: embedding_backward(np.zeros((2, 2)), [0, 1], 2.0),
            "vocab_size must be a positive int",
        ),
    ],
)
def test_embedding_rejects_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
