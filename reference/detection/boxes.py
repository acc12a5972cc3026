"""Boxes: pairwise intersection over union and non-maximum suppression (module 12).

Boxes are ``(x1, y1, x2, y2)`` with ``x2 >= x1`` and ``y2 >= y1`` in float pixels; a box's
area is ``(x2 - x1) * (y2 - y1)`` (no +1 pixel). Beside each fast function, its
obviously-correct loop version (``_box_iou_slow``, ``_nms_slow``), which the tests compare
it with.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["box_iou", "nms"]


def check_boxes(boxes, name, n_columns=4, first=0):
    """Float64 ``(N, n_columns)`` array whose columns ``first:first+4`` are valid boxes."""
    boxes = np.asarray(boxes, dtype=np.float64)
    if boxes.size == 0:
        boxes = boxes.reshape(0, n_columns)
    if boxes.ndim != 2 or boxes.shape[1] != n_columns:
        raise ValueError(f"{name} must have shape (N, {n_columns}), got {boxes.shape}")
    if not np.all(np.isfinite(boxes)):
        raise ValueError(f"{name} must hold finite values only")
    xy = boxes[:, first : first + 4]
    bad = np.flatnonzero((xy[:, 2] < xy[:, 0]) | (xy[:, 3] < xy[:, 1]))
    if bad.size:
        raise ValueError(
            f"{name} must have x2 >= x1 and y2 >= y1, row {bad[0]} has box {xy[bad[0]].tolist()}"
        )
    return boxes


def check_threshold(iou_threshold):
    if isinstance(iou_threshold, bool) or not isinstance(iou_threshold, numbers.Real):
        raise ValueError(f"iou_threshold must be a number, got iou_threshold={iou_threshold!r}")
    if not 0.0 <= iou_threshold <= 1.0:
        raise ValueError(f"iou_threshold must be in [0, 1], got iou_threshold={iou_threshold}")
    return float(iou_threshold)


def iou_elementwise(a, b):
    """IoU of ``a[i]`` with ``b[i]``; 0.0 where the union is empty."""
    width = np.clip(np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]), 0, None)
    height = np.clip(np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]), 0, None)
    inter = width * height
    area_a = (a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1])
    area_b = (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])
    union = area_a + area_b - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def box_iou(boxes1, boxes2):
    r"""Pairwise intersection over union of two sets of boxes.

    .. math::

        \operatorname{IoU}(A, B) = \frac{|A \cap B|}{|A| + |B| - |A \cap B|}

    Parameters
    ----------
    boxes1 : array-like, shape (N, 4)
        Boxes ``(x1, y1, x2, y2)``.
    boxes2 : array-like, shape (M, 4)
        Boxes ``(x1, y1, x2, y2)``.

    Returns
    -------
    ndarray of float64, shape (N, M)
        Entry ``(i, j)`` is the IoU of ``boxes1[i]`` and ``boxes2[j]``, in [0, 1].

    Raises
    ------
    ValueError
        If a set is not ``(K, 4)``, holds non-finite values, or a box has ``x2 < x1`` or
        ``y2 < y1``.

    Notes
    -----
    A pair whose union is empty (two zero-area boxes) gives 0.0, never NaN. Where both areas
    are positive this matches ``torchvision.ops.box_iou``.

    Examples
    --------
    >>> box_iou([[0, 0, 2, 2]], [[1, 1, 3, 3], [0, 0, 2, 2], [5, 5, 5, 5]]).round(6)
    array([[0.142857, 1.      , 0.      ]])
    """
    boxes1 = check_boxes(boxes1, "boxes1")
    boxes2 = check_boxes(boxes2, "boxes2")
    return iou_elementwise(boxes1[:, None, :], boxes2[None, :, :])


def nms(boxes, scores, iou_threshold):
    r"""Greedy non-maximum suppression: keep the best box, drop its strong overlaps, repeat.

    .. math::

        \text{keep } i \iff \operatorname{IoU}(b_i, b_j) \le \tau
        \text{ for every kept } j \text{ scored above } i

    Parameters
    ----------
    boxes : array-like, shape (N, 4)
        Boxes ``(x1, y1, x2, y2)``.
    scores : array-like, shape (N,)
        Confidence of each box.
    iou_threshold : float
        ``tau`` in [0, 1]; a box is suppressed by a kept box with IoU strictly greater.

    Returns
    -------
    ndarray of int64, shape (n_kept,)
        Indices of the kept boxes in decreasing score order.

    Raises
    ------
    ValueError
        On invalid boxes, ``scores`` not ``(N,)`` or not finite, or ``iou_threshold``
        outside [0, 1].

    Notes
    -----
    Tied scores keep their input order (a stable sort). Matches ``torchvision.ops.nms`` on
    inputs without tied scores.

    Examples
    --------
    >>> boxes = [[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]]
    >>> nms(boxes, [0.9, 0.8, 0.7], iou_threshold=0.5)
    array([0, 2])
    """
    boxes = check_boxes(boxes, "boxes")
    scores = _check_scores(scores, boxes.shape[0])
    threshold = check_threshold(iou_threshold)
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(best)
        order = rest[iou_elementwise(boxes[best], boxes[rest]) <= threshold]
    return np.asarray(keep, dtype=np.int64)


def _check_scores(scores, n):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.shape != (n,):
        raise ValueError(f"scores must have shape ({n},), got {scores.shape}")
    if not np.all(np.isfinite(scores)):
        raise ValueError("scores must hold finite values only")
    return scores


def _box_iou_slow(boxes1, boxes2):
    """Loop version of ``box_iou``: one pair at a time, straight from the definition."""
    out = np.zeros((len(boxes1), len(boxes2)))
    for i, (ax1, ay1, ax2, ay2) in enumerate(boxes1):
        for j, (bx1, by1, bx2, by2) in enumerate(boxes2):
            inter = max(0.0, min(ax2, bx2) - max(ax1, bx1)) * max(
                0.0, min(ay2, by2) - max(ay1, by1)
            )
            union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
            out[i, j] = inter / union if union > 0 else 0.0
    return out


def _nms_slow(boxes, scores, iou_threshold):
    """Loop version of ``nms``: visit boxes by score, keep those no kept box overlaps."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    keep = []
    for i in order:
        if all(_box_iou_slow([boxes[i]], [boxes[j]])[0, 0] <= iou_threshold for j in keep):
            keep.append(i)
    return np.asarray(keep, dtype=np.int64)
