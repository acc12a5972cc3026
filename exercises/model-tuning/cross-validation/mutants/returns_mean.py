# Wrong: returns the mean accuracy over the folds instead of the k accuracies.
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
    scores = []
    for train_idx, val_idx in kfold_indices(len(y), k):
        model = make_model()
        model.fit(X[train_idx], y[train_idx])
        scores.append(np.mean(model.predict(X[val_idx]) == y[val_idx]))
    return float(np.mean(scores))
