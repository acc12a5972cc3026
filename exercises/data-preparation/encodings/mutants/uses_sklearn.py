# Wrong: uses sklearn's LabelEncoder, which this exercise forbids.
import numpy as np
from sklearn.preprocessing import LabelEncoder


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    if n_classes is None:
        n_classes = int(labels.max()) + 1
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def label_encode(values):
    encoder = LabelEncoder()
    codes = encoder.fit_transform(values)
    return codes, encoder.classes_
