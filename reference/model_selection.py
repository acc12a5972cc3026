"""Model selection: train/validation/test splits, k-fold indices and cross-validation.

Curriculum module 6 (``model-tuning``), exercises ``train-val-test-split``, ``kfold`` and
``cross-validation``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = ["cross_val_score", "kfold_indices", "train_val_test_split"]


def _check_count(value: Any, name: str, minimum: int) -> int:
    """Return ``value`` as an int, or raise ``ValueError`` if it is not an integer >= minimum."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name}={value!r} must be an integer")
    if value < minimum:
        raise ValueError(f"{name}={value!r} must be at least {minimum}")
    return int(value)


def train_val_test_split(
    n: int, ratios: Sequence[float] = (0.6, 0.2, 0.2), seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Split the indices ``0 .. n-1`` at random into training, validation and test sets.

    .. math::

        n_{train} = \lfloor n r_0 \rfloor, \quad n_{val} = \lfloor n r_1 \rfloor,
        \quad n_{test} = n - n_{train} - n_{val}

    Parameters
    ----------
    n : int
        Number of samples, ``n >= 0``.
    ratios : sequence of three floats, default (0.6, 0.2, 0.2)
        Fractions for training, validation and test; each in ``[0, 1]`` and
        ``abs(sum(ratios) - 1) <= 1e-9``. Only ``r0`` and ``r1`` decide the sizes: the test
        set gets the rest.
    seed : int, default 0
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    train_idx, val_idx, test_idx : ndarray of int64
        Consecutive pieces of ``perm = default_rng(seed).permutation(n)``, in ``perm`` order.

    Notes
    -----
    The sizes are floors computed in floating point: ``floor(100 * 0.29) == 28`` because
    ``100 * 0.29 == 28.999999999999996``, and 28 is the answer.

    Examples
    --------
    >>> train, val, test = train_val_test_split(10, (0.7, 0.2, 0.1), seed=0)
    >>> len(train), len(val), len(test)
    (7, 2, 1)
    >>> sorted(np.concatenate([train, val, test]).tolist()) == list(range(10))
    True
    """
    n = _check_count(n, "n", 0)
    try:
        ratio_values = [float(r) for r in ratios]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"ratios={ratios!r} must be a sequence of three numbers") from exc
    if len(ratio_values) != 3:
        raise ValueError(f"ratios={ratios!r} must have exactly three entries (train, val, test)")
    if not all(0.0 <= r <= 1.0 for r in ratio_values):
        raise ValueError(f"ratios={ratios!r} must each lie in [0, 1]")
    if abs(sum(ratio_values) - 1.0) > 1e-9:
        raise ValueError(f"ratios={ratios!r} must sum to 1 (within 1e-9), got {sum(ratio_values)}")
    perm = np.random.default_rng(seed).permutation(n)
    n_train = math.floor(n * ratio_values[0])
    n_val = math.floor(n * ratio_values[1])
    return perm[:n_train], perm[n_train : n_train + n_val], perm[n_train + n_val :]


def kfold_indices(
    n: int, k: int, shuffle: bool = False, seed: int | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    r"""Return the ``(train_idx, val_idx)`` pairs of k-fold cross-validation.

    .. math::

        |V_i| = \lfloor n / k \rfloor + [i < n \bmod k], \qquad
        T_i = \{0, \dots, n-1\} \setminus V_i

    Parameters
    ----------
    n : int
        Number of samples.
    k : int
        Number of folds, ``2 <= k <= n``.
    shuffle : bool, default False
        If false the validation folds are consecutive slices of ``arange(n)``; if true they
        are the same slices cut from ``default_rng(seed).permutation(n)``.
    seed : int or None, default None
        Seed used only when ``shuffle`` is true (``None`` gives a fresh random permutation).

    Returns
    -------
    list of k tuples (train_idx, val_idx)
        ``int64`` index arrays, both sorted ascending; the validation folds partition
        ``0 .. n-1`` and each training set is the complement of its validation fold.

    Notes
    -----
    Unshuffled, this is exactly ``sklearn.model_selection.KFold(k).split``: the first
    ``n % k`` folds hold one sample more than the others. ``seed`` is ignored when
    ``shuffle`` is false.

    Examples
    --------
    >>> for train, val in kfold_indices(5, 2):
    ...     print(train.tolist(), val.tolist())
    [3, 4] [0, 1, 2]
    [0, 1, 2] [3, 4]
    """
    n = _check_count(n, "n", 0)
    k = _check_count(k, "k", 2)
    if k > n:
        raise ValueError(f"k={k} is greater than the number of samples n={n}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    fold_sizes = np.full(k, n // k, dtype=np.int64)
    fold_sizes[: n % k] += 1
    stops = np.cumsum(fold_sizes)
    folds = []
    for start, stop in zip(stops - fold_sizes, stops):
        in_val = np.zeros(n, dtype=bool)
        in_val[order[start:stop]] = True
        folds.append((np.flatnonzero(~in_val), np.flatnonzero(in_val)))
    return folds


def cross_val_score(
    make_model: Callable[[], Any], X: np.ndarray, y: np.ndarray, k: int = 5
) -> np.ndarray:
    r"""Score a model by k-fold cross-validation accuracy.

    .. math::

        \mathrm{acc}_i = \frac{1}{|V_i|} \sum_{j \in V_i} [\hat y_j = y_j],
        \quad \hat y = \mathrm{fit}(X_{T_i}, y_{T_i}).\mathrm{predict}(X_{V_i})

    Parameters
    ----------
    make_model : callable
        Called with no argument once per fold; returns a fresh object with ``fit(X, y)``
        and ``predict(X)``.
    X : array of shape (n_samples, ...)
        Samples, indexed by rows.
    y : array of shape (n_samples,)
        Labels.
    k : int, default 5
        Number of folds (unshuffled :func:`kfold_indices`).

    Returns
    -------
    ndarray of shape (k,)
        The validation accuracy of each fold, float64, in fold order.

    Notes
    -----
    ``predict`` must return one label per validation row (shape ``(n_val,)``); anything else
    raises ``ValueError`` rather than being broadcast into a wrong accuracy.

    Examples
    --------
    >>> class Majority:
    ...     def fit(self, X, y):
    ...         self.label = np.bincount(y).argmax()
    ...     def predict(self, X):
    ...         return np.full(len(X), self.label)
    >>> X = np.zeros((6, 1))
    >>> y = np.array([0, 0, 0, 1, 1, 0])
    >>> cross_val_score(Majority, X, y, k=3).tolist()
    [1.0, 0.5, 0.5]
    """
    if not callable(make_model):
        raise ValueError(f"make_model={make_model!r} must be callable (a model factory)")
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim < 1:
        raise ValueError(f"X must have at least one dimension, got shape {X.shape}")
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D, got shape {y.shape}")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
    scores = np.empty(_check_count(k, "k", 2), dtype=np.float64)
    for fold, (train_idx, val_idx) in enumerate(kfold_indices(len(y), k)):
        model = make_model()
        model.fit(X[train_idx], y[train_idx])
        predictions = np.asarray(model.predict(X[val_idx]))
        if predictions.shape != val_idx.shape:
            raise ValueError(
                f"make_model's predict returned shape {predictions.shape}, "
                f"expected {val_idx.shape} (one label per validation row)"
            )
        scores[fold] = np.mean(predictions == y[val_idx])
    return scores
