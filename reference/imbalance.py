"""Class imbalance: balanced class weights, random oversampling and SMOTE (curriculum module 10)."""

from __future__ import annotations

import numpy as np

from reference._validation import check_positive_int

__all__ = ["class_weights", "random_oversample", "smote"]


def _check_rng(rng):
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got rng={rng!r}")


def class_weights(y):
    r"""Weights that make every class contribute equally to a weighted loss ("balanced").

    .. math::

        w_c = \frac{n}{C \, n_c}

    with ``n`` samples, ``C`` distinct classes and ``n_c`` samples of class ``c``.

    Parameters
    ----------
    y : array-like, shape (n_samples,)
        Class labels of any sortable type.

    Returns
    -------
    dict
        One key per distinct label, as a Python scalar (``int``, ``float``, ``str``, ...), in
        ascending order; each value a Python ``float``.

    Raises
    ------
    ValueError
        If ``y`` is not 1-D or is empty.

    Notes
    -----
    Matches ``sklearn.utils.class_weight.compute_class_weight("balanced", classes=np.unique(y),
    y=y)``. The weighted class counts ``w_c n_c`` all equal ``n / C``.

    Examples
    --------
    >>> class_weights([0, 0, 0, 1])
    {0: 0.6666666666666666, 1: 2.0}
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D, got an array of shape {y.shape}")
    if y.size == 0:
        raise ValueError("y must hold at least one label, got an empty array")
    classes, counts = np.unique(y, return_counts=True)
    weights = y.shape[0] / (classes.shape[0] * counts.astype(np.float64))
    return {cls.item(): float(w) for cls, w in zip(classes, weights)}


def random_oversample(X, y, rng):
    r"""Balance classes by repeating randomly chosen rows of every smaller class.

    .. math::

        n'_c = \max_k n_k \quad \text{for every class } c

    Parameters
    ----------
    X : array-like, shape (n_samples, ...)
        Samples, one per row.
    y : array-like, shape (n_samples,)
        Class labels.
    rng : numpy.random.Generator
        Source of the draws.

    Returns
    -------
    X_resampled : ndarray, shape (n_majority * n_classes, ...)
        The original rows in input order, followed by the extra rows of each smaller class.
    y_resampled : ndarray, shape (n_majority * n_classes,)
        Their labels.

    Raises
    ------
    ValueError
        If ``y`` is not 1-D, ``X`` and ``y`` have different lengths, or ``rng`` is not a
        Generator.

    Notes
    -----
    Extra rows are drawn uniformly with replacement among the rows of their class, class
    by class in ascending label order. Inputs are not modified.

    Examples
    --------
    >>> X = [[0.0], [1.0], [2.0], [10.0]]
    >>> Xr, yr = random_oversample(X, [0, 0, 0, 1], np.random.default_rng(0))
    >>> yr
    array([0, 0, 0, 1, 1, 1])
    >>> Xr[4:, 0]
    array([10., 10.])
    """
    X = np.asarray(X)
    y = np.asarray(y)
    _check_rng(rng)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D, got an array of shape {y.shape}")
    if X.ndim == 0 or X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y must have the same number of rows, got X.shape={X.shape} and "
            f"y.shape={y.shape}"
        )
    if y.size == 0:
        return X.copy(), y.copy()
    classes, inverse, counts = np.unique(y, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    target = counts.max()
    extra = [
        rng.choice(np.flatnonzero(inverse == c), size=target - counts[c], replace=True)
        for c in range(classes.shape[0])
        if counts[c] < target
    ]
    order = np.concatenate([np.arange(y.shape[0]), *extra]).astype(np.intp)
    return X[order], y[order]


def _nearest_neighbours(X, k):
    """Indices ``(n, k)`` of each row's ``k`` nearest other rows (stable on ties)."""
    n, d = X.shape
    # Exact differences rather than |a|^2 + |b|^2 - 2ab, whose rounding can reorder near
    # ties; rows are processed in chunks to bound memory at about 4 million floats.
    chunk = max(1, 4_000_000 // max(1, n * d))
    neighbours = np.empty((n, k), dtype=np.intp)
    for start in range(0, n, chunk):
        rows = np.arange(start, min(n, start + chunk))
        d2 = ((X[rows, None, :] - X[None, :, :]) ** 2).sum(axis=2)
        d2[np.arange(rows.shape[0]), rows] = np.inf
        neighbours[rows] = np.argsort(d2, axis=1, kind="stable")[:, :k]
    return neighbours


def smote(X_minority, n_new, k, rng):
    r"""Synthesise minority samples on segments towards their nearest minority neighbours.

    .. math::

        x_{\text{new}} = x_i + \lambda \, (x_{j} - x_i), \qquad
        \lambda \sim U[0, 1),\ j \in \operatorname{kNN}(i)

    Parameters
    ----------
    X_minority : array-like of float, shape (n_minority, n_features)
        The minority class's samples.
    n_new : int
        How many synthetic rows to create (0 gives an empty array).
    k : int
        Neighbours considered per point, ``1 <= k < n_minority``.
    rng : numpy.random.Generator
        Source of the base points, neighbours and interpolation factors.

    Returns
    -------
    ndarray of float64, shape (n_new, n_features)
        Synthetic rows.

    Raises
    ------
    ValueError
        If ``X_minority`` is not 2-D, ``k`` is not in ``[1, n_minority)``, ``n_new`` is
        negative, or ``rng`` is not a Generator.

    Notes
    -----
    Neighbours are by Euclidean distance, the point itself excluded (a duplicate of it is
    another point at distance 0); ties between neighbours go to the lower row index.
    Each new row picks its base point, its neighbour among the ``k`` and ``lambda``
    independently and uniformly.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    >>> new = smote(X, n_new=4, k=1, rng=np.random.default_rng(0))
    >>> new.shape
    (4, 2)
    >>> bool(np.all((new >= 0) & (new <= 1)))
    True
    """
    X = np.asarray(X_minority, dtype=np.float64)
    _check_rng(rng)
    if X.ndim != 2:
        raise ValueError(f"X_minority must be 2-D, got an array of shape {X.shape}")
    n = X.shape[0]
    k = check_positive_int(k, "k")
    if k >= n:
        raise ValueError(
            f"k={k} must be less than the number of minority samples n={n} "
            "(a point is not its own neighbour)"
        )
    if isinstance(n_new, bool) or not isinstance(n_new, int | np.integer) or n_new < 0:
        raise ValueError(f"n_new must be a non-negative int, got n_new={n_new!r}")
    neighbours = _nearest_neighbours(X, int(k))
    base = rng.integers(0, n, size=n_new)
    partner = neighbours[base, rng.integers(0, k, size=n_new)]
    gap = rng.random((n_new, 1))
    return X[base] + gap * (X[partner] - X[base])
