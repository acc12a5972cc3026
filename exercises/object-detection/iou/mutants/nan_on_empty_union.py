# Wrong: divides without guarding an empty union, so two zero-area boxes give NaN.
import numpy as np


def box_iou(boxes1, boxes2):
    a = np.asarray(boxes1, dtype=float)[:, None, :]
    b = np.asarray(boxes2, dtype=float)[None, :, :]
    width = np.maximum(np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]), 0.0)
    height = np.maximum(np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]), 0.0)
    inter = width * height
    area_a = (a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1])
    area_b = (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])
    union = area_a + area_b - inter
    return inter / union
