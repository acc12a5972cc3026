# Wrong: label_encode numbers the values in order of first appearance instead of sorted order.
import numpy as np


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    if n_classes is None:
        n_classes = int(labels.max()) + 1
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def label_encode(values):
    mapping = {}
    codes = [mapping.setdefault(v, len(mapping)) for v in values]
    return np.array(codes, dtype=np.int64), np.array(list(mapping))
