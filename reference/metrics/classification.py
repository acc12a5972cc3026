"""Classification metrics: the confusion matrix and precision, recall and F1.

Curriculum module 9 (``metrics``), exercises ``confusion-matrix`` and
``precision-recall-f1``.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

__all__ = ["confusion_matrix", "precision_recall_f1"]

_AVERAGES = ("binary", "macro", "micro", "weighted")


def _check_labels(y_true: Any, y_pred: Any) -> tuple[np.ndarray, np.ndarray]:
    """Return both label arrays, 1-D, of one non-zero length."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    for name, array in (("y_true", y_true), ("y_pred", y_pred)):
        if array.ndim != 1:
            raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} labels but y_pred has {len(y_pred)}")
    return y_true, y_pred


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    r"""Count how often each true class was predicted as each class.

    .. math::

        C_{ij} = \#\{k : y_k = i,\ \hat y_k = j\}

    Parameters
    ----------
    y_true : integer array of shape (n,)
        True classes in ``[0, n_classes)``.
    y_pred : integer array of shape (n,)
        Predicted classes in ``[0, n_classes)``.
    n_classes : int
        Number of classes, ``>= 1``.

    Returns
    -------
    ndarray of int64, shape (n_classes, n_classes)
        Rows are true classes, columns predicted classes (scikit-learn's convention); the
        diagonal holds the correct predictions. Empty inputs give a matrix of zeros.

    Examples
    --------
    >>> confusion_matrix(np.array([0, 1, 1, 2]), np.array([0, 1, 0, 2]), 3)
    array([[1, 0, 0],
           [1, 1, 0],
           [0, 0, 1]])
    """
    if isinstance(n_classes, bool) or not isinstance(n_classes, numbers.Integral):
        raise ValueError(f"n_classes={n_classes!r} must be an integer")
    if n_classes < 1:
        raise ValueError(f"n_classes={n_classes} must be at least 1")
    y_true, y_pred = _check_labels(y_true, y_pred)
    for name, array in (("y_true", y_true), ("y_pred", y_pred)):
        if array.dtype.kind not in "biu":
            raise ValueError(f"{name} must hold integer class indices, got dtype {array.dtype}")
        if array.size and (array.min() < 0 or array.max() >= n_classes):
            raise ValueError(
                f"{name} must lie in [0, {n_classes - 1}] for n_classes={n_classes}, "
                f"got values from {array.min()} to {array.max()}"
            )
    flat = y_true.astype(np.int64) * n_classes + y_pred.astype(np.int64)
    counts = np.bincount(flat, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes).astype(np.int64, copy=False)


def _safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Elementwise ratio that is 0.0 where the denominator is 0 (``zero_division=0``)."""
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    result = np.zeros(np.broadcast(numerator, denominator).shape)
    np.divide(numerator, denominator, out=result, where=denominator != 0)
    return result


def precision_recall_f1(
    y_true: np.ndarray, y_pred: np.ndarray, average: str = "binary", pos_label: Any = 1
) -> tuple[float, float, float]:
    r"""Precision, recall and F1 score, for one class or averaged over classes.

    .. math::

        P_c = \frac{TP_c}{TP_c + FP_c}, \quad R_c = \frac{TP_c}{TP_c + FN_c}, \quad
        F1_c = \frac{2\,TP_c}{2\,TP_c + FP_c + FN_c}

    Parameters
    ----------
    y_true : array of shape (n,)
        True labels (any sortable values), ``n >= 1``.
    y_pred : array of shape (n,)
        Predicted labels.
    average : {"binary", "macro", "micro", "weighted"}, default "binary"
        ``binary``: the scores of ``pos_label`` alone. ``macro``: unweighted mean of the
        per-class scores (macro F1 is the mean of per-class F1, not the F1 of the means).
        ``micro``: scores of the pooled counts. ``weighted``: per-class scores averaged with
        weights equal to each class's number of true samples.
    pos_label : label, default 1
        The positive class for ``average="binary"``; ignored by the other averages.

    Returns
    -------
    precision, recall, f1 : float

    Notes
    -----
    The classes are the sorted union of the labels in ``y_true`` and ``y_pred``. A zero
    denominator gives 0.0 (``zero_division=0``). ``average="binary"`` raises ``ValueError``
    when more than two labels are present, or when two are present and ``pos_label`` is not
    one of them. Matches ``sklearn.metrics.precision_recall_fscore_support`` with
    ``zero_division=0``.

    Examples
    --------
    >>> y_true, y_pred = np.array([0, 1, 1, 1]), np.array([1, 1, 0, 1])
    >>> [round(v, 6) for v in precision_recall_f1(y_true, y_pred)]
    [0.666667, 0.666667, 0.666667]
    >>> [round(v, 6) for v in precision_recall_f1(y_true, y_pred, average="macro")]
    [0.333333, 0.333333, 0.333333]
    """
    if average not in _AVERAGES:
        raise ValueError(f"average={average!r} must be one of {list(_AVERAGES)}")
    y_true, y_pred = _check_labels(y_true, y_pred)
    if len(y_true) == 0:
        raise ValueError("y_true and y_pred are empty; at least one sample is needed")
    labels = np.union1d(y_true, y_pred)
    true_codes = np.searchsorted(labels, y_true)
    pred_codes = np.searchsorted(labels, y_pred)
    n_labels = len(labels)
    tp = np.bincount(true_codes[true_codes == pred_codes], minlength=n_labels)
    pred_sum = np.bincount(pred_codes, minlength=n_labels)
    true_sum = np.bincount(true_codes, minlength=n_labels)

    if average == "binary":
        if n_labels > 2:
            raise ValueError(
                f"average='binary' needs at most two labels, got {n_labels}: "
                f"{labels.tolist()}; choose average='macro', 'micro' or 'weighted'"
            )
        present = labels.tolist()
        if pos_label not in present:
            if n_labels == 2:
                raise ValueError(f"pos_label={pos_label!r} is not a present label: {present}")
            tp = pred_sum = true_sum = np.zeros(1, dtype=np.int64)
        else:
            keep = present.index(pos_label)
            tp, pred_sum, true_sum = tp[keep], pred_sum[keep], true_sum[keep]
    elif average == "micro":
        tp, pred_sum, true_sum = tp.sum(), pred_sum.sum(), true_sum.sum()

    precision = _safe_divide(tp, pred_sum)
    recall = _safe_divide(tp, true_sum)
    f1 = _safe_divide(2 * tp, pred_sum + true_sum)
    weights = true_sum if average == "weighted" else None
    return tuple(float(np.average(score, weights=weights)) for score in (precision, recall, f1))
