"""Ranking metrics for binary classifiers: the ROC curve and the area under it.

Curriculum module 9 (``metrics``), exercise ``roc-auc``. The fast versions sort once; the
slow, obviously correct versions beside them (``_roc_curve_naive``, ``_roc_auc_pairwise``)
are what the tests check them against.
"""

from __future__ import annotations

import numpy as np

from reference._validation import as_real_array

__all__ = ["roc_auc", "roc_curve"]


def _check_binary_scores(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(y as bool, scores as float64)``; both classes must be present."""
    y_true = np.asarray(y_true)
    scores = np.asarray(scores)
    if y_true.ndim != 1:
        raise ValueError(f"y_true must be 1-D, got shape {y_true.shape}")
    if scores.ndim != 1:
        raise ValueError(f"scores must be 1-D, got shape {scores.shape}")
    if len(y_true) != len(scores):
        raise ValueError(f"y_true has {len(y_true)} labels but scores has {len(scores)}")
    if y_true.dtype.kind not in "biuf" or not np.all((y_true == 0) | (y_true == 1)):
        raise ValueError("y_true must hold only the labels 0 and 1 (or booleans)")
    scores = as_real_array(scores, "scores")
    if not np.all(np.isfinite(scores)):
        raise ValueError("scores contains NaN or infinite values")
    positives = y_true.astype(bool)
    n_pos = int(np.count_nonzero(positives))
    if n_pos == 0 or n_pos == len(positives):
        kind = "no positive" if n_pos == 0 else "no negative"
        raise ValueError(f"y_true has {kind} samples: the ROC curve and its AUC need both classes")
    return positives, scores


def roc_curve(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Receiver operating characteristic: false and true positive rates at every threshold.

    .. math::

        \mathrm{TPR}(t) = \frac{\#\{i : s_i \ge t,\ y_i = 1\}}{\#\{i : y_i = 1\}}, \qquad
        \mathrm{FPR}(t) = \frac{\#\{i : s_i \ge t,\ y_i = 0\}}{\#\{i : y_i = 0\}}

    Parameters
    ----------
    y_true : array of shape (n,)
        Labels 0/1 (or booleans), positive = 1; both classes must be present.
    scores : array of shape (n,)
        Finite scores, higher meaning more likely positive.

    Returns
    -------
    fpr, tpr : ndarray of shape (n_thresholds,)
        Non-decreasing, from 0 to 1.
    thresholds : ndarray of shape (n_thresholds,)
        ``inf`` followed by the distinct scores in decreasing order; the point ``k`` predicts
        positive every sample with ``score >= thresholds[k]``.

    Notes
    -----
    Every distinct score is a threshold (no point is dropped): this is
    ``sklearn.metrics.roc_curve(y_true, scores, drop_intermediate=False)``, except that one
    class only raises ``ValueError`` where scikit-learn warns and returns NaN.

    Examples
    --------
    >>> fpr, tpr, thresholds = roc_curve(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]))
    >>> fpr.tolist(), tpr.tolist(), thresholds.tolist()
    ([0.0, 0.0, 0.5, 0.5, 1.0], [0.0, 0.5, 0.5, 1.0, 1.0], [inf, 0.8, 0.4, 0.35, 0.1])
    """
    positives, scores = _check_binary_scores(y_true, scores)
    order = np.argsort(scores)[::-1]
    sorted_scores = scores[order]
    # Last index of each run of equal scores, down the decreasing order.
    ends = np.append(np.flatnonzero(np.diff(sorted_scores)), len(scores) - 1)
    true_positives = np.cumsum(positives[order])[ends]
    false_positives = ends + 1 - true_positives
    tpr = np.concatenate([[0.0], true_positives / true_positives[-1]])
    fpr = np.concatenate([[0.0], false_positives / false_positives[-1]])
    thresholds = np.concatenate([[np.inf], sorted_scores[ends]])
    return fpr, tpr, thresholds


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    r"""Area under the ROC curve, with ties between a positive and a negative counted as 1/2.

    .. math::

        \mathrm{AUC} = \frac{1}{n_+ n_-} \sum_{i : y_i = 1} \sum_{j : y_j = 0}
        \left([s_i > s_j] + \tfrac{1}{2}[s_i = s_j]\right)

    Parameters
    ----------
    y_true : array of shape (n,)
        Labels 0/1 (or booleans), positive = 1; both classes must be present.
    scores : array of shape (n,)
        Finite scores.

    Returns
    -------
    float
        In ``[0, 1]``.

    Notes
    -----
    The probability that a random positive outscores a random negative (Mann-Whitney U),
    which equals the trapezoidal area under :func:`roc_curve`. It is computed after one
    sort, group by group of tied scores, in exact integer arithmetic (twice the numerator),
    so the only rounding is the final division. Matches
    ``sklearn.metrics.roc_auc_score``, except that one class only raises ``ValueError``.

    Examples
    --------
    >>> roc_auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]))
    0.75
    >>> roc_auc(np.array([0, 1]), np.array([0.5, 0.5]))
    0.5
    """
    positives, scores = _check_binary_scores(y_true, scores)
    order = np.argsort(scores)
    sorted_scores = scores[order]
    # Last index of each run of equal scores, up the increasing order.
    ends = np.append(np.flatnonzero(np.diff(sorted_scores)), len(scores) - 1)
    pos_through = np.cumsum(positives[order], dtype=np.int64)[ends]
    neg_through = ends + 1 - pos_through
    pos_in_group = np.diff(pos_through, prepend=0)
    neg_in_group = np.diff(neg_through, prepend=0)
    neg_below = neg_through - neg_in_group
    # Each positive beats the negatives strictly below its group and ties with half of its own.
    twice_numerator = int(np.dot(pos_in_group, 2 * neg_below + neg_in_group))
    n_pos = int(pos_through[-1])
    n_neg = len(scores) - n_pos
    return twice_numerator / (2 * n_pos * n_neg)


def _roc_curve_naive(
    y_true: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Slow ROC curve straight from the definition, one threshold at a time (for tests)."""
    positives, scores = _check_binary_scores(y_true, scores)
    thresholds = [np.inf, *sorted(set(scores.tolist()), reverse=True)]
    tpr = [np.mean(scores[positives] >= t) for t in thresholds]
    fpr = [np.mean(scores[~positives] >= t) for t in thresholds]
    return np.array(fpr), np.array(tpr), np.array(thresholds)


def _roc_auc_pairwise(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Slow AUC over every (positive, negative) pair: 1 if ordered right, 1/2 if tied."""
    positives, scores = _check_binary_scores(y_true, scores)
    pos_scores = scores[positives][:, None]
    neg_scores = scores[~positives][None, :]
    wins = np.count_nonzero(pos_scores > neg_scores) + 0.5 * np.count_nonzero(
        pos_scores == neg_scores
    )
    return float(wins / (pos_scores.size * neg_scores.size))
