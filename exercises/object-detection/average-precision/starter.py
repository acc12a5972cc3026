import numpy as np


def average_precision(recall, precision, method="all_points"):
    """Area under a precision-recall curve.

    ``recall`` and ``precision`` (1-D, same length) are the cumulative values down a list of
    detections sorted by decreasing score. ``method``: "all_points" (area under the monotone
    precision envelope), "voc11" (mean over np.linspace(0, 1, 11) of the best precision at
    recall >= t, 0 where none) or "coco101" (the same over np.linspace(0, 1, 101)).
    Returns a float; 0.0 for empty inputs.
    """
    raise NotImplementedError
