"""Plain gradient descent: the trajectory of ``x -= learning_rate * grad_fn(x)``.

Curriculum module 8 (``optimizers``), exercise ``gradient-descent``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from reference._validation import as_real_array, check_int_at_least, check_real_in

__all__ = ["gradient_descent"]


def gradient_descent(
    grad_fn: Callable[[np.ndarray], np.ndarray],
    x0: np.ndarray,
    learning_rate: float,
    steps: int,
) -> np.ndarray:
    r"""Run plain gradient descent and return the whole trajectory.

    .. math::

        x_{t+1} = x_t - \eta \nabla f(x_t)

    Parameters
    ----------
    grad_fn : callable
        Maps a point (an array shaped like ``x0``) to the gradient there, same shape.
    x0 : array of any shape
        Starting point (a scalar is a 0-d array).
    learning_rate : float
        Step size ``eta >= 0``.
    steps : int
        Number of updates, ``steps >= 0``.

    Returns
    -------
    ndarray of shape (steps + 1, \*x0.shape)
        ``x_0, x_1, ..., x_steps``, float64.

    Notes
    -----
    ``grad_fn`` receives a copy of the current point, so it cannot alter the trajectory.

    Examples
    --------
    >>> gradient_descent(lambda x: 2 * x, np.array([1.0]), 0.25, 3).ravel().tolist()
    [1.0, 0.5, 0.25, 0.125]
    """
    if not callable(grad_fn):
        raise ValueError(f"grad_fn={grad_fn!r} must be callable")
    x0 = as_real_array(x0, "x0")
    learning_rate = check_real_in(learning_rate, "learning_rate")
    steps = check_int_at_least(steps, "steps", 0)
    trajectory = np.empty((steps + 1, *x0.shape), dtype=np.float64)
    trajectory[0] = x0
    for t in range(steps):
        grad = np.asarray(grad_fn(trajectory[t].copy()), dtype=np.float64)
        if grad.shape != x0.shape:
            raise ValueError(
                f"grad_fn returned shape {grad.shape}, expected {x0.shape} (the shape of x0)"
            )
        trajectory[t + 1] = trajectory[t] - learning_rate * grad
    return trajectory
