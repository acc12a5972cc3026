"""Shuffled mini-batches of sample indices.

Curriculum module 7 (``neural-networks``), exercise ``minibatches``.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["minibatch_indices"]


def minibatch_indices(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    r"""Cut a random permutation of ``0 .. n-1`` into consecutive batches.

    .. math::

        B_j = \pi[j b : \min((j + 1) b, n)], \quad j = 0, \dots, \lceil n / b \rceil - 1

    Parameters
    ----------
    n : int
        Number of samples, ``n >= 0``.
    batch_size : int
        Batch size ``b >= 1``.
    rng : numpy.random.Generator
        One ``rng.permutation(n)`` call draws the order.

    Returns
    -------
    list of ndarray of int64
        ``ceil(n / batch_size)`` batches; all hold ``batch_size`` indices except perhaps the
        last, which holds the remainder. ``n == 0`` gives an empty list.

    Examples
    --------
    >>> [batch.tolist() for batch in minibatch_indices(5, 2, np.random.default_rng(0))]
    [[2, 4], [3, 0], [1]]
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
        raise ValueError(f"n={n!r} must be an integer >= 0")
    if (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, numbers.Integral)
        or batch_size < 1
    ):
        raise ValueError(f"batch_size={batch_size!r} must be an integer >= 1")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy.random.Generator")
    perm = rng.permutation(int(n))
    return [perm[start : start + batch_size] for start in range(0, int(n), int(batch_size))]
