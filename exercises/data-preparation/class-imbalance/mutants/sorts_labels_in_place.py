# Wrong: class_weights sorts y in place to count runs of equal labels, modifying the caller's array.
import numpy as np


def class_weights(y):
    y.sort()
    starts = np.flatnonzero(np.concatenate([[True], y[1:] != y[:-1]]))
    counts = np.diff(np.append(starts, len(y)))
    return {y[s].item(): float(len(y) / (len(starts) * n_c)) for s, n_c in zip(starts, counts)}


def random_oversample(X, y, rng):
    classes, counts = np.unique(y, return_counts=True)
    extra = [rng.choice(np.flatnonzero(y == c), size=counts.max() - n_c)
             for c, n_c in zip(classes, counts) if n_c < counts.max()]
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
    base = rng.integers(0, m, size=n_new)
    partner = neighbours[base, rng.integers(0, k, size=n_new)]
    gap = rng.random((n_new, 1))
    return X[base] + gap * (X[partner] - X[base])
