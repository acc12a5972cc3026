"""Mean average precision of detections greedily matched to ground truths (module 12).

Rows are ``[image_id, class_id, score, x1, y1, x2, y2]`` for detections and
``[image_id, class_id, x1, y1, x2, y2]`` for ground truths, boxes as in
:mod:`reference.detection.boxes`. Beside :func:`mean_average_precision`, its loop version
``_mean_average_precision_slow``, which the tests compare it with.
"""

from __future__ import annotations

import numpy as np

from reference.detection.boxes import (
    _box_iou_slow,
    check_boxes,
    check_threshold,
    iou_elementwise,
)
from reference.detection.precision import (
    _average_precision_slow,
    average_precision_of,
    check_method,
)

__all__ = ["mean_average_precision"]


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
    check_method(method)
    threshold = check_threshold(iou_threshold)
    dets = check_boxes(detections, "detections", n_columns=7, first=3)
    gts = check_boxes(ground_truths, "ground_truths", n_columns=6, first=2)
    if gts.shape[0] == 0:
        raise ValueError("ground_truths is empty: mAP is undefined without any ground truth")

    classes, gt_class, gt_per_class = np.unique(gts[:, 1], return_inverse=True, return_counts=True)
    dets, det_class = _detections_by_class(dets, classes)
    true_positive = _greedy_matches(dets, det_class, gts, gt_class.reshape(-1), threshold)
    class_bounds = np.searchsorted(det_class, np.arange(classes.size + 1))
    aps = []
    for c in range(classes.size):
        hits = np.cumsum(true_positive[class_bounds[c] : class_bounds[c + 1]])
        recall = hits / gt_per_class[c]
        precision = hits / np.arange(1, hits.size + 1)
        aps.append(average_precision_of(recall, precision, method))
    return float(np.mean(aps))


def _detections_by_class(dets: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The detections of ``classes`` (sorted class ids) and each one's index into ``classes``,
    ordered by class, then decreasing score; ties keep input order (``lexsort`` is stable)."""
    det_class = np.searchsorted(classes, dets[:, 1])
    known = det_class < classes.size
    known[known] = classes[det_class[known]] == dets[known, 1]
    dets, det_class = dets[known], det_class[known]
    order = np.lexsort((-dets[:, 2], det_class))
    return dets[order], det_class[order]


def _greedy_matches(dets, det_class, gts, gt_class, threshold: float) -> np.ndarray:
    """Whether each detection (in the order of :func:`_detections_by_class`) is a true positive.

    IoUs are computed for every (detection, ground truth) pair of the same image and class at
    once; the greedy choice then runs in rounds, round ``r`` matching the ``r``-th detection
    of every (image, class) group together (groups share no ground truth).
    """
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
    pair_iou = iou_elementwise(dets[pair_det, 3:], gt_boxes[pair_gt])
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
    return true_positive


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
