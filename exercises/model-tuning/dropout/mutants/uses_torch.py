# Wrong: calls torch's dropout, which this exercise forbids (and which ignores the given rng).
import numpy as np
import torch


def dropout(x, p, rng, training=True):
    out = torch.nn.functional.dropout(torch.tensor(x), p=p, training=training).numpy()
    return out, out != 0
