# Wrong: one_hot ignores the n_classes argument and always uses max(labels) + 1 columns.
import numpy as np


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    out = np.zeros((len(labels), int(labels.max()) + 1))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def label_encode(values):
    classes, codes = np.unique(values, return_inverse=True)
    return codes.astype(np.int64), classes
