# Wrong: calls scikit-learn's confusion_matrix, which this exercise forbids.
from sklearn.metrics import confusion_matrix as _sk


def confusion_matrix(y_true, y_pred, n_classes):
    return _sk(y_true, y_pred, labels=list(range(n_classes)))
