# Wrong: takes the folds from sklearn's KFold, which this exercise forbids.
import numpy as np
from sklearn.model_selection import KFold


def cross_val_score(make_model, X, y, k=5):
    scores = []
    for train_idx, val_idx in KFold(k).split(X):
        model = make_model()
        model.fit(X[train_idx], y[train_idx])
        scores.append(np.mean(model.predict(X[val_idx]) == y[val_idx]))
    return np.array(scores)
