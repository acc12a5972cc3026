import numpy as np


def mean_average_precision(detections, ground_truths, iou_threshold=0.5, method="all_points"):
    """Mean over classes of the average precision of greedily matched detections.

    ``detections`` (K, 7): rows [image_id, class_id, score, x1, y1, x2, y2] (K may be 0).
    ``ground_truths`` (G, 6): rows [image_id, class_id, x1, y1, x2, y2].
    Per class: detections by decreasing score (stable sort), each matched to the unmatched
    ground truth of the same image with the highest IoU, if that IoU >= ``iou_threshold``.
    ``method`` is "all_points", "voc11" or "coco101". Raises ValueError when G == 0.
    Returns a float.
    """
    raise NotImplementedError
