# Wrong: calls torchvision.ops.box_iou, which this exercise forbids (and which gives NaN for zero-area pairs).
import numpy as np
import torch
from torchvision.ops import box_iou as _box_iou


def box_iou(boxes1, boxes2):
    out = _box_iou(torch.as_tensor(np.asarray(boxes1, dtype=float)),
                   torch.as_tensor(np.asarray(boxes2, dtype=float)))
    return out.numpy()
