# Wrong: the trajectory leaves out the starting point x0 (shape (steps, ...)).
import numpy as np


def gradient_descent(grad_fn, x0, learning_rate, steps):
    x = np.asarray(x0, dtype=float)
    points = []
    for _ in range(steps):
        x = x - learning_rate * grad_fn(x)
        points.append(x)
    return np.array(points)
