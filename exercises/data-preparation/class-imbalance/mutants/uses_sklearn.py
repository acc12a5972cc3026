# Wrong: uses sklearn's compute_class_weight and NearestNeighbors, which this exercise forbids.
import numpy as np
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.class_weight import compute_class_weight


def class_weights(y):
    classes = np.unique(y)
    weights = compute_class_weight("balanced", classes=classes, y=y)
    return {c.item(): float(w) for c, w in zip(classes, weights)}


def random_oversample(X, y, rng):
    classes, counts = np.unique(y, return_counts=True)
    extra = [rng.choice(np.flatnonzero(y == c), size=counts.max() - n_c)
             for c, n_c in zip(classes, counts) if n_c < counts.max()]
    order = np.concatenate([np.arange(len(y)), *extra]).astype(int)
    return X[order], y[order]


def smote(X_minority, n_new, k, rng):
    X = np.asarray(X_minority, dtype=float)
    if k >= len(X):
        raise ValueError("k too large")
    neighbours = NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X)[1][:, 1:]
    base = rng.integers(0, len(X), size=n_new)
    partner = neighbours[base, rng.integers(0, k, size=n_new)]
    return X[base] + rng.random((n_new, 1)) * (X[partner] - X[base])
