"""Average precision: the area under a precision-recall curve, by three interpolations.

Module 12 (``detection``). Beside :func:`average_precision`, its loop version
``_average_precision_slow`` (the VOC devkit's code), which the tests compare it with.
"""

from __future__ import annotations

import numpy as np

__all__ = ["average_precision"]

AP_METHODS = ("all_points", "voc11", "coco101")


def check_method(method):
    if method not in AP_METHODS:
        raise ValueError(f"method must be one of {AP_METHODS}, got method={method!r}")


def average_precision(recall, precision, method="all_points"):
    r"""Area under a precision-recall curve, by one of three interpolations.

    With the monotone envelope :math:`\hat p(r) = \max_{r' \ge r} p(r')`:

    .. math::

        \text{all\_points:}\ \sum_k (r_k - r_{k-1})\, \hat p(r_k),\ r_0 = 0; \qquad
        \text{voc11 / coco101:}\ \frac{1}{|T|} \sum_{t \in T} \hat p(t)

    with :math:`T` = ``numpy.linspace(0, 1, 11)`` or ``numpy.linspace(0, 1, 101)`` and
    :math:`\hat p(t) = 0` where no recall reaches ``t``.

    Parameters
    ----------
    recall : array-like, shape (n_detections,)
        Cumulative recall down the detections sorted by decreasing score (non-decreasing).
    precision : array-like, shape (n_detections,)
        Cumulative precision at the same positions.
    method : {"all_points", "voc11", "coco101"}, default "all_points"
        PASCAL VOC 2010+ (area under the envelope), VOC 2007's 11 points, or COCO's 101.

    Returns
    -------
    float
        In [0, 1]; 0.0 for empty inputs.

    Raises
    ------
    ValueError
        If the arrays are not 1-D of equal length, leave [0, 1], ``recall`` decreases, or
        ``method`` is unknown.

    Notes
    -----
    ``coco101`` is pycocotools' computation: the envelope at the first index whose recall
    is at least each grid value (``numpy.searchsorted(..., side="left")``), so that grid's
    floating-point values decide borderline cases.

    Examples
    --------
    >>> recall = [0.5, 0.5, 1.0]
    >>> precision = [1.0, 0.5, 2 / 3]
    >>> average_precision(recall, precision)
    0.8333333333333333
    >>> round(average_precision(recall, precision, "voc11"), 6)
    0.848485
    """
    check_method(method)
    recall = np.asarray(recall, dtype=np.float64)
    precision = np.asarray(precision, dtype=np.float64)
    for name, values in (("recall", recall), ("precision", precision)):
        if values.ndim != 1:
            raise ValueError(f"{name} must be 1-D, got an array of shape {values.shape}")
        if not np.all((values >= 0.0) & (values <= 1.0)):
            raise ValueError(f"{name} must hold values in [0, 1]")
    if recall.shape != precision.shape:
        raise ValueError(
            f"recall and precision must have the same length, got {recall.shape[0]} and "
            f"{precision.shape[0]}"
        )
    if np.any(np.diff(recall) < 0):
        raise ValueError("recall must be non-decreasing (cumulative down the ranked detections)")
    return average_precision_of(recall, precision, method)


def average_precision_of(recall, precision, method):
    """``average_precision`` on validated arrays."""
    if recall.size == 0:
        return 0.0
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    if method == "all_points":
        steps = np.diff(recall, prepend=0.0)
        changed = steps != 0
        return float(np.sum(steps[changed] * envelope[changed]))
    grid = np.linspace(0.0, 1.0, 11 if method == "voc11" else 101)
    first = np.searchsorted(recall, grid, side="left")
    reached = first < recall.size
    values = np.zeros_like(grid)
    values[reached] = envelope[first[reached]]
    return float(np.mean(values))


def _average_precision_slow(recall, precision, method="all_points"):
    """Loop version of ``average_precision`` (the VOC devkit's all-points code, or max-scans)."""
    recall, precision = list(recall), list(precision)
    if method == "all_points":
        mrec = [0.0, *recall, 1.0]
        mpre = [0.0, *precision, 0.0]
        for i in range(len(mpre) - 2, -1, -1):
            mpre[i] = max(mpre[i], mpre[i + 1])
        return float(
            sum(
                (mrec[i + 1] - mrec[i]) * mpre[i + 1]
                for i in range(len(mrec) - 1)
                if mrec[i + 1] != mrec[i]
            )
        )
    grid = np.linspace(0.0, 1.0, 11 if method == "voc11" else 101)
    values = [max((p for r, p in zip(recall, precision) if r >= t), default=0.0) for t in grid]
    return float(sum(values) / len(values))
