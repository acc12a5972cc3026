# Wrong: does steps + 1 updates (range(steps + 1)), so the trajectory has one row too many.
import numpy as np


def gradient_descent(grad_fn, x0, learning_rate, steps):
    x = np.asarray(x0, dtype=float)
    points = [x]
    for _ in range(steps + 1):
        x = x - learning_rate * grad_fn(x)
        points.append(x)
    return np.stack(points)
