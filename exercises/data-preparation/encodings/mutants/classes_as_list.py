# Wrong: label_encode returns classes as a Python list (sorted(set(values))), not a NumPy array.
import numpy as np


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    if n_classes is None:
        n_classes = int(labels.max()) + 1
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def label_encode(values):
    classes = sorted(set(values.tolist()))
    codes = np.array([classes.index(v) for v in values.tolist()], dtype=np.int64)
    return codes, classes
