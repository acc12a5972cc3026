"""Classification statistics: odds, logit, the logistic function, cross-entropy, likelihood.

CURRICULUM module 4 (``classification-statistics``). The elementwise functions
(:func:`odds`, :func:`logit`, :func:`sigmoid`) accept a scalar or an array of any shape and
return a Python ``float`` for a scalar, a float64 array otherwise.
"""

from __future__ import annotations

import numpy as np

from reference._validation import as_float_array
from reference.stats.descriptive import mean, variance

__all__ = [
    "bernoulli_mle",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "gaussian_mle",
    "logit",
    "odds",
    "sigmoid",
]


def _check_probabilities(p: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` unless every entry of ``p`` lies in [0, 1] (NaN included)."""
    outside = ~((p >= 0.0) & (p <= 1.0))
    if np.any(outside):
        index = tuple(int(i) for i in np.argwhere(outside)[0])
        where = f" at index {index}" if p.ndim else ""
        raise ValueError(f"{name} must lie in [0, 1]; found {name}={float(p[index])!r}{where}")


def _result(out: np.ndarray):
    """A Python float for a 0-d result, the array itself otherwise."""
    return float(out) if out.ndim == 0 else out


def odds(p):
    r"""Odds of an event with probability ``p``, elementwise.

    .. math:: \operatorname{odds}(p) = \frac{p}{1 - p}

    Parameters
    ----------
    p : float or array_like of any shape
        Probabilities in [0, 1].

    Returns
    -------
    float or ndarray of the shape of ``p``
        ``+inf`` where ``p == 1``.

    Raises
    ------
    ValueError
        If an entry of ``p`` lies outside [0, 1] or is NaN.

    Examples
    --------
    >>> odds(0.75)
    3.0
    >>> odds([0.0, 0.5, 1.0])
    array([ 0.,  1., inf])
    """
    p = as_float_array(p, "p")
    _check_probabilities(p, "p")
    with np.errstate(divide="ignore"):
        return _result(np.asarray(p / (1.0 - p)))


def logit(p):
    r"""Log-odds of a probability, the inverse of :func:`sigmoid`, elementwise.

    .. math:: \operatorname{logit}(p) = \log \frac{p}{1 - p}

    Parameters
    ----------
    p : float or array_like of any shape
        Probabilities in [0, 1].

    Returns
    -------
    float or ndarray of the shape of ``p``
        ``-inf`` at ``p == 0`` and ``+inf`` at ``p == 1``.

    Raises
    ------
    ValueError
        If an entry of ``p`` lies outside [0, 1] or is NaN.

    Notes
    -----
    Near ``p = 0.5`` the quotient ``p / (1 - p)`` loses relative precision, so for
    ``0.3 <= p <= 0.65`` the value is computed as ``log1p(s) - log1p(-s)`` with
    ``s = 2 (p - 0.5)``, the same split :func:`scipy.special.logit` uses.

    Examples
    --------
    >>> logit(0.5)
    0.0
    >>> round(logit(0.9), 6)
    2.197225
    """
    p = as_float_array(p, "p")
    _check_probabilities(p, "p")
    with np.errstate(divide="ignore"):
        s = 2.0 * (p - 0.5)
        near_half = (p >= 0.3) & (p <= 0.65)
        out = np.where(near_half, np.log1p(s) - np.log1p(-s), np.log(p / (1.0 - p)))
    return _result(np.asarray(out))


def sigmoid(z):
    r"""The logistic function, elementwise and without overflow.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}

    Parameters
    ----------
    z : float or array_like of any shape
        Real inputs (``±inf`` allowed).

    Returns
    -------
    float or ndarray of the shape of ``z``
        Values in [0, 1].

    Notes
    -----
    With ``e = exp(-|z|)``, which lies in (0, 1] and never overflows, the value is
    ``1 / (1 + e)`` for ``z >= 0`` and ``e / (1 + e)`` for ``z < 0``. So ``sigmoid(0)`` is
    exactly 0.5, no overflow or invalid-value warning is raised for any ``z``, and very
    negative inputs underflow gracefully to 0.

    Examples
    --------
    >>> sigmoid(0)
    0.5
    >>> np.round(sigmoid(np.array([-10000.0, -1.0, 1.0, 10000.0])), 6)
    array([0.      , 0.268941, 0.731059, 1.      ])
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    out = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return _result(np.asarray(out))


def _check_targets_and_predictions(y_true, pred, pred_name: str):
    y_true = as_float_array(y_true, "y_true")
    pred = as_float_array(pred, pred_name)
    if y_true.shape != pred.shape:
        raise ValueError(
            f"y_true and {pred_name} must have the same shape; "
            f"got y_true.shape={y_true.shape} and {pred_name}.shape={pred.shape}"
        )
    if y_true.size == 0:
        raise ValueError("y_true is empty; need at least one sample")
    _check_probabilities(y_true, "y_true")
    return y_true, pred


def binary_cross_entropy(y_true, p, eps: float = 1e-12) -> float:
    r"""Mean binary cross-entropy of predicted probabilities, clipped away from 0 and 1.

    .. math::
        L = -\frac{1}{n} \sum_i \big[ y_i \log \tilde p_i + (1 - y_i) \log(1 - \tilde p_i) \big],
        \qquad \tilde p_i = \operatorname{clip}(p_i, \varepsilon, 1 - \varepsilon)

    Parameters
    ----------
    y_true : array_like of shape (n_samples,) (or any shape)
        Targets in [0, 1], usually the labels 0 and 1.
    p : array_like of the shape of ``y_true``
        Predicted probabilities of class 1, in [0, 1].
    eps : float, default=1e-12
        Clipping margin, in [0, 0.5).

    Returns
    -------
    float
        The mean over all entries.

    Raises
    ------
    ValueError
        On mismatched shapes, an empty input, values outside [0, 1], or a bad ``eps``.

    Notes
    -----
    A term whose weight ``y_i`` or ``1 - y_i`` is zero contributes exactly 0, so with
    ``eps=0`` a confident correct prediction costs nothing and a confident wrong one
    costs ``+inf``.

    Examples
    --------
    >>> round(binary_cross_entropy([1, 0], [0.9, 0.2]), 6)
    0.164252
    """
    y_true, p = _check_targets_and_predictions(y_true, p, "p")
    _check_probabilities(p, "p")
    eps_value = float(eps)
    if not 0.0 <= eps_value < 0.5:
        raise ValueError(f"eps must lie in [0, 0.5); got eps={eps!r}")
    p = np.clip(p, eps_value, 1.0 - eps_value)
    with np.errstate(divide="ignore", invalid="ignore"):
        positive = np.where(y_true > 0, y_true * np.log(p), 0.0)
        negative = np.where(y_true < 1, (1.0 - y_true) * np.log1p(-p), 0.0)
    return float(-np.mean(positive + negative))


def binary_cross_entropy_with_logits(y_true, z) -> float:
    r"""Mean binary cross-entropy computed from logits, stable for any magnitude.

    .. math::
        L = \frac{1}{n} \sum_i \big[ \max(z_i, 0) - z_i y_i + \log(1 + e^{-|z_i|}) \big]

    which equals ``binary_cross_entropy(y_true, sigmoid(z))`` without clipping.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,) (or any shape)
        Targets in [0, 1].
    z : array_like of the shape of ``y_true``
        Logits (real numbers).

    Returns
    -------
    float
        The mean over all entries; matches
        ``torch.nn.functional.binary_cross_entropy_with_logits``.

    Raises
    ------
    ValueError
        On mismatched shapes, an empty input or targets outside [0, 1].

    Examples
    --------
    >>> round(binary_cross_entropy_with_logits([1, 0], [2.0, -1.0]), 6)
    0.220095
    >>> binary_cross_entropy_with_logits([1.0], [10000.0])
    0.0
    """
    y_true, z = _check_targets_and_predictions(y_true, z, "z")
    losses = np.maximum(z, 0.0) - z * y_true + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(losses))


def bernoulli_mle(x) -> float:
    r"""Maximum-likelihood estimate of a Bernoulli parameter: the fraction of ones.

    .. math:: \hat\theta = \frac{1}{n} \sum_i x_i, \qquad x_i \in \{0, 1\}

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        A sample of zeros and ones (or booleans).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``x`` is not 1-D, is empty, or holds a value other than 0 and 1.

    Examples
    --------
    >>> bernoulli_mle([1, 0, 1, 1])
    0.75
    """
    x = as_float_array(x, "x")
    if x.ndim != 1:
        raise ValueError(f"x must be 1-D; got x.ndim={x.ndim}")
    if x.size == 0:
        raise ValueError("x is empty; need at least one sample")
    not_binary = (x != 0.0) & (x != 1.0)
    if np.any(not_binary):
        index = int(np.flatnonzero(not_binary)[0])
        raise ValueError(f"x must hold only 0 and 1; found x[{index}]={float(x[index])!r}")
    return float(np.sum(x) / x.size)


def gaussian_mle(x) -> tuple[float, float]:
    r"""Maximum-likelihood estimates of a normal distribution's mean and variance.

    .. math:: \hat\mu = \frac{1}{n} \sum_i x_i, \qquad
              \hat\sigma^2 = \frac{1}{n} \sum_i (x_i - \hat\mu)^2

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        A real sample.

    Returns
    -------
    (mu, sigma2) : tuple of float
        The variance is the biased (``ddof=0``) one, which is the MLE.

    Raises
    ------
    ValueError
        If ``x`` is not 1-D or is empty.

    Examples
    --------
    >>> gaussian_mle([1.0, 2.0, 3.0, 4.0])
    (2.5, 1.25)
    """
    return mean(x), variance(x, ddof=0)
