import numpy as np


def precision_recall_f1(y_true, y_pred, average="binary", pos_label=1):
    """(precision, recall, f1) as floats, like sklearn's precision_recall_fscore_support
    with zero_division=0.

    ``average`` is "binary" (the class ``pos_label`` only), "macro", "micro" or "weighted".
    The classes are the sorted union of the labels in y_true and y_pred. "binary" raises
    ValueError when more than two labels are present, or two without ``pos_label``.
    """
    raise NotImplementedError
