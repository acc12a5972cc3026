"""Encoding categorical labels: one-hot vectors and integer codes (curriculum module 10)."""

from __future__ import annotations

import numpy as np

__all__ = ["label_encode", "one_hot"]


def one_hot(labels, n_classes=None):
    r"""Encode integer class labels as one-hot rows.

    .. math::

        Y_{ic} = [\,\text{labels}_i = c\,], \qquad c = 0, \dots, C - 1

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
        Class indices, each in ``[0, C)``.
    n_classes : int, optional
        The number of columns ``C``. Defaults to ``max(labels) + 1`` (0 for empty ``labels``).

    Returns
    -------
    ndarray of float64, shape (n_samples, C)
        Row ``i`` is all zeros except a 1.0 in column ``labels[i]``.

    Raises
    ------
    ValueError
        If ``labels`` is not 1-D, holds negative or non-integer values, or a label is not
        below ``n_classes``; if ``n_classes`` is not a non-negative integer.

    Examples
    --------
    >>> one_hot([0, 2, 1])
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    >>> one_hot([1], n_classes=3)
    array([[0., 1., 0.]])
    """
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be 1-D, got an array of shape {labels.shape}")
    integral = np.issubdtype(labels.dtype, np.integer) or (
        np.issubdtype(labels.dtype, np.floating)
        and np.all(np.isfinite(labels))
        and np.all(labels == np.round(labels))
    )
    if labels.size and not integral:
        raise ValueError(f"labels must hold integers, got dtype {labels.dtype}")
    labels = labels.astype(np.int64)
    if labels.size and labels.min() < 0:
        raise ValueError(f"labels must be non-negative, got min(labels)={labels.min()}")
    if n_classes is None:
        n_classes = int(labels.max()) + 1 if labels.size else 0
    elif isinstance(n_classes, bool) or not isinstance(n_classes, int | np.integer):
        raise ValueError(f"n_classes must be an int, got n_classes={n_classes!r}")
    elif n_classes < 0:
        raise ValueError(f"n_classes must be non-negative, got n_classes={n_classes}")
    elif labels.size and labels.max() >= n_classes:
        raise ValueError(
            f"labels must be below n_classes={n_classes}, got max(labels)={labels.max()}"
        )
    encoded = np.zeros((labels.shape[0], int(n_classes)), dtype=np.float64)
    encoded[np.arange(labels.shape[0]), labels] = 1.0
    return encoded


def label_encode(values):
    r"""Map each value to the index of that value among the sorted distinct values.

    .. math::

        \text{codes}_i = \#\{\, c \in \text{classes} : c < \text{values}_i \,\}

    Parameters
    ----------
    values : array-like, shape (n_samples,)
        Labels of any sortable type (ints, floats, strings).

    Returns
    -------
    codes : ndarray of int64, shape (n_samples,)
        ``classes[codes]`` equals ``values``.
    classes : ndarray, shape (n_classes,)
        The distinct values, sorted ascending, in the dtype of ``values``.

    Raises
    ------
    ValueError
        If ``values`` is not 1-D.

    Notes
    -----
    Matches ``sklearn.preprocessing.LabelEncoder().fit_transform(values)`` and its
    ``classes_`` attribute.

    Examples
    --------
    >>> codes, classes = label_encode(["paris", "tokyo", "paris", "amsterdam"])
    >>> codes
    array([1, 2, 1, 0])
    >>> classes.tolist()
    ['amsterdam', 'paris', 'tokyo']
    """
    values = np.asarray(values)
    if values.ndim != 1:
        raise ValueError(f"values must be 1-D, got an array of shape {values.shape}")
    classes, codes = np.unique(values, return_inverse=True)
    return codes.reshape(-1).astype(np.int64), classes
