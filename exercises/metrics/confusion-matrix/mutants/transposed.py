# Wrong: rows are the predicted classes and columns the true ones (the transpose).
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        matrix[p, t] += 1
    return matrix
