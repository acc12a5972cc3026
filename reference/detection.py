"""Object detection: IoU, non-maximum suppression, average precision and mAP (module 12).

Boxes are ``(x1, y1, x2, y2)`` with ``x2 >= x1`` and ``y2 >= y1`` in float pixels; a box's
area is ``(x2 - x1) * (y2 - y1)`` (no +1 pixel). Each fast function has an obviously-correct
loop version beside it (``_box_iou_slow``, ``_nms_slow``, ``_average_precision_slow``,
``_mean_average_precision_slow``) that the tests compare it with.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["average_precision", "box_iou", "mean_average_precision", "nms"]

_AP_METHODS = ("all_points", "voc11", "coco101")


def _check_boxes(boxes, name, n_columns=4, first=0):
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


def _iou_elementwise(a, b):
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
    boxes1 = _check_boxes(boxes1, "boxes1")
    boxes2 = _check_boxes(boxes2, "boxes2")
    return _iou_elementwise(boxes1[:, None, :], boxes2[None, :, :])


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
    boxes = _check_boxes(boxes, "boxes")
    scores = _check_scores(scores, boxes.shape[0])
    threshold = _check_threshold(iou_threshold)
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(best)
        order = rest[_iou_elementwise(boxes[best], boxes[rest]) <= threshold]
    return np.asarray(keep, dtype=np.int64)


def _check_scores(scores, n):
    scores = np.asarray(scores, dtype=np.float64)
    if scores.shape != (n,):
        raise ValueError(f"scores must have shape ({n},), got {scores.shape}")
    if not np.all(np.isfinite(scores)):
        raise ValueError("scores must hold finite values only")
    return scores


def _check_threshold(iou_threshold):
    if isinstance(iou_threshold, bool) or not isinstance(iou_threshold, numbers.Real):
        raise ValueError(f"iou_threshold must be a number, got iou_threshold={iou_threshold!r}")
    if not 0.0 <= iou_threshold <= 1.0:
        raise ValueError(f"iou_threshold must be in [0, 1], got iou_threshold={iou_threshold}")
    return float(iou_threshold)


def _check_method(method):
    if method not in _AP_METHODS:
        raise ValueError(f"method must be one of {_AP_METHODS}, got method={method!r}")


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
    _check_method(method)
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
    return _average_precision(recall, precision, method)


def _average_precision(recall, precision, method):
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


def mean_average_precision(detections, ground_truths, iou_threshold=0.5, method="all_points"):
    r"""Mean over classes of the average precision of greedily matched detections.

    .. math::

        \text{mAP} = \frac{1}{|\mathcal{C}|} \sum_{c \in \mathcal{C}} \operatorname{AP}_c,
        \qquad \mathcal{C} = \text{classes with at least one ground truth}

    Parameters
    ----------
    detections : array-like, shape (K, 7)
        Rows ``[image_id, class_id, score, x1, y1, x2, y2]``; ``K`` may be 0.
    ground_truths : array-like, shape (G, 6)
        Rows ``[image_id, class_id, x1, y1, x2, y2]``, ``G >= 1``.
    iou_threshold : float, default 0.5
        A match needs IoU >= ``iou_threshold`` (in [0, 1]).
    method : {"all_points", "voc11", "coco101"}, default "all_points"
        Interpolation passed to ``average_precision``.

    Returns
    -------
    float
        mAP in [0, 1].

    Raises
    ------
    ValueError
        If there is no ground truth at all, on malformed rows, boxes or scores, or on a
        bad ``iou_threshold`` or ``method``.

    Notes
    -----
    Per class, detections are taken in decreasing score (ties keep input order: a stable
    sort); each is matched to the still unmatched ground truth of its image and class with
    the highest IoU (ties: the first in input order), provided that IoU >= the threshold
    (no +1 pixel, unlike the VOC devkit); matched detections are true positives, the others
    false positives. Recall is divided by the class's number of ground truths. Classes with
    ground truths but no detections score 0; detections of classes without ground truth are
    ignored. With ``method="coco101"``, distinct scores, no detection at equal IoU with two
    ground truths and at most 100 detections per image, this is pycocotools' AP at that IoU
    (area "all", ``maxDets=100``).

    The matching is vectorised: IoUs are computed for every (detection, ground truth) pair
    of the same image and class at once, and the greedy choice runs in rounds, round ``r``
    matching the ``r``-th detection of every (image, class) group simultaneously (groups
    share no ground truth, so they cannot interfere). Memory grows with the number of
    (detection, ground truth) pairs that share an image and a class.

    Examples
    --------
    >>> gts = [[0, 0, 0, 0, 10, 10], [1, 0, 0, 0, 10, 10]]
    >>> dets = [[0, 0, 0.9, 0, 0, 10, 10], [1, 0, 0.8, 50, 50, 60, 60]]
    >>> mean_average_precision(dets, gts)
    0.5
    """
    _check_method(method)
    threshold = _check_threshold(iou_threshold)
    dets = _check_boxes(detections, "detections", n_columns=7, first=3)
    gts = _check_boxes(ground_truths, "ground_truths", n_columns=6, first=2)
    if gts.shape[0] == 0:
        raise ValueError("ground_truths is empty: mAP is undefined without any ground truth")

    classes, gt_class, gt_per_class = np.unique(gts[:, 1], return_inverse=True, return_counts=True)
    gt_class = gt_class.reshape(-1)
    det_class = np.searchsorted(classes, dets[:, 1])
    known = det_class < classes.size
    known[known] = classes[det_class[known]] == dets[known, 1]
    dets, det_class = dets[known], det_class[known]
    # Detections by class, then decreasing score; lexsort is stable, so ties keep input order.
    order = np.lexsort((-dets[:, 2], det_class))
    dets, det_class = dets[order], det_class[order]

    images, image_code = np.unique(np.concatenate([dets[:, 0], gts[:, 0]]), return_inverse=True)
    image_code = image_code.reshape(-1)
    det_key = det_class * images.size + image_code[: dets.shape[0]]
    gt_key = gt_class * images.size + image_code[dets.shape[0] :]
    # Ground truths grouped by (class, image); the stable sort keeps input order in a group.
    gt_order = np.argsort(gt_key, kind="stable")
    gt_boxes, gt_key = gts[gt_order, 2:], gt_key[gt_order]

    # Every (detection, ground truth) pair of the same group, flattened.
    first_gt = np.searchsorted(gt_key, det_key, side="left")
    n_gt = np.searchsorted(gt_key, det_key, side="right") - first_gt
    pair_det = np.repeat(np.arange(dets.shape[0]), n_gt)
    offset = np.arange(pair_det.size) - np.repeat(np.cumsum(n_gt) - n_gt, n_gt)
    pair_gt = np.repeat(first_gt, n_gt) + offset
    pair_iou = _iou_elementwise(dets[pair_det, 3:], gt_boxes[pair_gt])
    eligible = pair_iou >= threshold
    pair_det, pair_gt, pair_iou = pair_det[eligible], pair_gt[eligible], pair_iou[eligible]

    # Rank of each detection within its group (0 = highest score).
    by_group = np.argsort(det_key, kind="stable")
    sorted_keys = det_key[by_group]
    group_start = np.searchsorted(sorted_keys, sorted_keys, side="left")
    rank = np.empty(dets.shape[0], dtype=np.int64)
    rank[by_group] = np.arange(dets.shape[0]) - group_start

    # Pairs by round, then detection, then decreasing IoU, then ground-truth input order.
    pair_rank = rank[pair_det]
    pair_order = np.lexsort((pair_gt, -pair_iou, pair_det, pair_rank))
    pair_det, pair_gt, pair_rank = pair_det[pair_order], pair_gt[pair_order], pair_rank[pair_order]
    bounds = np.flatnonzero(np.diff(pair_rank)) + 1
    gt_matched = np.zeros(gt_boxes.shape[0], dtype=bool)
    true_positive = np.zeros(dets.shape[0], dtype=bool)
    for round_det, round_gt in zip(np.split(pair_det, bounds), np.split(pair_gt, bounds)):
        free = ~gt_matched[round_gt]
        round_det, round_gt = round_det[free], round_gt[free]
        best = np.ones(round_det.size, dtype=bool)
        best[1:] = round_det[1:] != round_det[:-1]
        gt_matched[round_gt[best]] = True
        true_positive[round_det[best]] = True

    class_bounds = np.searchsorted(det_class, np.arange(classes.size + 1))
    aps = []
    for c in range(classes.size):
        hits = np.cumsum(true_positive[class_bounds[c] : class_bounds[c + 1]])
        recall = hits / gt_per_class[c]
        precision = hits / np.arange(1, hits.size + 1)
        aps.append(_average_precision(recall, precision, method))
    return float(np.mean(aps))


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


def _mean_average_precision_slow(detections, ground_truths, iou_threshold=0.5, method="all_points"):
    """Loop version of ``mean_average_precision``: class by class, detection by detection."""
    aps = []
    for c in sorted({float(g[1]) for g in ground_truths}):
        gts = [g for g in ground_truths if g[1] == c]
        dets = sorted((d for d in detections if d[1] == c), key=lambda d: -d[2])
        matched = [False] * len(gts)
        hits = []
        for d in dets:
            best, best_iou = None, -1.0
            for j, g in enumerate(gts):
                if g[0] != d[0] or matched[j]:
                    continue
                iou = _box_iou_slow([d[3:7]], [g[2:6]])[0, 0]
                if iou >= iou_threshold and iou > best_iou:
                    best, best_iou = j, iou
            if best is not None:
                matched[best] = True
            hits.append(best is not None)
        recall = [sum(hits[: i + 1]) / len(gts) for i in range(len(hits))]
        precision = [sum(hits[: i + 1]) / (i + 1) for i in range(len(hits))]
        aps.append(_average_precision_slow(recall, precision, method))
    return float(sum(aps) / len(aps))
