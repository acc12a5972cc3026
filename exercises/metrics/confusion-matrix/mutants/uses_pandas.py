# Wrong: builds the table with pandas.crosstab, which this exercise forbids.
import numpy as np
import pandas as pd


def confusion_matrix(y_true, y_pred, n_classes):
    table = pd.crosstab(pd.Series(y_true), pd.Series(y_pred))
    table = table.reindex(index=range(n_classes), columns=range(n_classes), fill_value=0)
    return table.to_numpy(dtype=np.int64)
