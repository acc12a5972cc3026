# Wrong: calls torchvision.ops.nms, which this exercise forbids.
import numpy as np
import torch
import torchvision


def nms(boxes, scores, iou_threshold):
    keep = torchvision.ops.nms(torch.as_tensor(np.asarray(boxes, dtype=float)),
                               torch.as_tensor(np.asarray(scores, dtype=float)), iou_threshold)
    return keep.numpy().astype(np.int64)
