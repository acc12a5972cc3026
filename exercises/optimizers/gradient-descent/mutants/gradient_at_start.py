# Wrong: evaluates the gradient once at x0 and reuses it for every step.
import numpy as np


def gradient_descent(grad_fn, x0, learning_rate, steps):
    g = grad_fn(x0)
    x = np.asarray(x0, dtype=float)
    points = [x]
    for _ in range(steps):
        x = x - learning_rate * g
        points.append(x)
    return np.stack(points)
