# Wrong: averages over every class seen in detections or ground truths (AP 0 without ground truth).
import numpy as np


def _iou(box, boxes):
    """IoU of one box (4,) with every row of boxes (M, 4); 0.0 where the union is empty."""
    w = np.clip(np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0]), 0, None)
    h = np.clip(np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1]), 0, None)
    inter = w * h
    area = (box[2] - box[0]) * (box[3] - box[1])
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    union = area + areas - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)


def _average_precision(recall, precision, method):
    if recall.size == 0:
        return 0.0
    if method == "all_points":
        envelope = np.maximum.accumulate(precision[::-1])[::-1]
        steps = np.diff(recall, prepend=0.0)
        return float(np.sum(steps * envelope))
    grid = np.linspace(0.0, 1.0, 11 if method == "voc11" else 101)
    values = [precision[recall >= t].max() if np.any(recall >= t) else 0.0 for t in grid]
    return float(np.mean(values))


def mean_average_precision(detections, ground_truths, iou_threshold=0.5, method="all_points"):
    detections = np.asarray(detections, dtype=float).reshape(-1, 7)
    ground_truths = np.asarray(ground_truths, dtype=float).reshape(-1, 6)
    if len(ground_truths) == 0:
        raise ValueError("ground_truths is empty: mAP is undefined")
    aps = []
    for c in np.unique(np.concatenate([ground_truths[:, 1], detections[:, 1]])):
        gts = ground_truths[ground_truths[:, 1] == c]
        if len(gts) == 0:
            aps.append(0.0)
            continue
        dets = detections[detections[:, 1] == c]
        dets = dets[np.argsort(-dets[:, 2], kind="stable")]
        matched = np.zeros(len(gts), dtype=bool)
        tp = np.zeros(len(dets))
        for k, det in enumerate(dets):
            candidates = (gts[:, 0] == det[0]) & ~matched
            if not candidates.any():
                continue
            ious = np.where(candidates, _iou(det[3:], gts[:, 2:]), -1.0)
            j = int(np.argmax(ious))
            if ious[j] >= iou_threshold:
                matched[j] = True
                tp[k] = 1
        hits = np.cumsum(tp)
        recall = hits / len(gts)
        precision = hits / np.arange(1, len(dets) + 1)
        aps.append(_average_precision(recall, precision, method))
    return float(np.mean(aps))
