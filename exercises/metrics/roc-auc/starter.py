import numpy as np


def roc_curve(y_true, scores):
    """(fpr, tpr, thresholds) at every distinct score, like
    sklearn.metrics.roc_curve(y_true, scores, drop_intermediate=False).

    thresholds starts with inf, then the distinct scores in decreasing order. Raises
    ValueError when y_true holds one class only.
    """
    raise NotImplementedError


def roc_auc(y_true, scores):
    """Area under the ROC curve (a float), like sklearn.metrics.roc_auc_score; tied scores
    count 1/2. Raises ValueError when y_true holds one class only."""
    raise NotImplementedError
