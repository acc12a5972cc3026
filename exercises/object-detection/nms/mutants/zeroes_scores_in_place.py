# Wrong: marks suppressed boxes by setting their score to -1 in the caller's array.
import numpy as np


def _iou(box, boxes):
    """IoU of one box (4,) with every row of boxes (M, 4); 0.0 where the union is empty."""
    w = np.clip(np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0]), 0, None)
    h = np.clip(np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1]), 0, None)
    inter = w * h
    area = (box[2] - box[0]) * (box[3] - box[1])
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    union = area + areas - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def nms(boxes, scores, iou_threshold):
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    scores = np.asarray(scores, dtype=float)
    keep = []
    while np.max(scores, initial=-1.0) >= 0:
        best = int(np.argmax(scores))
        keep.append(best)
        scores[best] = -1.0
        overlap = _iou(boxes[best], boxes) > iou_threshold
        scores[overlap] = -1.0
    return np.array(keep, dtype=np.int64)
