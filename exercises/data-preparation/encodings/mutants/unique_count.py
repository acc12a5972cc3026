# Wrong: one_hot uses C = the number of distinct labels instead of max(labels) + 1.
import numpy as np


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    if n_classes is None:
        n_classes = len(np.unique(labels))
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def label_encode(values):
    classes, codes = np.unique(values, return_inverse=True)
    return codes.astype(np.int64), classes
