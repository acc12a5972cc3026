# Wrong: uses the VOC devkit's +1 pixel in widths and heights.
import numpy as np


def box_iou(boxes1, boxes2):
    a = np.asarray(boxes1, dtype=float)[:, None, :]
    b = np.asarray(boxes2, dtype=float)[None, :, :]
    width = np.maximum(np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]) + 1, 0.0)
    height = np.maximum(np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]) + 1, 0.0)
    inter = width * height
    area_a = (a[..., 2] - a[..., 0] + 1) * (a[..., 3] - a[..., 1] + 1)
    area_b = (b[..., 2] - b[..., 0] + 1) * (b[..., 3] - b[..., 1] + 1)
    union = area_a + area_b - inter
    iou = np.zeros(union.shape)
    np.divide(inter, union, out=iou, where=union > 0)
    return iou
