import numpy as np


def gradient_descent(grad_fn, x0, learning_rate, steps):
    """Run ``steps`` updates ``x <- x - learning_rate * grad_fn(x)`` from ``x0``.

    Returns the whole trajectory as a float64 array of shape ``(steps + 1, *x0.shape)``:
    row 0 is ``x0``, row ``t`` the point after ``t`` updates. ``x0`` is not modified.
    """
    raise NotImplementedError
