# Wrong: takes the size from the largest label seen instead of n_classes.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    size = int(max(y_true.max(), y_pred.max())) + 1
    matrix = np.zeros((size, size), dtype=np.int64)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix
