"""Object detection: IoU, non-maximum suppression, average precision and mAP (module 12).

Boxes are ``(x1, y1, x2, y2)`` with ``x2 >= x1`` and ``y2 >= y1`` in float pixels; a box's
area is ``(x2 - x1) * (y2 - y1)`` (no +1 pixel). One module per job: :mod:`.boxes`
(:func:`box_iou`, :func:`nms`), :mod:`.precision` (:func:`average_precision`) and
:mod:`.mean_ap` (:func:`mean_average_precision`). Each fast function has an
obviously-correct loop version beside it in its module, which the tests compare it with.
"""

from reference.detection.boxes import box_iou, nms
from reference.detection.mean_ap import mean_average_precision
from reference.detection.precision import average_precision

__all__ = ["average_precision", "box_iou", "mean_average_precision", "nms"]
