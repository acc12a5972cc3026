import numpy as np


def nms(boxes, scores, iou_threshold):
    """Greedy non-maximum suppression.

    ``boxes`` (N, 4) rows (x1, y1, x2, y2), ``scores`` (N,). Repeatedly keep the highest-scored
    remaining box and drop the remaining boxes whose IoU with it is strictly greater than
    ``iou_threshold``. Returns the kept indices (into the input) as an int64 array, in
    decreasing score order.
    """
    raise NotImplementedError
