"""Embedding lookup and its gradient (curriculum module 14)."""

from __future__ import annotations

import numpy as np

from reference._validation import check_positive_int

__all__ = ["embedding_backward", "embedding_forward"]


def _check_ids(ids, vocab_size):
    ids = np.asarray(ids)
    if ids.size and not np.issubdtype(ids.dtype, np.integer):
        raise ValueError(f"ids must hold integers, got dtype {ids.dtype}")
    ids = ids.astype(np.int64)
    if ids.size and (ids.min() < 0 or ids.max() >= vocab_size):
        raise ValueError(
            f"ids must be in [0, {vocab_size}), got values in [{ids.min()}, {ids.max()}]"
        )
    return ids


def embedding_forward(ids, table):
    r"""Look up one row of ``table`` per id.

    .. math::

        \text{out}[\dots, :] = \text{table}[\text{ids}[\dots], :]

    Parameters
    ----------
    ids : array-like of int, any shape S
        Row indices in ``[0, vocab_size)``.
    table : array-like, shape (vocab_size, D)
        The embedding matrix.

    Returns
    -------
    ndarray of float64, shape S + (D,)

    Raises
    ------
    ValueError
        If ``table`` is not 2-D or an id is not an integer in range.

    Notes
    -----
    No padding index: id 0 is a row like any other.

    Examples
    --------
    >>> table = np.array([[0.0, 0.5], [1.0, 1.5], [2.0, 2.5]])
    >>> embedding_forward([[2, 0], [1, 1]], table)
    array([[[2. , 2.5],
            [0. , 0.5]],
    <BLANKLINE>
           [[1. , 1.5],
            [1. , 1.5]]])
    """
    table = np.asarray(table, dtype=np.float64)
    if table.ndim != 2:
        raise ValueError(f"table must be 2-D (vocab_size, D), got an array of shape {table.shape}")
    return table[_check_ids(ids, table.shape[0])]


def embedding_backward(dout, ids, vocab_size):
    r"""Gradient of a loss with respect to the embedding table.

    .. math::

        \frac{\partial L}{\partial \text{table}_v} = \sum_{p\,:\ \text{ids}_p = v}
        \text{dout}_p

    Parameters
    ----------
    dout : array-like, shape S + (D,)
        Upstream gradient of ``embedding_forward``'s output.
    ids : array-like of int, shape S
        The forward pass's ids.
    vocab_size : int
        Rows of the table.

    Returns
    -------
    ndarray of float64, shape (vocab_size, D)
        Rows of unused ids are zero; repeated ids accumulate.

    Raises
    ------
    ValueError
        If ``vocab_size`` is not a positive int, an id is out of range, or ``dout``'s shape
        is not ``ids.shape + (D,)``.

    Notes
    -----
    Matches the gradient of ``torch.nn.Embedding``'s weight (``padding_idx=None``, dense).

    Examples
    --------
    >>> embedding_backward(np.ones((3, 2)), [1, 1, 2], vocab_size=4)
    array([[0., 0.],
           [2., 2.],
           [1., 1.],
           [0., 0.]])
    """
    vocab_size = check_positive_int(vocab_size, "vocab_size")
    ids = _check_ids(ids, vocab_size)
    dout = np.asarray(dout, dtype=np.float64)
    if dout.ndim != ids.ndim + 1 or dout.shape[:-1] != ids.shape:
        raise ValueError(
            f"dout must have shape ids.shape + (D,) = {ids.shape} + (D,), got {dout.shape}"
        )
    grad = np.zeros((int(vocab_size), dout.shape[-1]))
    np.add.at(grad, ids.ravel(), dout.reshape(-1, dout.shape[-1]))
    return grad
