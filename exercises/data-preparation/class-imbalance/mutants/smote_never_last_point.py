# Wrong: smote draws its base points with rng.integers(0, m - 1), so the last minority point
# never starts a synthetic row.
import numpy as np


def class_weights(y):
    classes, counts = np.unique(y, return_counts=True)
    return {c.item(): float(len(y) / (len(classes) * n_c)) for c, n_c in zip(classes, counts)}


def random_oversample(X, y, rng):
    classes, counts = np.unique(y, return_counts=True)
    extra = []
    for c, n_c in zip(classes, counts):
        rows = np.flatnonzero(y == c)
        if n_c < counts.max():
            extra.append(rows[rng.integers(0, n_c, size=counts.max() - n_c)])
    order = np.concatenate([np.arange(len(y)), *extra]).astype(int)
    return X[order], y[order]


def smote(X_minority, n_new, k, rng):
    X = np.asarray(X_minority, dtype=float)
    m = len(X)
    if k >= m:
        raise ValueError(f"k={k} must be smaller than the number of minority points {m}")
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(d2, np.inf)
    neighbours = np.argsort(d2, axis=1)[:, :k]
    base = rng.integers(0, m - 1, size=n_new)
    partner = neighbours[base, rng.integers(0, k, size=n_new)]
    gap = rng.random((n_new, 1))
    return X[base] + gap * (X[partner] - X[base])
