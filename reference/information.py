"""Information theory for discrete distributions: entropy, cross-entropy, KL divergence.

CURRICULUM module 1 (``math``, exercise ``entropy``). Distributions are 1-D arrays of
non-negative numbers summing to 1 (within rounding). Conventions shared by all three
functions: the natural logarithm unless ``base`` is given, ``0 * log 0 = 0`` (an outcome of
probability 0 under ``p`` contributes nothing), and ``+inf`` wherever ``q == 0 < p``.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["cross_entropy", "entropy", "kl_divergence"]

_SUM_TOLERANCE = 1e-9


def _as_distribution(p, name: str) -> np.ndarray:
    """Validate a discrete distribution and return it as float64, renormalised by its sum.

    The sum must be 1 within ``max(1e-9, n * eps)`` (``eps`` of the input's float type, so
    float32 probabilities pass too). Dividing by the sum, as ``scipy.stats.entropy`` does,
    removes that rounding so that results agree with SciPy to the last digits.
    """
    try:
        raw = np.asarray(p)
        values = raw.astype(np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of probabilities; got {p!r}") from exc
    if values.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got {name}.ndim={values.ndim}")
    if values.size == 0:
        raise ValueError(f"{name} is empty; a distribution needs at least one outcome")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must be finite; it holds NaN or infinity")
    if np.any(values < 0):
        index = int(np.flatnonzero(values < 0)[0])
        raise ValueError(
            f"{name} must be non-negative; found {name}[{index}]={float(values[index])!r}"
        )
    eps = np.finfo(raw.dtype).eps if np.issubdtype(raw.dtype, np.floating) else 0.0
    tolerance = max(_SUM_TOLERANCE, values.size * float(eps))
    total = float(np.sum(values))
    if abs(total - 1.0) > tolerance:
        raise ValueError(f"{name} must sum to 1; it sums to {total!r}")
    return values / total


def _pair(p, q) -> tuple[np.ndarray, np.ndarray]:
    p = _as_distribution(p, "p")
    q = _as_distribution(q, "q")
    if p.shape != q.shape:
        raise ValueError(
            f"p and q must have the same shape; got p.shape={p.shape}, q.shape={q.shape}"
        )
    return p, q


def _log_base(base) -> float:
    """``log(base)``, the divisor that converts nats to units of ``base`` (1.0 for ``None``)."""
    if base is None:
        return 1.0
    if (
        isinstance(base, bool)
        or not isinstance(base, numbers.Real)
        or not math.isfinite(base)
        or base <= 0
        or base == 1
    ):
        raise ValueError(
            f"base must be None or a finite positive number other than 1; got base={base!r}"
        )
    return math.log(base)


def entropy(p, base=None) -> float:
    r"""Shannon entropy of a discrete distribution.

    .. math:: H(p) = -\sum_i p_i \log p_i

    Parameters
    ----------
    p : array_like of shape (n_outcomes,)
        Non-negative, summing to 1.
    base : float, optional
        Logarithm base (2 for bits); natural logarithm (nats) when ``None``.

    Returns
    -------
    float
        Matches ``scipy.stats.entropy(p, base=base)``.

    Raises
    ------
    ValueError
        If ``p`` is not a 1-D distribution summing to 1, or ``base`` is not a positive
        number other than 1.

    Notes
    -----
    Terms with ``p_i = 0`` contribute 0 (the limit of ``x log x`` at 0).

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)
    1.0
    >>> round(entropy([0.25, 0.25, 0.5, 0.0]), 6)
    1.039721
    """
    p = _as_distribution(p, "p")
    divisor = _log_base(base)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(p), 0.0)
    return float(np.sum(terms) / divisor)


def cross_entropy(p, q, base=None) -> float:
    r"""Cross-entropy of a model distribution ``q`` relative to a true distribution ``p``.

    .. math:: H(p, q) = -\sum_i p_i \log q_i = H(p) + D_{\mathrm{KL}}(p \,\|\, q)

    Parameters
    ----------
    p : array_like of shape (n_outcomes,)
        The true distribution.
    q : array_like of shape (n_outcomes,)
        The model distribution.
    base : float, optional
        Logarithm base; natural logarithm when ``None``.

    Returns
    -------
    float
        ``+inf`` when some ``q_i == 0 < p_i``.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a 1-D distribution summing to 1, their shapes differ, or
        ``base`` is bad.

    Notes
    -----
    Terms with ``p_i = 0`` contribute 0, even where ``q_i = 0``.

    Examples
    --------
    >>> cross_entropy([0.5, 0.5], [0.25, 0.75], base=2) > entropy([0.5, 0.5], base=2)
    True
    >>> cross_entropy([1.0, 0.0], [0.0, 1.0])
    inf
    """
    p, q = _pair(p, q)
    divisor = _log_base(base)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, np.where(q > 0, -p * np.log(q), np.inf), 0.0)
    return float(np.sum(terms) / divisor)


def kl_divergence(p, q, base=None) -> float:
    r"""Kullback-Leibler divergence of ``q`` from ``p``.

    .. math:: D_{\mathrm{KL}}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i}

    Parameters
    ----------
    p : array_like of shape (n_outcomes,)
    q : array_like of shape (n_outcomes,)
    base : float, optional
        Logarithm base; natural logarithm when ``None``.

    Returns
    -------
    float
        Non-negative; ``+inf`` when some ``q_i == 0 < p_i``. Matches
        ``scipy.stats.entropy(p, q, base=base)``.

    Raises
    ------
    ValueError
        As :func:`cross_entropy`.

    Notes
    -----
    Each term ``p_i * log(p_i / q_i)`` is computed as SciPy's ``rel_entr`` computes it
    (exactly 0 when ``p_i == q_i``, accurate when the ratio is near 1 or overflows); terms
    with ``p_i = 0`` contribute 0.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1]), 6)
    0.510826
    """
    p, q = _pair(p, q)
    divisor = _log_base(base)
    return float(np.sum(_relative_entropy_terms(p, q)) / divisor)


def _relative_entropy_terms(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``p * log(p / q)`` per outcome, with 0 for ``p == 0`` and ``inf`` for ``q == 0 < p``.

    Computed as SciPy's ``rel_entr`` does: through ``log1p`` when the ratio is near 1 (so
    nearly equal probabilities keep their relative accuracy), through ``log p - log q``
    when the ratio overflows or underflows, and directly otherwise.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        ratio = p / q
        near_one = (ratio > 0.5) & (ratio < 2.0)
        representable = (ratio >= np.finfo(np.float64).tiny) & (ratio < np.inf)
        terms = np.where(
            near_one,
            p * np.log1p((p - q) / q),
            np.where(representable, p * np.log(ratio), p * (np.log(p) - np.log(q))),
        )
        return np.where(p > 0, np.where(q > 0, terms, np.inf), 0.0)
