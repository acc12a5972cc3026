# Wrong: label_encode sorts the caller's array in place (values.sort()) to find the classes.
import numpy as np


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    if n_classes is None:
        n_classes = int(labels.max()) + 1
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def label_encode(values):
    original = values.copy()
    values.sort()
    classes = values[np.concatenate([[True], values[1:] != values[:-1]])]
    return np.searchsorted(classes, original).astype(np.int64), classes
