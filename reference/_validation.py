"""Argument checks that every reference module shares, and torch thread pinning.

Private to ``reference``: the public functions validate their arguments with these, so each
rule is written once and every message names the argument the same way
("X must be a numeric array; got X=..."). Two conversions, with different contracts:

- :func:`as_float_array` converts anything NumPy can read as float64 (lists, strings of
  digits, object arrays of numbers); :func:`as_real_array` accepts only arrays whose dtype is
  already boolean, integer or floating (a string or complex array is an error, not a value).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np


def as_float_array(value, name: str) -> np.ndarray:
    """``value`` as a float64 array, or ``ValueError`` naming ``name`` when it is not numeric."""
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a numeric array; got {name}={value!r}") from exc


def as_real_array(value, name: str) -> np.ndarray:
    """``value`` as float64 (no copy when it already is), if its dtype is bool, int or float."""
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {array.dtype}")
    return array.astype(np.float64, copy=False)


def as_real_scalar(value, name: str) -> float:
    """``value`` as a Python float, if it is a real number (or an array holding one)."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a real number; got {name}={value!r}") from exc
    if array.size != 1:
        raise ValueError(f"{name} must be a real number; got an array of shape {array.shape}")
    return float(array.reshape(()))


def check_finite(array: np.ndarray, name: str) -> None:
    """``ValueError`` if ``array`` holds NaN or infinity."""
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite; it holds NaN or infinity")


def as_sample_matrix(value, name: str = "X", *, finite: bool = True) -> np.ndarray:
    """``value`` as a float64 ``(n_samples, n_features)`` array with at least one row
    (and only finite values unless ``finite=False``)."""
    X = as_float_array(value, name)
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D (n_samples, n_features); got {name}.shape={X.shape}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} has no rows; need at least one sample")
    if finite:
        check_finite(X, name)
    return X


def check_positive_real(value, name: str) -> float:
    """``value`` as a float, if it is a finite real number above 0 (not a bool)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ValueError(f"{name} must be a finite positive number; got {name}={value!r}")
    return float(value)


def check_count(value, name: str) -> int:
    """``value`` as an int, if it is an integer ``>= 0`` (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer; got {name}={value!r}")
    return int(value)


def check_positive_int(value, name: str) -> int:
    """``value`` as an int, if it is a Python or NumPy integer ``>= 1`` (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {name}={value!r}")
    return int(value)


def check_real_in(value, name: str, low: float = 0.0, high: float = math.inf) -> float:
    """``value`` as a float in ``[low, high)`` (or ``[low, inf)``), if it is a finite real."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}={value!r} must be a real number")
    value = float(value)
    if not (low <= value < high) or not math.isfinite(value):
        bound = f"[{low}, {high})" if math.isfinite(high) else f">= {low}"
        raise ValueError(f"{name}={value!r} must be finite and {bound}")
    return value


def check_int_at_least(value, name: str, minimum: int) -> int:
    """``value`` as an int, if it is an integer ``>= minimum`` (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name}={value!r} must be an integer >= {minimum}")
    return int(value)


@contextmanager
def single_cpu_thread(device) -> Iterator[None]:
    """Run torch CPU ops on one intra-op thread, restoring the caller's setting after.

    The course's networks are tiny: on a machine shared with other work, torch's thread pool
    spends more time synchronising than computing (measured: 35 s with 2 threads against 3 s
    with one, on 2 busy cores), so one thread is both faster and far more predictable.
    """
    import torch

    if torch.device(device).type != "cpu":
        yield
        return
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
