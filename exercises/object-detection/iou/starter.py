import numpy as np


def box_iou(boxes1, boxes2):
    """Pairwise IoU of boxes1 (N, 4) and boxes2 (M, 4), rows (x1, y1, x2, y2).

    Returns a float64 array (N, M) whose entry (i, j) is IoU(boxes1[i], boxes2[j]);
    a pair whose union is empty (two zero-area boxes) gives 0.0, never NaN.
    """
    raise NotImplementedError
