# Wrong: makes one model before the loop and re-fits it on every fold.
import numpy as np


def kfold_indices(n, k):
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    stops = np.cumsum(sizes)
    folds = []
    for start, stop in zip(stops - sizes, stops):
        val = np.arange(start, stop)
        folds.append((np.setdiff1d(np.arange(n), val), val))
    return folds


def cross_val_score(make_model, X, y, k=5):
    model = make_model()
    scores = []
    for train_idx, val_idx in kfold_indices(len(y), k):
        model.fit(X[train_idx], y[train_idx])
        scores.append(np.mean(model.predict(X[val_idx]) == y[val_idx]))
    return np.array(scores)
